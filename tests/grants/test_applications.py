"""Online applications: draft, submit before the deadline, edit until review, withdraw, and who may see what."""

import datetime as dt
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils import timezone, translation

from grants import services
from grants.models import Application
from tests.factories.grants import ApplicationFactory, BudgetLineFactory, DeclarationFactory, RoundFactory
from tests.factories.portal import UserFactory
from tests.grants.queries import queries_of

pytestmark = pytest.mark.django_db


def form_data(**overrides) -> dict:
    data = {
        "applicant_type": "association",
        "organisation_name": "Hornbæk Seniorklub",
        "cvr": "87654321",
        "contact_name": "Grethe Hansen",
        "contact_email": "grethe@example.org",
        "contact_phone": "",
        "title": "Gåture for ensomme ældre",
        "description": "Ugentlige gåture langs Strandvejen med kaffe bagefter.",
        "target_group": "Ældre over 70",
        "period_start": "2027-05-01",
        "period_end": "2027-09-30",
        "amount_requested": "8000",
        "cofinancing": "1000",
        "budget-TOTAL_FORMS": "3",
        "budget-INITIAL_FORMS": "0",
        "budget-MIN_NUM_FORMS": "0",
        "budget-MAX_NUM_FORMS": "40",
        "budget-0-item": "Kaffe og kage",
        "budget-0-amount": "4000",
        "budget-1-item": "Transport",
        "budget-1-amount": "5000",
        "budget-2-item": "",
        "budget-2-amount": "",
    }
    data.update(overrides)
    return data


def complete_application(**kwargs) -> Application:
    application = ApplicationFactory(**kwargs)
    BudgetLineFactory(application=application, amount=Decimal("15000"))
    return application


# Creating and editing


def test_it_saves_a_draft_with_budget_lines(client, user):
    round_ = RoundFactory()
    client.force_login(user)

    response = client.post(reverse("grants:application-create", kwargs={"slug": round_.scheme.slug}), form_data())

    application = Application.objects.get()
    assert response.status_code == 302
    assert response["Location"] == application.get_absolute_url()
    assert application.status == Application.Status.DRAFT
    assert application.applicant == user
    assert application.round == round_
    assert [(line.item, line.amount) for line in application.budget_lines.all()] == [
        ("Kaffe og kage", Decimal("4000")),
        ("Transport", Decimal("5000")),
    ]
    assert application.budget_total == Decimal("9000")


def test_a_form_with_errors_keeps_what_was_typed(client, user):
    round_ = RoundFactory()
    client.force_login(user)

    response = client.post(
        reverse("grants:application-create", kwargs={"slug": round_.scheme.slug}),
        form_data(cvr="123", **{"budget-2-item": "Leje af bus"}),
    )

    content = response.content.decode()
    assert response.status_code == 400
    assert "Gåture for ensomme ældre" in content
    assert "Leje af bus" in content
    assert not Application.objects.exists()


def test_applying_requires_sign_in(client):
    round_ = RoundFactory()

    response = client.get(reverse("grants:application-create", kwargs={"slug": round_.scheme.slug}))

    assert response.status_code == 302
    assert "/accounts/login/" in response["Location"]


def test_a_closed_scheme_refuses_new_applications(client, user):
    round_ = RoundFactory(
        opens_at=timezone.now() - dt.timedelta(days=30), deadline=timezone.now() - dt.timedelta(minutes=1)
    )
    client.force_login(user)

    response = client.post(reverse("grants:application-create", kwargs={"slug": round_.scheme.slug}), form_data())

    assert response.status_code == 302
    assert not Application.objects.exists()


def test_it_edits_a_submitted_application_until_review_starts(client):
    application = complete_application(status=Application.Status.SUBMITTED)
    client.force_login(application.applicant)
    url = reverse("grants:application-edit", kwargs={"pk": application.pk})

    assert client.post(url, form_data(title="Nyt navn")).status_code == 302
    application.refresh_from_db()
    assert application.title == "Nyt navn"
    assert application.status == Application.Status.SUBMITTED

    services.application_start_review(application=application)
    response = client.post(url, form_data(title="For sent"))

    assert response.status_code == 302
    application.refresh_from_db()
    assert application.title == "Nyt navn"


def test_a_draft_cannot_be_changed_after_the_deadline():
    application = complete_application()
    later = application.round.deadline + dt.timedelta(seconds=1)

    with pytest.raises(ValidationError):
        services.application_update(
            application=application, user=application.applicant, fields={"title": "X"}, budget_lines=[], now=later
        )


# Submitting


def test_it_submits_before_the_deadline_and_mails_a_receipt(client, mailoutbox, django_capture_on_commit_callbacks):
    application = complete_application()
    client.force_login(application.applicant)

    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(reverse("grants:application-submit", kwargs={"pk": application.pk}))

    application.refresh_from_db()
    assert response.status_code == 302
    assert application.status == Application.Status.SUBMITTED
    assert application.submitted_at is not None
    [mail] = mailoutbox
    assert mail.to == [application.applicant.email]
    assert application.title in mail.subject


def test_it_refuses_to_submit_after_the_deadline():
    application = complete_application()

    with pytest.raises(ValidationError) as error:
        services.application_submit(
            application=application,
            user=application.applicant,
            now=application.round.deadline + dt.timedelta(seconds=1),
        )

    assert error.value.code == "late"
    application.refresh_from_db()
    assert application.status == Application.Status.DRAFT


def test_the_page_says_the_deadline_has_passed(client):
    application = complete_application()
    application.round.deadline = timezone.now() - dt.timedelta(minutes=1)
    application.round.opens_at = timezone.now() - dt.timedelta(days=10)
    application.round.save()
    client.force_login(application.applicant)

    content = client.get(application.get_absolute_url()).content.decode()

    assert reverse("grants:application-submit", kwargs={"pk": application.pk}) not in content


def test_it_lists_what_is_missing_before_submitting(client):
    application = ApplicationFactory(description="", amount_requested=None)
    DeclarationFactory(scheme=application.scheme)
    client.force_login(application.applicant)

    with translation.override("en"):
        missing = [str(item) for item in services.application_missing(application)]
    response = client.post(reverse("grants:application-submit", kwargs={"pk": application.pk}), follow=True)

    assert missing == [
        "Describe the project.",
        "Add at least one budget line.",
        "State the amount you apply for.",
        "Tick every declaration the scheme requires.",
    ]
    application.refresh_from_db()
    assert application.status == Application.Status.DRAFT
    assert response.status_code == 200


def test_declarations_must_be_ticked(client):
    application = complete_application()
    declaration = DeclarationFactory(scheme=application.scheme)
    client.force_login(application.applicant)

    client.post(
        reverse("grants:application-edit", kwargs={"pk": application.pk}),
        form_data(amount_requested="8000", declarations=[declaration.pk]),
    )
    services.application_submit(application=application, user=application.applicant)

    application.refresh_from_db()
    assert application.declarations_accepted == [declaration.text_da]
    assert application.status == Application.Status.SUBMITTED


# Withdrawing and decisions


def test_it_withdraws(client, mailoutbox, django_capture_on_commit_callbacks):
    application = complete_application(status=Application.Status.SUBMITTED)
    client.force_login(application.applicant)

    with django_capture_on_commit_callbacks(execute=True):
        client.post(reverse("grants:application-withdraw", kwargs={"pk": application.pk}))

    application.refresh_from_db()
    assert application.status == Application.Status.WITHDRAWN
    assert len(mailoutbox) == 1


def test_a_decided_application_cannot_be_withdrawn(staff_user):
    application = complete_application(status=Application.Status.UNDER_REVIEW)
    services.application_decide(
        application=application, decided_by=staff_user, outcome="declined", amount_granted=None, reason="Ikke i år."
    )

    with pytest.raises(ValidationError):
        services.application_withdraw(application=application, user=application.applicant)


def test_the_decision_is_sent_to_the_applicant(staff_user, mailoutbox, django_capture_on_commit_callbacks):
    application = complete_application(status=Application.Status.UNDER_REVIEW, amount_requested=Decimal("10000"))

    with django_capture_on_commit_callbacks(execute=True):
        services.application_decide(
            application=application,
            decided_by=staff_user,
            outcome=Application.Status.PARTLY_GRANTED,
            amount_granted=Decimal("6000"),
            reason="Puljen er søgt mange gange.",
        )

    application.refresh_from_db()
    assert application.amount_granted == Decimal("6000")
    assert application.decided_on == timezone.localdate()
    [mail] = mailoutbox
    assert "6.000" in mail.body
    assert "Puljen er søgt mange gange." in mail.body


def test_a_grant_needs_an_amount_and_a_reason(staff_user):
    application = complete_application(status=Application.Status.SUBMITTED)

    with pytest.raises(ValidationError):
        services.application_decide(
            application=application, decided_by=staff_user, outcome="granted", amount_granted=None, reason="Fint."
        )
    with pytest.raises(ValidationError):
        services.application_decide(
            application=application, decided_by=staff_user, outcome="declined", amount_granted=None, reason=" "
        )


def test_review_start_notifies_and_locks(mailoutbox, django_capture_on_commit_callbacks):
    application = complete_application(status=Application.Status.SUBMITTED)

    with django_capture_on_commit_callbacks(execute=True):
        services.application_start_review(application=application)

    application.refresh_from_db()
    assert application.status == Application.Status.UNDER_REVIEW
    assert not application.is_editable
    assert len(mailoutbox) == 1


# Permissions


@pytest.mark.parametrize("name", ["application-detail", "application-edit"])
def test_another_person_cannot_see_or_edit_an_application(client, name):
    application = complete_application()
    client.force_login(UserFactory())

    assert client.get(reverse(f"grants:{name}", kwargs={"pk": application.pk})).status_code == 404


@pytest.mark.parametrize("name", ["application-submit", "application-withdraw", "application-edit"])
def test_another_person_cannot_change_an_application(client, name):
    application = complete_application()
    client.force_login(UserFactory())

    response = client.post(reverse(f"grants:{name}", kwargs={"pk": application.pk}), form_data(title="Kapret"))

    assert response.status_code == 404
    application.refresh_from_db()
    assert application.status == Application.Status.DRAFT
    assert application.title != "Kapret"


@pytest.mark.parametrize("name", ["application-submit", "application-withdraw"])
def test_changing_an_application_is_post_only(client, name):
    application = complete_application()
    client.force_login(application.applicant)

    assert client.get(reverse(f"grants:{name}", kwargs={"pk": application.pk})).status_code == 405


@pytest.mark.parametrize(
    "name",
    ["application-detail", "application-edit", "application-submit", "application-withdraw", "attachment-upload"],
)
def test_anonymous_people_are_sent_to_sign_in(client, name):
    application = complete_application()

    response = client.post(reverse(f"grants:{name}", kwargs={"pk": application.pk}))

    assert response.status_code == 302
    assert "/accounts/login/" in response["Location"]


def test_staff_with_permission_can_read_but_not_change_an_application(client):
    from django.contrib.auth.models import Permission

    staff = UserFactory(is_staff=True)
    staff.user_permissions.add(Permission.objects.get(codename="view_application"))
    application = complete_application()
    client.force_login(staff)

    assert client.get(application.get_absolute_url()).status_code == 200
    assert client.post(reverse("grants:application-withdraw", kwargs={"pk": application.pk})).status_code == 404


def test_my_applications_runs_the_same_number_of_queries_for_3_and_10(client, user, django_assert_num_queries):
    client.force_login(user)
    url = reverse("grants:application-list")
    for _ in range(3):
        complete_application(applicant=user)
    few = queries_of(lambda: client.get(url))
    for _ in range(7):
        complete_application(applicant=user)

    with django_assert_num_queries(few):
        response = client.get(url)

    assert response.content.decode().count("<tr>") == 11


def test_a_submitted_application_cannot_be_emptied_by_editing(client):
    application = complete_application(status=Application.Status.SUBMITTED)
    client.force_login(application.applicant)

    response = client.post(reverse("grants:application-edit", kwargs={"pk": application.pk}), form_data(description=""))

    assert response.status_code == 400
    application.refresh_from_db()
    assert application.description
    assert application.budget_lines.count() == 1


def test_a_scheme_that_takes_applications_elsewhere_has_no_online_form(client, user):
    round_ = RoundFactory(scheme__application_method="external", scheme__external_url="https://example.org/")
    client.force_login(user)

    response = client.post(reverse("grants:application-create", kwargs={"slug": round_.scheme.slug}), form_data())

    assert response.status_code == 404
    assert not Application.objects.exists()


def test_min_side_shows_the_status_of_my_applications(client):
    application = complete_application(status=Application.Status.SUBMITTED, title="Sommerlejr 2027")
    client.force_login(application.applicant)

    content = client.get(reverse("min-side")).content.decode()

    assert "Sommerlejr 2027" in content
    assert "Indsendt" in content


def test_min_side_runs_the_same_number_of_queries_for_3_and_10_applications(client, user, django_assert_num_queries):
    client.force_login(user)
    for _ in range(3):
        complete_application(applicant=user)
    few = queries_of(lambda: client.get(reverse("min-side")))
    for _ in range(7):
        complete_application(applicant=user)

    with django_assert_num_queries(few):
        client.get(reverse("min-side"))
