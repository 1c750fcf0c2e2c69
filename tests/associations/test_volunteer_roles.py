import pytest
from django.urls import reverse

from associations.models import Interest, Membership, VolunteerRole
from portal import throttle
from tests.factories.associations import MembershipFactory, MunicipalUnitFactory, VolunteerRoleFactory

pytestmark = pytest.mark.django_db


def _interest(**overrides):
    return {
        "name": "Hanne Hjælpsom",
        "email": "hanne@example.org",
        "phone": "12345678",
        "message": "Jeg har tid om tirsdagen.",
        "consent": "on",
        **overrides,
    }


def test_a_citizen_says_i_want_to_help_and_both_sides_hear_about_it(
    client, mailoutbox, django_capture_on_commit_callbacks
):
    admin = MembershipFactory(role=Membership.Role.ADMIN)
    role = VolunteerRoleFactory(association=admin.association, title="Skaktræner")
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(role.get_absolute_url(), _interest())
    assert response.status_code == 302
    interest = Interest.objects.get()
    assert (interest.role, interest.email, interest.consent) == (role, "hanne@example.org", True)
    by_recipient = {m.to[0]: m for m in mailoutbox}
    assert set(by_recipient) == {admin.user.email, "hanne@example.org"}
    assert "Hanne Hjælpsom" in by_recipient[admin.user.email].subject
    assert "12345678" in by_recipient[admin.user.email].body
    assert "Skaktræner" in by_recipient["hanne@example.org"].subject


def test_interest_in_a_municipal_role_goes_to_the_unit(client, mailoutbox, django_capture_on_commit_callbacks):
    unit = MunicipalUnitFactory(email="bogehoj@example.org")
    role = VolunteerRoleFactory(association=None, municipal_unit=unit)
    with django_capture_on_commit_callbacks(execute=True):
        client.post(role.get_absolute_url(), _interest())
    assert sorted(m.to[0] for m in mailoutbox) == ["bogehoj@example.org", "hanne@example.org"]


def test_bad_input_keeps_what_was_typed_and_says_what_is_wrong(client):
    role = VolunteerRoleFactory()
    response = client.post(role.get_absolute_url(), _interest(email="ikke-en-adresse", consent=""))
    assert response.status_code == 200
    assert set(response.context["form"].errors) == {"email", "consent"}
    assert "Jeg har tid om tirsdagen." in response.text
    assert 'value="Hanne Hjælpsom"' in response.text
    assert not Interest.objects.exists()


def test_a_flood_is_stopped_by_the_rate_limit(client):
    role = VolunteerRoleFactory()
    for number in range(throttle.PER_CLIENT):
        assert client.post(role.get_absolute_url(), _interest(email=f"hjaelper{number}@example.org")).status_code == 302
    response = client.post(role.get_absolute_url(), _interest(message="Nummer seks"))
    assert response.status_code == 429
    assert "Prøv igen senere" in response.text
    assert "Nummer seks" in response.text
    assert Interest.objects.count() == throttle.PER_CLIENT
    # Someone else, on another connection, is not held back.
    assert client.post(role.get_absolute_url(), _interest(), REMOTE_ADDR="192.0.2.7").status_code == 302


def test_one_address_is_not_named_from_many_connections(client, mailoutbox, django_capture_on_commit_callbacks):
    role = VolunteerRoleFactory()
    for number in range(throttle.PER_ADDRESS):
        client.post(role.get_absolute_url(), _interest(), REMOTE_ADDR=f"192.0.2.{number}")
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(role.get_absolute_url(), _interest(), REMOTE_ADDR="198.51.100.1")
    assert response.status_code == 429
    assert "Prøv igen senere" in response.text
    assert Interest.objects.count() == throttle.PER_ADDRESS
    assert mailoutbox == []


def test_closed_and_hidden_roles_are_not_public(client):
    for status in (VolunteerRole.Status.CLOSED, VolunteerRole.Status.HIDDEN):
        role = VolunteerRoleFactory(status=status)
        assert client.get(role.get_absolute_url()).status_code == 404
        assert client.post(role.get_absolute_url(), _interest()).status_code == 404
        assert role.title not in client.get(reverse("associations:role-list")).text


def test_the_list_filters_by_poster_and_child_certificate(client):
    VolunteerRoleFactory(title="Træner", child_certificate_required=True)
    VolunteerRoleFactory(title="Højtlæser", association=None, municipal_unit=MunicipalUnitFactory())
    response = client.get(reverse("associations:role-list"), {"poster": "municipality"})
    assert [r.title for r in response.context["page_obj"]] == ["Højtlæser"]
    response = client.get(reverse("associations:role-list"), {"no_child_certificate": "on"})
    assert [r.title for r in response.context["page_obj"]] == ["Højtlæser"]


def test_members_post_and_edit_roles(client):
    member = MembershipFactory(role=Membership.Role.EDITOR)
    client.force_login(member.user)
    data = {
        "title": "Kagebager",
        "description": "Bag til klubaftenen.",
        "time_commitment": "En gang om måneden",
        "town": "hornbaek",
        "status": "open",
    }
    url = reverse("associations:role-create", kwargs={"slug": member.association.slug})
    assert client.post(url, data).status_code == 302
    role = member.association.volunteer_roles.get()
    edit = reverse("associations:role-edit", kwargs={"slug": member.association.slug, "pk": role.pk})
    assert client.post(edit, {**data, "status": "closed"}).status_code == 302
    role.refresh_from_db()
    assert role.status == VolunteerRole.Status.CLOSED
    response = client.post(url, {**data, "title": ""})
    assert response.status_code == 200
    assert "title" in response.context["form"].errors


def test_members_cannot_unhide_a_role_staff_hid(client):
    member = MembershipFactory()
    role = VolunteerRoleFactory(association=member.association, status=VolunteerRole.Status.HIDDEN)
    client.force_login(member.user)
    edit = reverse("associations:role-edit", kwargs={"slug": member.association.slug, "pk": role.pk})
    client.post(edit, {"title": "x", "description": "y", "time_commitment": "z", "town": "tikob", "status": "open"})
    role.refresh_from_db()
    assert role.status == VolunteerRole.Status.HIDDEN


def test_a_typed_address_gets_one_receipt_a_day_but_a_signed_in_person_each(
    client, user, mailoutbox, django_capture_on_commit_callbacks
):
    first, second = VolunteerRoleFactory(), VolunteerRoleFactory()
    with django_capture_on_commit_callbacks(execute=True):
        client.post(first.get_absolute_url(), _interest(email="fremmed@example.org"))
        client.post(second.get_absolute_url(), _interest(email="fremmed@example.org"))
    assert [m.to for m in mailoutbox].count(["fremmed@example.org"]) == 1
    assert Interest.objects.filter(email="fremmed@example.org").count() == 2

    client.force_login(user)
    with django_capture_on_commit_callbacks(execute=True):
        client.post(first.get_absolute_url(), _interest(email=user.email))
        client.post(second.get_absolute_url(), _interest(email=user.email))
    assert [m.to for m in mailoutbox].count([user.email]) == 2
