"""Reads of the associations app: the directory, profiles, activities, volunteer roles and who may act for whom.

Other apps decide who may act for an association with `associations_for_user()` and `membership_role()`.
"""

import dataclasses
import datetime as dt
from collections.abc import Iterable, Iterator, Sequence

from django.contrib.postgres.search import SearchQuery, SearchRank, TrigramWordSimilarity
from django.db import connection
from django.db.models import Case, Count, DateField, Exists, F, OuterRef, Prefetch, Q, QuerySet, Value, When
from django.db.models.functions import Coalesce, Collate, Greatest, Least
from django.utils import timezone

from associations.models import (
    Activity,
    Association,
    AssociationTargetGroup,
    AssociationTown,
    Category,
    Interest,
    Invitation,
    Membership,
    Town,
    VolunteerRole,
    activity_dates,
)
from portal.models import User

# How far ahead the activity calendar looks when nobody chose an end date.
DEFAULT_ACTIVITY_HORIZON = dt.timedelta(weeks=8)
# The longest period a calendar page or feed expands, so a wide date range cannot make a request expensive.
MAX_ACTIVITY_RANGE = dt.timedelta(days=366)


# Membership and permissions


def associations_for_user(user: User, roles: Iterable[str] | None = None) -> QuerySet[Association]:
    """The associations `user` is a member of (whatever their status), optionally only with one of `roles`."""
    if not user.is_authenticated:
        return Association.objects.none()
    memberships = Membership.objects.filter(user=user, association=OuterRef("pk"))
    if roles is not None:
        memberships = memberships.filter(role__in=list(roles))
    return Association.objects.filter(Exists(memberships)).order_by("name")


def membership_role(user: User, association: Association) -> str | None:
    """The user's role in the association ("admin" or "editor"), or None for anyone who is not a member."""
    if not user.is_authenticated:
        return None
    return Membership.objects.filter(user=user, association=association).values_list("role", flat=True).first()


def association_for_member(
    user: User, *, pk: int | None = None, slug: str | None = None, roles: Iterable[str] | None = None
) -> Association | None:
    """The association with this id or slug if `user` is a member (with one of `roles`), else None.

    Views turn None into a 404, so someone guessing ids learns nothing about associations they do not belong to.
    """
    lookup = {"pk": pk} if pk is not None else {"slug": slug}
    return associations_for_user(user, roles=roles).filter(**lookup).first()


def memberships_for_user(*, user: User) -> QuerySet[Membership]:
    """The person's memberships with their associations, for Min side."""
    return Membership.objects.filter(user=user).select_related("association").order_by("association__name")


def memberships_of_association(*, association: Association) -> QuerySet[Membership]:
    return association.memberships.select_related("user").order_by("role", "user__full_name", "user__email")


def invitations_pending(*, association: Association) -> QuerySet[Invitation]:
    return association.invitations.filter(
        accepted_at__isnull=True, created_at__gte=timezone.now() - Invitation.VALID_FOR
    )


def invitation_by_token(*, token: str) -> Invitation | None:
    return Invitation.objects.select_related("association").filter(token=token).first()


# The directory


@dataclasses.dataclass(frozen=True)
class AssociationFilters:
    q: str = ""
    category: str = ""
    town: str = ""
    target_group: str = ""
    kind: str = ""
    age: int | None = None


def _with_listing_data(queryset: QuerySet[Association]) -> QuerySet[Association]:
    return queryset.prefetch_related(
        Prefetch("categories", queryset=Category.objects.order_by("position", "name_da")),
        Prefetch("towns", queryset=AssociationTown.objects.order_by("town")),
        Prefetch("target_groups", queryset=AssociationTargetGroup.objects.order_by("group")),
    )


def associations_public() -> QuerySet[Association]:
    return Association.objects.filter(status=Association.Status.APPROVED)


def _serving_town(town: str) -> Q:
    """Associations serving the town, or the whole municipality (which includes every town)."""
    towns = [town] if town == Town.WHOLE_MUNICIPALITY else [town, Town.WHOLE_MUNICIPALITY]
    return Q(Exists(AssociationTown.objects.filter(association=OuterRef("pk"), town__in=towns)))


def _for_age(age: int) -> Q:
    return (Q(min_age__isnull=True) | Q(min_age__lte=age)) & (Q(max_age__isnull=True) | Q(max_age__gte=age))


def associations_search(*, filters: AssociationFilters) -> QuerySet[Association]:
    """Approved associations matching the filters, the best matches first and otherwise by name.

    On Postgres the search is Danish full text ("spejderne" finds "Spejder") on the stored, indexed vector plus
    trigram word similarity on the name ("forening" finds "Skakforeningen"; the threshold is
    `settings.WORD_SIMILARITY_THRESHOLD`, set on every connection). On SQLite it is a contains match.
    """
    queryset = associations_public()
    if filters.category:
        queryset = queryset.filter(
            Exists(
                Association.categories.through.objects.filter(
                    association=OuterRef("pk"), category__slug=filters.category
                )
            )
        )
    if filters.town:
        queryset = queryset.filter(_serving_town(filters.town))
    if filters.target_group:
        queryset = queryset.filter(
            Exists(AssociationTargetGroup.objects.filter(association=OuterRef("pk"), group=filters.target_group))
        )
    if filters.kind:
        queryset = queryset.filter(kind=filters.kind)
    if filters.age is not None:
        queryset = queryset.filter(_for_age(filters.age))
    q = filters.q.strip()
    if not q:
        return _with_listing_data(queryset.order_by("name"))
    if connection.vendor == "postgresql":
        query = SearchQuery(q, config="danish", search_type="websearch")
        # `name %> q` (trigram_word_similar) rather than comparing word_similarity() with a number: only the
        # operator can use the trigram index, and only operators can be combined with the full-text index.
        # The rank is only an alias to sort by: word_similarity() is slow, and selecting a separate similarity as
        # well would compute it twice for every match.
        queryset = (
            queryset.filter(Q(search_vector=query) | Q(name__trigram_word_similar=q))
            .alias(rank=Greatest(SearchRank(F("search_vector"), query), TrigramWordSimilarity(q, "name")))
            .order_by("-rank", "name")
        )
    else:
        queryset = queryset.filter(
            Q(name__icontains=q) | Q(description__icontains=q) | Q(meeting_place__icontains=q)
        ).order_by("name")
    return _with_listing_data(queryset)


def association_public_detail(*, slug: str) -> Association | None:
    return _with_listing_data(associations_public().filter(slug=slug)).first()


def categories_all() -> QuerySet[Category]:
    return Category.objects.order_by("position", "name_da")


# Activities


@dataclasses.dataclass(frozen=True)
class ActivityFilters:
    start: dt.date | None = None
    end: dt.date | None = None
    town: str = ""
    category: str = ""
    age: int | None = None
    free: bool = False
    new_members_welcome: bool = False
    good_for_newcomers: bool = False

    def date_range(self) -> tuple[dt.date, dt.date]:
        start = self.start or timezone.localdate()
        end = self.end or start + DEFAULT_ACTIVITY_HORIZON
        return start, min(end, start + MAX_ACTIVITY_RANGE)


@dataclasses.dataclass(frozen=True)
class Occurrence:
    """One date on which an activity takes place."""

    activity: Activity
    date: dt.date

    @property
    def starts_at(self) -> dt.datetime:
        return self.activity.starts_at(self.date)

    @property
    def ends_at(self) -> dt.datetime:
        return self.activity.ends_at(self.date)


def activities_public() -> QuerySet[Activity]:
    return Activity.objects.filter(association__status=Association.Status.APPROVED).select_related("association")


def _in_range(start: dt.date, end: dt.date) -> Q:
    once = Q(kind=Activity.Kind.ONCE, starts_on__gte=start, starts_on__lte=end)
    weekly = Q(kind=Activity.Kind.WEEKLY, starts_on__lte=end) & (Q(ends_on__isnull=True) | Q(ends_on__gte=start))
    if (end - start).days < 6:
        # A period shorter than a week only has some weekdays; other weekly activities cannot take place in it.
        weekly &= Q(
            weekday__in=sorted({(start + dt.timedelta(days=n)).weekday() for n in range((end - start).days + 1)})
        )
    return once | weekly


def activities_filtered(*, filters: ActivityFilters) -> QuerySet[Activity]:
    """Public activities taking place in the filters' date range (not yet expanded into dates)."""
    start, end = filters.date_range()
    queryset = activities_public().filter(_in_range(start, end))
    if filters.town:
        queryset = queryset.filter(town=filters.town)
    if filters.category:
        queryset = queryset.filter(
            Exists(
                Association.categories.through.objects.filter(
                    association=OuterRef("association"), category__slug=filters.category
                )
            )
        )
    if filters.age is not None:
        queryset = queryset.filter(_for_age(filters.age))
    if filters.free:
        queryset = queryset.filter(Q(price__isnull=True) | Q(price=0))
    if filters.new_members_welcome:
        queryset = queryset.filter(new_members_welcome=True)
    if filters.good_for_newcomers:
        queryset = queryset.filter(good_for_newcomers=True)
    return queryset.order_by("starts_on", "start_time", "title")


def occurrences_expand(activities: Iterable[Activity], *, start: dt.date, end: dt.date) -> list[Occurrence]:
    """Every date each activity takes place between start and end, in time order; weekly ones become many."""
    occurrences = [
        Occurrence(activity=activity, date=day) for activity in activities for day in activity.occurrences(start, end)
    ]
    return sorted(occurrences, key=lambda o: (o.date, o.activity.start_time, o.activity.title, o.activity.pk))


# Per-day fetches order as occurrences_expand() does: by time, then title by code point (as Python compares strings).
_CODE_POINT_ORDER = "C" if connection.vendor == "postgresql" else "BINARY"


def _on_day(day: dt.date) -> Q:
    """Activities taking place on the day, leaving out cancelled dates (which OccurrenceList knows by id)."""
    weekly = Q(kind=Activity.Kind.WEEKLY, weekday=day.weekday(), starts_on__lte=day) & (
        Q(ends_on__isnull=True) | Q(ends_on__gte=day)
    )
    return Q(kind=Activity.Kind.ONCE, starts_on=day) | weekly


class OccurrenceList(Sequence):
    """The dates of the given activities in [start, end] that have not ended yet, in time order.

    Nothing is expanded to count: the database counts one-off activities per day and weekly ones per (weekday,
    first, last) period, which arithmetic turns into counts per day; only the few activities with cancelled dates
    are read. A slice then reads just the activities of the days it touches, ordered and limited by the database,
    so a page of a long period costs about as much as a short one. Three small queries for any page.
    """

    def __init__(self, activities: QuerySet[Activity], *, start: dt.date, end: dt.date) -> None:
        self._activities = activities.order_by()
        self._tz = timezone.get_default_timezone()
        self._now = timezone.localtime(timezone.now(), self._tz)
        # Dates before today have ended and dates after today have not; only today's need their end time checked.
        self._today = self._now.date()
        self._start = max(start, self._today)
        self._end = end
        days = max((end - self._start).days + 1, 0)
        self._cancelled: dict[dt.date, set[int]] = {}
        self._counts = self._count_per_day(days) if days else []
        self._length = sum(self._counts)

    def _count_per_day(self, days: int) -> list[int]:
        start, end = self._start, self._end
        # Every activity is a period of dates: one day for a one-off, every week from first to last for a weekly
        # one. Today's date of an activity that has already ended does not count, so its period starts tomorrow.
        opening = Value(start)
        if start == self._today:
            tomorrow = start + dt.timedelta(days=1)
            opening = Case(When(end_time__lte=self._now.time(), then=Value(tomorrow)), default=Value(start))
        once = Q(kind=Activity.Kind.ONCE)
        periods = (
            self._activities.annotate(
                first=Greatest("starts_on", opening),
                last=Case(
                    When(once, then=F("starts_on")),
                    default=Least(Coalesce("ends_on", Value(end)), Value(end)),
                    output_field=DateField(),
                ),
            )
            .values_list("kind", "weekday", "first", "last")
            .annotate(number=Count("pk"))
        )
        counts = [0] * days
        weekly = [0] * (days + 7)  # a difference array: +n on a period's first date, -n a week after its last
        for kind, weekday, first, last, number in periods:
            if kind == Activity.Kind.WEEKLY:
                first += dt.timedelta(days=(weekday - first.weekday()) % 7)
            if first > last:
                continue
            i, j = (first - start).days, (last - start).days
            if kind == Activity.Kind.ONCE:
                counts[i] += number
            else:
                weekly[i] += number
                weekly[i + ((j - i) // 7 + 1) * 7] -= number
        for k in range(7, days):
            weekly[k] += weekly[k - 7]
        with_cancellations = (
            self._activities.filter(kind=Activity.Kind.WEEKLY)
            .exclude(exceptions=[])
            .values_list("pk", "weekday", "starts_on", "ends_on", "end_time", "exceptions")
        )
        for pk, weekday, starts_on, ends_on, end_time, exceptions in with_cancellations:
            for day in activity_dates(
                kind=Activity.Kind.WEEKLY, starts_on=starts_on, ends_on=ends_on, weekday=weekday, exceptions=[],
                start=start, end=end,
            ):  # fmt: skip
                if day.isoformat() in exceptions:
                    self._cancelled.setdefault(day, set()).add(pk)
                    if day != self._today or end_time > self._now.time():  # an ended one was not counted
                        counts[(day - start).days] -= 1
        return [counts[k] + weekly[k] for k in range(days)]

    def _on(self, day: dt.date) -> QuerySet[Activity]:
        """The activities taking place on the day (and, today, not yet ended), in time order."""
        queryset = self._activities.filter(_on_day(day)).exclude(pk__in=self._cancelled.get(day, ()))
        if day == self._today:
            queryset = queryset.filter(end_time__gt=self._now.time())
        return queryset.order_by("start_time", Collate("title", _CODE_POINT_ORDER), "pk")

    def __len__(self) -> int:
        return self._length

    def __getitem__(self, index):
        if not isinstance(index, slice):
            position = range(self._length)[index]
            return self[position : position + 1][0]
        first, stop, step = index.indices(self._length)
        parts: list[tuple[dt.date, int, int]] = []  # (day, from, to) within the day's occurrences
        offset = 0
        for k, count in enumerate(self._counts):
            if offset >= stop:
                break
            if count and offset + count > first:
                parts.append((self._start + dt.timedelta(days=k), max(first - offset, 0), min(count, stop - offset)))
            offset += count
        if not parts:
            return []
        if len(parts) == 1:  # the usual page: all on one day, ordered and cut by the database
            day, low, high = parts[0]
            found = [Occurrence(activity=activity, date=day) for activity in self._on(day)[low:high]]
        else:
            found = self._found_in_python(parts)
        return found[::step]

    def _found_in_python(self, parts: list[tuple[dt.date, int, int]]) -> list[Occurrence]:
        """A page across days: one read of the activities of those days, expanded and ordered here.

        One query whatever the page, so the count stays constant; it reads more rows than the one-day query only
        for the page that crosses from one busy day into the next.
        """
        first_day, last_day = parts[0][0], parts[-1][0]
        by_day: dict[dt.date, list[Activity]] = {}
        for activity in self._activities.filter(_in_range(first_day, last_day)):
            for day in activity.occurrences(first_day, last_day):
                if day != self._today or activity.end_time > self._now.time():
                    by_day.setdefault(day, []).append(activity)
        found = []
        for day, low, high in parts:
            ordered = sorted(
                by_day.get(day, ()), key=lambda activity: (activity.start_time, activity.title, activity.pk)
            )
            found += [Occurrence(activity=activity, date=day) for activity in ordered[low:high]]
        return found

    def __iter__(self) -> Iterator[Occurrence]:
        return iter(self[:])


def occurrences_upcoming(*, filters: ActivityFilters) -> OccurrenceList:
    """Activity dates in the filters' period, leaving out those that have already ended today."""
    start, end = filters.date_range()
    return OccurrenceList(activities_filtered(filters=filters), start=start, end=end)


def occurrences_soon(*, limit: int = 6) -> list[Occurrence]:
    """The next few activity dates, for the home page."""
    return occurrences_upcoming(filters=ActivityFilters())[:limit]


def activity_public_detail(*, pk: int) -> Activity | None:
    return activities_public().filter(pk=pk).first()


def activities_of_association(*, association: Association) -> QuerySet[Activity]:
    return association.activities.order_by("starts_on", "start_time", "title")


def activities_current_of_association(*, association: Association) -> QuerySet[Activity]:
    """Activities that have not ended, for the profile page and the association's calendar feed."""
    today = timezone.localdate()
    return (
        association.activities.filter(
            Q(kind=Activity.Kind.ONCE, starts_on__gte=today)
            | Q(kind=Activity.Kind.WEEKLY) & (Q(ends_on__isnull=True) | Q(ends_on__gte=today))
        )
        .select_related("association")
        .order_by("starts_on", "start_time", "title")
    )


# Volunteer roles


@dataclasses.dataclass(frozen=True)
class RoleFilters:
    q: str = ""
    town: str = ""
    category: str = ""
    poster: str = ""  # "association" or "municipality"
    no_child_certificate: bool = False


def roles_public() -> QuerySet[VolunteerRole]:
    """Open roles of approved associations and of municipal units."""
    return (
        VolunteerRole.objects.filter(status=VolunteerRole.Status.OPEN)
        .filter(Q(association__status=Association.Status.APPROVED) | Q(association__isnull=True))
        .select_related("association", "municipal_unit")
        .order_by("-created_at", "-pk")
    )


def roles_filtered(*, filters: RoleFilters) -> QuerySet[VolunteerRole]:
    queryset = roles_public()
    if filters.q.strip():
        q = filters.q.strip()
        queryset = queryset.filter(
            Q(title__icontains=q)
            | Q(description__icontains=q)
            | Q(association__name__icontains=q)
            | Q(municipal_unit__name__icontains=q)
        )
    if filters.town:
        queryset = queryset.filter(town=filters.town)
    if filters.category:
        queryset = queryset.filter(
            Exists(
                Association.categories.through.objects.filter(
                    association=OuterRef("association"), category__slug=filters.category
                )
            )
        )
    if filters.poster == "association":
        queryset = queryset.filter(association__isnull=False)
    elif filters.poster == "municipality":
        queryset = queryset.filter(municipal_unit__isnull=False)
    if filters.no_child_certificate:
        queryset = queryset.filter(child_certificate_required=False)
    return queryset


def roles_newest(*, limit: int = 4) -> list[VolunteerRole]:
    return list(roles_public()[:limit])


def role_public_detail(*, pk: int) -> VolunteerRole | None:
    return roles_public().filter(pk=pk).first()


def roles_of_association(*, association: Association) -> QuerySet[VolunteerRole]:
    return association.volunteer_roles.order_by("-created_at", "-pk")


def roles_open_of_association(*, association: Association) -> QuerySet[VolunteerRole]:
    return association.volunteer_roles.filter(status=VolunteerRole.Status.OPEN).order_by("-created_at", "-pk")


def interests_for_role(*, role: VolunteerRole) -> QuerySet[Interest]:
    return role.interests.order_by("-created_at", "-pk")
