"""Reads of the advisory app."""

import datetime as dt
import statistics
from dataclasses import dataclass

from django.db.models import Case, Count, Exists, OuterRef, Prefetch, Q, QuerySet, When
from django.shortcuts import get_object_or_404
from django.utils import timezone

from advisory.models import AdviceRequest, Guide, Message, Topic
from associations.models import Membership
from portal.models import User


def user_is_advisor(user: User) -> bool:
    """Staff who may read and answer every advice request."""
    return user.is_active and user.is_staff and user.has_perm("advisory.change_advicerequest")


def _published_guides() -> QuerySet[Guide]:
    return Guide.objects.filter(is_published=True).order_by("position", "title_da")


def topics_with_guides() -> QuerySet[Topic]:
    """Topics shown to citizens, each with its published guides in one extra query."""
    return (
        Topic.objects.filter(is_active=True)
        .prefetch_related(Prefetch("guides", queryset=_published_guides()))
        .order_by("position", "name_da")
    )


def topics_active() -> QuerySet[Topic]:
    return Topic.objects.filter(is_active=True).order_by("position", "name_da")


def topic_get(*, slug: str) -> Topic:
    return get_object_or_404(topics_with_guides(), slug=slug)


def guide_get(*, topic_slug: str, slug: str) -> Guide:
    return get_object_or_404(
        _published_guides().select_related("topic"), topic__slug=topic_slug, topic__is_active=True, slug=slug
    )


def guides_search(*, query: str) -> QuerySet[Guide]:
    """Guides whose title, text or topic mention every word of the query, in either language.

    Substring matching finds "forening" inside "Skakforeningen", which Danish full-text stemming does not.
    """
    guides = _published_guides().filter(topic__is_active=True).select_related("topic")
    for word in query.split()[:8]:
        guides = guides.filter(
            Q(title_da__icontains=word)
            | Q(title_en__icontains=word)
            | Q(body_da__icontains=word)
            | Q(body_en__icontains=word)
            | Q(topic__name_da__icontains=word)
            | Q(topic__name_en__icontains=word)
        )
    # Guides with the words in their title come before guides that only mention them in the text.
    title_match = Q()
    for word in query.split()[:8]:
        title_match &= Q(title_da__icontains=word) | Q(title_en__icontains=word)
    return guides.annotate(in_title=Case(When(title_match, then=0), default=1)).order_by(
        "in_title", "topic__position", "position", "title_da"
    )


def advice_requests_for_asker(*, user: User) -> QuerySet[AdviceRequest]:
    """The person's own requests, newest first. Internal notes are deferred: the asker's pages never read them."""
    return (
        AdviceRequest.objects.filter(asker=user)
        .select_related("topic", "advisor", "association")
        .defer("internal_notes")
        .annotate(message_count=Count("messages"))
        .order_by("-created_at", "-pk")
    )


def _asked_or_shared_with(user: User) -> Q:
    """Requests the person asked, or that someone asked on behalf of an association the person is a member of.

    Membership is checked now, not when the request was made: someone who leaves the association stops seeing its
    requests, and a new administrator or editor sees the earlier ones. An EXISTS keeps one row per request.
    """
    memberships = Membership.objects.filter(user=user, association=OuterRef("association"))
    return Q(asker=user) | Q(Exists(memberships))


def advice_requests_for_user(*, user: User) -> QuerySet[AdviceRequest]:
    """The person's own requests and, read-only, those of their associations, newest first."""
    return (
        AdviceRequest.objects.filter(_asked_or_shared_with(user))
        .select_related("topic", "advisor", "association", "asker")
        .defer("internal_notes")
        .annotate(message_count=Count("messages"))
        .order_by("-created_at", "-pk")
    )


def advice_request_for_asker(*, user: User, pk: int) -> AdviceRequest:
    """One of the person's own requests, for writing to it; anyone else's is a 404, so its existence is not given away."""
    return get_object_or_404(
        AdviceRequest.objects.filter(asker=user)
        .select_related("topic", "advisor", "association")
        .defer("internal_notes"),
        pk=pk,
    )


def advice_request_for_reader(*, user: User, pk: int) -> AdviceRequest:
    """A request the person may read: their own, or one asked on behalf of an association they are a member of.

    Anyone else gets a 404. Internal notes are deferred, so no page built from this can show them.
    """
    return get_object_or_404(
        AdviceRequest.objects.filter(_asked_or_shared_with(user))
        .select_related("topic", "advisor", "association", "asker")
        .defer("internal_notes"),
        pk=pk,
    )


def messages_for_request(*, advice_request: AdviceRequest) -> QuerySet[Message]:
    return Message.objects.filter(request=advice_request).select_related("author").order_by("created_at", "pk")


def message_attachment_get(*, user: User, request_pk: int, message_pk: int) -> Message:
    """A message with an attachment that `user` may download: the asker's own request, or any request for advisors.

    Fellow members of the association a request was made for read the thread but do not get its attachments: the
    form promises the asker that only they and the advisors see them, and they may hold personal data.
    """
    messages = Message.objects.select_related("request").exclude(attachment="")
    if not user_is_advisor(user):
        messages = messages.filter(request__asker=user)
    return get_object_or_404(messages, pk=message_pk, request_id=request_pk)


@dataclass(frozen=True)
class TopicOverview:
    topic: Topic
    open_by_status: dict[str, int]
    open_counts: list[int]
    open_total: int
    median_first_response_30: dt.timedelta | None
    median_first_response_90: dt.timedelta | None
    answered_30: int
    answered_90: int


def _median(durations: list[dt.timedelta]) -> dt.timedelta | None:
    return statistics.median(durations) if durations else None


def advice_overview(*, now: dt.datetime | None = None) -> list[TopicOverview]:
    """Open requests per topic and the median time to first response for requests created in the last 30/90 days.

    Two queries whatever the number of topics; the medians are computed here so that SQLite and Postgres agree.
    """
    now = now or timezone.now()
    open_statuses = [s for s in AdviceRequest.Status.values if s != AdviceRequest.Status.CLOSED]
    topics = list(
        Topic.objects.order_by("position", "name_da").annotate(
            **{f"open_{status}": Count("requests", filter=Q(requests__status=status)) for status in open_statuses}
        )
    )
    responses: dict[int, list[tuple[dt.datetime, dt.timedelta]]] = {}
    for topic_id, created_at, first_response_at in AdviceRequest.objects.filter(
        created_at__gte=now - dt.timedelta(days=90), first_response_at__isnull=False
    ).values_list("topic_id", "created_at", "first_response_at"):
        responses.setdefault(topic_id, []).append((created_at, first_response_at - created_at))
    overview = []
    for topic in topics:
        rows = responses.get(topic.pk, [])
        last_30 = [duration for created_at, duration in rows if created_at >= now - dt.timedelta(days=30)]
        last_90 = [duration for _, duration in rows]
        open_by_status = {status: getattr(topic, f"open_{status}") for status in open_statuses}
        overview.append(
            TopicOverview(
                topic=topic,
                open_by_status=open_by_status,
                open_counts=list(open_by_status.values()),
                open_total=sum(open_by_status.values()),
                median_first_response_30=_median(last_30),
                median_first_response_90=_median(last_90),
                answered_30=len(last_30),
                answered_90=len(last_90),
            )
        )
    return overview
