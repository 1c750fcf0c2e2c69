"""Open data about grant schemes, their rounds and awarded grants (360Giving field names)."""

import datetime as dt
from decimal import Decimal

from django.http import Http404, HttpRequest
from django.utils import timezone
from ninja import Field, Query, Router, Schema
from ninja.decorators import decorate_view

from grants import selectors
from grants.models import GrantScheme, Round
from portal.api_errors import errors
from portal.page_cache import cache_for_visitors
from portal.validation import CleanText, Offset

router = Router(tags=["grants"])

MAX_LIMIT = 100
MAX_AWARDS_LIMIT = 500


class RoundOut(Schema):
    name: str
    opens_at: dt.datetime
    deadline: dt.datetime | None = Field(description="Missing when applications are accepted continuously.")
    continuous: bool
    decision_expected_on: dt.date | None
    is_open: bool


class SchemeOut(Schema):
    slug: str
    title_da: str
    title_en: str
    summary_da: str
    summary_en: str
    url: str
    is_open: bool
    next_deadline: dt.datetime | None
    amount_min: Decimal | None
    amount_max: Decimal | None
    legal_basis: str
    applicant_kinds: list[str]
    purposes: list[str]
    target_groups: list[str]
    application_method: str


class SchemeDetailOut(SchemeOut):
    description_da: str
    description_en: str
    purpose_da: str
    not_funded_da: str
    cofinancing_da: str
    requires_cvr: bool
    requires_nemkonto: bool
    requires_child_certificate: bool
    min_members: int | None
    committee_da: str
    contact_email: str
    external_url: str
    reporting_required: bool
    rounds: list[RoundOut]


class SchemeList(Schema):
    count: int
    items: list[SchemeOut]


class Organisation(Schema):
    id: str
    name: str


class Programme(Schema):
    code: str
    title: str


class AwardOut(Schema):
    identifier: str
    title: str
    description: str
    currency: str
    amountAwarded: float
    awardDate: str
    recipientOrganization: list[Organisation]
    fundingOrganization: list[Organisation]
    grantProgramme: list[Programme]


class AwardList(Schema):
    count: int
    items: list[AwardOut]


def _scheme(scheme: GrantScheme, request: HttpRequest) -> dict:
    return {
        "slug": scheme.slug,
        "title_da": scheme.title_da,
        "title_en": scheme.title_en,
        "summary_da": scheme.summary_da,
        "summary_en": scheme.summary_en,
        "url": request.build_absolute_uri(scheme.get_absolute_url()),
        "is_open": scheme.is_open,
        "next_deadline": scheme.next_deadline,
        "amount_min": scheme.amount_min,
        "amount_max": scheme.amount_max,
        "legal_basis": scheme.legal_basis,
        "applicant_kinds": [kind.slug for kind in scheme.applicant_kinds.all()],
        "purposes": [purpose.slug for purpose in scheme.purposes.all()],
        "target_groups": [group.slug for group in scheme.target_groups.all()],
        "application_method": scheme.application_method,
    }


def _round(round_: Round, now: dt.datetime) -> dict:
    return {
        "name": round_.name_da,
        "opens_at": round_.opens_at,
        "deadline": round_.deadline,
        "continuous": round_.is_continuous,
        "decision_expected_on": round_.decision_expected_on,
        "is_open": round_.is_open_at(now),
    }


@decorate_view(cache_for_visitors)
@router.get("", response={200: SchemeList, **errors()}, summary="Published grant schemes, open ones first")
def scheme_list(
    request: HttpRequest,
    applicant_kind: CleanText = "",
    purpose: CleanText = "",
    target_group: CleanText = "",
    open_now: bool = False,
    limit: int = Query(50, ge=1, le=MAX_LIMIT),
    offset: Offset = 0,
):
    schemes = selectors.schemes_published(
        applicant_kind=applicant_kind, purpose=purpose, target_group=target_group, open_now=open_now
    )
    return {"count": schemes.count(), "items": [_scheme(s, request) for s in schemes[offset : offset + limit]]}


@decorate_view(cache_for_visitors)
@router.get("/awards", response={200: AwardList, **errors()}, summary="Awarded grants following 360Giving field names")
def award_list(
    request: HttpRequest,
    scheme: CleanText = "",
    limit: int = Query(100, ge=1, le=MAX_AWARDS_LIMIT),
    offset: Offset = 0,
):
    awards = selectors.awards(scheme_slug=scheme)
    return {"count": awards.count(), "items": [selectors.award_json(a) for a in awards[offset : offset + limit]]}


@decorate_view(cache_for_visitors)
@router.get(
    "/{slug}", response={200: SchemeDetailOut, **errors(404)}, summary="One grant scheme with its rounds and open state"
)
def scheme_detail(request: HttpRequest, slug: CleanText):
    now = timezone.now()
    try:
        full = selectors.scheme_detail(slug=slug, now=now)
    except GrantScheme.DoesNotExist:
        raise Http404 from None
    scheme = full
    return {
        **_scheme(scheme, request),
        **{
            name: getattr(full, name)
            for name in (
                "description_da",
                "description_en",
                "purpose_da",
                "not_funded_da",
                "cofinancing_da",
                "requires_cvr",
                "requires_nemkonto",
                "requires_child_certificate",
                "min_members",
                "committee_da",
                "contact_email",
                "external_url",
                "reporting_required",
            )
        },
        "rounds": [_round(r, now) for r in full.rounds.all()],
    }
