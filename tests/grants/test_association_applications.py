"""Applications on behalf of an association: who may choose it, whether its kind fits, and who may act on it."""

import csv
import io
from decimal import Decimal

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import translation

from associations.models import Association, Membership
from grants import services
from grants.models import Application
from grants.selectors import association_kind_refusal, guide_matches
from tests.factories.associations import AssociationFactory, MembershipFactory
from tests.factories.grants import (
    ApplicantKindFactory,
    ApplicationFactory,
    AttachmentFactory,
    BudgetLineFactory,
    RoundFactory,
)
from tests.factories.portal import UserFactory
from tests.grants.queries import queries_of
from tests.grants.test_applications import form_data

pytestmark = pytest.mark.django_db


@pytest.fixture
def kinds():
    return {
        "folkeoplysende": ApplicantKindFactory(
            slug="folkeoplysende-forening", name_da="Folkeoplysende foreninger", association_kind="folkeoplysende"
        ),
        "social": ApplicantKindFactory(
            slug="frivillig-social-forening", name_da="Frivillige sociale foreninger", association_kind="social"
        ),
        "individual": ApplicantKindFactory(slug="privatperson", name_da="Privatpersoner", individuals=True),
    }


def scheme_for(*kinds):
    scheme = RoundFactory().scheme
    scheme.applicant_kinds.set(kinds)
    return scheme


def member(association: Association, role: str = Membership.Role.ADMIN):
    return MembershipFactory(association=association, role=role).user


def association_application(association: Association, **kwargs) -> Application:
    application = ApplicationFactory(association=association, organisation_name=association.name, **kwargs)
    BudgetLineFactory(application=application, amount=Decimal("15000"))
    return application


# Choosing the association


def test_the_choice_lists_only_own_approved_associations_where_the_person_is_admin_or_editor(client, kinds):
    scheme = scheme_for(kinds["folkeoplysende"])
    person = UserFactory()
    own_admin = AssociationFactory(name="Spejderne Nord")
    own_editor = AssociationFactory(name="Skakklubben Syd")
    pending = AssociationFactory(name="Ventende Forening", status=Association.Status.PENDING)
    MembershipFactory(user=person, association=own_admin, role=Membership.Role.ADMIN)
    MembershipFactory(user=person, association=own_editor, role=Membership.Role.EDITOR)
    MembershipFactory(user=person, association=pending, role=Membership.Role.ADMIN)
    stranger = AssociationFactory(name="Fremmed Forening")
    client.force_login(person)
    url = reverse("grants:application-create", kwargs={"slug": scheme.slug})

    content = client.get(url).content.decode()

    assert "Spejderne Nord" in content
    assert "Skakklubben Syd" in content
    assert "Ventende Forening" not in content
    assert "Fremmed Forening" not in content
    # Posting another association's id by hand is refused like any invalid choice.
    for association in (stranger, pending):
        response = client.post(url, form_data(association=str(association.pk)))
        assert response.status_code == 400
    assert not Application.objects.exists()


def test_it_applies_for_the_association_with_its_name_and_cvr_number(client, kinds):
    scheme = scheme_for(kinds["folkeoplysende"])
    association = AssociationFactory(name="Spejderne Nord", cvr="11223344")
    person = member(association, Membership.Role.EDITOR)
    client.force_login(person)

    response = client.post(
        reverse("grants:application-create", kwargs={"slug": scheme.slug}),
        form_data(association=str(association.pk), organisation_name="Noget andet", cvr="99999999"),
    )

    assert response.status_code == 302
    application = Application.objects.get()
    assert application.association == association
    assert application.applicant == person
    assert application.organisation_name == "Spejderne Nord"
    assert application.cvr == "11223344"
    assert application.applicant_type == Application.ApplicantType.ASSOCIATION


def test_the_cvr_number_can_be_typed_when_the_association_has_none(client, kinds):
    scheme = scheme_for(kinds["folkeoplysende"])
    association = AssociationFactory(cvr="")
    client.force_login(member(association))

    client.post(
        reverse("grants:application-create", kwargs={"slug": scheme.slug}),
        form_data(association=str(association.pk), cvr="87654321"),
    )

    application = Application.objects.get()
    assert application.cvr == "87654321"
    # The edit form still offers the CVR number, but not the name, which comes from the profile.
    form = client.get(reverse("grants:application-edit", kwargs={"pk": application.pk})).context["form"]
    assert "cvr" in form.fields
    assert "organisation_name" not in form.fields


def test_an_association_of_a_kind_the_scheme_does_not_accept_is_refused_with_a_clear_message(client, kinds):
    scheme = scheme_for(kinds["social"])
    association = AssociationFactory(name="Spejderne Nord", kind=Association.Kind.FOLKEOPLYSENDE)
    client.force_login(member(association))

    response = client.post(
        reverse("grants:application-create", kwargs={"slug": scheme.slug}),
        form_data(association=str(association.pk)),
    )

    assert response.status_code == 400
    with translation.override("da"):
        message = association_kind_refusal(scheme=scheme, association=association)
    assert "Spejderne Nord" in message
    assert "Frivillige sociale foreninger" in message
    assert message in response.content.decode()
    assert not Application.objects.exists()


def test_the_service_refuses_a_kind_that_does_not_fit_and_an_association_the_person_does_not_act_for(kinds):
    scheme = scheme_for(kinds["social"], kinds["folkeoplysende"])
    unfit = AssociationFactory(kind=Association.Kind.CULTURAL)
    fits = AssociationFactory(kind=Association.Kind.SOCIAL)
    person = member(unfit)
    fields = {"contact_name": "Grethe", "contact_email": "grethe@example.org", "title": "Projekt"}

    with pytest.raises(ValidationError) as error:
        services.application_create(scheme=scheme, applicant=person, association=unfit, fields=fields)
    assert error.value.code == "kind"
    with pytest.raises(PermissionDenied):
        services.application_create(scheme=scheme, applicant=person, association=fits, fields=fields)


def test_a_private_person_may_apply_only_where_the_scheme_includes_individuals(client, kinds):
    only_associations = scheme_for(kinds["folkeoplysende"])
    with_individuals = scheme_for(kinds["folkeoplysende"], kinds["individual"])
    person = UserFactory(full_name="Grethe Hansen")
    client.force_login(person)

    refused = client.post(
        reverse("grants:application-create", kwargs={"slug": only_associations.slug}), form_data(association="")
    )
    accepted = client.post(
        reverse("grants:application-create", kwargs={"slug": with_individuals.slug}),
        form_data(association="", organisation_name=""),
    )

    assert refused.status_code == 400
    # Someone without an association is told how to get one instead of meeting an empty choice.
    assert refused.context["no_association_to_apply_for"] is True
    assert accepted.status_code == 302
    application = Application.objects.get()
    assert application.scheme == with_individuals
    assert application.association is None
    assert application.applicant_type == Application.ApplicantType.INDIVIDUAL
    assert application.organisation_name == "Grethe Hansen"
    with pytest.raises(ValidationError):
        services.application_create(
            scheme=only_associations,
            applicant=person,
            fields={"contact_name": "Grethe", "contact_email": "grethe@example.org", "title": "Projekt"},
        )


# Acting for the association


def test_a_fellow_admin_can_see_edit_submit_and_download(client, mailoutbox, django_capture_on_commit_callbacks):
    association = AssociationFactory(name="Spejderne Nord")
    application = association_application(association, applicant=member(association))
    attachment = AttachmentFactory(application=application)
    fellow = member(association, Membership.Role.EDITOR)
    client.force_login(fellow)

    detail = client.get(application.get_absolute_url())
    edited = client.post(
        reverse("grants:application-edit", kwargs={"pk": application.pk}),
        form_data(title="Ny titel", **{"budget-0-amount": "10000"}),
    )
    download = client.get(attachment.get_absolute_url())
    with django_capture_on_commit_callbacks(execute=True):
        submitted = client.post(reverse("grants:application-submit", kwargs={"pk": application.pk}))

    assert detail.status_code == 200
    assert detail.context["is_applicant"]
    assert edited.status_code == 302
    assert download.status_code == 200
    assert submitted.status_code == 302
    application.refresh_from_db()
    assert application.title == "Ny titel"
    assert application.organisation_name == "Spejderne Nord"
    assert application.status == Application.Status.SUBMITTED
    assert application.submitted_by == fellow
    # The receipt goes to the person who submitted it, not to the one who started it, and names the association.
    assert len(mailoutbox) == 1
    assert mailoutbox[0].to == [fellow.email]
    assert "Spejderne Nord" in mailoutbox[0].body


def test_later_messages_go_to_the_person_who_submitted(staff_user, mailoutbox, django_capture_on_commit_callbacks):
    association = AssociationFactory()
    application = association_application(association, applicant=member(association))
    fellow = member(association, Membership.Role.EDITOR)
    services.application_submit(application=application, user=fellow)

    with django_capture_on_commit_callbacks(execute=True):
        services.application_decide(
            application=application,
            decided_by=staff_user,
            outcome=Application.Status.DECLINED,
            amount_granted=None,
            reason="Puljen er brugt.",
        )

    assert [mail.to for mail in mailoutbox] == [[fellow.email]]


def test_a_fellow_admin_can_withdraw(client):
    association = AssociationFactory()
    application = association_application(association, applicant=member(association))
    client.force_login(member(association))

    response = client.post(reverse("grants:application-withdraw", kwargs={"pk": application.pk}))

    assert response.status_code == 302
    application.refresh_from_db()
    assert application.status == Application.Status.WITHDRAWN


@pytest.fixture
def outsiders():
    other = AssociationFactory()
    return {"editor elsewhere": member(other, Membership.Role.EDITOR), "no association": UserFactory()}


@pytest.mark.parametrize("who", ["editor elsewhere", "no association"])
def test_outsiders_get_404_on_the_application_its_attachments_and_actions(client, outsiders, who):
    association = AssociationFactory()
    application = association_application(association, applicant=member(association))
    attachment = AttachmentFactory(application=application)
    client.force_login(outsiders[who])
    pk = application.pk

    assert client.get(application.get_absolute_url()).status_code == 404
    assert client.get(reverse("grants:application-edit", kwargs={"pk": pk})).status_code == 404
    assert client.get(attachment.get_absolute_url()).status_code == 404
    for name in ("application-edit", "application-submit", "application-withdraw"):
        assert client.post(reverse(f"grants:{name}", kwargs={"pk": pk}), form_data(title="Kapret")).status_code == 404
    upload = SimpleUploadedFile("x.pdf", b"%PDF-1.7\nx", content_type="application/pdf")
    assert client.post(reverse("grants:attachment-upload", kwargs={"pk": pk}), {"file": upload}).status_code == 404
    delete_url = reverse("grants:attachment-delete", kwargs={"pk": pk, "attachment_pk": attachment.pk})
    assert client.post(delete_url).status_code == 404
    application.refresh_from_db()
    assert application.title != "Kapret"
    assert application.status == Application.Status.DRAFT
    assert application.attachments.count() == 1
    assert application.title not in client.get(reverse("grants:application-list")).content.decode()


def test_a_person_removed_from_the_association_loses_access(client):
    association = AssociationFactory()
    application = association_application(association, applicant=member(association))
    former = member(association)
    client.force_login(former)
    assert client.get(application.get_absolute_url()).status_code == 200

    Membership.objects.filter(user=former).delete()

    assert client.get(application.get_absolute_url()).status_code == 404


def test_the_service_refuses_an_outsider(kinds):
    association = AssociationFactory()
    application = association_application(association, applicant=member(association))

    with pytest.raises(PermissionDenied):
        services.application_withdraw(application=application, user=member(AssociationFactory()))


# Lists


def test_my_applications_include_the_associations_and_keep_a_constant_number_of_queries(
    client, django_assert_num_queries
):
    association = AssociationFactory(name="Spejderne Nord")
    person = member(association, Membership.Role.EDITOR)
    client.force_login(person)
    url = reverse("grants:application-list")
    for _ in range(2):
        association_application(association)
    ApplicationFactory(applicant=person)
    few = queries_of(lambda: client.get(url))
    for _ in range(6):
        association_application(association)
    ApplicationFactory(applicant=person)
    ApplicationFactory()  # Someone else's private application never shows.

    with django_assert_num_queries(few):
        response = client.get(url)

    content = response.content.decode()
    assert content.count("<tr>") == 11
    assert "Spejderne Nord" in content


def test_min_side_includes_the_associations_applications_with_constant_queries(client, django_assert_num_queries):
    association = AssociationFactory(name="Spejderne Nord")
    person = member(association)
    client.force_login(person)
    for _ in range(3):
        association_application(association)
    few = queries_of(lambda: client.get(reverse("min-side")))
    for _ in range(7):
        association_application(association)

    with django_assert_num_queries(few):
        response = client.get(reverse("min-side"))

    assert "(Spejderne Nord)" in response.content.decode()


def test_the_detail_page_runs_a_constant_number_of_queries(client, django_assert_num_queries):
    association = AssociationFactory()
    person = member(association)
    client.force_login(person)
    application = association_application(association)
    few = queries_of(lambda: client.get(application.get_absolute_url()))
    for _ in range(5):
        AttachmentFactory(application=application)
        BudgetLineFactory(application=application)

    with django_assert_num_queries(few):
        client.get(application.get_absolute_url())


# The guide and open data


def test_the_guide_says_which_of_my_associations_can_apply(client, kinds):
    social_scheme = scheme_for(kinds["social"])
    social_scheme.title_da = "Socialpuljen"
    social_scheme.save()
    spejderne = AssociationFactory(name="Spejderne Nord", kind=Association.Kind.FOLKEOPLYSENDE)
    besoeg = AssociationFactory(name="Besøgsvennerne", kind=Association.Kind.SOCIAL)

    with translation.override("en"):
        [match] = guide_matches(
            applicant_kind=kinds["social"],
            purpose=None,
            target_group=None,
            when="any",
            associations=[spejderne, besoeg],
        )

    assert "Besøgsvennerne can apply as “Social or humanitarian association”." in match.reasons
    assert "Spejderne Nord cannot apply: the scheme does not accept “Folkeoplysende association”." in match.reasons
    person = member(spejderne)
    client.force_login(person)
    response = client.get(reverse("grants:guide"), {"hvem": kinds["social"].slug})
    assert "Spejderne Nord" in response.content.decode()


def test_the_award_is_published_with_the_associations_cvr_number(client):
    association = AssociationFactory(name="Spejderne Nord", cvr="11223344")
    association_application(
        association,
        cvr="99999999",
        status=Application.Status.GRANTED,
        amount_granted=Decimal("10000"),
        decided_on="2027-01-15",
    )

    rows = list(csv.DictReader(io.StringIO(client.get(reverse("grants:awards-csv")).content.decode())))

    assert rows[0]["Recipient Org:Identifier"] == "DK-CVR-11223344"
    assert rows[0]["Recipient Org:Name"] == "Spejderne Nord"


def test_the_form_marks_associations_whose_kind_cannot_apply_and_chooses_a_single_one(client, kinds):
    scheme = scheme_for(kinds["folkeoplysende"])
    fits = AssociationFactory(name="Spejderne Nord", kind=Association.Kind.FOLKEOPLYSENDE)
    client.force_login(member(fits))
    url = reverse("grants:application-create", kwargs={"slug": scheme.slug})

    form = client.get(url).context["form"]
    assert form["association"].value() == fits.pk
    assert "organisation_name" not in form.fields

    unfit = AssociationFactory(name="Teatret", kind=Association.Kind.CULTURAL)
    MembershipFactory(user=fits.memberships.get().user, association=unfit, role=Membership.Role.EDITOR)
    labels = [label for _, label in client.get(url).context["form"].fields["association"].choices]
    assert "Spejderne Nord (Folkeoplysende forening)" in labels
    assert "Teatret (Kulturforening) – denne type kan ikke søge puljen" in labels
