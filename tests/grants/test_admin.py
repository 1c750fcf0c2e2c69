from decimal import Decimal

import pytest
from django.urls import reverse

from grants.models import Application
from tests.factories.grants import ApplicationFactory, BudgetLineFactory, RoundFactory
from tests.factories.portal import UserFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def admin_client(client):
    client.force_login(UserFactory(is_staff=True, is_superuser=True))
    return client


def test_staff_decide_and_the_applicant_is_told(admin_client, mailoutbox, django_capture_on_commit_callbacks):
    application = ApplicationFactory(status=Application.Status.UNDER_REVIEW, amount_requested=Decimal("10000"))
    BudgetLineFactory(application=application)
    url = reverse("admin:grants_application_decide", args=[application.pk])

    assert admin_client.get(url).status_code == 200
    with django_capture_on_commit_callbacks(execute=True):
        response = admin_client.post(
            url, {"outcome": "granted", "amount_granted": "10000", "reason": "Et flot projekt.", "decided_on": ""}
        )

    assert response.status_code == 302
    application.refresh_from_db()
    assert application.status == Application.Status.GRANTED
    assert len(mailoutbox) == 1


def test_a_decision_without_a_reason_is_refused(admin_client):
    application = ApplicationFactory(status=Application.Status.SUBMITTED)

    response = admin_client.post(
        reverse("admin:grants_application_decide", args=[application.pk]), {"outcome": "declined", "reason": ""}
    )

    assert response.status_code == 200
    application.refresh_from_db()
    assert application.status == Application.Status.SUBMITTED


def test_people_who_are_not_staff_cannot_decide(client, user):
    application = ApplicationFactory(status=Application.Status.SUBMITTED)
    client.force_login(user)

    response = client.post(
        reverse("admin:grants_application_decide", args=[application.pk]),
        {"outcome": "granted", "amount_granted": "1", "reason": "x"},
    )

    assert response.status_code == 302
    application.refresh_from_db()
    assert application.status == Application.Status.SUBMITTED


def test_the_review_page_and_lists_render(admin_client):
    application = ApplicationFactory(status=Application.Status.SUBMITTED)
    BudgetLineFactory(application=application)

    assert admin_client.get(reverse("admin:grants_application_change", args=[application.pk])).status_code == 200
    assert admin_client.get(reverse("admin:grants_application_changelist")).status_code == 200
    assert admin_client.get(reverse("admin:grants_grantscheme_change", args=[application.scheme.pk])).status_code == 200


def test_start_review_and_export_actions(admin_client):
    round_ = RoundFactory()
    submitted = ApplicationFactory(round=round_, status=Application.Status.SUBMITTED)
    ApplicationFactory(round=round_)
    changelist = reverse("admin:grants_application_changelist")

    admin_client.post(changelist, {"action": "start_review", "_selected_action": [submitted.pk]})
    submitted.refresh_from_db()
    export = admin_client.post(
        changelist + f"?round__id__exact={round_.pk}",
        {"action": "export_csv", "_selected_action": list(Application.objects.values_list("pk", flat=True))},
    )

    assert submitted.status == Application.Status.UNDER_REVIEW
    rows = export.content.decode("utf-8-sig").strip().splitlines()
    assert len(rows) == 2
    assert submitted.title in rows[1]


def test_a_rounds_applications_export_to_csv(admin_client):
    round_ = RoundFactory()
    ApplicationFactory(round=round_, status=Application.Status.SUBMITTED, title="Med i eksporten")
    ApplicationFactory(round=round_, title="Kladde, ikke med")
    ApplicationFactory(status=Application.Status.SUBMITTED, title="Anden runde")

    response = admin_client.post(
        reverse("admin:grants_round_changelist"), {"action": "export_csv", "_selected_action": [round_.pk]}
    )

    content = response.content.decode("utf-8-sig")
    assert "Med i eksporten" in content
    assert "Kladde, ikke med" not in content
    assert "Anden runde" not in content
    assert admin_client.get(reverse("admin:grants_round_changelist")).status_code == 200
