"""Staff work in the Django admin; the admin goes through the same services as everything else."""

import pytest
from django.urls import reverse

from dialogue.models import AgendaTopic, Comment, CommentReport, Idea
from portal.models import User
from tests.factories.dialogue import (
    AgendaTopicFactory,
    CommentFactory,
    CommentReportFactory,
    IdeaFactory,
    MeetingFactory,
    SupportFactory,
)
from tests.factories.portal import UserFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def admin_client(client):
    client.force_login(UserFactory(is_staff=True, is_superuser=True))
    return client


def _idea_form_data(idea: Idea, **changes) -> dict:
    data = {
        "title": idea.title,
        "description": idea.description,
        "proposer": idea.proposer.pk,
        "association": "",
        "status": idea.status,
        "staff_response": idea.staff_response,
        "towns-TOTAL_FORMS": "0",
        "towns-INITIAL_FORMS": "0",
        "towns-MIN_NUM_FORMS": "0",
        "towns-MAX_NUM_FORMS": "1000",
    }
    data.update(changes)
    return data


def test_staff_respond_to_an_idea_and_supporters_are_told(admin_client, django_capture_on_commit_callbacks, mailoutbox):
    idea = IdeaFactory()
    SupportFactory(idea=idea)
    url = reverse("admin:dialogue_idea_change", args=[idea.pk])
    with django_capture_on_commit_callbacks(execute=True):
        response = admin_client.post(
            url, _idea_form_data(idea, status=Idea.Status.IN_PROGRESS, staff_response="Vi går i gang.")
        )
    assert response.status_code == 302, response.content.decode()[:2000]
    idea.refresh_from_db()
    assert idea.status == Idea.Status.IN_PROGRESS
    assert idea.staff_response == "Vi går i gang."
    assert idea.responded_at is not None
    assert len(mailoutbox) == 2


def test_the_moderation_queue_lists_new_unanswered_ideas(admin_client):
    IdeaFactory(title="Ubesvaret")
    IdeaFactory(title="Besvaret", status=Idea.Status.REALISED)
    response = admin_client.get(reverse("admin:dialogue_idea_changelist"), {"queue": "new"})
    assert [idea.title for idea in response.context["cl"].result_list] == ["Ubesvaret"]


def test_the_moderation_queue_lists_reported_comments(admin_client):
    reported = CommentFactory(body="Anmeldt kommentar")
    CommentReportFactory(comment=reported)
    CommentFactory(body="Uskyldig kommentar")
    response = admin_client.get(reverse("admin:dialogue_comment_changelist"), {"queue": "review"})
    assert [comment.body for comment in response.context["cl"].result_list] == ["Anmeldt kommentar"]


def test_staff_keep_a_hidden_comment(admin_client):
    comment = CommentFactory(status=Comment.Status.HIDDEN)
    CommentReportFactory.create_batch(3, comment=comment)
    response = admin_client.post(
        reverse("admin:dialogue_comment_changelist"),
        {"action": "keep", "_selected_action": [comment.pk]},
    )
    assert response.status_code == 302
    comment.refresh_from_db()
    assert comment.status == Comment.Status.VISIBLE
    assert not CommentReport.objects.filter(resolved_at__isnull=True).exists()


def test_staff_accept_topics_from_the_list(admin_client, django_capture_on_commit_callbacks, mailoutbox):
    topic = AgendaTopicFactory()
    with django_capture_on_commit_callbacks(execute=True):
        admin_client.post(
            reverse("admin:dialogue_agendatopic_changelist"),
            {"action": "accept", "_selected_action": [topic.pk]},
        )
    topic.refresh_from_db()
    assert topic.status == AgendaTopic.Status.ACCEPTED
    assert topic.meeting.agenda_items.filter(topic=topic).exists()
    assert len(mailoutbox) == 1


def test_declining_in_the_admin_needs_a_reason(admin_client):
    topic = AgendaTopicFactory()
    url = reverse("admin:dialogue_agendatopic_change", args=[topic.pk])
    response = admin_client.post(url, {"status": AgendaTopic.Status.DECLINED, "decision_reason": ""})
    assert response.status_code == 200
    assert "Skriv en begrundelse til forslagsstilleren." in response.content.decode()
    topic.refresh_from_db()
    assert topic.status == AgendaTopic.Status.PROPOSED


def test_staff_decline_with_a_reason(admin_client, django_capture_on_commit_callbacks, mailoutbox):
    topic = AgendaTopicFactory()
    url = reverse("admin:dialogue_agendatopic_change", args=[topic.pk])
    with django_capture_on_commit_callbacks(execute=True):
        response = admin_client.post(url, {"status": AgendaTopic.Status.DECLINED, "decision_reason": "Ikke nu."})
    assert response.status_code == 302
    topic.refresh_from_db()
    assert topic.status == AgendaTopic.Status.DECLINED
    assert "Ikke nu." in mailoutbox[0].body


def test_the_admin_lists_render(admin_client):
    MeetingFactory()
    for name in ["idea", "comment", "forum", "meeting", "agendatopic", "inspirationentry"]:
        assert admin_client.get(reverse(f"admin:dialogue_{name}_changelist")).status_code == 200
        assert admin_client.get(reverse(f"admin:dialogue_{name}_add")).status_code in (200, 403)


def test_people_who_are_not_staff_cannot_use_the_admin(client):
    client.force_login(UserFactory())
    response = client.get(reverse("admin:dialogue_idea_changelist"))
    assert response.status_code == 302
    assert User.objects.count() == 1
