"""Asking on behalf of an association, and who of its members may read such a request."""

import datetime as dt
import io
import re

import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from advisory import demo, services, views
from advisory.models import AdviceRequest, Message
from associations import demo as associations_demo
from associations.models import Association, Membership
from portal import demo as portal_demo
from portal.demo import demo_user
from tests.factories.advisory import AdviceRequestFactory, AdvisorFactory, MessageFactory, TopicFactory
from tests.factories.associations import AssociationFactory, MembershipFactory
from tests.factories.portal import UserFactory

pytestmark = pytest.mark.django_db
CREATE_URL = reverse("advisory:request-create")
LIST_URL = reverse("advisory:request-list")
QUEUE_URL = reverse("admin:advisory_advicerequest_changelist")


@pytest.fixture
def scouts(db):
    return AssociationFactory(name="Espergærde Spejderne", slug="espergaerde-spejderne")


@pytest.fixture
def asker(scouts):
    user = UserFactory(full_name="Frederik Formand")
    MembershipFactory(user=user, association=scouts, role=Membership.Role.ADMIN)
    return user


@pytest.fixture
def fellow(scouts):
    """Another member of the same association, who did not ask."""
    user = UserFactory(full_name="Karen Kasserer")
    MembershipFactory(user=user, association=scouts, role=Membership.Role.EDITOR)
    return user


@pytest.fixture
def scouts_request(topic, asker, scouts, advisor):
    advice_request = AdviceRequestFactory(
        topic=topic,
        asker=asker,
        association=scouts,
        advisor=advisor,
        status="answered",
        subject="Børneattest til forældre",
        question="Skal forældre, der kører til lejr, have børneattest?",
        phone="12 34 56 78",
        internal_notes="HEMMELIG NOTE om foreningen",
    )
    MessageFactory(request=advice_request, author=advisor, from_staff=True, body="Ja, hvis de overnatter.")
    return advice_request


def _post(client, **changes):
    data = {"subject": "Lejrtilladelse", "question": "Mit lange spørgsmål om lejren", "preferred_contact": "mail"}
    return client.post(CREATE_URL, {**data, **changes})


def _queries(client, url: str) -> int:
    with CaptureQueriesContext(connection) as queries:
        assert client.get(url).status_code == 200
    return len(queries)


# The form


def test_the_form_offers_only_the_askers_own_associations(client, asker, scouts):
    theatre = AssociationFactory(name="Espergærde Teaterforening")
    MembershipFactory(user=asker, association=theatre, role=Membership.Role.EDITOR)
    AssociationFactory(name="Helsingør Skakforening")  # someone else's
    pending = AssociationFactory(name="Strikkeklubben", status=Association.Status.PENDING)
    MembershipFactory(user=asker, association=pending)
    client.force_login(asker)

    response = client.get(CREATE_URL)

    choices = [label for value, label in response.context["form"].fields["association"].choices]
    assert choices == ["Kun mig selv", "Espergærde Spejderne", "Espergærde Teaterforening", "Strikkeklubben"]
    assert "Helsingør Skakforening" not in response.text
    assert "kan foreningens andre administratorer og redaktører læse sagen" in response.text


def test_a_person_without_associations_is_not_asked_about_one(client, user, topic):
    client.force_login(user)

    response = client.get(CREATE_URL)

    assert "association" not in response.context["form"].fields
    assert "På vegne af" not in response.text


def test_it_creates_a_request_on_behalf_of_the_askers_association(
    client, asker, scouts, topic, advisor, mailoutbox, django_capture_on_commit_callbacks
):
    client.force_login(asker)

    with django_capture_on_commit_callbacks(execute=True):
        response = _post(client, topic=topic.pk, association=scouts.pk)

    advice_request = AdviceRequest.objects.get()
    assert response.status_code == 302
    assert (advice_request.asker, advice_request.association) == (asker, scouts)
    to_staff = next(mail for mail in mailoutbox if mail.to == [advisor.email])
    assert "Frederik Formand har spurgt om råd om Start en forening på vegne af foreningen Espergærde Spejderne" in (
        to_staff.body
    )


def test_asking_only_for_oneself_is_still_the_default(client, asker, topic):
    client.force_login(asker)

    response = _post(client, topic=topic.pk, association="")

    assert response.status_code == 302
    assert AdviceRequest.objects.get().association is None


def test_another_association_is_refused_and_the_form_keeps_what_was_typed(client, asker, topic):
    other = AssociationFactory(name="Helsingør Skakforening")
    client.force_login(asker)

    response = _post(client, topic=topic.pk, association=other.pk)

    assert response.status_code == 200
    assert "Du kan kun spørge på vegne af en forening, du er administrator eller redaktør i." in response.text
    assert "Mit lange spørgsmål om lejren" in response.text
    assert 'value="Lejrtilladelse"' in response.text
    assert not AdviceRequest.objects.exists()


def test_a_refusal_from_the_service_is_shown_on_the_form(client, asker, topic, monkeypatch):
    # The membership may end between showing the form and sending it; then the service, not the form, refuses.
    other = AssociationFactory(name="Helsingør Skakforening")
    monkeypatch.setattr(views, "associations_for_user", lambda user: Association.objects.all())
    client.force_login(asker)

    response = _post(client, topic=topic.pk, association=other.pk)

    assert response.status_code == 200
    assert "Du kan kun spørge på vegne af en forening, du er administrator eller redaktør i." in response.text
    assert "Mit lange spørgsmål om lejren" in response.text
    assert not AdviceRequest.objects.exists()


# The service


def _create(*, asker, topic, association):
    return services.advice_request_create(
        asker=asker,
        topic=topic,
        subject="Lejrtilladelse",
        question="Hvad skal vi søge om?",
        preferred_contact=AdviceRequest.Contact.MAIL,
        association=association,
    )


def test_the_service_refuses_an_association_the_asker_is_not_a_member_of(
    topic, advisor, mailoutbox, django_capture_on_commit_callbacks
):
    outsider = UserFactory()
    other = AssociationFactory()

    with django_capture_on_commit_callbacks(execute=True), pytest.raises(ValidationError) as raised:
        _create(asker=outsider, topic=topic, association=other)

    assert raised.value.message_dict == {
        "association": ["Du kan kun spørge på vegne af en forening, du er administrator eller redaktør i."]
    }
    assert not AdviceRequest.objects.exists()
    assert mailoutbox == []


@pytest.mark.parametrize("role", [Membership.Role.ADMIN, Membership.Role.EDITOR])
def test_the_service_accepts_administrators_and_editors(topic, role):
    member = UserFactory()
    association = MembershipFactory(user=member, role=role).association

    advice_request = _create(asker=member, topic=topic, association=association)

    assert advice_request.association == association


# Who may read a request made for an association


def test_a_fellow_member_reads_the_request_and_thread_but_never_the_internal_notes(client, fellow, scouts_request):
    client.force_login(fellow)

    response = client.get(scouts_request.get_absolute_url())

    assert response.status_code == 200
    assert "Skal forældre, der kører til lejr, have børneattest?" in response.text
    assert "Ja, hvis de overnatter." in response.text
    assert "Frederik Formand har spurgt på vegne af Espergærde Spejderne." in response.text
    assert "HEMMELIG NOTE" not in response.text
    # Read-only: no reply form, and the asker's phone number stays theirs.
    assert reverse("advisory:message-create", kwargs={"pk": scouts_request.pk}) not in response.text
    assert "12 34 56 78" not in response.text


def test_the_asker_sees_the_association_on_their_request(client, asker, scouts_request):
    client.force_login(asker)

    response = client.get(scouts_request.get_absolute_url())

    assert re.search(r"<dt>På vegne af</dt><dd><a [^>]*>Espergærde Spejderne</a></dd>", response.text)
    assert "Frederik Formand har spurgt på vegne af" not in response.text
    assert reverse("advisory:message-create", kwargs={"pk": scouts_request.pk}) in response.text
    assert "12 34 56 78" in response.text
    assert "HEMMELIG NOTE" not in response.text


def test_a_fellow_member_sees_the_associations_requests_on_their_list(client, fellow, scouts_request):
    AdviceRequestFactory(for_association=True, subject="En anden forenings spørgsmål")
    client.force_login(fellow)

    response = client.get(LIST_URL)

    assert scouts_request.get_absolute_url() in response.text
    assert "Frederik Formand" in response.text
    assert "En anden forenings spørgsmål" not in response.text


def test_a_member_of_another_association_gets_404(client, scouts_request):
    stranger = MembershipFactory().user  # an administrator, but of another association
    client.force_login(stranger)

    assert client.get(scouts_request.get_absolute_url()).status_code == 404
    assert scouts_request.subject not in client.get(LIST_URL).text


def test_a_personal_request_stays_private_even_between_members_of_the_same_association(client, asker, fellow, topic):
    personal = AdviceRequestFactory(topic=topic, asker=asker, subject="Mit eget spørgsmål", association=None)
    client.force_login(fellow)

    assert client.get(personal.get_absolute_url()).status_code == 404
    assert "Mit eget spørgsmål" not in client.get(LIST_URL).text


def test_someone_who_leaves_the_association_no_longer_sees_its_requests(client, fellow, scouts, scouts_request):
    Membership.objects.filter(user=fellow, association=scouts).delete()
    client.force_login(fellow)

    assert client.get(scouts_request.get_absolute_url()).status_code == 404


def test_a_fellow_member_cannot_reply(client, fellow, scouts_request):
    client.force_login(fellow)

    response = client.post(
        reverse("advisory:message-create", kwargs={"pk": scouts_request.pk}), {"body": "Jeg blander mig"}
    )

    assert response.status_code == 404
    assert not Message.objects.filter(body="Jeg blander mig").exists()


def test_a_fellow_member_cannot_reopen(client, fellow, scouts_request):
    AdviceRequest.objects.filter(pk=scouts_request.pk).update(status="closed", closed_at=scouts_request.created_at)
    client.force_login(fellow)

    response = client.post(reverse("advisory:request-reopen", kwargs={"pk": scouts_request.pk}))

    assert response.status_code == 404
    scouts_request.refresh_from_db()
    assert scouts_request.status == "closed"


def test_a_fellow_member_does_not_get_the_attachments(client, fellow, scouts_request, advisor):
    message = services.message_add(
        advice_request=scouts_request,
        author=advisor,
        body="Se skabelonen",
        attachment=SimpleUploadedFile("cpr-liste.pdf", b"%PDF-1.4 test"),
    )
    client.force_login(fellow)

    page = client.get(scouts_request.get_absolute_url())

    assert "cpr-liste.pdf" not in page.text
    assert "En vedhæftet fil, som kun spørgeren og rådgiveren kan åbne." in page.text
    assert client.get(message.get_attachment_url()).status_code == 404


def test_the_request_stays_with_the_asker_when_the_association_is_deleted(client, asker, scouts, scouts_request):
    scouts.delete()
    client.force_login(asker)

    scouts_request.refresh_from_db()
    assert scouts_request.association is None
    assert client.get(scouts_request.get_absolute_url()).status_code == 200


# Query counts


def test_the_list_uses_the_same_queries_for_3_and_10_requests_of_own_and_associations(client, fellow, scouts):
    def add(count: int) -> None:
        for _ in range(count):
            member = MembershipFactory(association=scouts).user
            AdviceRequestFactory(asker=member, association=scouts, advisor=AdvisorFactory(), status="assigned")
        # Requests from another association of the fellow's, and the fellow's own, in the same list.
        other = MembershipFactory(user=fellow).association
        AdviceRequestFactory(asker=MembershipFactory(association=other).user, association=other)
        AdviceRequestFactory(asker=fellow)

    client.force_login(fellow)
    add(1)
    with_3 = _queries(client, LIST_URL)
    add(5)

    assert AdviceRequest.objects.count() == 10
    assert _queries(client, LIST_URL) == with_3


def test_a_fellow_members_view_uses_the_same_queries_for_3_and_10_messages(
    client, fellow, scouts_request, advisor, asker
):
    client.force_login(fellow)
    MessageFactory.create_batch(2, request=scouts_request, author=advisor)
    with_3 = _queries(client, scouts_request.get_absolute_url())
    MessageFactory.create_batch(4, request=scouts_request, author=asker)
    MessageFactory.create_batch(3, request=scouts_request, author=AdvisorFactory())

    assert _queries(client, scouts_request.get_absolute_url()) == with_3


# The staff queue


def test_the_queue_shows_filters_and_searches_by_association(client, advisor, scouts_request):
    AdviceRequestFactory(topic=scouts_request.topic, subject="Uden forening")
    chess = AdviceRequestFactory(topic=scouts_request.topic, subject="Skakturnering", for_association=True)
    Association.objects.filter(pk=chess.association_id).update(name="Helsingør Skakforening")
    AssociationFactory(name="Forening uden sager")
    client.force_login(advisor)

    everything = client.get(QUEUE_URL)
    searched = client.get(QUEUE_URL, {"q": "spejder"})
    filtered = client.get(QUEUE_URL, {"association__id__exact": chess.association_id})

    assert "Espergærde Spejderne" in everything.text
    # Only associations that have asked are offered in the filter.
    assert "Forening uden sager" not in everything.text
    assert [r.pk for r in searched.context["cl"].result_list] == [scouts_request.pk]
    assert [r.pk for r in filtered.context["cl"].result_list] == [chess.pk]


def test_the_queue_uses_the_same_queries_for_3_and_10_requests_from_associations(client, advisor, topic):
    client.force_login(advisor)
    AdviceRequestFactory.create_batch(3, topic=topic, for_association=True)
    with_3 = _queries(client, QUEUE_URL)
    AdviceRequestFactory.create_batch(7, topic=TopicFactory(), for_association=True)

    assert _queries(client, QUEUE_URL) == with_3


def test_the_request_page_in_the_admin_names_the_association(client, advisor, scouts_request):
    client.force_login(advisor)

    response = client.get(reverse("admin:advisory_advicerequest_change", args=[scouts_request.pk]))

    assert "Espergærde Spejderne" in response.text


# Staff notifications


def test_the_reminder_and_the_assignment_name_the_association(
    topic, advisor, scouts, asker, mailoutbox, django_capture_on_commit_callbacks
):
    advice_request = _create(asker=asker, topic=topic, association=scouts)
    colleague = AdvisorFactory(preferred_language="da")
    AdviceRequest.objects.filter(pk=advice_request.pk).update(waiting_since=timezone.now() - dt.timedelta(days=10))

    with django_capture_on_commit_callbacks(execute=True):
        services.advice_request_assign(advice_request=advice_request, advisor=colleague, by=advisor)
        services.advice_requests_remind()

    bodies = [mail.body for mail in mailoutbox if mail.to == [colleague.email]]
    assert len(bodies) == 2
    assert all("fra Frederik Formand på vegne af Espergærde Spejderne (Start en forening)" in body for body in bodies)


# Demo data


def test_the_demo_asks_for_the_scouts_and_can_be_seeded_again():
    portal_demo.seed(stdout=io.StringIO())
    associations_demo.seed(stdout=io.StringIO())
    demo.seed(stdout=io.StringIO())
    demo.seed(stdout=io.StringIO())

    linked = AdviceRequest.objects.filter(association__slug="espergaerde-spejderne")
    assert set(linked.values_list("subject", flat=True)) == set(demo.ON_BEHALF_OF)
    assert {request.asker for request in linked} == {demo_user("forening@example.org")}
    assert AdviceRequest.objects.count() == len(demo.REQUESTS)


def test_the_demo_links_requests_seeded_before_the_associations_existed():
    portal_demo.seed(stdout=io.StringIO())
    demo.seed(stdout=io.StringIO())
    assert not AdviceRequest.objects.filter(association__isnull=False).exists()

    associations_demo.seed(stdout=io.StringIO())
    demo.seed(stdout=io.StringIO())

    assert AdviceRequest.objects.filter(association__slug="espergaerde-spejderne").count() == len(demo.ON_BEHALF_OF)
