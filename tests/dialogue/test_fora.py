import datetime as dt

import icalendar
import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from dialogue import services
from dialogue.models import AgendaTopic
from tests.factories.dialogue import (
    AgendaItemFactory,
    AgendaTopicFactory,
    ForumFactory,
    ForumMemberFactory,
    MeetingFactory,
)

pytestmark = pytest.mark.django_db


def _past_meeting(**kwargs):
    starts = timezone.now() - dt.timedelta(days=30)
    return MeetingFactory(starts_at=starts, topic_deadline=starts - dt.timedelta(days=7), **kwargs)


def _propose_url(meeting):
    return reverse("dialogue:topic-create", kwargs={"pk": meeting.pk})


# Pages


def test_the_forum_page_shows_members_meetings_and_minutes(client):
    forum = ForumFactory(name_da="Frivilligrådet", description_da="Rådet **mødes** fire gange om året.")
    ForumMemberFactory(forum=forum, name="Karen Jensen", role_da="Formand")
    upcoming = MeetingFactory(forum=forum, place="Kulturværftet")
    past = _past_meeting(forum=forum, minutes="Rådet drøftede *lokaler*.")
    content = client.get(forum.get_absolute_url()).content.decode()
    assert "Karen Jensen" in content and "Formand" in content
    assert "<strong>mødes</strong>" in content
    assert upcoming.get_absolute_url() in content
    assert past.get_absolute_url() in content
    assert "Referat foreligger" in content
    assert "<em>lokaler</em>" in client.get(past.get_absolute_url()).content.decode()


def test_the_forum_page_is_in_english_when_asked(client):
    forum = ForumFactory(name_da="Frivilligrådet", name_en="The Volunteer Council")
    ForumMemberFactory(forum=forum, role_da="Formand", role_en="Chair")
    content = client.get(f"/en{forum.get_absolute_url()}").content.decode()
    assert "The Volunteer Council" in content
    assert "Chair" in content


def test_the_meeting_page_shows_the_agenda(client):
    meeting = MeetingFactory()
    AgendaItemFactory(meeting=meeting, title="Godkendelse af dagsorden", position=1)
    topic = AgendaTopicFactory(meeting=meeting, title="Haller om aftenen")
    services.agenda_topic_accept(topic=topic)
    declined = AgendaTopicFactory(meeting=meeting, title="Afvist emne")
    services.agenda_topic_decline(topic=declined, reason="Hører til et andet forum.")
    AgendaTopicFactory(meeting=meeting, title="Ikke besluttet")
    content = client.get(meeting.get_absolute_url()).content.decode()
    assert "Godkendelse af dagsorden" in content
    assert "Haller om aftenen" in content
    assert "Afvist emne" not in content
    assert "Ikke besluttet" not in content


def test_the_proposer_sees_what_became_of_their_proposals(client, user):
    meeting = MeetingFactory()
    declined = AgendaTopicFactory(meeting=meeting, proposer=user, title="Mit forslag")
    services.agenda_topic_decline(topic=declined, reason="Hører til et andet forum.")
    client.force_login(user)
    content = client.get(meeting.get_absolute_url()).content.decode()
    assert "Mit forslag" in content
    assert "Hører til et andet forum." in content


def test_the_forum_list_runs_a_constant_number_of_queries(client, django_assert_num_queries):
    def forums(count):
        for forum in ForumFactory.create_batch(count):
            ForumMemberFactory.create_batch(2, forum=forum)
            MeetingFactory(forum=forum)

    forums(3)
    client.get(reverse("dialogue:forum-list"))
    with CaptureQueriesContext(connection) as three:
        client.get(reverse("dialogue:forum-list"))
    forums(7)
    with django_assert_num_queries(len(three)):
        client.get(reverse("dialogue:forum-list"))


def test_the_forum_page_runs_a_constant_number_of_queries(client, django_assert_num_queries):
    forum = ForumFactory()

    def meetings(count):
        for _ in range(count):
            AgendaItemFactory(meeting=MeetingFactory(forum=forum))
            AgendaItemFactory(meeting=_past_meeting(forum=forum))
            ForumMemberFactory(forum=forum)

    meetings(3)
    client.get(forum.get_absolute_url())
    with CaptureQueriesContext(connection) as three:
        client.get(forum.get_absolute_url())
    meetings(7)
    with django_assert_num_queries(len(three)):
        client.get(forum.get_absolute_url())


# Proposing topics


def test_it_proposes_a_topic_before_the_deadline(client, user):
    meeting = MeetingFactory()
    client.force_login(user)
    assert client.get(_propose_url(meeting)).status_code == 200
    response = client.post(_propose_url(meeting), {"title": "Haller om aftenen", "description": "Vi mangler tider."})
    assert response.status_code == 302
    topic = AgendaTopic.objects.get()
    assert topic.proposer == user
    assert topic.status == AgendaTopic.Status.PROPOSED


def test_it_refuses_topics_after_the_deadline(client, user):
    meeting = MeetingFactory(
        starts_at=timezone.now() + dt.timedelta(days=2), topic_deadline=timezone.now() - dt.timedelta(minutes=1)
    )
    client.force_login(user)
    response = client.post(_propose_url(meeting), {"title": "For sent", "description": "Tekst"}, follow=True)
    assert "Fristen for at foreslå punkter til dette møde er overskredet." in response.content.decode()
    assert not AgendaTopic.objects.exists()


def test_the_service_refuses_topics_after_the_deadline(user):
    meeting = MeetingFactory(
        starts_at=timezone.now() + dt.timedelta(days=2), topic_deadline=timezone.now() - dt.timedelta(seconds=1)
    )
    with pytest.raises(services.TopicDeadlinePassed):
        services.agenda_topic_propose(meeting=meeting, proposer=user, title="T", description="D")


def test_the_deadline_passing_while_typing_keeps_the_text(client, user, monkeypatch):
    meeting = MeetingFactory()
    client.force_login(user)

    def too_late(**kwargs):
        raise services.TopicDeadlinePassed("Fristen er overskredet.")

    monkeypatch.setattr(services, "agenda_topic_propose", too_late)
    response = client.post(_propose_url(meeting), {"title": "Mit emne", "description": "Min lange tekst"})
    assert response.status_code == 200
    assert "Min lange tekst" in response.content.decode()


def test_proposing_a_topic_requires_signing_in(client):
    meeting = MeetingFactory()
    response = client.post(_propose_url(meeting), {"title": "T", "description": "D"})
    assert response.status_code == 302
    assert reverse("account_login") in response["Location"]
    assert not AgendaTopic.objects.exists()


def test_proposing_a_topic_allows_only_get_and_post(client, user):
    client.force_login(user)
    assert client.put(_propose_url(MeetingFactory())).status_code == 405


def test_proposing_for_an_unknown_meeting_is_not_found(client, user):
    client.force_login(user)
    assert client.post(reverse("dialogue:topic-create", kwargs={"pk": 999999}), {}).status_code == 404


def test_a_topic_is_decided_only_once():
    topic = AgendaTopicFactory()
    services.agenda_topic_accept(topic=topic)
    with pytest.raises(services.TopicAlreadyDecided):
        services.agenda_topic_decline(topic=topic, reason="Alligevel ikke")
    assert topic.meeting.agenda_items.count() == 1


def test_declining_needs_a_reason():
    from django.core.exceptions import ValidationError

    topic = AgendaTopicFactory()
    with pytest.raises(ValidationError):
        services.agenda_topic_decline(topic=topic, reason=" ")


# The calendar feed


def test_the_feed_lists_upcoming_meetings(client):
    forum = ForumFactory(name_da="Idræts- og Fritidsforum")
    upcoming = MeetingFactory(forum=forum, place="Rådhuset")
    AgendaItemFactory(meeting=upcoming, title="Budget 2027")
    _past_meeting(forum=forum)
    response = client.get(reverse("dialogue:meeting-feed"))
    assert response["Content-Type"].startswith("text/calendar")
    calendar = icalendar.Calendar.from_ical(response.content)
    events = list(calendar.walk("VEVENT"))
    assert len(events) == 1
    event = events[0]
    assert str(event["summary"]) == "Idræts- og Fritidsforum"
    assert str(event["location"]) == "Rådhuset"
    assert event.decoded("dtstart") == upcoming.starts_at.replace(microsecond=0)
    assert "Budget 2027" in str(event["description"])
    assert str(event["url"]).endswith(upcoming.get_absolute_url())


def test_the_feed_runs_a_constant_number_of_queries(client, django_assert_num_queries):
    def meetings(count):
        for meeting in MeetingFactory.create_batch(count):
            AgendaItemFactory.create_batch(2, meeting=meeting)

    meetings(3)
    with CaptureQueriesContext(connection) as three:
        client.get(reverse("dialogue:meeting-feed"))
    meetings(7)
    with django_assert_num_queries(len(three)):
        client.get(reverse("dialogue:meeting-feed"))


def test_each_forum_has_its_own_feed(client):
    mine = MeetingFactory(place="Hornbæk Bibliotek")
    MeetingFactory(place="Et andet forum")
    response = client.get(reverse("dialogue:forum-meeting-feed", kwargs={"slug": mine.forum.slug}))
    events = list(icalendar.Calendar.from_ical(response.content).walk("VEVENT"))
    assert [str(event["location"]) for event in events] == ["Hornbæk Bibliotek"]


def test_the_meeting_page_describes_the_event_for_search_engines(client):
    import json
    import re

    meeting = MeetingFactory(place="Rådhuset")
    content = client.get(meeting.get_absolute_url()).content.decode()
    data = json.loads(re.search(r'<script type="application/ld\+json"[^>]*>(.*?)</script>', content, re.S).group(1))
    assert data["@type"] == "Event"
    assert data["location"]["name"] == "Rådhuset"


def test_a_topic_cannot_be_proposed_for_someone_elses_association(client, member):
    from associations.models import Association

    other = Association.objects.create(name="Andre", slug="andre", status="approved")
    meeting = MeetingFactory()
    client.force_login(member)
    response = client.post(
        _propose_url(meeting), {"title": "Emne", "description": "Min tekst", "association": other.pk}
    )
    assert response.status_code == 200
    assert "Min tekst" in response.content.decode()
    assert not AgendaTopic.objects.exists()


def test_a_member_proposes_for_their_association(client, member, association):
    meeting = MeetingFactory()
    client.force_login(member)
    client.post(_propose_url(meeting), {"title": "Emne", "description": "Tekst", "association": association.pk})
    assert AgendaTopic.objects.get().association == association


def test_an_empty_proposal_gets_clear_messages(client, user):
    meeting = MeetingFactory()
    client.force_login(user)
    response = client.post(_propose_url(meeting), {"title": "", "description": ""})
    assert response.status_code == 200
    assert response.context["form"].errors == {
        "title": ["Dette felt er påkrævet."],
        "description": ["Dette felt er påkrævet."],
    }
