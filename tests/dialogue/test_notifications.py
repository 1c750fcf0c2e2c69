import pytest
from django.utils import translation

from dialogue import services
from dialogue.models import Idea
from portal.models import Notification, User
from portal.services import notifications_send_digests
from tests.factories.dialogue import AgendaTopicFactory, IdeaFactory, SupportFactory
from tests.factories.portal import UserFactory

pytestmark = pytest.mark.django_db


def test_a_status_change_tells_the_proposer_and_the_supporters(django_capture_on_commit_callbacks, mailoutbox):
    idea = IdeaFactory(title="Bænke ved stranden", proposer=UserFactory(email="ide@example.org"))
    SupportFactory(idea=idea, user=UserFactory(email="stoette@example.org"))
    with django_capture_on_commit_callbacks(execute=True):
        services.idea_respond(idea=idea, status=Idea.Status.IN_PROGRESS, response="Vi sætter bænke op i maj.")
    assert sorted(mail.to[0] for mail in mailoutbox) == ["ide@example.org", "stoette@example.org"]
    mail = next(m for m in mailoutbox if m.to == ["ide@example.org"])
    assert mail.subject == "Idéen “Bænke ved stranden” har nu status: I gang"
    assert "din idé" in mail.body
    assert "Vi sætter bænke op i maj." in mail.body
    assert f"/dialog/ideer/{idea.pk}/" in mail.body


def test_the_mail_is_in_the_recipients_language(django_capture_on_commit_callbacks, mailoutbox):
    idea = IdeaFactory(title="Benches", proposer=UserFactory(preferred_language="en"))
    with django_capture_on_commit_callbacks(execute=True):
        services.idea_respond(idea=idea, status=Idea.Status.REALISED, response="Done.")
    assert mailoutbox[0].subject == "The idea “Benches” is now: Realised"
    assert "/en/dialog/ideer/" in mailoutbox[0].body


def test_a_proposer_who_also_supports_is_told_once(django_capture_on_commit_callbacks, mailoutbox):
    idea = IdeaFactory()
    SupportFactory(idea=idea, user=idea.proposer)
    with django_capture_on_commit_callbacks(execute=True):
        services.idea_respond(idea=idea, status=Idea.Status.UNDER_CONSIDERATION, response="")
    assert len(mailoutbox) == 1


def test_each_status_change_is_told_once(django_capture_on_commit_callbacks, mailoutbox):
    idea = IdeaFactory()
    with django_capture_on_commit_callbacks(execute=True):
        services.idea_respond(idea=idea, status=Idea.Status.UNDER_CONSIDERATION, response="Vi kigger på det.")
        services.idea_respond(idea=idea, status=Idea.Status.UNDER_CONSIDERATION, response="Vi kigger på det.")
        # A corrected response without a new status is published but does not mail anyone again.
        services.idea_respond(idea=idea, status=Idea.Status.UNDER_CONSIDERATION, response="Vi kigger grundigt.")
    assert len(mailoutbox) == 1
    with django_capture_on_commit_callbacks(execute=True):
        services.idea_respond(idea=idea, status=Idea.Status.REALISED, response="Det er gjort.")
    assert len(mailoutbox) == 2
    idea.refresh_from_db()
    assert idea.staff_response == "Det er gjort."
    assert idea.responded_at is not None


def test_digest_readers_get_one_mail_a_day(django_capture_on_commit_callbacks, mailoutbox):
    """Someone who chose the daily digest gets nothing right away, then one mail covering every change."""
    reader = UserFactory(notification_delivery=User.Delivery.DIGEST)
    ideas = IdeaFactory.create_batch(3)
    for idea in ideas:
        SupportFactory(idea=idea, user=reader)
    with django_capture_on_commit_callbacks(execute=True):
        for idea in ideas:
            services.idea_respond(idea=idea, status=Idea.Status.IN_PROGRESS, response="")
            services.idea_respond(idea=idea, status=Idea.Status.REALISED, response="")
    assert reader.email not in [m.to[0] for m in mailoutbox]
    assert Notification.objects.filter(user=reader, digest=True, sent_at__isnull=True).count() == 6
    mailoutbox.clear()
    notifications_send_digests()
    to_reader = [m for m in mailoutbox if m.to == [reader.email]]
    assert len(to_reader) == 1
    assert "Realiseret" in to_reader[0].body


def test_accepting_a_topic_tells_the_proposer(django_capture_on_commit_callbacks, mailoutbox):
    topic = AgendaTopicFactory(title="Lys på stierne")
    with django_capture_on_commit_callbacks(execute=True):
        services.agenda_topic_accept(topic=topic)
    assert len(mailoutbox) == 1
    assert mailoutbox[0].to == [topic.proposer.email]
    assert mailoutbox[0].subject == "Dit punkt “Lys på stierne” er kommet på dagsordenen"
    assert topic.meeting.forum.name_da in mailoutbox[0].body


def test_declining_a_topic_tells_the_proposer_why(django_capture_on_commit_callbacks, mailoutbox):
    topic = AgendaTopicFactory(title="Lys på stierne", proposer=UserFactory(preferred_language="en"))
    topic.meeting.forum.name_en = "The Volunteer Council"
    topic.meeting.forum.save()
    with django_capture_on_commit_callbacks(execute=True):
        services.agenda_topic_decline(topic=topic, reason="Teknik- og Miljøudvalget tager det op.")
    assert mailoutbox[0].subject == "Your topic “Lys på stierne” will not be on the agenda"
    assert "Teknik- og Miljøudvalget tager det op." in mailoutbox[0].body
    assert "The Volunteer Council" in mailoutbox[0].body
    assert translation.get_language() == "da"


def test_meeting_times_in_mails_are_local_time(django_capture_on_commit_callbacks, mailoutbox):
    import datetime as dt

    from tests.factories.dialogue import MeetingFactory

    # 16:00 UTC on a winter day is 17:00 in Copenhagen.
    starts = dt.datetime(2030, 1, 15, 16, 0, tzinfo=dt.UTC)
    meeting = MeetingFactory(starts_at=starts, topic_deadline=starts - dt.timedelta(days=1))
    topic = AgendaTopicFactory(meeting=meeting)
    with django_capture_on_commit_callbacks(execute=True):
        services.agenda_topic_accept(topic=topic)
    assert "15. januar 2030 kl. 17:00" in mailoutbox[0].body


def test_deactivated_accounts_are_not_told(django_capture_on_commit_callbacks, mailoutbox):
    idea = IdeaFactory(proposer=UserFactory(is_active=False))
    SupportFactory(idea=idea, user=UserFactory(is_active=False))
    SupportFactory(idea=idea, user=UserFactory(email="aktiv@example.org"))
    with django_capture_on_commit_callbacks(execute=True):
        services.idea_respond(idea=idea, status=Idea.Status.REALISED, response="")
    assert [mail.to for mail in mailoutbox] == [["aktiv@example.org"]]
