"""Reads of the recognition app, each returning a queryset prepared for the page that shows it."""

from django.db.models import Prefetch, QuerySet
from django.utils import timezone

from portal.models import User
from recognition.models import Award, AwardRound, Nomination, Story, StoryImage, Thanks


def _with_images(stories: QuerySet[Story]) -> QuerySet[Story]:
    return stories.select_related("author").prefetch_related(
        Prefetch("images", queryset=StoryImage.objects.order_by("position", "pk"))
    )


def stories_published(*, town: str = "", category: str = "") -> QuerySet[Story]:
    """Published stories, newest first, optionally for one town and one category."""
    stories = Story.objects.filter(status=Story.Status.PUBLISHED)
    if town:
        stories = stories.filter(town=town)
    if category:
        stories = stories.filter(category=category)
    return _with_images(stories).order_by("-published_at", "-pk")


def stories_featured(*, limit: int = 3) -> list[Story]:
    return list(stories_published().filter(featured=True)[:limit])


def stories_for_feed(*, limit: int = 30) -> QuerySet[Story]:
    return stories_published()[:limit]


def story_for_viewer(*, slug: str, user: User) -> Story | None:
    """A published story, or an unpublished one when the viewer wrote it or is staff (a preview)."""
    story = _with_images(Story.objects.filter(slug=slug)).first()
    if story is None or story.is_published:
        return story
    if user.is_authenticated and (user.is_staff or story.author_id == user.pk):
        return story
    return None


def stories_by_author(*, author: User) -> QuerySet[Story]:
    return _with_images(Story.objects.filter(author=author)).order_by("-created_at", "-pk")


def _winners() -> Prefetch:
    return Prefetch(
        "nominations",
        queryset=Nomination.objects.filter(winner=True, consent=Nomination.Consent.ACCEPTED)
        .select_related("story")
        .order_by("nominee_name"),
        to_attr="winners",
    )


def awards_overview() -> list[Award]:
    """Every award with its rounds, newest first; each round carries its published winners as `winners`."""
    rounds = AwardRound.objects.order_by("-nominations_open").prefetch_related(_winners())
    return list(Award.objects.prefetch_related(Prefetch("rounds", queryset=rounds, to_attr="all_rounds")))


def award_detail(*, slug: str) -> Award | None:
    rounds = AwardRound.objects.order_by("-nominations_open").prefetch_related(_winners())
    return (
        Award.objects.prefetch_related(Prefetch("rounds", queryset=rounds, to_attr="all_rounds"))
        .filter(slug=slug)
        .first()
    )


def award_round_open(*, pk: int) -> AwardRound | None:
    today = timezone.localdate()
    return (
        AwardRound.objects.select_related("award")
        .filter(pk=pk, nominations_open__lte=today, nominations_close__gte=today)
        .first()
    )


def thanks_published() -> QuerySet[Thanks]:
    return (
        Thanks.objects.filter(status=Thanks.Status.PUBLISHED).select_related("author").order_by("-published_at", "-pk")
    )


def thanks_shown(*, pk: int) -> Thanks | None:
    return thanks_published().filter(pk=pk).first()
