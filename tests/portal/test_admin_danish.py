"""The admin reads as Danish to Danish staff: the apps and models are named in Danish, and amounts are grouped."""

from decimal import Decimal

import pytest
from django.urls import reverse

from facilities.models import BookingSeries
from grants.models import Application, Attachment
from tests.factories.grants import ApplicationFactory, BudgetLineFactory
from tests.factories.portal import StaffFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def staff(client):
    staff = StaffFactory(is_superuser=True)
    client.force_login(staff)
    return staff


def test_the_admin_index_names_allauths_apps_in_danish(client, staff):
    text = client.get("/admin/").text

    assert "Brugerkonti" in text
    assert "Regnskab" not in text
    assert "Totrinsbekræftelse" in text
    assert "Godkendelsesmetoder" in text
    assert "Godkendelseskøen" in text
    assert "E-mailadresser" in text
    for english in (">MFA<", "Authenticators", ">Accounts<"):
        assert english not in text


def test_a_grant_applications_financial_statement_is_still_regnskab():
    assert str(Attachment.Kind.ACCOUNTS.label) == "Regnskab"


def test_amounts_in_the_grants_admin_have_thousands_separators(client, staff):
    application = ApplicationFactory(
        status=Application.Status.SUBMITTED, amount_requested=Decimal("26000"), cofinancing=Decimal("1250.50")
    )
    BudgetLineFactory(application=application, amount=Decimal("31000"))

    listing = client.get(reverse("admin:grants_application_changelist")).text
    page = client.get(reverse("admin:grants_application_change", args=[application.pk])).text

    assert "26.000 kr." in listing
    assert "26.000 kr." in page
    assert "1.250,50 kr." in page
    assert "31.000 kr." in page


def test_one_booking_series_and_several_have_their_own_danish_names():
    meta = BookingSeries._meta

    assert (str(meta.verbose_name), str(meta.verbose_name_plural)) == ("fast booking", "faste bookinger")
