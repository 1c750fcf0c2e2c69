"""Reads of the dialogue app, prepared so that list pages run a fixed number of queries however long they are."""

import dataclasses

from django.db.models import (
    BooleanField,
    Count,
    Exists,
    ExpressionWrapper,
    F,
    IntegerField,
    OuterRef,
    Prefetch,
    Q,
    QuerySet,
    Subquery,
    Value,
)
from django.db.models.functions import Coalesce
from django.utils import timezone

from associations.models import Association, Category
from dialogue.models import (
    COMMENT_EDIT_WINDOW,
    AgendaItem,
    AgendaTopic,
    Comment,
    Forum,
    ForumMember,
    Idea,
    IdeaTown,
    InspirationEntry,
    Meeting,
    Support,
)
from portal.models import User

IDEA_SORTS = {
    "newest": ["-created_at", "-pk"],
    "supported": ["-support_count", "-created_at", "-pk"],
    "answered": [F("responded_at").desc(nulls_last=True), "-created_at", "-pk"],
}


@dataclasses.dataclass(frozen=True)
class IdeaFilters:
    status: str = ""
    town: str = ""
    category: str = ""
    sort: str = "newest"


def _count(model, **filters) -> Coalesce:
    """A correlated count subquery: unlike Count() over joins it neither multiplies rows nor needs GROUP BY."""
    counted = (
        model.objects.filter(idea=OuterRef("pk"), **filters)
        .order_by()
        .values("idea")
        .annotate(n=Count("pk"))
        .values("n")
    )
    return Coalesce(Subquery(counted, output_field=IntegerField()), Value(0))


def ideas_public() -> QuerySet[Idea]:
    return (
        Idea.objects.filter(is_hidden=False)
        .select_related("proposer", "association")
        .annotate(
            support_count=_count(Support),
            comment_count=_count(Comment, status=Comment.Status.VISIBLE),
        )
        .prefetch_related(
            Prefetch("towns", queryset=IdeaTown.objects.order_by("town")),
            Prefetch("categories", queryset=Category.objects.order_by("position", "name_da")),
        )
    )


def ideas_filtered(*, filters: IdeaFilters) -> QuerySet[Idea]:
    queryset = ideas_public()
    if filters.status:
        queryset = queryset.filter(status=filters.status)
    if filters.town:
        queryset = queryset.filter(Exists(IdeaTown.objects.filter(idea=OuterRef("pk"), town=filters.town)))
    if filters.category:
        queryset = queryset.filter(
            Exists(Idea.categories.through.objects.filter(idea=OuterRef("pk"), category__slug=filters.category))
        )
    return queryset.order_by(*IDEA_SORTS.get(filters.sort, IDEA_SORTS["newest"]))


def ideas_recent(*, limit: int = 3) -> list[Idea]:
    return list(ideas_public().order_by("-created_at", "-pk")[:limit])


def idea_public_detail(*, pk: int) -> Idea | None:
    return ideas_public().filter(pk=pk).first()


def idea_supported_by(*, idea: Idea, user: User) -> bool:
    return user.is_authenticated and Support.objects.filter(idea=idea, user=user).exists()


def comments_shown(*, idea: Idea, user: User) -> QuerySet[Comment]:
    """Comments everyone sees (hidden and removed ones are left out), each marked `can_edit` for its author."""
    can_edit = Value(False)
    if user.is_authenticated:
        recent = Q(author=user, created_at__gt=timezone.now() - COMMENT_EDIT_WINDOW)
        can_edit = ExpressionWrapper(recent, output_field=BooleanField())
    return (
        idea.comments.filter(status=Comment.Status.VISIBLE)
        .select_related("author")
        .annotate(can_edit=can_edit)
        .order_by("created_at", "pk")
    )


def comment_of_author(*, pk: int, user: User) -> Comment | None:
    return Comment.objects.filter(pk=pk, author=user).select_related("idea").first()


def comment_visible(*, pk: int) -> Comment | None:
    return (
        Comment.objects.filter(pk=pk, status=Comment.Status.VISIBLE, idea__is_hidden=False)
        .select_related("idea", "author")
        .first()
    )


def categories_for_ideas() -> QuerySet[Category]:
    return Category.objects.order_by("position", "name_da")


# Fora and meetings


def _agenda() -> Prefetch:
    return Prefetch("agenda_items", queryset=AgendaItem.objects.order_by("position", "pk"))


def forums_all() -> QuerySet[Forum]:
    """Every forum with its next meeting (if any) attached as `upcoming`."""
    upcoming = Meeting.objects.filter(starts_at__gte=timezone.now()).order_by("starts_at")
    return Forum.objects.order_by("position", "name_da").prefetch_related(
        Prefetch("meetings", queryset=upcoming, to_attr="upcoming"),
        Prefetch("members", queryset=ForumMember.objects.order_by("position", "name")),
    )


def forum_detail(*, slug: str) -> Forum | None:
    return (
        Forum.objects.filter(slug=slug)
        .prefetch_related(Prefetch("members", queryset=ForumMember.objects.order_by("position", "name")))
        .first()
    )


def meetings_upcoming(*, forum: Forum | None = None) -> QuerySet[Meeting]:
    queryset = Meeting.objects.filter(starts_at__gte=timezone.now()).select_related("forum").order_by("starts_at")
    if forum is not None:
        queryset = queryset.filter(forum=forum)
    return queryset.prefetch_related(_agenda())


def meetings_past(*, forum: Forum) -> QuerySet[Meeting]:
    return (
        Meeting.objects.filter(forum=forum, starts_at__lt=timezone.now())
        .select_related("forum")
        .prefetch_related(_agenda())
        .order_by("-starts_at")
    )


def meeting_detail(*, pk: int) -> Meeting | None:
    return Meeting.objects.filter(pk=pk).select_related("forum").prefetch_related(_agenda()).first()


def ideas_of_proposer(*, user: User) -> QuerySet[Idea]:
    """The person's own ideas for Min side, newest first; hidden ones too, so they can see what became of them."""
    return Idea.objects.filter(proposer=user).annotate(support_count=_count(Support)).order_by("-created_at", "-pk")


def topics_proposed_by(*, user: User) -> QuerySet[AgendaTopic]:
    """The person's agenda proposals for every meeting, newest first, for Min side."""
    return AgendaTopic.objects.filter(proposer=user).select_related("meeting__forum").order_by("-created_at", "-pk")


def topics_of_user(*, meeting: Meeting, user: User) -> QuerySet[AgendaTopic]:
    """The person's own proposals for a meeting, so they can see what became of them."""
    if not user.is_authenticated:
        return AgendaTopic.objects.none()
    return meeting.topic_proposals.filter(proposer=user).order_by("-created_at")


# Inspiration


def inspiration_published() -> QuerySet[InspirationEntry]:
    return InspirationEntry.objects.filter(is_published=True).order_by("position", "title_da")


def inspiration_detail(*, slug: str) -> InspirationEntry | None:
    return (
        inspiration_published()
        .filter(slug=slug)
        .prefetch_related(
            Prefetch("ideas", queryset=Idea.objects.filter(is_hidden=False).order_by("-created_at")),
            Prefetch(
                "associations",
                queryset=Association.objects.filter(status=Association.Status.APPROVED).order_by("name"),
            ),
        )
        .first()
    )
