import datetime as dt

import pytest
from django.urls import reverse
from django.utils import timezone
from icalendar import Calendar

from grants.models import GrantScheme
from tests.factories.grants import (
    ApplicantKindFactory,
    DeclarationFactory,
    GrantSchemeFactory,
    PurposeFactory,
    RoundFactory,
    SchemeLinkFactory,
    TargetGroupFactory,
)
from tests.grants.queries import queries_of

pytestmark = pytest.mark.django_db


def _schemes(count: int) -> None:
    kind, purpose, group = ApplicantKindFactory(), PurposeFactory(), TargetGroupFactory()
    for _ in range(count):
        scheme = RoundFactory().scheme
        scheme.applicant_kinds.add(kind)
        scheme.purposes.add(purpose)
        scheme.target_groups.add(group)


def test_it_lists_open_schemes_first_with_days_left(client):
    closed = RoundFactory(
        opens_at=timezone.now() - dt.timedelta(days=60), deadline=timezone.now() - dt.timedelta(days=30)
    ).scheme
    # Noon five calendar days ahead: "5 days left" whatever the time of day the test runs.
    deadline = timezone.make_aware(dt.datetime.combine(timezone.localdate() + dt.timedelta(days=5), dt.time(12)))
    open_ = RoundFactory(deadline=deadline).scheme

    response = client.get(reverse("grants:scheme-list"))

    content = response.content.decode()
    assert response.status_code == 200
    assert content.index(open_.title_da) < content.index(closed.title_da)
    assert "5 dage tilbage" in content or "5 days left" in content


def test_it_hides_draft_and_archived_schemes(client):
    RoundFactory(scheme__status=GrantScheme.Status.DRAFT, scheme__title_da="Hemmelig kladde")
    RoundFactory(scheme__status=GrantScheme.Status.ARCHIVED, scheme__title_da="Gammel pulje")

    content = client.get(reverse("grants:scheme-list")).content.decode()

    assert "Hemmelig kladde" not in content
    assert "Gammel pulje" not in content
    assert client.get(reverse("grants:scheme-detail", kwargs={"slug": "pulje-0"})).status_code == 404


def test_it_filters_by_who_is_applying(client):
    individuals = ApplicantKindFactory(slug="privatperson")
    associations = ApplicantKindFactory(slug="forening")
    for_people = RoundFactory(scheme__title_da="Ildsjælepuljen").scheme
    for_people.applicant_kinds.add(individuals)
    for_clubs = RoundFactory(scheme__title_da="Foreningspuljen").scheme
    for_clubs.applicant_kinds.add(associations)

    content = client.get(reverse("grants:scheme-list"), {"hvem": "privatperson"}).content.decode()

    assert "Ildsjælepuljen" in content
    assert "Foreningspuljen" not in content


def test_it_filters_open_now(client):
    RoundFactory(scheme__title_da="Åben pulje")
    RoundFactory(
        scheme__title_da="Lukket pulje",
        opens_at=timezone.now() + dt.timedelta(days=10),
        deadline=timezone.now() + dt.timedelta(days=40),
    )

    content = client.get(reverse("grants:scheme-list"), {"aaben": "on"}).content.decode()

    assert "Åben pulje" in content
    assert "Lukket pulje" not in content


def test_the_list_runs_the_same_number_of_queries_for_3_and_10_schemes(client, django_assert_num_queries):
    _schemes(3)
    few = queries_of(lambda: client.get(reverse("grants:scheme-list")))
    _schemes(7)
    with django_assert_num_queries(few):
        response = client.get(reverse("grants:scheme-list"))
    assert response.content.decode().count('class="grant-card"') == 10


def test_the_detail_page_shows_who_what_how_much_when_how_and_next_in_that_order(client):
    round_ = RoundFactory(scheme__reporting_required=True)
    scheme = round_.scheme
    DeclarationFactory(scheme=scheme, text_da="Vi indhenter børneattester.")
    SchemeLinkFactory(scheme=scheme, title_da="Retningslinjer for puljen")

    response = client.get(scheme.get_absolute_url())

    content = response.content.decode()
    assert response.status_code == 200
    positions = [
        content.index(f'id="{anchor}-heading"') for anchor in ("who", "what", "how-much", "when", "how", "next")
    ]
    assert positions == sorted(positions)
    assert "Vi indhenter børneattester." in content
    assert "Retningslinjer for puljen" in content
    assert reverse("grants:scheme-calendar", kwargs={"slug": scheme.slug}) in content
    assert "application/ld+json" in content


def test_the_detail_page_is_in_english_under_en(client):
    scheme = RoundFactory(scheme__title_en="Pool for voluntary social work").scheme

    response = client.get(f"/en/tilskud/{scheme.slug}/")

    assert "Pool for voluntary social work" in response.content.decode()


def test_the_calendar_file_has_one_event_per_deadline(client):
    scheme = GrantSchemeFactory()
    first = RoundFactory(scheme=scheme)
    RoundFactory(
        scheme=scheme,
        opens_at=timezone.now() + dt.timedelta(days=100),
        deadline=timezone.now() + dt.timedelta(days=130),
    )
    RoundFactory(scheme=scheme, deadline=None)

    response = client.get(reverse("grants:scheme-calendar", kwargs={"slug": scheme.slug}))

    assert response["Content-Type"].startswith("text/calendar")
    events = Calendar.from_ical(response.content).walk("VEVENT")
    assert len(events) == 2
    assert events[0].decoded("dtstart") == first.deadline.replace(microsecond=0)


def test_the_calendar_of_all_deadlines_leaves_out_unpublished_schemes(client):
    RoundFactory(scheme__title_da="Synlig pulje")
    RoundFactory(scheme__title_da="Kladdepulje", scheme__status=GrantScheme.Status.DRAFT)

    response = client.get(reverse("grants:deadlines-calendar"))

    summaries = [str(event["summary"]) for event in Calendar.from_ical(response.content).walk("VEVENT")]
    assert summaries == ["Frist: Synlig pulje"]


def test_only_continuous_schemes_offer_no_reminders(client):
    scheme = RoundFactory(deadline=None).scheme

    content = client.get(scheme.get_absolute_url()).content.decode()

    assert reverse("grants:reminder-subscribe", kwargs={"slug": scheme.slug}) not in content


def test_the_home_page_block_shows_open_schemes_only(client):
    RoundFactory(scheme__title_da="Åben pulje")
    RoundFactory(
        scheme__title_da="Lukket pulje",
        opens_at=timezone.now() - dt.timedelta(days=30),
        deadline=timezone.now() - dt.timedelta(days=1),
    )

    html = client.get("/").text

    assert "Åben pulje" in html
    assert "Lukket pulje" not in html
