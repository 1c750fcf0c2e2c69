"""Public thanks: signed in, at most 500 characters, read by staff before shown, hidden after three reports."""

import pytest
from django.contrib.admin.helpers import ACTION_CHECKBOX_NAME
from django.urls import reverse

from portal import throttle
from recognition import services
from recognition.models import Thanks
from tests.factories.portal import UserFactory
from tests.factories.recognition import ThanksFactory, ThanksReportFactory
from tests.recognition.conftest import count_queries

pytestmark = pytest.mark.django_db

LIST = reverse("recognition:thanks-list")
CREATE = reverse("recognition:thanks-create")


def test_a_thanks_waits_for_moderation(client, user):
    client.force_login(user)

    response = client.post(CREATE, {"recipient": "Træner Jonas", "message": "Tak for i år!"})

    assert response.status_code == 302
    thanks = Thanks.objects.get()
    assert thanks.author == user
    assert thanks.status == Thanks.Status.PENDING
    assert "Tak for i år!" not in client.get(LIST).content.decode()


def test_a_published_thanks_is_shown_and_its_author_told(client, django_capture_on_commit_callbacks, mailoutbox):
    thanks = ThanksFactory(status=Thanks.Status.PENDING, published_at=None, message="Tak for sangen!")

    with django_capture_on_commit_callbacks(execute=True):
        services.thanks_publish(thanks=thanks)

    assert "Tak for sangen!" in client.get(LIST).content.decode()
    assert "Tak for sangen!" in client.get(reverse("recognition:award-list")).content.decode()
    assert mailoutbox[0].to == [thanks.author.email]


def test_a_thanks_may_be_at_most_500_characters(client, user):
    client.force_login(user)

    response = client.post(CREATE, {"recipient": "Jonas", "message": "t" * 501})

    assert response.status_code == 200
    assert response.context["form"].errors["message"]
    assert "t" * 501 in response.content.decode()
    assert not Thanks.objects.exists()
    client.post(CREATE, {"recipient": "Jonas", "message": "t" * 500})
    assert Thanks.objects.count() == 1


def test_the_form_explains_missing_fields(client, user):
    client.force_login(user)

    response = client.post(CREATE, {})

    assert set(response.context["form"].errors) == {"recipient", "message"}


def test_thanking_requires_signing_in(client):
    response = client.post(CREATE, {"recipient": "Jonas", "message": "Tak"})

    assert response.status_code == 302
    assert not Thanks.objects.exists()


def test_thanking_accepts_only_get_and_post(client, user):
    client.force_login(user)

    assert client.put(CREATE).status_code == 405


def test_three_reports_hide_a_thanks_until_staff_look(client):
    thanks = ThanksFactory(message="Tvivlsom tak")
    url = reverse("recognition:thanks-report", args=[thanks.pk])

    for number in range(3):
        client.force_login(UserFactory())
        response = client.post(url)
        assert response.status_code == 302
        thanks.refresh_from_db()
        assert thanks.status == (Thanks.Status.HIDDEN if number == 2 else Thanks.Status.PUBLISHED)

    assert "Tvivlsom tak" not in client.get(LIST).content.decode()


def test_one_person_reporting_many_times_counts_once(client, user):
    thanks = ThanksFactory()
    client.force_login(user)

    for _ in range(3):
        client.post(reverse("recognition:thanks-report", args=[thanks.pk]))

    thanks.refresh_from_db()
    assert thanks.status == Thanks.Status.PUBLISHED
    assert thanks.reports.count() == 1


def test_staff_restore_a_hidden_thanks_and_later_reports_do_not_hide_it_again(client, superuser):
    thanks = ThanksFactory()
    for _ in range(3):
        services.thanks_report(thanks=thanks, reporter=UserFactory())
    thanks.refresh_from_db()
    assert thanks.status == Thanks.Status.HIDDEN
    client.force_login(superuser)

    client.post(
        reverse("admin:recognition_thanks_changelist"), {"action": "publish", ACTION_CHECKBOX_NAME: [thanks.pk]}
    )
    services.thanks_report(thanks=thanks, reporter=UserFactory())

    thanks.refresh_from_db()
    assert thanks.status == Thanks.Status.PUBLISHED
    assert thanks.reports_reviewed


def test_staff_reject_a_thanks_in_the_admin(client, superuser):
    thanks = ThanksFactory(status=Thanks.Status.PENDING, published_at=None)
    client.force_login(superuser)

    client.post(reverse("admin:recognition_thanks_changelist"), {"action": "reject", ACTION_CHECKBOX_NAME: [thanks.pk]})

    thanks.refresh_from_db()
    assert thanks.status == Thanks.Status.REJECTED


def test_reporting_requires_signing_in(client):
    thanks = ThanksFactory()

    response = client.post(reverse("recognition:thanks-report", args=[thanks.pk]))

    assert response.status_code == 302
    assert not thanks.reports.exists()


def test_reporting_is_post_only(client, user):
    client.force_login(user)

    assert client.get(reverse("recognition:thanks-report", args=[ThanksFactory().pk])).status_code == 405


@pytest.mark.parametrize("status", [Thanks.Status.PENDING, Thanks.Status.HIDDEN, Thanks.Status.REJECTED])
def test_a_thanks_that_is_not_shown_cannot_be_reported(client, user, status):
    thanks = ThanksFactory(status=status)
    client.force_login(user)

    assert client.post(reverse("recognition:thanks-report", args=[thanks.pk])).status_code == 404
    assert not thanks.reports.exists()


def test_the_thanks_list_uses_a_constant_number_of_queries(client, user, django_assert_num_queries):
    client.force_login(user)
    ThanksFactory.create_batch(3)
    queries = count_queries(client, LIST)
    ThanksFactory.create_batch(7)
    ThanksReportFactory.create_batch(2)

    with django_assert_num_queries(queries):
        response = client.get(LIST)
    assert len(response.context["page_obj"]) == 12


def test_the_author_is_shown_by_first_name_and_never_by_email(client):
    ThanksFactory(author=UserFactory(full_name="Birgitte Borger"), recipient="Jonas")
    ThanksFactory(author=UserFactory(full_name="", email="hemmelig@example.org"), recipient="Karen")

    html = client.get(LIST).content.decode()

    assert "Til Jonas, fra Birgitte" in html
    assert "hemmelig@example.org" not in html
    assert "Til Karen" in html


def test_many_thanks_from_one_connection_are_refused_kindly(client, user):
    client.force_login(user)
    for number in range(throttle.PER_CLIENT):
        client.post(CREATE, {"recipient": "Træner Jonas", "message": f"Tak nummer {number}"})
    response = client.post(CREATE, {"recipient": "Træner Jonas", "message": "Tak nummer seks"})
    assert response.status_code == 429
    assert "Prøv igen senere" in response.text
    assert "Tak nummer seks" in response.text
    assert Thanks.objects.count() == throttle.PER_CLIENT
