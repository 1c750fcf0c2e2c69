"""Nominations: the nominee must agree by mail before the jury sees anything, and nobody nominates themselves."""

import datetime as dt
import re

import pytest
from django.contrib.admin.helpers import ACTION_CHECKBOX_NAME
from django.core import signing
from django.core.exceptions import ValidationError
from django.db import IntegrityError
from django.urls import reverse
from django.utils import timezone

from portal import throttle
from recognition import services
from recognition.models import Nomination
from tests.factories.portal import UserFactory
from tests.factories.recognition import AwardRoundFactory, NominationFactory, StoryFactory
from tests.recognition.conftest import count_queries

pytestmark = pytest.mark.django_db


def nomination_data(**overrides) -> dict:
    return {
        "kind": "person",
        "nominee_name": "Inge Hansen",
        "nominee_email": "inge@example.org",
        "reason": "Inge har besøgt ældre hver uge i femten år.",
        **overrides,
    }


def consent_link(mail) -> str:
    return re.search(r"http://127\.0\.0\.1:8000(/\S*samtykke/\S+/)", mail.body).group(1)


def test_a_nomination_asks_the_nominee_by_mail(client, user, django_capture_on_commit_callbacks, mailoutbox):
    award_round = AwardRoundFactory(award__name_da="Frivilligprisen")
    client.force_login(user)

    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(reverse("recognition:nomination-create", args=[award_round.pk]), nomination_data())

    assert response.status_code == 302
    nomination = Nomination.objects.get()
    assert nomination.nominated_by == user
    assert nomination.consent == Nomination.Consent.PENDING
    assert mailoutbox[0].to == ["inge@example.org"]
    assert "Frivilligprisen" in mailoutbox[0].subject
    assert "Inge har besøgt ældre" in mailoutbox[0].body
    assert consent_link(mailoutbox[0])


def test_the_nominee_accepts_through_the_link(client, django_capture_on_commit_callbacks, mailoutbox):
    with django_capture_on_commit_callbacks(execute=True):
        nomination = services.nomination_create(
            round=AwardRoundFactory(), nominated_by=UserFactory(), **nomination_data()
        )
    link = consent_link(mailoutbox[0])

    page = client.get(link)
    assert page.status_code == 200
    assert "Inge har besøgt ældre" in page.content.decode()
    response = client.post(link, {"answer": "accept"})

    assert response.status_code == 302
    nomination.refresh_from_db()
    assert nomination.consent == Nomination.Consent.ACCEPTED
    assert nomination.consent_answered_at is not None


def test_the_nominee_declines_through_the_link(client, django_capture_on_commit_callbacks, mailoutbox):
    with django_capture_on_commit_callbacks(execute=True):
        nomination = services.nomination_create(
            round=AwardRoundFactory(), nominated_by=UserFactory(), **nomination_data()
        )

    client.post(consent_link(mailoutbox[0]), {"answer": "decline"})

    nomination.refresh_from_db()
    assert nomination.consent == Nomination.Consent.DECLINED
    with pytest.raises(ValidationError):
        services.nomination_shortlist(nomination=nomination)


def test_a_forged_or_altered_link_does_nothing(client):
    nomination = NominationFactory()
    token = services.nomination_consent_token(nomination)
    other = NominationFactory()
    forged = signing.dumps({"nomination": other.pk, "email": other.nominee_email}, salt="something-else")

    for bad in (token[:-2] + "xx", forged, "nonsense"):
        response = client.post(reverse("recognition:nomination-consent", args=[bad]), {"answer": "accept"})
        assert response.status_code == 404
    assert set(Nomination.objects.values_list("consent", flat=True)) == {Nomination.Consent.PENDING}


def test_a_link_stops_working_when_the_address_is_corrected(client):
    nomination = NominationFactory()
    token = services.nomination_consent_token(nomination)
    Nomination.objects.filter(pk=nomination.pk).update(nominee_email="rettet@example.org")

    assert client.get(reverse("recognition:nomination-consent", args=[token])).status_code == 404


def test_an_old_link_has_expired(client, monkeypatch):
    nomination = NominationFactory()
    token = services.nomination_consent_token(nomination)
    monkeypatch.setattr(services, "CONSENT_MAX_AGE", -1)

    assert client.get(reverse("recognition:nomination-consent", args=[token])).status_code == 404


def test_a_nominee_cannot_withdraw_once_the_jury_has_it(client):
    nomination = NominationFactory(consent=Nomination.Consent.ACCEPTED, shortlisted=True)
    link = reverse("recognition:nomination-consent", args=[services.nomination_consent_token(nomination)])

    client.post(link, {"answer": "decline"})

    nomination.refresh_from_db()
    assert nomination.consent == Nomination.Consent.ACCEPTED


def test_an_unknown_answer_is_refused(client):
    nomination = NominationFactory()
    link = reverse("recognition:nomination-consent", args=[services.nomination_consent_token(nomination)])

    assert client.post(link, {"answer": "maybe"}).status_code == 400


def test_nobody_nominates_themselves(client):
    person = UserFactory(email="mig@example.org")
    award_round = AwardRoundFactory()
    client.force_login(person)

    response = client.post(
        reverse("recognition:nomination-create", args=[award_round.pk]),
        nomination_data(nominee_email="MIG@example.org"),
    )

    assert response.status_code == 200
    assert response.context["form"].errors["nominee_email"]
    assert "Inge Hansen" in response.content.decode()
    assert not Nomination.objects.exists()
    with pytest.raises(ValidationError):
        services.nomination_create(
            round=award_round, nominated_by=person, **nomination_data(nominee_email="mig@example.org")
        )


def test_the_form_explains_missing_fields(client, user):
    client.force_login(user)

    response = client.post(reverse("recognition:nomination-create", args=[AwardRoundFactory().pk]), {})

    assert set(response.context["form"].errors) == {"kind", "nominee_name", "nominee_email", "reason"}


def test_a_closed_round_takes_no_nominations(client, user):
    today = timezone.localdate()
    closed = AwardRoundFactory(
        nominations_open=today - dt.timedelta(days=60),
        nominations_close=today - dt.timedelta(days=30),
        announced_on=today - dt.timedelta(days=10),
    )
    client.force_login(user)

    response = client.post(reverse("recognition:nomination-create", args=[closed.pk]), nomination_data())

    assert response.status_code == 404
    assert not Nomination.objects.exists()


def test_nominating_requires_signing_in(client):
    response = client.post(reverse("recognition:nomination-create", args=[AwardRoundFactory().pk]), nomination_data())

    assert response.status_code == 302
    assert not Nomination.objects.exists()


def test_the_database_refuses_a_jury_decision_without_consent():
    nomination = NominationFactory()
    nomination.shortlisted = True
    with pytest.raises(IntegrityError):
        nomination.save()


# The jury in the admin


def test_the_jury_shortlists_and_chooses_winners_in_the_admin(client, superuser):
    accepted = NominationFactory(consent=Nomination.Consent.ACCEPTED)
    pending = NominationFactory(round=accepted.round)
    changelist = reverse("admin:recognition_nomination_changelist")
    client.force_login(superuser)

    client.post(changelist, {"action": "shortlist", ACTION_CHECKBOX_NAME: [accepted.pk, pending.pk]})
    accepted.refresh_from_db()
    pending.refresh_from_db()
    assert accepted.shortlisted
    assert not pending.shortlisted

    client.post(changelist, {"action": "choose_winner", ACTION_CHECKBOX_NAME: [accepted.pk]})
    accepted.refresh_from_db()
    assert accepted.winner


def test_the_admin_lists_nominations_per_round_and_consent(client, superuser):
    accepted = NominationFactory(consent=Nomination.Consent.ACCEPTED, nominee_name="Accepteret Person")
    NominationFactory(round=accepted.round, nominee_name="Afventende Person")
    client.force_login(superuser)

    response = client.get(
        reverse("admin:recognition_nomination_changelist"),
        {"round__id__exact": accepted.round.pk, "consent": "accepted"},
    )

    html = response.content.decode()
    assert "Accepteret Person" in html
    assert "Afventende Person" not in html


# The public page


def test_winners_are_shown_once_published_with_their_story(client):
    story = StoryFactory(title="Inges historie")
    winner = NominationFactory(consent=Nomination.Consent.ACCEPTED, nominee_name="Inge Hansen")
    services.nomination_choose_winner(nomination=winner, story=story)
    NominationFactory(round=winner.round, consent=Nomination.Consent.ACCEPTED, shortlisted=True, nominee_name="Ole")

    before = client.get(reverse("recognition:award-list")).content.decode()
    assert "Inge Hansen" not in before
    services.award_round_publish_winners(round=winner.round)
    after = client.get(reverse("recognition:award-list")).content.decode()

    assert "Inge Hansen" in after
    assert story.get_absolute_url() in after
    assert "Ole" not in after


def test_past_rounds_stay_visible_on_the_award_page(client):
    past = NominationFactory(
        consent=Nomination.Consent.ACCEPTED, winner=True, shortlisted=True, nominee_name="Vinder Fra Sidst"
    )
    past.round.winners_published = True
    past.round.save()
    AwardRoundFactory(award=past.round.award)

    response = client.get(past.round.award.get_absolute_url())

    assert "Vinder Fra Sidst" in response.content.decode()
    assert len(response.context["award"].all_rounds) == 2


def test_the_award_pages_use_a_constant_number_of_queries(client, django_assert_num_queries):
    def add_award_with_winners():
        award_round = AwardRoundFactory(winners_published=True)
        for _ in range(2):
            NominationFactory(
                round=award_round,
                consent=Nomination.Consent.ACCEPTED,
                winner=True,
                shortlisted=True,
                story=StoryFactory(),
            )
        AwardRoundFactory(award=award_round.award)
        return award_round.award

    award = add_award_with_winners()
    list_queries = count_queries(client, reverse("recognition:award-list"))
    detail_queries = count_queries(client, award.get_absolute_url())
    for _ in range(3):
        add_award_with_winners()

    with django_assert_num_queries(list_queries):
        client.get(reverse("recognition:award-list"))
    with django_assert_num_queries(detail_queries):
        client.get(award.get_absolute_url())


def test_the_award_page_speaks_english_under_en(client):
    award_round = AwardRoundFactory(award__name_da="Frivilligprisen", award__name_en="The Volunteer Award")

    html = client.get("/en" + award_round.award.get_absolute_url()).content.decode()

    assert "The Volunteer Award" in html


def test_the_jury_sees_only_accepted_nominations_unless_asking_for_all(client, superuser):
    accepted = NominationFactory(consent=Nomination.Consent.ACCEPTED, nominee_name="Accepteret Person")
    NominationFactory(round=accepted.round, nominee_name="Afventende Person")
    client.force_login(superuser)
    changelist = reverse("admin:recognition_nomination_changelist")

    default = client.get(changelist).content.decode()
    everything = client.get(changelist, {"consent": "all"}).content.decode()

    assert "Accepteret Person" in default
    assert "Afventende Person" not in default
    assert "Afventende Person" in everything


def test_one_person_nominates_the_same_nominee_once_per_round(client, user, mailoutbox):
    award_round = AwardRoundFactory()
    client.force_login(user)
    url = reverse("recognition:nomination-create", args=[award_round.pk])

    client.post(url, nomination_data())
    response = client.post(url, nomination_data(nominee_email="INGE@example.org"))

    assert response.status_code == 200
    assert response.context["form"].non_field_errors()
    assert Nomination.objects.count() == 1


def test_one_person_makes_a_limited_number_of_nominations_per_round(user):
    award_round = AwardRoundFactory()
    for number in range(services.MAX_NOMINATIONS_PER_ROUND):
        services.nomination_create(
            round=award_round, nominated_by=user, **nomination_data(nominee_email=f"n{number}@example.org")
        )

    with pytest.raises(ValidationError) as error:
        services.nomination_create(
            round=award_round, nominated_by=user, **nomination_data(nominee_email="en-til@example.org")
        )

    assert error.value.code == "too_many"


def test_two_people_may_nominate_the_same_volunteer():
    award_round = AwardRoundFactory()

    services.nomination_create(round=award_round, nominated_by=UserFactory(), **nomination_data())
    services.nomination_create(round=award_round, nominated_by=UserFactory(), **nomination_data())

    assert Nomination.objects.count() == 2


def test_a_nominee_is_asked_at_most_once_a_day(client, user, django_capture_on_commit_callbacks, mailoutbox):
    client.force_login(user)
    first, second = AwardRoundFactory(), AwardRoundFactory()
    with django_capture_on_commit_callbacks(execute=True):
        client.post(reverse("recognition:nomination-create", args=[first.pk]), nomination_data())
        response = client.post(reverse("recognition:nomination-create", args=[second.pk]), nomination_data())
    assert response.status_code == 302
    assert Nomination.objects.count() == 2
    assert [m.to for m in mailoutbox] == [["inge@example.org"]]


def test_many_nominations_from_one_connection_are_refused_kindly(client, user, mailoutbox):
    client.force_login(user)
    url = reverse("recognition:nomination-create", args=[AwardRoundFactory().pk])
    for number in range(throttle.PER_CLIENT):
        client.post(url, nomination_data(nominee_name=f"Person {number}", nominee_email=f"p{number}@example.org"))
    response = client.post(url, nomination_data(nominee_name="Den sjette"))
    assert response.status_code == 429
    assert "Prøv igen senere" in response.text
    assert "Den sjette" in response.text
    assert not Nomination.objects.filter(nominee_name="Den sjette").exists()
