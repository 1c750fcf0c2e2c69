import pytest
from django.contrib.admin.models import LogEntry
from django.urls import reverse

from associations.models import Association, Membership, VolunteerRole
from tests.factories.associations import AssociationFactory, MembershipFactory, VolunteerRoleFactory

pytestmark = pytest.mark.django_db

CHANGELIST = "/admin/associations/association/"


@pytest.fixture
def superuser(db):
    from tests.factories.portal import StaffFactory

    return StaffFactory(is_superuser=True)


@pytest.fixture
def applicant():
    return MembershipFactory(
        role=Membership.Role.ADMIN, association=AssociationFactory(status="pending", name="Ny Klub")
    )


def test_pending_associations_come_first_in_the_queue(client, superuser, applicant):
    AssociationFactory(name="Aaa Gammel Klub")
    client.force_login(superuser)
    response = client.get(CHANGELIST)
    assert response.status_code == 200
    assert [a.name for a in response.context["cl"].result_list][0] == "Ny Klub"


def test_staff_approve_and_the_applicant_is_told(
    client, superuser, applicant, mailoutbox, django_capture_on_commit_callbacks
):
    client.force_login(superuser)
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(CHANGELIST, {"action": "approve", "_selected_action": [applicant.association.pk]})
    assert response.status_code == 302
    applicant.association.refresh_from_db()
    assert applicant.association.status == Association.Status.APPROVED
    assert [m.to for m in mailoutbox] == [[applicant.user.email]]
    assert "Ny Klub" in mailoutbox[0].subject
    assert LogEntry.objects.filter(object_id=str(applicant.association.pk), user=superuser).exists()
    assert client.get(applicant.association.get_absolute_url()).status_code == 200


def test_rejecting_asks_for_a_reason_and_sends_it(
    client, superuser, applicant, mailoutbox, django_capture_on_commit_callbacks
):
    client.force_login(superuser)
    selected = {"action": "reject", "_selected_action": [applicant.association.pk]}
    response = client.post(CHANGELIST, selected)
    assert response.status_code == 200
    assert b'name="reason"' in response.content
    response = client.post(CHANGELIST, {**selected, "apply": "1", "reason": ""})
    assert response.status_code == 200
    applicant.association.refresh_from_db()
    assert applicant.association.status == Association.Status.PENDING
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            CHANGELIST, {**selected, "apply": "1", "reason": "Foreningen ligger i en anden kommune."}
        )
    assert response.status_code == 302
    applicant.association.refresh_from_db()
    assert applicant.association.status == Association.Status.REJECTED
    assert "Foreningen ligger i en anden kommune." in mailoutbox[0].body


def test_staff_hide_an_association_with_a_reason(client, superuser, mailoutbox, django_capture_on_commit_callbacks):
    member = MembershipFactory(role=Membership.Role.ADMIN)
    client.force_login(superuser)
    with django_capture_on_commit_callbacks(execute=True):
        client.post(
            CHANGELIST,
            {
                "action": "hide",
                "_selected_action": [member.association.pk],
                "apply": "1",
                "reason": "Ulovligt indhold.",
            },
        )
    member.association.refresh_from_db()
    assert member.association.status == Association.Status.HIDDEN
    assert "Ulovligt indhold." in mailoutbox[0].body


def test_staff_hide_a_volunteer_role_with_a_reason(client, superuser, mailoutbox, django_capture_on_commit_callbacks):
    member = MembershipFactory(role=Membership.Role.ADMIN)
    role = VolunteerRoleFactory(association=member.association)
    client.force_login(superuser)
    with django_capture_on_commit_callbacks(execute=True):
        client.post(
            "/admin/associations/volunteerrole/",
            {"action": "hide", "_selected_action": [role.pk], "apply": "1", "reason": "Kræver betaling."},
        )
    role.refresh_from_db()
    assert role.status == VolunteerRole.Status.HIDDEN
    assert [m.to for m in mailoutbox] == [[member.user.email]]
    assert "Kræver betaling." in mailoutbox[0].body


def test_the_rejected_applicant_sees_the_reason_on_the_manage_page(client, applicant):
    applicant.association.status = Association.Status.REJECTED
    applicant.association.moderation_reason = "Mangler vedtægter."
    applicant.association.save()
    client.force_login(applicant.user)
    url = reverse("associations:association-manage", kwargs={"slug": applicant.association.slug})
    assert "Mangler vedtægter." in client.get(url).text


def test_notifications_are_written_in_the_recipients_language(mailoutbox, django_capture_on_commit_callbacks):
    from associations import services

    english = MembershipFactory(role=Membership.Role.ADMIN, user__preferred_language="en")
    danish = MembershipFactory(
        role=Membership.Role.ADMIN, association=english.association, user__preferred_language="da"
    )
    with django_capture_on_commit_callbacks(execute=True):
        services.association_reject(association=english.association, reason="Mangler vedtægter.")
    subjects = {m.to[0]: m.subject for m in mailoutbox}
    assert subjects[english.user.email].endswith("was not approved")
    assert subjects[danish.user.email].endswith("blev ikke godkendt")
    assert "/en/min-side/" in next(m.body for m in mailoutbox if m.to == [english.user.email])
