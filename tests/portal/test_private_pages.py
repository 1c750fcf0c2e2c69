"""What a person sees only signed in is never kept by a shared cache or on disk."""

import pytest
from django.urls import reverse

from tests.factories.associations import AssociationFactory
from tests.factories.grants import ApplicationFactory

pytestmark = pytest.mark.django_db


def _directives(response) -> set[str]:
    return {part.strip() for part in response.get("Cache-Control", "").split(",") if part.strip()}


def test_signed_in_pages_and_personal_api_answers_are_private_and_not_stored(client, user):
    application = ApplicationFactory(applicant=user)
    client.force_login(user)
    for path in (
        reverse("min-side"),
        "/api/v1/bookings/mine",
        reverse("grants:application-detail", kwargs={"pk": application.pk}),
        reverse("associations:association-list"),
    ):
        response = client.get(path)
        assert response.status_code == 200, path
        assert {"private", "no-store"} <= _directives(response), path


def test_public_pages_for_visitors_stay_shareable(client):
    AssociationFactory(name="Snekkersten Skakklub")
    response = client.get(reverse("associations:association-list"))
    assert response.status_code == 200
    assert "no-store" not in _directives(response)
    assert "private" not in _directives(response)
