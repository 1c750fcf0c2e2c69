"""Reads of the associations app: the directory, profiles, activities, volunteer roles and who may act for whom.

Other apps decide who may act for an association with `associations_for_user()` and `membership_role()`.
"""

import bisect
import dataclasses
import datetime as dt
import functools
import itertools
from collections.abc import Iterable, Iterator, Sequence
from typing import NamedTuple

from allauth.account.models import EmailAddress
from django.contrib.postgres.search import SearchQuery, SearchRank, TrigramWordSimilarity
from django.db import connection
from django.db.models import (
    BooleanField,
    Case,
    Count,
    Exists,
    F,
    OuterRef,
    PositiveSmallIntegerField,
    Prefetch,
    Q,
    QuerySet,
    TimeField,
    Value,
    When,
)
from django.db.models.functions import Cast, Coalesce, Greatest, Least
from django.db.models.lookups import GreaterThan, LessThan
from django.utils import timezone

from associations.models import (
    DAY_ORDER,
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
from portal.db import CodePoint, Row
from portal.models import User
from portal.page_cache import remember

# How far ahead the activity calendar looks when nobody chose an end date.
DEFAULT_ACTIVITY_HORIZON = dt.timedelta(weeks=8)
# A calendar page reads its dates a day, a day and up to two weeks at a time, then the rest (OccurrenceList._walk).
NEAR_DAYS = (1, 2, 14)
# The longest period a calendar page or feed expands, so a wide date range cannot make a request expensive.
MAX_ACTIVITY_RANGE = dt.timedelta(days=366)
# A category's, target group's or town's similarity to the words counts as much as full-text ranking weighs the
# terms (weight B) against the name (weight A).
TERMS_SIMILARITY_WEIGHT = 0.4


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


def association_with_same_name_or_cvr(*, name: str, cvr: str = "") -> Association | None:
    """The oldest association with this name (ignoring case and surrounding spaces) or this CVR number, if any."""
    same = Q(name__iexact=name.strip())
    if cvr:
        same |= Q(cvr=cvr)
    return Association.objects.filter(same).order_by("pk").first()


def memberships_for_user(*, user: User) -> QuerySet[Membership]:
    """The person's memberships with their associations, for Min side."""
    return Membership.objects.filter(user=user).select_related("association").order_by("association__name")


def memberships_of_association(*, association: Association) -> QuerySet[Membership]:
    return association.memberships.select_related("user").order_by("role", "user__full_name", "user__email")


def associations_left_without_admin(*, removed: QuerySet[Membership]) -> QuerySet[Association]:
    """The associations that would have no administrator if the `removed` memberships went (or lost their role)."""
    removed_admins = removed.filter(role=Membership.Role.ADMIN)
    remaining_admins = Membership.objects.filter(role=Membership.Role.ADMIN).exclude(pk__in=removed_admins.values("pk"))
    return Association.objects.filter(pk__in=removed_admins.values("association_id")).exclude(
        pk__in=remaining_admins.values("association_id")
    )


def invitations_pending(*, association: Association) -> QuerySet[Invitation]:
    return association.invitations.filter(
        accepted_at__isnull=True, created_at__gte=timezone.now() - Invitation.VALID_FOR
    )


def invitation_by_token(*, token: str) -> Invitation | None:
    return Invitation.objects.select_related("association").filter(token=token).first()


def invitation_address_of(*, invitation: Invitation, user: User) -> EmailAddress | None:
    """The signed-in person's own record of the invited address (verified or not), or None if it is not theirs."""
    return EmailAddress.objects.filter(user=user, email__iexact=invitation.email).first()


# The directory


@dataclasses.dataclass(frozen=True)
class AssociationFilters:
    q: str = ""
    category: str = ""
    town: str = ""
    target_group: str = ""
    kind: str = ""
    age: int | None = None


# The profile and the API show an association's target groups; the directory's cards do not.
TARGET_GROUPS = Prefetch("target_groups", queryset=AssociationTargetGroup.objects.order_by("group"))


# What a directory card shows besides the association's own fields.
LISTING_DATA = (
    Prefetch("categories", queryset=Category.objects.order_by("position", "name_da")),
    Prefetch("towns", queryset=AssociationTown.objects.order_by("town")),
)


def associations_public() -> QuerySet[Association]:
    # The search vector is for the database to search with; nothing reads it in Python.
    return Association.objects.filter(status=Association.Status.APPROVED).defer("search_vector", "search_terms")


def _serving_town(town: str) -> Q:
    """Associations serving the town, or the whole municipality (which includes every town)."""
    towns = [town] if town == Town.WHOLE_MUNICIPALITY else [town, Town.WHOLE_MUNICIPALITY]
    return Q(Exists(AssociationTown.objects.filter(association=OuterRef("pk"), town__in=towns)))


def _in_category(category: str, *, association: str) -> Exists:
    """Rows whose association (`association` names it: "pk" for associations themselves) has the category."""
    return Exists(
        Association.categories.through.objects.filter(association=OuterRef(association), category__slug=category)
    )


def _for_age(age: int) -> Q:
    return (Q(min_age__isnull=True) | Q(min_age__lte=age)) & (Q(max_age__isnull=True) | Q(max_age__gte=age))


def associations_search(*, filters: AssociationFilters, target_groups: bool = False) -> Sequence[Association]:
    """Approved associations matching the filters (`association_ids_search`), with what a directory card shows
    (categories and towns) and, with `target_groups`, what the profile and the API show too."""
    prefetch = [*LISTING_DATA, *((TARGET_GROUPS,) if target_groups else ())]
    if not _words(filters.q):  # a page of the list by name reads its associations at once
        return _matching_other_filters(filters).order_by("name").prefetch_related(*prefetch)
    return RankedAssociations(association_ids_search(filters=filters), prefetch=prefetch)


def association_ids_search(*, filters: AssociationFilters) -> Sequence[int]:
    """The ids of approved associations matching the filters, the best matches first and otherwise by name.

    On Postgres the search is Danish full text ("spejderne" finds "Spejder") on the stored, indexed vector plus
    trigram word similarity on the name ("forening" finds "Skakforeningen"; the threshold is
    `settings.WORD_SIMILARITY_THRESHOLD`, set on every connection). A full-text match ranks by its full-text rank, a
    name found only by similarity by that similarity. On SQLite it is a contains match.

    The words' ranked matches are kept under the content version (`portal.page_cache.remember`), and so are the
    ids matching the other filters: the same words with another town, category or page, or through the API,
    narrow the kept list by the kept ids instead of searching again.
    """
    queryset = _matching_other_filters(filters)
    if not (q := _words(filters.q)):
        return queryset.order_by("name").values_list("pk", flat=True)
    ranked = remember(f"associations:search:{q}", lambda: list(_search(q).values_list("pk", flat=True)))
    if (others := dataclasses.replace(filters, q="")) != AssociationFilters():
        # The other filters' matches are kept too: a town or a category is combined with every search word.
        narrowed = remember(
            f"associations:filtered:{others!r}", lambda: set(queryset.order_by().values_list("pk", flat=True))
        )
        ranked = [pk for pk in ranked if pk in narrowed]
    return ranked


def _words(q: str) -> str:
    # Both searches ignore case and spacing, so neither does the kept list.
    return " ".join(q.split()).lower()


def associations_by_id(ids: Sequence[int], *, prefetch: Sequence[Prefetch] = LISTING_DATA) -> list[Association]:
    """The approved associations of `ids`, in that order. One made private since the ids were kept is left out
    rather than failing the page."""
    if not ids:
        return []
    found = associations_public().prefetch_related(*prefetch).in_bulk(ids)
    return [found[pk] for pk in ids if pk in found]


def _matching_other_filters(filters: AssociationFilters) -> QuerySet[Association]:
    queryset = associations_public()
    if filters.category:
        queryset = queryset.filter(_in_category(filters.category, association="pk"))
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
    return queryset


def _search(q: str) -> QuerySet[Association]:
    """Every approved association matching the words, best first."""
    queryset = associations_public()
    if connection.vendor != "postgresql":
        matches = (
            Q(name__icontains=q)
            | Q(search_terms__icontains=q)
            | Q(description__icontains=q)
            | Q(meeting_place__icontains=q)
        )
        return queryset.filter(matches).order_by("name", "pk")
    query = SearchQuery(q, config="danish", search_type="websearch")
    # `name %> q` (trigram_word_similar) rather than comparing word_similarity() with a number: only the operator
    # can use the trigram index, and only operators can be combined with the full-text index. A full-text match
    # ranks by its full-text rank; word_similarity() is computed only for the names that matched by similarity
    # alone. Computing it for every match was most of a broad word's time: "børn" is in two thirds of the
    # descriptions (35 ms against 15 at full scale).
    # The names of an association's categories, target groups and towns (`search_terms`) are in the vector, below
    # its name; by similarity they tolerate a typo ("idrt") as the name does, and rank below a name as similar.
    # A name that holds the words comes first whatever else matched: "Helsingør Idrætsforening" before the clubs
    # found by their category "Idræt", although full text does not see "idræt" in the compound. A substring test
    # of a short name is cheap, unlike word_similarity().
    return (
        queryset.filter(
            Q(search_vector=query) | Q(name__trigram_word_similar=q) | Q(search_terms__trigram_word_similar=q)
        )
        .alias(
            named=Case(
                When(name__icontains=q, then=Value(1)), default=Value(0), output_field=PositiveSmallIntegerField()
            ),
            rank=Case(
                When(search_vector=query, then=SearchRank(F("search_vector"), query)),
                default=Greatest(
                    TrigramWordSimilarity(q, "name"), TrigramWordSimilarity(q, "search_terms") * TERMS_SIMILARITY_WEIGHT
                ),
            ),
        )
        .order_by("-named", "-rank", "name", "pk")
    )


def _one_of(sequence: Sequence, index: int):
    """`sequence[index]` of a sequence that reads slices: the slice of that one item."""
    position = range(len(sequence))[index]
    return sequence[position : position + 1][0]


class RankedAssociations(Sequence):
    """Associations in the order of their ids; a slice (a page) reads only its own, with the prefetches asked for."""

    def __init__(self, ids: list[int], *, prefetch: Sequence[Prefetch] = ()) -> None:
        self._ids = ids
        self._prefetch = prefetch

    def __len__(self) -> int:
        return len(self._ids)

    def __getitem__(self, index):
        if not isinstance(index, slice):
            return _one_of(self, index)
        return associations_by_id(self._ids[index], prefetch=self._prefetch)

    def __iter__(self) -> Iterator[Association]:
        return iter(self[:])


def association_public_detail(*, slug: str) -> Association | None:
    return associations_public().filter(slug=slug).prefetch_related(*LISTING_DATA, TARGET_GROUPS).first()


def categories_all() -> list[Category]:
    """Every category in the staff's order, kept under the content version: every filter form lists them, and they
    seldom change."""
    return remember("associations:categories", lambda: list(Category.objects.order_by("position", "name_da")))


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


class OccurrenceKey(NamedTuple):
    """One date on which an activity takes place, before the activity is read."""

    date: dt.date
    activity_id: int


class CalendarPosition(NamedTuple):
    """A place in the calendar's order (date, start time, title by code point, activity id), which a page of it
    starts after or ends before."""

    date: dt.date
    start_time: dt.time
    title: str
    activity_id: int


def calendar_position(key: OccurrenceKey) -> CalendarPosition:
    """Where the date is in the calendar's order; the start of that date if the activity is gone since."""
    found = Activity.objects.filter(pk=key.activity_id).values_list("start_time", "title").first()
    if found is None:
        return CalendarPosition(key.date, dt.time.min, "", 0)
    return CalendarPosition(key.date, *found, key.activity_id)


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
    """Activities of approved associations.

    Written as "not of an association that is not approved": those are a few hundred, listed by a partial index
    (association_not_public), where joining the approved ones made every count of the calendar hash thousands of
    associations first. As in associations_public(), the search vector is for the database only.
    """
    not_public = Association.objects.exclude(status=Association.Status.APPROVED).values("pk")
    return (
        Activity.objects.exclude(association__in=not_public)
        .select_related("association")
        .defer("association__search_vector", "association__search_terms")
    )


def _once_in(start: dt.date, end: dt.date) -> Q:
    return Q(kind=Activity.Kind.ONCE, starts_on__gte=start, starts_on__lte=end)


def _weekly_in(start: dt.date, end: dt.date) -> Q:
    return Q(kind=Activity.Kind.WEEKLY, starts_on__lte=end) & (Q(ends_on__isnull=True) | Q(ends_on__gte=start))


def _in_range(start: dt.date, end: dt.date) -> Q:
    once, weekly = _once_in(start, end), _weekly_in(start, end)
    if (end - start).days < 6:
        # A period shorter than a week only has some weekdays; other weekly activities cannot take place in it.
        weekly &= Q(
            weekday__in=sorted({(start + dt.timedelta(days=n)).weekday() for n in range((end - start).days + 1)})
        )
    return once | weekly


def activities_filtered(*, filters: ActivityFilters) -> QuerySet[Activity]:
    """Public activities taking place in the filters' date range (not yet expanded into dates)."""
    start, end = filters.date_range()
    return _activities_matching(filters).filter(_in_range(start, end))


def _activities_matching(filters: ActivityFilters) -> QuerySet[Activity]:
    """Public activities matching the filters other than the dates."""
    queryset = activities_public()
    if filters.town:
        queryset = queryset.filter(town=filters.town)
    if filters.category:
        queryset = queryset.filter(_in_category(filters.category, association="association"))
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


def _cancelled_dates(*, start: dt.date, end: dt.date) -> dict[int, tuple[int, tuple[int, ...]]]:
    """Each public weekly activity with cancelled dates from start to end: its end time (seconds after midnight) and
    those dates (ordinals). Plain numbers, because this is kept for every calendar page: a thousand activities'
    dates and times unpickle ten times faster so."""
    cancelled = {}
    with_cancellations = (
        activities_public()
        .filter(_weekly_in(start, end))
        .exclude(exceptions=[])
        .values_list("pk", "weekday", "starts_on", "ends_on", "end_time", "exceptions")
    )
    for pk, weekday, starts_on, ends_on, end_time, exceptions in with_cancellations:
        # A cancelled date counts if it is one of the activity's dates in the period (a list also keeps past dates,
        # and is short: it is checked, not the period's dates).
        first, last = max(start, starts_on), min(end, ends_on) if ends_on else end
        days = {dt.date.fromisoformat(value) for value in exceptions}
        if in_period := sorted(day.toordinal() for day in days if first <= day <= last and day.weekday() == weekday):
            cancelled[pk] = (_seconds(end_time), tuple(in_period))
    return cancelled


def _seconds(time: dt.time) -> int:
    return time.hour * 3600 + time.minute * 60 + time.second


class OccurrenceList(Sequence):
    """The dates of the given activities in [start, end] that have not ended yet, in time order.

    Read two ways. The portal's calendar pages by position (`after()`, `before()`): it reads the days from a date
    of the calendar on, the first few apart, each day's slice ordered and cut by the database (`_walk`), and counts
    nothing, so any page costs about the same. The API pages by number, which needs the count:

    Nothing is expanded to count: the database counts one-off activities per day and weekly ones per (weekday,
    first, last) period, which arithmetic turns into counts per day; only the ids of the activities with cancelled
    dates are read (which are cancelled on which dates is kept). The count is made for every town at once and, given
    a name, kept under the content version, whatever the time of day (today's end times are kept with it): people
    switch towns with the other filters as they were, and counting every town costs about twice counting without a
    town. A slice then reads just the activities of the days it touches, ordered and limited by the database, so a
    page of a long period costs about as much as a short one. Three small queries for any page at most, one when the
    counts are kept.
    """

    def __init__(
        self, activities: QuerySet[Activity], *, start: dt.date, end: dt.date, town: str = "", name: str = ""
    ) -> None:
        """`activities` match every filter but the town, which `town` (if any) adds; `name` names what the other
        filters are, for keeping the counts."""
        self._in_every_town = activities.order_by()
        self._town = town
        self._activities = self._in_every_town.filter(town=town) if town else self._in_every_town
        self._name = name
        self._tz = timezone.get_default_timezone()
        self._now = timezone.localtime(timezone.now(), self._tz)
        # Dates before today have ended and dates after today have not; only today's need their end time checked.
        self._today = self._now.date()
        self._start = max(start, self._today)
        self._end = end
        self._days = max((end - self._start).days + 1, 0)

    @functools.cached_property
    def _cancelled_everywhere(self) -> dict[int, tuple[int, tuple[int, ...]]]:
        """Which public activities are cancelled on which dates of the period (`_cancelled_dates`), kept under the
        content version: lists of cancelled dates grow with the years, and reading and checking them on every page
        was most of its time when many activities had some."""
        if not self._days:
            return {}
        return remember(
            f"associations:cancelled-dates:{self._start}:{self._end}",
            functools.partial(_cancelled_dates, start=self._start, end=self._end),
        )

    @functools.cached_property
    def _counts(self) -> list[int]:
        """How many dates each day of the period has."""
        if not self._days:
            return []
        if self._name:
            by_town = remember(f"{self._name}:counts:{self._start}:{self._end}", self._count_by_town)
        else:
            by_town = self._count_by_town()
        counts = [0] * self._days
        for town, (town_counts, ends_today) in by_town.items():
            if self._town in ("", town):
                counts = [a + b for a, b in zip(counts, town_counts, strict=True)]
                if self._start == self._today:  # today's dates that have ended by now do not count
                    counts[0] -= bisect.bisect_right(ends_today, _seconds(self._now.time()))
        return counts

    def _count_by_town(self) -> dict[str, tuple[list[int], list[int]]]:
        """How many dates each day of the period has in each town, and when each of today's ends (seconds after
        midnight, in order), so that the counts can be kept whatever the time of day."""
        start, end, days = self._start, self._end, self._days
        # Every activity is a period of dates: one day for a one-off, every week from first to last for a weekly
        # one. One-off and weekly activities are counted apart, in one UNION ALL: each part then reads only a
        # covering index (activity_once_calendar, activity_weekly_calendar), never the table. So each part names
        # its kind as a constant rather than selecting the column (which neither index holds) and counts rows.
        no_day = Value(None, output_field=PositiveSmallIntegerField())
        no_time = Cast(Value(None), TimeField())  # typed, as the parts of a UNION must agree

        def counted(condition: Q, *, weekly, on_weekday, first, last, ends) -> QuerySet:
            """One part: the activities meeting the condition, counted per town and these columns."""
            columns = {"weekly": weekly, "on_weekday": on_weekday, "first": first, "last": last, "ends": ends}
            return (
                self._in_every_town.filter(condition)
                .annotate(**columns)
                .values_list("town", *columns)
                .annotate(number=Count("*"))
            )

        parts = [
            counted(_once_in(start, end), weekly=Value(False), on_weekday=no_day, first=F("starts_on"),
                    last=F("starts_on"), ends=no_time),
            counted(_weekly_in(start, end), weekly=Value(True), on_weekday=F("weekday"),
                    first=Greatest("starts_on", Value(start)), last=Least(Coalesce("ends_on", Value(end)), Value(end)),
                    ends=no_time),
        ]  # fmt: skip
        if start == self._today:
            # Today's dates by their end time (each kind from its own index again), the period's first day.
            parts += [
                counted(today, weekly=Value(None, output_field=BooleanField()), on_weekday=no_day, first=Value(start),
                        last=Value(start), ends=F("end_time"))
                for today in (_once_in(start, start), _weekly_in(start, start) & Q(weekday=start.weekday()))
            ]  # fmt: skip
        # Per town: the one-off dates of each day, a difference array of the weekly ones (+n on a period's first
        # date, -n a week after its last) and today's end times.
        by_town: dict[str, tuple[list[int], list[int], list[int]]] = {}
        for town, is_weekly, weekday, first, last, ends, number in parts[0].union(*parts[1:], all=True).order_by():
            counts, weekly, ends_today = by_town.setdefault(town, ([0] * days, [0] * (days + 7), []))
            if is_weekly is None:
                ends_today += [_seconds(ends)] * number
                continue
            if is_weekly:
                first += dt.timedelta(days=(weekday - first.weekday()) % 7)
            if first > last:
                continue
            i, j = (first - start).days, (last - start).days
            if is_weekly:
                weekly[i] += number
                weekly[i + ((j - i) // 7 + 1) * 7] -= number
            else:
                counts[i] += number
        if self._cancelled_everywhere:
            with_cancellations = (
                self._in_every_town.filter(_weekly_in(start, end)).exclude(exceptions=[]).values_list("pk", "town")
            )
            for pk, town in with_cancellations:
                end_time, cancelled = self._cancelled_everywhere.get(pk, (0, ()))
                counts, _weekly, ends_today = by_town[town]
                for day in cancelled:
                    counts[day - start.toordinal()] -= 1
                    if day == start.toordinal() == self._today.toordinal():
                        ends_today.remove(end_time)
        result = {}
        for town, (counts, weekly, ends_today) in by_town.items():
            for k in range(7, days):
                weekly[k] += weekly[k - 7]
            result[town] = ([counts[k] + weekly[k] for k in range(days)], sorted(ends_today))
        return result

    def soonest(self, number: int) -> list[Occurrence]:
        """The first `number` dates within two weeks, without counting the period (the home page).

        The two weeks are read in one query whatever the time of day: walking day by day would read further days
        once today's activities have ended, so the page would cost more queries in the evening than in the morning.
        """
        days = [self._start + dt.timedelta(days=k) for k in range(min(self._days, NEAR_DAYS[-1]))]
        if not days:
            return []
        return occurrences_load(self._found([(day, 0, number) for day in days])[:number])

    def after(self, position: CalendarPosition | None, number: int) -> list[OccurrenceKey]:
        """The first `number` dates after the position (from the period's start without one), without counting the
        period: for a calendar paged by position, whose pages cost the same however many dates it has."""
        return self._walk(number, position)

    def before(self, position: CalendarPosition, number: int) -> list[OccurrenceKey]:
        """The last `number` dates before the position, in time order."""
        return self._walk(number, position, backwards=True)[::-1]

    def _walk(
        self, number: int, position: CalendarPosition | None = None, *, backwards: bool = False
    ) -> list[OccurrenceKey]:
        """Up to `number` dates from the position on (or back), the nearest first, reading the days in batches.

        A busy day's slice is read from the bound on and stops when it has enough, but each day more in the query
        costs planning (and reads a day for nothing when the first has enough), so the first day is read first, then
        the next (NEAR_DAYS), and days after that only when those had too few: the evening of a busy day, or quiet
        days, whose slices are cheap. The days after two weeks are read at once and expanded here: the filters found
        little so far. Four queries at most.
        """
        if backwards:
            last = min(position.date, self._end)
            days = [last - dt.timedelta(days=k) for k in range((last - self._start).days + 1)]
        else:
            first = max(position.date, self._start) if position else self._start
            days = [first + dt.timedelta(days=k) for k in range((self._end - first).days + 1)]
        # A position on another date than the first read (outside the period) bounds nothing.
        bound = position if position is not None and days and days[0] == position.date else None
        found: list[OccurrenceKey] = []
        for k, (low, high) in enumerate(itertools.pairwise((0, *NEAR_DAYS, len(days)))):
            if len(found) >= number or low >= len(days):
                break
            parts = [(day, 0, number - len(found)) for day in days[low:high]]
            read = self._found if k < len(NEAR_DAYS) else self._found_in_python  # the rest at once (see above)
            found += read(parts, bound=bound if k == 0 else None, backwards=backwards)[: number - len(found)]
        return found

    def _on(
        self, day: dt.date, *, bound: CalendarPosition | None = None, backwards: bool = False
    ) -> list[QuerySet[Activity]]:
        """The one-off and the weekly activities taking place on the day (and, today, not yet ended), each in time
        order (or its reverse), after the bound (or before it). Apart, each is read from an index in that order
        (activity_once_calendar, activity_weekly_day), from the bound on, and stops when it has enough; together,
        the database would read and sort every activity of the day. Cancelled dates are left out by id (of any
        activity cancelled that day: those not among these change nothing)."""
        ordinal = day.toordinal()
        cancelled = [pk for pk, (_end, days) in self._cancelled_everywhere.items() if ordinal in days]
        activities = self._activities.exclude(pk__in=cancelled) if cancelled else self._activities
        if day == self._today:
            activities = activities.filter(end_time__gt=self._now.time())
        if bound is not None:
            beyond = LessThan if backwards else GreaterThan
            place = Row(Value(bound.start_time), Value(bound.title), Value(bound.activity_id))
            activities = activities.filter(beyond(Row(*DAY_ORDER), place))
        order = [expression.desc() for expression in DAY_ORDER] if backwards else DAY_ORDER
        weekly = _weekly_in(day, day) & Q(weekday=day.weekday())
        return [activities.filter(part).order_by(*order) for part in (_once_in(day, day), weekly)]

    def __len__(self) -> int:
        return sum(self._counts)

    def __getitem__(self, index):
        if not isinstance(index, slice):
            return _one_of(self, index)
        return occurrences_load(self._found_slice(index))

    def unloaded(self) -> Sequence[OccurrenceKey]:
        """The same dates as (date, activity id), without reading the activities: for a page that may have kept
        what it shows of them (`occurrences_load()` reads the rest)."""
        return _UnloadedOccurrences(self)

    def _found_slice(self, index: slice) -> list[OccurrenceKey]:
        first, stop, step = index.indices(len(self))
        parts: list[tuple[dt.date, int, int]] = []  # (day, from, to) within the day's occurrences
        offset = 0
        for k, count in enumerate(self._counts):
            if offset >= stop:
                break
            if count and offset + count > first:
                parts.append((self._start + dt.timedelta(days=k), max(first - offset, 0), min(count, stop - offset)))
            offset += count
        return self._found(parts)[::step] if parts else []

    def _found(
        self, parts: list[tuple[dt.date, int, int]], *, bound: CalendarPosition | None = None, backwards: bool = False
    ) -> list[OccurrenceKey]:
        if connection.features.supports_slicing_ordering_in_compound:
            return self._found_by_day(parts, bound=bound, backwards=backwards)
        return self._found_in_python(parts, bound=bound, backwards=backwards)

    def _found_by_day(
        self, parts: list[tuple[dt.date, int, int]], *, bound: CalendarPosition | None = None, backwards: bool = False
    ) -> list[OccurrenceKey]:
        """(date, id) of the page: each day's slice ordered and cut by the database, the days in one UNION ALL; the
        first day's from the bound on (see `_on`)."""
        slices = [
            activities.annotate(part=Value(k), sort_title=CodePoint("title")).values_list(
                "part", "start_time", "sort_title", "pk"
            )[:high]
            for k, (day, _low, high) in enumerate(parts)
            for activities in self._on(day, bound=bound if k == 0 else None, backwards=backwards)
        ]
        # The union itself is left unordered (not even by Meta.ordering, which names columns it does not select);
        # sorting here as each slice was sorted (titles by code point) merges a day's one-off and weekly activities
        # and puts the days in page order, where each day is cut.
        by_part: list[list[tuple]] = [[] for _part in parts]
        for part, *place in slices[0].union(*slices[1:], all=True).order_by():
            by_part[part].append(place)
        return [
            OccurrenceKey(day, pk)
            for (day, low, high), places in zip(parts, by_part, strict=True)
            for _start, _title, pk in sorted(places, reverse=backwards)[low:high]
        ]

    def _found_in_python(
        self, parts: list[tuple[dt.date, int, int]], *, bound: CalendarPosition | None = None, backwards: bool = False
    ) -> list[OccurrenceKey]:
        """The same from one read of the days' activities, expanded and ordered here (SQLite cannot cut each part
        of a UNION; a walk reads the days after the first few so). It reads more rows than needed for a page that
        crosses from one busy day into the next."""
        first_day, last_day = min(day for day, _low, _high in parts), max(day for day, _low, _high in parts)
        rows = self._activities.filter(_in_range(first_day, last_day)).values_list(
            "pk", "kind", "starts_on", "ends_on", "weekday", "start_time", "end_time", "title", "exceptions"
        )

        def place(row: tuple) -> tuple:  # start time, title, id: the calendar's order
            return row[5], row[7], row[0]

        def beyond(row: tuple) -> bool:  # after the bound (before it, backwards)
            return place(row) < bound[1:] if backwards else place(row) > bound[1:]

        by_day: dict[dt.date, list[tuple]] = {}
        for row in rows:
            pk, kind, starts_on, ends_on, weekday, _start_time, end_time, _title, exceptions = row
            for day in activity_dates(
                kind=kind, starts_on=starts_on, ends_on=ends_on, weekday=weekday, exceptions=exceptions,
                start=first_day, end=last_day,
            ):  # fmt: skip
                if day == self._today and end_time <= self._now.time():
                    continue
                if bound is not None and day == bound.date and not beyond(row):
                    continue
                by_day.setdefault(day, []).append(row)
        found = []
        for day, low, high in parts:
            ordered = sorted(by_day.get(day, ()), key=place, reverse=backwards)
            found += [OccurrenceKey(day, row[0]) for row in ordered[low:high]]
        return found

    def __iter__(self) -> Iterator[Occurrence]:
        return iter(self[:])


class _UnloadedOccurrences(Sequence):
    def __init__(self, occurrences: OccurrenceList) -> None:
        self._occurrences = occurrences

    def __len__(self) -> int:
        return len(self._occurrences)

    def __getitem__(self, index):
        if not isinstance(index, slice):
            return _one_of(self, index)
        return self._occurrences._found_slice(index)


def occurrences_load(keys: Sequence[OccurrenceKey]) -> list[Occurrence]:
    """The occurrences of the (date, activity id) pairs, with their activities, in one query."""
    if not keys:
        return []
    activities = activities_public().in_bulk({key.activity_id for key in keys})
    return [Occurrence(activity=activities[key.activity_id], date=key.date) for key in keys]


def occurrences_upcoming(*, filters: ActivityFilters) -> OccurrenceList:
    """Activity dates in the filters' period, leaving out those that have already ended today."""
    start, end = filters.date_range()
    in_every_town = dataclasses.replace(filters, town="")
    return OccurrenceList(
        _activities_matching(in_every_town),
        start=start,
        end=end,
        town=filters.town,
        name=f"associations:calendar:{in_every_town!r}",
    )


class CalendarPage(NamedTuple):
    """A page of the calendar, paged by position: its dates, and whether there are dates before and after them."""

    dates: list[OccurrenceKey]
    has_earlier: bool
    has_later: bool


def calendar_page(
    occurrences: OccurrenceList, *, after: OccurrenceKey | None = None, before: OccurrenceKey | None = None, size: int
) -> CalendarPage:
    """The `size` dates after a date of the calendar (from the start without one), or the `size` before one.

    Nothing is counted, so a page costs the same at the start of a busy period as deep into it. A page before a
    date that has nothing before it (a link from a page that was first when the data was older) is the first page.
    """
    if before is not None:
        dates = occurrences.before(calendar_position(before), size + 1)
        if dates:
            return CalendarPage(dates[-size:], has_earlier=len(dates) > size, has_later=True)
        after = None
    dates = occurrences.after(calendar_position(after) if after else None, size + 1)
    return CalendarPage(dates[:size], has_earlier=after is not None, has_later=len(dates) > size)


def occurrences_soon(*, limit: int = 6) -> list[Occurrence]:
    """The next few activity dates within two weeks, for the home page."""
    return occurrences_upcoming(filters=ActivityFilters()).soonest(limit)


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
        queryset = queryset.filter(_in_category(filters.category, association="association"))
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
