import datetime as dt

import pytest
from django.urls import reverse
from django.utils import timezone

from dialogue import services
from dialogue.models import Comment, CommentReport
from tests.factories.dialogue import CommentFactory, IdeaFactory
from tests.factories.portal import UserFactory

pytestmark = pytest.mark.django_db


def _edit_url(comment):
    return reverse("dialogue:comment-edit", kwargs={"pk": comment.pk})


def _report_url(comment):
    return reverse("dialogue:comment-report", kwargs={"pk": comment.pk})


# Posting


def test_it_posts_a_comment(client, user):
    idea = IdeaFactory()
    client.force_login(user)
    response = client.post(reverse("dialogue:comment-create", kwargs={"pk": idea.pk}), {"body": "Godt tænkt!"})
    comment = Comment.objects.get()
    assert response.status_code == 302
    assert response["Location"].endswith(f"#comment-{comment.pk}")
    assert comment.author == user
    assert "Godt tænkt!" in client.get(idea.get_absolute_url()).content.decode()


def test_an_empty_comment_gets_a_message(client, user):
    idea = IdeaFactory()
    client.force_login(user)
    response = client.post(reverse("dialogue:comment-create", kwargs={"pk": idea.pk}), {"body": "  "})
    assert response.status_code == 400
    assert "Formularen indeholder fejl" in response.content.decode()
    assert not Comment.objects.exists()


def test_posting_a_comment_requires_post(client, user):
    idea = IdeaFactory()
    client.force_login(user)
    assert client.get(reverse("dialogue:comment-create", kwargs={"pk": idea.pk})).status_code == 405


def test_posting_a_comment_requires_signing_in(client):
    idea = IdeaFactory()
    response = client.post(reverse("dialogue:comment-create", kwargs={"pk": idea.pk}), {"body": "Hej"})
    assert response.status_code == 302
    assert not Comment.objects.exists()


def test_comments_are_sanitised(client, user):
    comment = CommentFactory(body='<script>alert(1)</script><img src=x onerror="alert(2)"> [klik](javascript:alert(3))')
    content = client.get(comment.idea.get_absolute_url()).content.decode()
    assert "<script>alert(1)" not in content
    assert "onerror" not in content
    assert "javascript:" not in content


# The edit window


def test_the_author_edits_within_15_minutes(client, user):
    comment = CommentFactory(author=user, created_at=timezone.now() - dt.timedelta(minutes=14))
    client.force_login(user)
    assert client.get(_edit_url(comment)).status_code == 200
    response = client.post(_edit_url(comment), {"body": "Rettet tekst"})
    assert response.status_code == 302
    comment.refresh_from_db()
    assert comment.body == "Rettet tekst"
    assert comment.edited_at is not None


def test_the_author_cannot_edit_after_15_minutes(client, user):
    comment = CommentFactory(author=user, body="Original", created_at=timezone.now() - dt.timedelta(minutes=16))
    client.force_login(user)
    response = client.post(_edit_url(comment), {"body": "Sent rettelse"}, follow=True)
    assert "15 minutter" in response.content.decode()
    comment.refresh_from_db()
    assert comment.body == "Original"


def test_the_service_refuses_a_late_edit(user):
    comment = CommentFactory(author=user, created_at=timezone.now() - dt.timedelta(minutes=15, seconds=1))
    with pytest.raises(services.CommentNotEditable):
        services.comment_edit(comment=comment, user=user, body="For sent")


def test_the_edit_link_shows_only_to_the_author_within_the_window(client, user):
    mine = CommentFactory(author=user)
    old = CommentFactory(idea=mine.idea, author=user, created_at=timezone.now() - dt.timedelta(hours=1))
    client.force_login(user)
    content = client.get(mine.idea.get_absolute_url()).content.decode()
    assert _edit_url(mine) in content
    assert _edit_url(old) not in content


def test_other_people_cannot_edit_a_comment(client, user):
    comment = CommentFactory(body="Original")
    client.force_login(user)
    assert client.get(_edit_url(comment)).status_code == 404
    assert client.post(_edit_url(comment), {"body": "Hacket"}).status_code == 404
    comment.refresh_from_db()
    assert comment.body == "Original"


def test_editing_requires_signing_in(client):
    comment = CommentFactory(body="Original")
    response = client.post(_edit_url(comment), {"body": "Hacket"})
    assert response.status_code == 302
    assert reverse("account_login") in response["Location"]


def test_editing_allows_only_get_and_post(client, user):
    comment = CommentFactory(author=user)
    client.force_login(user)
    assert client.put(_edit_url(comment)).status_code == 405


# Reports


def test_it_reports_a_comment(client, user):
    comment = CommentFactory()
    client.force_login(user)
    assert client.get(_report_url(comment)).status_code == 200
    response = client.post(_report_url(comment), {"reason": "Personangreb"})
    assert response.status_code == 302
    report = CommentReport.objects.get()
    assert report.reporter == user
    assert report.reason == "Personangreb"
    comment.refresh_from_db()
    assert comment.status == Comment.Status.VISIBLE


def test_three_reports_from_different_people_hide_the_comment(client):
    comment = CommentFactory(body="Grimt sprog")
    for reporter in UserFactory.create_batch(3):
        services.comment_report(comment=comment, reporter=reporter)
    comment.refresh_from_db()
    assert comment.status == Comment.Status.HIDDEN
    assert "Grimt sprog" not in client.get(comment.idea.get_absolute_url()).content.decode()


def test_one_person_reporting_three_times_counts_once(client, user):
    comment = CommentFactory()
    client.force_login(user)
    for _ in range(3):
        client.post(_report_url(comment), {"reason": ""})
    assert CommentReport.objects.count() == 1
    comment.refresh_from_db()
    assert comment.status == Comment.Status.VISIBLE


def test_staff_keeping_a_comment_shows_it_again_and_restarts_the_count():
    comment = CommentFactory(body="Helt i orden")
    for reporter in UserFactory.create_batch(3):
        services.comment_report(comment=comment, reporter=reporter)
    services.comment_review(comment=comment, keep=True)
    comment.refresh_from_db()
    assert comment.status == Comment.Status.VISIBLE
    assert not CommentReport.objects.filter(resolved_at__isnull=True).exists()
    # Two new reports are not enough: the count starts again after the review.
    for reporter in UserFactory.create_batch(2):
        services.comment_report(comment=comment, reporter=reporter)
    comment.refresh_from_db()
    assert comment.status == Comment.Status.VISIBLE


def test_staff_removing_a_comment_keeps_it_hidden():
    comment = CommentFactory()
    services.comment_review(comment=comment, keep=False)
    comment.refresh_from_db()
    assert comment.status == Comment.Status.REMOVED


def test_people_cannot_report_their_own_comment(client, user):
    comment = CommentFactory(author=user)
    client.force_login(user)
    assert client.post(_report_url(comment), {"reason": ""}).status_code == 404
    assert not CommentReport.objects.exists()


def test_a_hidden_comment_cannot_be_reported(client, user):
    comment = CommentFactory(status=Comment.Status.HIDDEN)
    client.force_login(user)
    assert client.post(_report_url(comment), {"reason": ""}).status_code == 404


def test_reporting_requires_signing_in(client):
    comment = CommentFactory()
    response = client.post(_report_url(comment), {"reason": ""})
    assert response.status_code == 302
    assert not CommentReport.objects.exists()


def test_reporting_allows_only_get_and_post(client, user):
    comment = CommentFactory()
    client.force_login(user)
    assert client.delete(_report_url(comment)).status_code == 405


@pytest.mark.postgres
@pytest.mark.django_db(transaction=True)
def test_concurrent_reports_still_hide_the_comment():
    """Three people reporting at the same moment: the row lock makes them count one after another."""
    import threading

    from django.db import connection

    comment = CommentFactory()
    reporters = UserFactory.create_batch(3)
    barrier = threading.Barrier(3)
    errors: list[BaseException] = []

    def report(reporter):
        try:
            barrier.wait()
            services.comment_report(comment=comment, reporter=reporter)
        except BaseException as error:
            errors.append(error)
        finally:
            connection.close()

    threads = [threading.Thread(target=report, args=(reporter,)) for reporter in reporters]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert errors == []
    comment.refresh_from_db()
    assert comment.status == Comment.Status.HIDDEN
