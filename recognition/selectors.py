"""Reads of the recognition app, each returning a queryset prepared for the page that shows it."""

from django.db.models import Exists, OuterRef, Prefetch, QuerySet
from django.utils import timezone

from associations.models import Association, Category, Membership, Town
from portal.models import User
from recognition.models import Award, AwardRound, Nomination, Story, StoryImage, StoryTown, Thanks


def _with_images(stories: QuerySet[Story]) -> QuerySet[Story]:
    return stories.select_related("author").prefetch_related(
        Prefetch("images", queryset=StoryImage.objects.order_by("position", "pk")),
        Prefetch("towns", queryset=StoryTown.objects.order_by("town")),
        Prefetch("categories", queryset=Category.objects.order_by("position", "name_da")),
    )


def _public_associations() -> Prefetch:
    """The story's associations that can be shown (approved), as `public_associations`, by name."""
    return Prefetch(
        "associations",
        queryset=Association.objects.filter(status=Association.Status.APPROVED).order_by("name"),
        to_attr="public_associations",
    )


def stories_published(*, town: str = "", category: str = "", association: Association | None = None) -> QuerySet[Story]:
    """Published stories, newest first, optionally about one town, one category (by slug) and one association.

    A town includes the stories about the whole municipality.

    Exists() rather than joins, so a story about several towns or categories is listed once.
    """
    stories = Story.objects.filter(status=Story.Status.PUBLISHED)
    if town:
        # A story about the whole municipality is about every town in it, as for associations.
        towns = [town] if town == Town.WHOLE_MUNICIPALITY else [town, Town.WHOLE_MUNICIPALITY]
        stories = stories.filter(Exists(StoryTown.objects.filter(story=OuterRef("pk"), town__in=towns)))
    if category:
        stories = stories.filter(
            Exists(Story.categories.through.objects.filter(story=OuterRef("pk"), category__slug=category))
        )
    if association is not None:
        stories = stories.filter(associations=association)
    return _with_images(stories).order_by("-published_at", "-pk")


def stories_for_association(*, association: Association, limit: int = 4) -> list[Story]:
    """An association's newest published stories, for its profile page (four queries however many there are)."""
    return list(stories_published(association=association)[:limit])


def categories_to_choose() -> QuerySet[Category]:
    """The shared categories a story can be about (and the list is filtered by), in the staff's order."""
    return Category.objects.order_by("position", "name_da")


def association_for_story_filter(*, slug: str) -> Association | None:
    """The association a story list is filtered by; only approved associations can be a filter."""
    if not slug:
        return None
    return Association.objects.filter(slug=slug, status=Association.Status.APPROVED).first()


def associations_with_stories() -> dict[str, str]:
    """Approved associations that have at least one published story, for the story list's filter: slug to name, by
    name.

    Thousands at municipal scale, so plain values rather than model instances, which took most of the page's time.
    """
    published = Story.objects.filter(status=Story.Status.PUBLISHED, associations=OuterRef("pk"))
    return dict(
        Association.objects.filter(status=Association.Status.APPROVED)
        .filter(Exists(published))
        .order_by("name")
        .values_list("slug", "name")
    )


def associations_to_name(*, user: User | None, own_first: bool = True) -> QuerySet[Association]:
    """The associations a person may link a story, nomination or thanks to: approved ones only, by name, each
    marked `is_own` when the person is a member; with `own_first` the person's own associations come first."""
    own = Membership.objects.filter(user=getattr(user, "pk", None), association=OuterRef("pk"))
    associations = (
        Association.objects.filter(status=Association.Status.APPROVED)
        .only("pk", "name", "slug")
        .annotate(is_own=Exists(own))
    )
    return associations.order_by("-is_own", "name") if own_first else associations.order_by("name")


def stories_featured(*, limit: int = 3) -> list[Story]:
    return list(stories_published().filter(featured=True)[:limit])


def stories_for_feed(*, limit: int = 30) -> QuerySet[Story]:
    return stories_published()[:limit]


def story_for_viewer(*, slug: str, user: User) -> Story | None:
    """A published story, or an unpublished one when the viewer wrote it or is staff (a preview)."""
    story = _with_images(Story.objects.filter(slug=slug)).prefetch_related(_public_associations()).first()
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
        .select_related("story", "association")
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
        Thanks.objects.filter(status=Thanks.Status.PUBLISHED)
        .select_related("author", "association")
        .order_by("-published_at", "-pk")
    )


def thanks_shown(*, pk: int) -> Thanks | None:
    return thanks_published().filter(pk=pk).first()
