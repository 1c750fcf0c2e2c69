"""Every public and signed-in form, posted with hostile values, answers without a server error and, when it shows the
form again with errors, keeps what was typed.

The forms are discovered from the pages themselves: each page is read as its visitor sees it, its form's fields are
filled with what the page offers (the chosen option, the ticked box), and then every field a person types into gets
one hostile value at a time: one request per form and kind of value, not per field.
"""

from collections.abc import Callable
from dataclasses import dataclass
from html.parser import HTMLParser
from urllib.parse import urljoin

import pytest
from django.test import Client
from django.utils.html import escape

from associations.models import Membership
from tests.factories.advisory import TopicFactory
from tests.factories.associations import (
    CategoryFactory,
    MembershipFactory,
    VolunteerRoleFactory,
)
from tests.factories.dialogue import CommentFactory, IdeaFactory, MeetingFactory
from tests.factories.facilities import FacilityFactory
from tests.factories.grants import RoundFactory
from tests.factories.portal import UserFactory
from tests.factories.recognition import AwardRoundFactory, ThanksFactory

pytestmark = pytest.mark.django_db

HOSTILE = {
    "empty": "",
    "oversized": "Frivillig " * 10_000,
    "nul-byte": "før\x00efter",
    "rtl-and-zero-width": "\u202eabc\u200b\u200f\u2066def\u2069\ufeff",
    "emoji": "👩‍👩‍👧 Frivillig 🎉🇩🇰",
    "html-and-js": "<script>alert(1)</script>\"'><img src=x onerror=alert(1)>",
}
# A form shown again with its errors answers 200, or 400 where the view says the request was refused.
SHOWN_AGAIN = {200, 400}
# Fields a person types into; the others keep what the page offers.
TYPED = {"text", "email", "tel", "url", "search", "number", "date", "time", "password", "textarea"}


class _Forms(HTMLParser):
    """The forms of a page: their method, action and fields with the values the page gives them."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.forms: list[dict] = []
        self._select: str | None = None
        self._textarea: str | None = None

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "form":
            self.forms.append({"method": (attrs.get("method") or "get").lower(), "action": attrs.get("action")})
            self.forms[-1]["fields"] = {}
            self.forms[-1]["typed"] = set()
            return
        if not self.forms or "name" not in attrs and tag not in ("option",):
            return
        form = self.forms[-1]
        if tag == "input":
            kind = (attrs.get("type") or "text").lower()
            name = attrs["name"]
            if kind in ("checkbox", "radio"):
                form["fields"].setdefault(name, [])
                if "checked" in attrs:
                    form["fields"][name].append(attrs.get("value", "on"))
                elif kind == "radio" and not form["fields"][name]:
                    form["fields"][name].append(attrs.get("value", ""))
            elif kind == "file" or kind == "submit":
                return
            else:
                form["fields"][name] = [attrs.get("value", "")]
                if kind in TYPED:
                    form["typed"].add(name)
        elif tag == "textarea":
            self._textarea = attrs["name"]
            form["fields"][attrs["name"]] = [""]
            form["typed"].add(attrs["name"])
        elif tag == "select":
            self._select = attrs["name"]
            form["fields"][attrs["name"]] = []
        elif tag == "option" and self._select:
            values = form["fields"][self._select]
            value = attrs.get("value", "")
            if "selected" in attrs:
                values[:] = [value]
            elif not values and value:
                values.append(value)

    def handle_endtag(self, tag):
        if tag == "select":
            self._select = None
        elif tag == "textarea":
            self._textarea = None

    def handle_data(self, data):
        if self._textarea and self.forms:
            self.forms[-1]["fields"][self._textarea] = [data.lstrip("\n")]


@dataclass
class Case:
    page: str
    who: str  # "anonymous", "citizen" or "member"
    action: str | None = None  # the form's action when the page shows several forms; else the page's first


def _world() -> dict[str, Callable[[], Case]]:
    citizen = UserFactory(email="borger@example.org", full_name="Bo Borger")
    membership = MembershipFactory(role=Membership.Role.ADMIN, association__name="Espergærde Spejderne")
    association = membership.association
    CategoryFactory(slug="sport")
    role = VolunteerRoleFactory(association=association)
    TopicFactory(slug="start-en-forening")
    idea = IdeaFactory()
    comment = CommentFactory(idea=idea)
    ThanksFactory()
    award_round = AwardRoundFactory()
    meeting = MeetingFactory()
    grant_round = RoundFactory()
    facility = FacilityFactory(slug="espergaerde-hallen")
    slug = association.slug
    cases = {
        "login": Case("/accounts/login/", "anonymous"),
        "signup": Case("/accounts/signup/", "anonymous"),
        "password-reset": Case("/accounts/password/reset/", "anonymous"),
        "interest": Case(role.get_absolute_url(), "anonymous"),
        "grant-reminder": Case(
            f"/tilskud/{grant_round.scheme.slug}/", "anonymous", f"/tilskud/{grant_round.scheme.slug}/husk-mig/"
        ),
        "association-filter": Case("/foreninger/", "anonymous"),
        "activity-filter": Case("/aktiviteter/", "anonymous"),
        "role-filter": Case("/frivilligjob/", "anonymous"),
        "facility-filter": Case("/lokaler/", "anonymous"),
        "idea-filter": Case("/dialog/ideer/", "anonymous"),
        "grant-guide": Case("/tilskud/guide/", "anonymous"),
        "association-register": Case("/foreninger/registrer/", "citizen"),
        "advice-request": Case("/raadgivning/spoerg/", "citizen"),
        "idea": Case("/dialog/ideer/ny/", "citizen"),
        "comment": Case(idea.get_absolute_url(), "citizen", f"/dialog/ideer/{idea.pk}/kommenter/"),
        "comment-report": Case(f"/dialog/kommentarer/{comment.pk}/anmeld/", "citizen"),
        "agenda-topic": Case(f"/dialog/moeder/{meeting.pk}/foreslaa-punkt/", "citizen"),
        "story": Case("/historier/ny/", "citizen"),
        "thanks": Case("/anerkendelse/tak/ny/", "citizen"),
        "nomination": Case(f"/anerkendelse/indstil/{award_round.pk}/", "citizen"),
        "preferences": Case("/min-side/indstillinger/", "citizen"),
        "booking": Case(f"/lokaler/{facility.slug}/book/", "member"),
        "grant-application": Case(f"/tilskud/{grant_round.scheme.slug}/ansoeg/", "citizen"),
        "association-profile": Case(f"/min-side/foreninger/{slug}/profil/", "member"),
        "activity": Case(f"/min-side/foreninger/{slug}/aktiviteter/ny/", "member"),
        "volunteer-role": Case(f"/min-side/foreninger/{slug}/frivilligjob/ny/", "member"),
        "invitation": Case(f"/min-side/foreninger/{slug}/medlemmer/", "member"),
        "booking-series": Case(f"/lokaler/{facility.slug}/fast-booking/", "member"),
    }
    return {"cases": cases, "citizen": citizen, "member": membership.user}


FORMS = [
    "login",
    "signup",
    "password-reset",
    "interest",
    "grant-reminder",
    "association-filter",
    "activity-filter",
    "role-filter",
    "facility-filter",
    "idea-filter",
    "grant-guide",
    "association-register",
    "advice-request",
    "idea",
    "comment",
    "comment-report",
    "agenda-topic",
    "story",
    "thanks",
    "nomination",
    "preferences",
    "booking",
    "grant-application",
    "association-profile",
    "activity",
    "volunteer-role",
    "invitation",
    "booking-series",
]


def _form(html: str, page: str, action: str | None) -> dict:
    parser = _Forms()
    parser.feed(html)
    if action is not None:
        candidates = [form for form in parser.forms if form["action"] == action]
    else:
        # The header's sign-out and language forms are on every page; the form under test has fields to fill in.
        candidates = [form for form in parser.forms if form["typed"] or (form["method"] == "get" and form["fields"])]
    assert candidates, f"{page}: no form found"
    form = candidates[0]
    form["url"] = urljoin(page, form["action"] or page)
    if not form["typed"]:
        # A form of choices only (a filter, the grant guide) gets the hostile values in its choices instead.
        form["typed"] = set(form["fields"]) - {"csrfmiddlewaretoken"}
    return form


@pytest.mark.parametrize("name", FORMS)
def test_hostile_values_never_break_a_form(name):
    world = _world()
    case = world["cases"][name]
    client = Client(raise_request_exception=False)
    if case.who != "anonymous":
        client.force_login(world[case.who])
    page = client.get(case.page)
    assert page.status_code == 200, f"{case.page}: {page.status_code}"
    form = _form(page.text, case.page, case.action)

    problems = []
    for kind, value in HOSTILE.items():
        data = {key: list(values) for key, values in form["fields"].items() if values}
        for field in form["typed"]:
            data[field] = [value]
        send = client.post if form["method"] == "post" else client.get
        response = send(form["url"], data)
        if response.status_code >= 500:
            problems.append(f"{kind}: {response.status_code}")
        elif (
            response.status_code in SHOWN_AGAIN
            and value
            and form["method"] == "post"
            and escape(value) not in response.text
        ):
            problems.append(f"{kind}: the form came back without what was typed")
    assert problems == [], f"{name} ({form['url']}): {problems}"
