import pytest
from django.urls import reverse

from associations.models import Association, Membership
from tests.factories.associations import AssociationFactory, CategoryFactory
from tests.factories.portal import StaffFactory

pytestmark = pytest.mark.django_db

URL = "/foreninger/registrer/"


def _data(**overrides):
    return {
        "name": "Snekkersten Strikkeklub",
        "kind": "network",
        "categories": [CategoryFactory(slug="kultur").pk],
        "description": "Vi strikker sammen.",
        "towns": ["snekkersten"],
        "target_groups": ["adults"],
        "contact_email": "strik@example.org",
        "cvr": "",
        **overrides,
    }


def test_it_registers_a_pending_association_with_the_person_as_admin(
    client, user, mailoutbox, django_capture_on_commit_callbacks
):
    staff = StaffFactory()
    client.force_login(user)
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(URL, _data())
    assert response.status_code == 302
    association = Association.objects.get(name="Snekkersten Strikkeklub")
    assert association.status == Association.Status.PENDING
    assert association.slug == "snekkersten-strikkeklub"
    assert [t.town for t in association.towns.all()] == ["snekkersten"]
    assert Membership.objects.get(association=association).user == user
    assert Membership.objects.get(association=association).role == Membership.Role.ADMIN
    assert [m.to for m in mailoutbox] == [[staff.email]]
    assert "Snekkersten Strikkeklub" in mailoutbox[0].subject
    assert f"/admin/associations/association/{association.pk}/change/" in mailoutbox[0].body
    # The person sees the status on Min side, and the public does not see the association yet.
    min_side = client.get(reverse("min-side")).text
    assert "Snekkersten Strikkeklub" in min_side
    assert str(Association.Status.PENDING.label).lower() in min_side
    assert client.get(association.get_absolute_url()).status_code == 404


def test_the_slug_spells_out_danish_letters_and_stays_unique(client, user):
    client.force_login(user)
    client.post(URL, _data(name="Ålsgårde Øl og Æbler"))
    client.post(URL, _data(name="Ålsgårde Øl og Æbler"))
    assert sorted(Association.objects.values_list("slug", flat=True)) == [
        "aalsgaarde-oel-og-aebler",
        "aalsgaarde-oel-og-aebler-2",
    ]


def test_errors_keep_what_was_typed(client, user):
    client.force_login(user)
    response = client.post(URL, _data(cvr="12345678", description=""))
    assert response.status_code == 200
    assert "CVR" in response.text and 'class="form-error-message" id="id_cvr_error"' in response.text
    assert 'value="Snekkersten Strikkeklub"' in response.text
    assert not Association.objects.exists()


def test_a_valid_cvr_number_is_accepted(client, user):
    client.force_login(user)
    assert client.post(URL, _data(cvr="12345674")).status_code == 302
    assert Association.objects.get().cvr == "12345674"


def test_anonymous_visitors_must_sign_in(client):
    response = client.get(URL)
    assert response.status_code == 302
    assert reverse("account_login") in response["Location"]


def test_it_only_accepts_get_and_post(client, user):
    client.force_login(user)
    assert client.put(URL).status_code == 405


def test_a_real_logo_is_stored_and_a_fake_one_is_refused(client, user, settings, tmp_path):
    import io

    from django.core.files.uploadedfile import SimpleUploadedFile
    from PIL import Image

    settings.MEDIA_ROOT = tmp_path
    buffer = io.BytesIO()
    Image.new("RGB", (20, 20), "blue").save(buffer, format="PNG")
    client.force_login(user)
    fake = SimpleUploadedFile("logo.png", b"%PDF-1.4 not an image", content_type="image/png")
    response = client.post(URL, {**_data(), "logo": fake})
    assert response.status_code == 200
    assert "logo" in response.context["form"].errors
    real = SimpleUploadedFile("logo.png", buffer.getvalue(), content_type="image/png")
    assert client.post(URL, {**_data(), "logo": real}).status_code == 302
    association = Association.objects.get()
    assert association.logo.name.startswith("associations/logos/")
    assert (tmp_path / association.logo.name).exists()


def test_a_second_association_with_the_same_name_is_flagged_for_staff(client, user):
    existing = AssociationFactory(name="Snekkersten Strikkeklub")
    client.force_login(user)

    response = client.post(URL, _data(name=" snekkersten strikkeklub "), follow=True)

    new = Association.objects.exclude(pk=existing.pk).get()
    assert new.possible_duplicate_of == existing
    assert "Der er allerede en forening med samme navn eller CVR-nummer" in response.text


def test_a_second_association_with_the_same_cvr_number_is_flagged_for_staff(client, user):
    existing = AssociationFactory(name="Strikkeklubben", cvr="12345674")
    client.force_login(user)

    client.post(URL, _data(cvr="12345674"))

    assert Association.objects.get(name="Snekkersten Strikkeklub").possible_duplicate_of == existing


def test_a_new_association_is_not_flagged(client, user):
    AssociationFactory(name="Hornbæk Strikkeklub")
    client.force_login(user)

    response = client.post(URL, _data(), follow=True)

    assert Association.objects.get(name="Snekkersten Strikkeklub").possible_duplicate_of is None
    assert "samme navn eller CVR-nummer" not in response.text


def test_staff_find_the_flagged_associations_in_the_admin(client):
    existing = AssociationFactory(name="Snekkersten Strikkeklub")
    AssociationFactory(name="snekkersten strikkeklub", possible_duplicate_of=existing, slug="kopi")
    AssociationFactory(name="Helt anden forening")
    client.force_login(StaffFactory(is_superuser=True))

    response = client.get("/admin/associations/association/", {"possible_duplicate_of__isempty": "0"})

    assert response.status_code == 200
    assert "snekkersten strikkeklub" in response.text
    assert "Helt anden forening" not in response.text
