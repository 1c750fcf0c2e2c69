"""The API is true to its OpenAPI schema: schemathesis sends valid and invalid requests for every operation to a live
test server and runs every check on each answer (no server error, no undocumented status code, no body that violates
the schema, invalid input rejected, valid input accepted, no access without the session). Operations that need a
person run signed in with the session's CSRF token, so the booking writes are exercised too.

The schema is built in-process, because schemathesis's lazy loading from a fixture does not work with pytest 9; a
separate test shows it is the schema the server publishes."""

import datetime as dt
import json

import pytest
import requests
import schemathesis
from django.test import Client
from hypothesis import HealthCheck, settings
from hypothesis import strategies as st

from associations.models import Membership
from facilities.models import LOCAL_TZ
from portal.api import api
from portal.validation import EARLIEST_DATE, LATEST_DATE
from tests.factories.associations import ActivityFactory, AssociationFactory, VolunteerRoleFactory
from tests.factories.facilities import BookingAssociationFactory, BookingMembershipFactory, FacilityFactory
from tests.factories.grants import GrantSchemeFactory, RoundFactory

pytestmark = pytest.mark.django_db(transaction=True)

# Any 32 letters are a valid CSRF secret; the cookie and the header must carry the same one.
CSRF_TOKEN = "schemathesis0csrf0token000000000"

# Dates and times documented as `format: date` or `date-time` carry a pattern for the years the portal accepts.
# Generating any date and keeping those that match would discard nearly all, so valid ones are drawn from those years.
schemathesis.openapi.format("date", st.dates(EARLIEST_DATE, LATEST_DATE).map(dt.date.isoformat))
schemathesis.openapi.format(
    "date-time",
    st.datetimes(
        dt.datetime.combine(EARLIEST_DATE, dt.time()),
        dt.datetime.combine(LATEST_DATE, dt.time()),
        timezones=st.sampled_from([dt.UTC, LOCAL_TZ]),
    ).map(dt.datetime.isoformat),
)

# A booking that fits the schema may still break a booking rule (opening hours, lead time, an unknown facility), which
# no schema can express: the API answers 422 with the reason, so that counts as accepting valid data too.
CONFIG = schemathesis.Config.from_dict(
    {
        "operations": [
            {
                "include-path": "/api/v1/bookings",
                "include-method": "POST",
                "checks": {
                    "positive_data_acceptance": {"expected-statuses": ["2xx", "401", "403", "404", "409", "422"]}
                },
            }
        ]
    }
)
schema = schemathesis.openapi.from_dict(api.get_openapi_schema(), config=CONFIG)

# The session of the signed-in member, set by the `member` fixture for the test that runs; read at each request
# (no caching), because each test has its own database and so its own session.
signed_in: dict[str, str] = {}


@schema.auth(refresh_interval=None)
class SessionCookie:
    """Signs requests in as SessionAuth documents: the `sessionid` cookie. Schemathesis leaves it out where it tests
    that an operation refuses anonymous requests."""

    def get(self, case, ctx):
        return signed_in.get("sessionid")

    def set(self, case, data, ctx):
        case.cookies = {**(case.cookies or {}), "sessionid": data}


@pytest.fixture
def content(transactional_db):
    # Some data in every list, so the schemas of filled answers are checked, not only of empty ones.
    ActivityFactory(association=AssociationFactory(slug="kor"))
    VolunteerRoleFactory()
    FacilityFactory(slug="sal")
    RoundFactory(scheme=GrantSchemeFactory(slug="pulje"))


@pytest.fixture
def member(transactional_db):
    association = BookingAssociationFactory(slug="spejderne")
    user = BookingMembershipFactory(association=association, role=Membership.Role.EDITOR).user
    client = Client()
    client.force_login(user)
    signed_in["sessionid"] = client.cookies["sessionid"].value
    yield user
    signed_in.clear()


@pytest.fixture
def csrf_session():
    session = requests.Session()
    session.cookies.set("csrftoken", CSRF_TOKEN)
    session.headers["X-CSRFToken"] = CSRF_TOKEN
    return session


def test_the_tested_schema_is_the_published_one(client):
    published = client.get("/api/v1/openapi.json").json()
    assert published == json.loads(json.dumps(api.get_openapi_schema(), default=str))


@schema.parametrize()
@settings(
    max_examples=3,
    derandomize=True,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.filter_too_much, HealthCheck.function_scoped_fixture],
)
def test_the_api_keeps_to_its_schema(case, live_server, content, member, csrf_session):
    case.call_and_validate(base_url=live_server.url, session=csrf_session)
