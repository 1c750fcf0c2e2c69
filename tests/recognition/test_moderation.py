"""Staff moderate stories in the admin; the author hears about every decision by mail."""

import pytest
from django.contrib.admin.helpers import ACTION_CHECKBOX_NAME
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import translation

from portal.models import Notification
from portal.services import notification_render
from recognition import services
from recognition.models import Story
from tests.factories.associations import CategoryFactory
from tests.factories.portal import UserFactory
from tests.factories.recognition import StoryFactory, image_bytes

pytestmark = pytest.mark.django_db

CHANGELIST = reverse("admin:recognition_story_changelist")


def submitted_story(**kwargs) -> Story:
    return StoryFactory(status=Story.Status.SUBMITTED, published_at=None, **kwargs)


def test_publishing_tells_the_author(django_capture_on_commit_callbacks, mailoutbox):
    story = submitted_story(title="Koret synger", author=UserFactory(preferred_language="da"))

    with django_capture_on_commit_callbacks(execute=True):
        services.story_publish(story=story)

    story.refresh_from_db()
    assert story.status == Story.Status.PUBLISHED
    assert story.published_at is not None
    assert len(mailoutbox) == 1
    mail = mailoutbox[0]
    assert mail.to == [story.author.email]
    assert "Koret synger" in mail.subject
    assert f"http://127.0.0.1:8000/historier/{story.slug}/" in mail.body


def test_sending_back_tells_the_author_what_to_change(django_capture_on_commit_callbacks, mailoutbox):
    story = submitted_story(author=UserFactory(preferred_language="en"))

    with django_capture_on_commit_callbacks(execute=True):
        services.story_send_back(story=story, comment="Please add who took the photo.")

    story.refresh_from_db()
    assert story.status == Story.Status.DRAFT
    assert story.moderation_comment == "Please add who took the photo."
    body = mailoutbox[0].body
    assert "Please add who took the photo." in body
    # The link goes to the edit page in the author's own language.
    assert f"/en/historier/{story.slug}/rediger/" in body
    assert "needs a few changes" in mailoutbox[0].subject


def test_rejecting_tells_the_author_why(django_capture_on_commit_callbacks, mailoutbox):
    story = submitted_story()

    with django_capture_on_commit_callbacks(execute=True):
        services.story_reject(story=story, reason="Historien handler ikke om frivillighed.")

    story.refresh_from_db()
    assert story.status == Story.Status.REJECTED
    assert "Historien handler ikke om frivillighed." in mailoutbox[0].body


def test_a_story_sent_back_twice_notifies_twice(django_capture_on_commit_callbacks, mailoutbox):
    story = submitted_story()

    with django_capture_on_commit_callbacks(execute=True):
        services.story_send_back(story=story, comment="Første runde")
    story.status = Story.Status.SUBMITTED
    story.save()
    with django_capture_on_commit_callbacks(execute=True):
        services.story_send_back(story=story, comment="Anden runde")

    assert len(mailoutbox) == 2


def test_sending_back_needs_a_comment():
    with pytest.raises(ValidationError):
        services.story_send_back(story=submitted_story(), comment="  ")
    assert not Notification.objects.exists()


def test_only_published_stories_can_be_featured():
    with pytest.raises(ValidationError):
        services.story_set_featured(story=submitted_story(), featured=True)


def test_an_author_cannot_submit_without_consent(user):
    with pytest.raises(ValidationError):
        services.story_save(author=user, title="T", teaser="T", body="B", consent_confirmed=False, submit=True)


# The admin


def test_staff_publish_from_the_admin(client, superuser, django_capture_on_commit_callbacks, mailoutbox):
    story = submitted_story()
    client.force_login(superuser)

    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(CHANGELIST, {"action": "publish", ACTION_CHECKBOX_NAME: [story.pk]})

    assert response.status_code == 302
    story.refresh_from_db()
    assert story.status == Story.Status.PUBLISHED
    assert len(mailoutbox) == 1


def test_staff_send_back_with_a_comment_from_the_admin(
    client, superuser, django_capture_on_commit_callbacks, mailoutbox
):
    story = submitted_story()
    client.force_login(superuser)

    form = client.post(CHANGELIST, {"action": "send_back", ACTION_CHECKBOX_NAME: [story.pk]})
    assert form.status_code == 200
    assert 'name="comment"' in form.content.decode()
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            CHANGELIST,
            {"action": "send_back", ACTION_CHECKBOX_NAME: [story.pk], "apply": "1", "comment": "Skriv lidt mere."},
        )

    assert response.status_code == 302
    story.refresh_from_db()
    assert story.status == Story.Status.DRAFT
    assert "Skriv lidt mere." in mailoutbox[0].body


def test_staff_reject_with_a_reason_from_the_admin(client, superuser):
    story = submitted_story()
    client.force_login(superuser)

    empty = client.post(CHANGELIST, {"action": "reject", ACTION_CHECKBOX_NAME: [story.pk], "apply": "1", "comment": ""})
    assert empty.status_code == 200  # The form asks for the reason again.
    client.post(CHANGELIST, {"action": "reject", ACTION_CHECKBOX_NAME: [story.pk], "apply": "1", "comment": "Reklame"})

    story.refresh_from_db()
    assert story.status == Story.Status.REJECTED
    assert story.moderation_comment == "Reklame"


def test_staff_write_and_feature_a_story_directly(client, superuser):
    categories = [CategoryFactory(slug="natur"), CategoryFactory(slug="kultur")]
    client.force_login(superuser)

    response = client.post(
        reverse("admin:recognition_story_add"),
        {
            "title": "Kommunens egen historie",
            "slug": "kommunens-egen-historie",
            "teaser": "Skrevet af redaktionen.",
            "body": "Tekst",
            "categories": [category.pk for category in categories],
            "towns-TOTAL_FORMS": "2",
            "towns-INITIAL_FORMS": "0",
            "towns-MIN_NUM_FORMS": "0",
            "towns-MAX_NUM_FORMS": "1000",
            "towns-0-town": "hornbaek",
            "towns-1-town": "kommune",
            "author": superuser.pk,
            "consent_confirmed": "on",
            "status": "published",
            "featured": "on",
            "moderation_comment": "",
            "images-TOTAL_FORMS": "0",
            "images-INITIAL_FORMS": "0",
            "images-MIN_NUM_FORMS": "0",
            "images-MAX_NUM_FORMS": "1000",
        },
    )

    assert response.status_code == 302, response.context["adminform"].form.errors
    story = Story.objects.get()
    assert story.is_published and story.featured and story.published_at is not None
    assert sorted(row.town for row in story.towns.all()) == ["hornbaek", "kommune"]
    assert set(story.categories.all()) == set(categories)


def test_people_who_are_not_staff_cannot_moderate(client, user):
    story = submitted_story()
    client.force_login(user)

    response = client.post(CHANGELIST, {"action": "publish", ACTION_CHECKBOX_NAME: [story.pk]})

    assert response.status_code == 302
    assert "/admin/login/" in response["Location"]
    story.refresh_from_db()
    assert story.status == Story.Status.SUBMITTED


def test_staff_without_the_permission_cannot_moderate(client, staff_user):
    story = submitted_story()
    client.force_login(staff_user)

    response = client.post(CHANGELIST, {"action": "publish", ACTION_CHECKBOX_NAME: [story.pk]})

    assert response.status_code == 403
    story.refresh_from_db()
    assert story.status == Story.Status.SUBMITTED


def test_notifications_render_in_danish():
    story = submitted_story(author=UserFactory(preferred_language="da"))
    services.story_publish(story=story)

    notification = Notification.objects.get()
    with translation.override("en"):
        subject, _ = notification_render(notification)
    assert "er udgivet" in subject


def test_the_status_of_an_existing_story_changes_only_through_the_actions(client, superuser):
    story = submitted_story()
    client.force_login(superuser)

    page = client.get(reverse("admin:recognition_story_change", args=[story.pk]))

    assert 'name="status"' not in page.content.decode()


def test_staff_must_confirm_consent_before_publishing_directly(client, superuser):
    client.force_login(superuser)

    response = client.post(
        reverse("admin:recognition_story_add"),
        {
            "title": "Uden samtykke",
            "slug": "uden-samtykke",
            "teaser": "T",
            "body": "B",
            "author": superuser.pk,
            "status": "published",
            "towns-TOTAL_FORMS": "0",
            "towns-INITIAL_FORMS": "0",
            "towns-MIN_NUM_FORMS": "0",
            "towns-MAX_NUM_FORMS": "1000",
            "images-TOTAL_FORMS": "0",
            "images-INITIAL_FORMS": "0",
            "images-MIN_NUM_FORMS": "0",
            "images-MAX_NUM_FORMS": "1000",
        },
    )

    assert response.status_code == 200
    assert response.context["adminform"].form.errors
    assert not Story.objects.exists()


def test_staff_add_a_picture_in_the_admin_and_it_is_scaled(client, superuser):
    story = StoryFactory()
    client.force_login(superuser)
    change = reverse("admin:recognition_story_change", args=[story.pk])
    picture = SimpleUploadedFile("stor.png", image_bytes(size=(3000, 2000)), content_type="image/png")

    response = client.post(
        change,
        {
            "title": story.title,
            "slug": story.slug,
            "teaser": story.teaser,
            "body": story.body,
            "towns-TOTAL_FORMS": "1",
            "towns-INITIAL_FORMS": "1",
            "towns-MIN_NUM_FORMS": "0",
            "towns-MAX_NUM_FORMS": "1000",
            "towns-0-id": story.towns.get().pk,
            "towns-0-story": story.pk,
            "towns-0-town": story.towns.get().town,
            "author": story.author.pk,
            "consent_confirmed": "on",
            "moderation_comment": "",
            "images-TOTAL_FORMS": "1",
            "images-INITIAL_FORMS": "0",
            "images-MIN_NUM_FORMS": "0",
            "images-MAX_NUM_FORMS": "1000",
            "images-0-upload": picture,
            "images-0-alt_text": "Et landskab",
            "images-0-caption": "",
            "images-0-position": "0",
        },
    )

    assert response.status_code == 302, [f.formset.errors for f in response.context["inline_admin_formsets"]]
    image = story.images.get()
    assert (image.width, image.height) == (1600, 1067)
    assert image.alt_text == "Et landskab"
