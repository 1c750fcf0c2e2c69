"""Public, read-only API of approved associations, their activities and open volunteer roles."""

import datetime as dt

from django.core.paginator import Paginator
from django.http import Http404
from ninja import Field, Query, Router, Schema
from ninja.decorators import decorate_view

from associations import selectors
from portal.api_errors import errors
from portal.page_cache import cache_for_visitors
from portal.services import absolute_url
from portal.validation import BIGINT_MAX, CalendarDate, CleanText

router = Router(tags=["associations"])

PAGE_SIZE = 20


class Filters(Schema):
    q: CleanText = ""
    category: CleanText = ""
    town: CleanText = ""
    page: int = Field(1, ge=1, le=BIGINT_MAX)


class AssociationOut(Schema):
    slug: str
    name: str
    kind: str
    url: str
    description: str
    categories: list[str]
    towns: list[str]
    target_groups: list[str]
    min_age: int | None
    max_age: int | None
    contact_email: str
    contact_phone: str
    website: str
    founded_year: int | None


class AssociationDetailOut(AssociationOut):
    meeting_place: str
    cvr: str
    logo: str | None


class AssociationPage(Schema):
    count: int
    page: int
    pages: int
    items: list[AssociationOut]


class OccurrenceOut(Schema):
    id: int
    title: str
    url: str
    association: str
    association_slug: str
    date: dt.date
    starts_at: dt.datetime
    ends_at: dt.datetime
    recurring: bool
    place: str
    town: str
    price: float | None
    new_members_welcome: bool
    good_for_newcomers: bool
    min_age: int | None
    max_age: int | None
    signup_url: str


class OccurrencePage(Schema):
    count: int
    page: int
    pages: int
    items: list[OccurrenceOut]


class RoleOut(Schema):
    id: int
    title: str
    url: str
    description: str
    posted_by: str
    association_slug: str | None
    municipal_unit: str | None
    time_commitment: str
    when: str
    place: str
    town: str
    child_certificate_required: bool
    languages: str
    created_at: dt.datetime


class RolePage(Schema):
    count: int
    page: int
    pages: int
    items: list[RoleOut]


def _association(association, detail: bool = False) -> dict:
    data = {
        "slug": association.slug,
        "name": association.name,
        "kind": association.kind,
        "url": absolute_url(association.get_absolute_url()),
        "description": association.description,
        "categories": [category.slug for category in association.categories.all()],
        "towns": [town.town for town in association.towns.all()],
        "target_groups": [group.group for group in association.target_groups.all()],
        "min_age": association.min_age,
        "max_age": association.max_age,
        "contact_email": association.contact_email,
        "contact_phone": association.contact_phone,
        "website": association.website,
        "founded_year": association.founded_year,
    }
    if detail:
        data |= {
            "meeting_place": association.meeting_place,
            "cvr": association.cvr,
            "logo": absolute_url(association.logo.url) if association.logo else None,
        }
    return data


def _page(items, number: int) -> tuple[Paginator, object]:
    paginator = Paginator(items, PAGE_SIZE)
    return paginator, paginator.get_page(number)


@decorate_view(cache_for_visitors)
@router.get("/associations", response={200: AssociationPage, **errors()}, summary="Approved associations")
def associations(request, filters: Query[Filters]):
    queryset = selectors.associations_search(
        filters=selectors.AssociationFilters(q=filters.q, category=filters.category, town=filters.town),
        target_groups=True,
    )
    paginator, page = _page(queryset, filters.page)
    return {
        "count": paginator.count,
        "page": page.number,
        "pages": paginator.num_pages,
        "items": [_association(a) for a in page],
    }


@decorate_view(cache_for_visitors)
@router.get(
    "/associations/{slug}", response={200: AssociationDetailOut, **errors(404)}, summary="One approved association"
)
def association(request, slug: CleanText):
    found = selectors.association_public_detail(slug=slug)
    if found is None:
        raise Http404
    return _association(found, detail=True)


class ActivityFilters(Schema):
    start: CalendarDate | None = Field(None, alias="from")
    end: CalendarDate | None = Field(None, alias="to")
    town: CleanText = ""
    category: CleanText = ""
    page: int = Field(1, ge=1, le=BIGINT_MAX)


@decorate_view(cache_for_visitors)
@router.get(
    "/activities",
    response={200: OccurrencePage, **errors()},
    summary="Upcoming activity dates",
    description="Weekly activities are expanded into one item per date. Without `from`/`to` the next eight weeks.",
)
def activities(request, filters: Query[ActivityFilters]):
    occurrences = selectors.occurrences_upcoming(
        filters=selectors.ActivityFilters(
            start=filters.start, end=filters.end, town=filters.town, category=filters.category
        )
    )
    paginator, page = _page(occurrences, filters.page)
    return {
        "count": paginator.count,
        "page": page.number,
        "pages": paginator.num_pages,
        "items": [
            {
                "id": o.activity.pk,
                "title": o.activity.title,
                "url": absolute_url(o.activity.get_absolute_url()),
                "association": o.activity.association.name,
                "association_slug": o.activity.association.slug,
                "date": o.date,
                "starts_at": o.starts_at,
                "ends_at": o.ends_at,
                "recurring": o.activity.kind == o.activity.Kind.WEEKLY,
                "place": o.activity.place,
                "town": o.activity.town,
                "price": float(o.activity.price) if o.activity.price else None,
                "new_members_welcome": o.activity.new_members_welcome,
                "good_for_newcomers": o.activity.good_for_newcomers,
                "min_age": o.activity.min_age,
                "max_age": o.activity.max_age,
                "signup_url": o.activity.signup_url,
            }
            for o in page
        ],
    }


class RoleFilters(Schema):
    q: CleanText = ""
    town: CleanText = ""
    category: CleanText = ""
    page: int = Field(1, ge=1, le=BIGINT_MAX)


@decorate_view(cache_for_visitors)
@router.get("/volunteer-roles", response={200: RolePage, **errors()}, summary="Open volunteer roles")
def volunteer_roles(request, filters: Query[RoleFilters]):
    queryset = selectors.roles_filtered(
        filters=selectors.RoleFilters(q=filters.q, town=filters.town, category=filters.category)
    )
    paginator, page = _page(queryset, filters.page)
    return {
        "count": paginator.count,
        "page": page.number,
        "pages": paginator.num_pages,
        "items": [
            {
                "id": role.pk,
                "title": role.title,
                "url": absolute_url(role.get_absolute_url()),
                "description": role.description,
                "posted_by": str(role.poster),
                "association_slug": role.association.slug if role.association else None,
                "municipal_unit": role.municipal_unit.name if role.municipal_unit else None,
                "time_commitment": role.time_commitment,
                "when": role.when,
                "place": role.place,
                "town": role.town,
                "child_certificate_required": role.child_certificate_required,
                "languages": role.languages,
                "created_at": role.created_at,
            }
            for role in page
        ],
    }
