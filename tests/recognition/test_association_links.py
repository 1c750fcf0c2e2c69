"""Stories, nominations and thanks name associations on the portal, and link to their profiles."""

import datetime as dt
import io
import json
import re

import pytest
from django.core.exceptions import ValidationError
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone

from associations.models import Association, Town
from recognition import demo, selectors, services
from recognition.models import Nomination, Story, Thanks
from tests.factories.associations import AssociationFactory, CategoryFactory, MembershipFactory
from tests.factories.portal import UserFactory
from tests.factories.recognition import AwardRoundFactory, NominationFactory, StoryFactory, StoryImageFactory
from tests.recognition.conftest import count_queries
from tests.recognition.test_nominations import nomination_data
from tests.recognition.test_stories import story_data

pytestmark = pytest.mark.django_db

STORY_LIST = reverse("recognition:story-list")
STORY_CREATE = reverse("recognition:story-create")
THANKS_CREATE = reverse("recognition:thanks-create")


# Choosing associations for a story


def test_the_story_form_offers_only_approved_associations_with_your_own_first(client, user):
    theirs = AssociationFactory(name="Aarhus Atletik")
    own = AssociationFactory(name="Zebra Klubben")
    MembershipFactory(user=user, association=own)
    AssociationFactory(name="Afventende Forening", status=Association.Status.PENDING)
    AssociationFactory(name="Skjult Forening", status=Association.Status.HIDDEN)
    client.force_login(user)

    response = client.get(STORY_CREATE)

    choices = list(response.context["form"].fields["associations"].queryset)
    assert choices == [own, theirs]
    html = response.content.decode()
    assert "Zebra Klubben (din forening)" in html
    assert "Afventende Forening" not in html
    assert "Skjult Forening" not in html


def test_a_story_is_submitted_with_its_associations(client, user):
    first, second = AssociationFactory(), AssociationFactory()
    AssociationFactory()
    client.force_login(user)

    response = client.post(STORY_CREATE, {**story_data(), "associations": [first.pk, second.pk], "submit": "1"})

    assert response.status_code == 302
    assert set(Story.objects.get().associations.all()) == {first, second}


def test_an_association_that_is_not_approved_cannot_be_chosen(client, user):
    pending = AssociationFactory(status=Association.Status.PENDING)
    client.force_login(user)

    response = client.post(STORY_CREATE, {**story_data(), "associations": [pending.pk], "submit": "1"})

    assert response.status_code == 200
    assert response.context["form"].errors["associations"]
    assert "Lektiecaféen på biblioteket" in response.content.decode()
    assert not Story.objects.exists()
    with pytest.raises(ValidationError):
        services.story_save(
            author=user, title="Titel", teaser="Kort", body="Tekst", associations=[pending], consent_confirmed=True
        )


def test_editing_a_story_shows_and_changes_its_associations(client, user):
    kept, dropped, added = AssociationFactory(), AssociationFactory(), AssociationFactory()
    story = StoryFactory(author=user, status=Story.Status.DRAFT, published_at=None, associations=[kept, dropped])
    client.force_login(user)
    url = reverse("recognition:story-edit", kwargs={"slug": story.slug})

    assert set(client.get(url).context["form"].initial["associations"]) == {kept.pk, dropped.pk}
    client.post(url, {**story_data(), "associations": [kept.pk, added.pk]})

    assert set(story.associations.all()) == {kept, added}


# The story page and the list


def test_a_story_page_links_to_its_approved_associations(client):
    shown = AssociationFactory(name="Espergærde Spejderne", slug="espergaerde-spejderne")
    hidden = AssociationFactory(name="Skjult Forening", status=Association.Status.HIDDEN)
    story = StoryFactory(associations=[shown, hidden])

    response = client.get(story.get_absolute_url())

    html = response.content.decode()
    assert f'href="{shown.get_absolute_url()}"' in html
    assert f'href="{STORY_LIST}?forening=espergaerde-spejderne"' in html
    assert "Skjult Forening" not in html
    data = json.loads(re.search(r'<script type="application/ld\+json"[^>]*>(.*?)</script>', html, re.S).group(1))
    assert data["about"] == [
        {"@type": "Organization", "name": "Espergærde Spejderne", "url": f"http://testserver{shown.get_absolute_url()}"}
    ]


def test_the_story_list_filters_by_association(client):
    association = AssociationFactory(name="Helsingør Skakforening", slug="helsingoer-skakforening")
    about = StoryFactory(title="Om skak", associations=[association])
    StoryFactory(title="Om noget andet", associations=[AssociationFactory()])
    StoryFactory(title="Om ingen forening")
    StoryFactory(title="Skak-kladden", status=Story.Status.DRAFT, published_at=None, associations=[association])

    response = client.get(STORY_LIST, {"forening": "helsingoer-skakforening"})

    assert list(response.context["page_obj"]) == [about]
    html = response.content.decode()
    assert "Historier om Helsingør Skakforening" in html
    assert '<option value="helsingoer-skakforening" selected>' in html


@pytest.mark.parametrize("status", [Association.Status.PENDING, Association.Status.HIDDEN])
def test_the_story_list_ignores_an_unknown_or_unapproved_association(client, status):
    association = AssociationFactory(slug="ikke-godkendt", status=status)
    StoryFactory(associations=[association])
    StoryFactory()

    for slug in ("ikke-godkendt", "findes-ikke"):
        response = client.get(STORY_LIST, {"forening": slug})
        assert response.status_code == 200
        assert len(response.context["page_obj"]) == 2


def test_the_association_filter_lists_only_associations_with_published_stories(client):
    StoryFactory(associations=[AssociationFactory(name="Med Historie")])
    StoryFactory(status=Story.Status.DRAFT, published_at=None, associations=[AssociationFactory(name="Kun Kladde")])
    AssociationFactory(name="Uden Historie")

    html = client.get(STORY_LIST).content.decode()

    assert "Med Historie" in html
    assert "Kun Kladde" not in html
    assert "Uden Historie" not in html


def test_the_association_filter_escapes_names_and_marks_the_chosen_one(client):
    chosen = AssociationFactory(name='Kor & "Sang" <Hornbæk>', slug="kor-og-sang")
    StoryFactory(associations=[chosen])
    StoryFactory(associations=[AssociationFactory(name="Anden Forening", slug="anden-forening")])

    html = client.get(STORY_LIST, {"forening": "kor-og-sang"}).content.decode()

    assert '<option value="kor-og-sang" selected>Kor &amp; &quot;Sang&quot; &lt;Hornbæk&gt;</option>' in html
    assert '<option value="anden-forening">Anden Forening</option>' in html


def test_the_filtered_story_list_uses_a_constant_number_of_queries(client, django_assert_num_queries):
    association = AssociationFactory()

    def add(count: int) -> None:
        for _ in range(count):
            story = StoryFactory(associations=[association, AssociationFactory()])
            StoryImageFactory(story=story)

    add(3)
    url = f"{STORY_LIST}?forening={association.slug}"
    queries = count_queries(client, url)
    add(7)
    with django_assert_num_queries(queries):
        assert len(client.get(url).context["page_obj"]) == 10


# An association's stories, for its profile


def test_stories_for_association_are_its_newest_published_stories():
    association = AssociationFactory()
    now = timezone.now()
    older = StoryFactory(associations=[association], published_at=now - dt.timedelta(days=3))
    newer = StoryFactory(associations=[association], published_at=now - dt.timedelta(days=1))
    StoryFactory(associations=[association], published_at=now - dt.timedelta(days=9))
    StoryFactory(associations=[association], status=Story.Status.SUBMITTED, published_at=None)
    StoryFactory(associations=[AssociationFactory()])

    assert selectors.stories_for_association(association=association, limit=2) == [newer, older]


def test_stories_for_association_use_a_constant_number_of_queries(django_assert_num_queries):
    association = AssociationFactory()

    categories = [CategoryFactory(slug="natur"), CategoryFactory(slug="sport")]

    def add(count: int) -> None:
        for _ in range(count):
            story = StoryFactory(associations=[association], towns=[Town.HORNBAEK, Town.TIKOB], categories=categories)
            StoryImageFactory(story=story)

    add(3)
    with django_assert_num_queries(4):
        stories = selectors.stories_for_association(association=association, limit=20)
        html = render_to_string(
            "recognition/_association_stories.html", {"association": association, "stories": stories}
        )
    assert html.count('class="card story-card"') == 3
    add(7)
    with django_assert_num_queries(4):
        stories = selectors.stories_for_association(association=association, limit=20)
        html = render_to_string(
            "recognition/_association_stories.html", {"association": association, "stories": stories}
        )
    assert html.count('class="card story-card"') == 10


def test_the_association_stories_partial_links_to_all_its_stories():
    association = AssociationFactory(name="Snekkersten Roklub", slug="snekkersten-roklub")
    story = StoryFactory(title="Roerne på Øresund", associations=[association])

    html = render_to_string(
        "recognition/_association_stories.html",
        {"association": association, "stories": selectors.stories_for_association(association=association)},
    )

    assert story.get_absolute_url() in html
    assert f'href="{STORY_LIST}?forening=snekkersten-roklub"' in html
    assert "Alle historier om Snekkersten Roklub" in html


def test_the_association_stories_partial_shows_nothing_without_stories():
    association = AssociationFactory()

    html = render_to_string("recognition/_association_stories.html", {"association": association, "stories": []})

    assert html.strip() == ""


# Nominating an association


def test_an_association_on_the_portal_is_nominated(client, user, django_capture_on_commit_callbacks, mailoutbox):
    association = AssociationFactory(name="Hornbæk Sejlklub")
    award_round = AwardRoundFactory()
    client.force_login(user)

    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            reverse("recognition:nomination-create", args=[award_round.pk]),
            nomination_data(kind="association", association=association.pk, nominee_name="", nominee_email="a@b.dk"),
        )

    assert response.status_code == 302
    nomination = Nomination.objects.get()
    assert nomination.association == association
    assert nomination.kind == Nomination.Kind.ASSOCIATION
    assert nomination.nominee_name == "Hornbæk Sejlklub"
    assert len(mailoutbox) == 1


def test_nominating_your_own_association_counts_as_nominating_yourself(client):
    member = UserFactory()
    association = AssociationFactory(name="Helsingør Idrætsforening")
    MembershipFactory(user=member, association=association)
    award_round = AwardRoundFactory()
    client.force_login(member)

    response = client.post(
        reverse("recognition:nomination-create", args=[award_round.pk]),
        nomination_data(kind="association", association=association.pk, nominee_email="klub@example.org"),
    )

    assert response.status_code == 200
    assert response.context["form"].errors["association"] == [
        "Du er medlem af Helsingør Idrætsforening, så at indstille den er det samme som at indstille dig selv."
    ]
    assert not Nomination.objects.exists()
    with pytest.raises(ValidationError) as raised:
        services.nomination_create(
            round=award_round,
            nominated_by=member,
            association=association,
            **nomination_data(kind="association", nominee_email="klub@example.org"),
        )
    assert raised.value.code == "self_nomination"


def test_the_nomination_form_marks_your_own_associations_without_putting_them_first(client, user):
    other = AssociationFactory(name="Aarhus Atletik")
    own = AssociationFactory(name="Zebra Klubben")
    MembershipFactory(user=user, association=own)
    AssociationFactory(name="Afventende Forening", status=Association.Status.PENDING)
    client.force_login(user)

    response = client.get(reverse("recognition:nomination-create", args=[AwardRoundFactory().pk]))

    assert list(response.context["form"].fields["association"].queryset) == [other, own]
    html = response.content.decode()
    assert "Zebra Klubben (din forening)" in html
    assert "Afventende Forening" not in html


def test_an_association_chosen_for_a_person_nomination_is_explained(client, user):
    association = AssociationFactory()
    client.force_login(user)

    response = client.post(
        reverse("recognition:nomination-create", args=[AwardRoundFactory().pk]),
        nomination_data(kind="person", association=association.pk),
    )

    assert response.status_code == 200
    assert response.context["form"].errors["association"]
    assert not Nomination.objects.exists()


def test_a_pending_association_cannot_be_nominated(client, user):
    pending = AssociationFactory(status=Association.Status.PENDING)
    client.force_login(user)

    response = client.post(
        reverse("recognition:nomination-create", args=[AwardRoundFactory().pk]),
        nomination_data(kind="association", association=pending.pk),
    )

    assert response.context["form"].errors["association"]
    assert not Nomination.objects.exists()


def test_a_winning_association_links_to_its_profile(client):
    association = AssociationFactory(name="Espergærde Spejderne")
    winner = NominationFactory(
        kind=Nomination.Kind.ASSOCIATION,
        association=association,
        nominee_name="Espergærde Spejderne",
        consent=Nomination.Consent.ACCEPTED,
        shortlisted=True,
        winner=True,
    )
    winner.round.winners_published = True
    winner.round.save()

    html = client.get(reverse("recognition:award-list")).content.decode()

    assert f'<a href="{association.get_absolute_url()}">Espergærde Spejderne</a>' in html


# Thanking an association


def test_an_association_on_the_portal_is_thanked_and_linked(client, user):
    association = AssociationFactory(name="Besøgsvennerne i Helsingør")
    client.force_login(user)

    response = client.post(THANKS_CREATE, {"recipient": "", "association": association.pk, "message": "Tak!"})

    assert response.status_code == 302
    thanks = Thanks.objects.get()
    assert thanks.association == association
    assert thanks.recipient == "Besøgsvennerne i Helsingør"
    services.thanks_publish(thanks=thanks)
    html = client.get(reverse("recognition:thanks-list")).content.decode()
    assert f'href="{association.get_absolute_url()}"' in html


def test_a_thanks_needs_a_name_or_an_association(client, user):
    client.force_login(user)

    response = client.post(THANKS_CREATE, {"recipient": " ", "message": "Tak!"})

    assert response.context["form"].errors["recipient"] == ["Dette felt er påkrævet."]
    assert not Thanks.objects.exists()


def test_a_thanks_to_a_hidden_association_is_not_linked(client):
    association = AssociationFactory(name="Skjult Forening")
    thanks = services.thanks_create(author=UserFactory(), recipient="", message="Tak!", association=association)
    services.thanks_publish(thanks=thanks)
    Association.objects.filter(pk=association.pk).update(status=Association.Status.HIDDEN)

    html = client.get(reverse("recognition:thanks-list")).content.decode()

    assert "Til Skjult Forening" in html
    assert association.get_absolute_url() not in html


# Demo data


def test_demo_data_links_stories_to_associations_present_and_skips_the_rest():
    spejderne = AssociationFactory(slug="espergaerde-spejderne", name="Espergærde Spejderne")
    story = StoryFactory(title="Spejderne bygger bro i Espergærde")
    skipped = StoryFactory(title="Lektiecaféen hvor alle får hjælp")
    nomination = NominationFactory(nominee_name="Espergærde Spejderne", kind=Nomination.Kind.ASSOCIATION)

    for _ in range(2):
        demo._seed_association_links(io.StringIO())

    assert list(story.associations.all()) == [spejderne]
    assert not skipped.associations.exists()
    nomination.refresh_from_db()
    assert nomination.association == spejderne
