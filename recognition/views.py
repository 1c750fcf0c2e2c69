from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from associations.models import Town
from portal import throttle
from portal.markdown import render_markdown
from portal.page_cache import cache_for_visitors
from recognition import selectors, services
from recognition.forms import NominationForm, StoryForm, ThanksForm
from recognition.models import Story

STORIES_PER_PAGE = 12
THANKS_PER_PAGE = 20


def _get_own_editable_story(request: HttpRequest, slug: str) -> Story:
    """The signed-in person's own story while it can still be changed; anyone else's story is a 404."""
    story = get_object_or_404(Story, slug=slug, author=request.user)
    if story.status not in (Story.Status.DRAFT, Story.Status.SUBMITTED):
        raise PermissionDenied
    return story


@cache_for_visitors
def story_list(request: HttpRequest) -> HttpResponse:
    town = request.GET.get("by", "")
    category = request.GET.get("kategori", "")
    town = town if town in Town.values else ""
    categories = selectors.categories_to_choose()
    # An unknown category is ignored like an unknown town, rather than showing an empty list.
    category = category if category and any(c.slug == category for c in categories) else ""
    # An unknown or unapproved association is ignored like an unknown town, rather than showing an empty list.
    association = selectors.association_for_story_filter(slug=request.GET.get("forening", ""))
    stories = selectors.stories_published(town=town, category=category, association=association)
    page = Paginator(stories, STORIES_PER_PAGE).get_page(request.GET.get("side"))
    return render(
        request,
        "recognition/story_list.html",
        {
            "page_obj": page,
            "town": town,
            "category": category,
            "towns": Town.choices,
            "categories": categories,
            "association": association,
            "associations": selectors.associations_with_stories(),
        },
    )


def _story_json_ld(request: HttpRequest, story: Story) -> dict:
    """schema.org Article data, so search engines and other sites can show the story properly."""
    url = request.build_absolute_uri(story.get_absolute_url())
    data = {
        "@context": "https://schema.org",
        "@type": "Article",
        "headline": story.title[:110],
        "description": story.teaser,
        "url": url,
        "mainEntityOfPage": url,
        "author": {"@type": "Person", "name": story.author.full_name},
        "publisher": {"@type": "Organization", "name": "Helsingør Kommune"},
        "dateModified": story.updated_at.isoformat(),
    }
    if not story.author.full_name:
        data["author"] = {"@type": "Organization", "name": "Frivillig Helsingør"}
    if story.public_associations:
        data["about"] = [
            {
                "@type": "Organization",
                "name": association.name,
                "url": request.build_absolute_uri(association.get_absolute_url()),
            }
            for association in story.public_associations
        ]
    categories = list(story.categories.all())
    if categories:
        data["keywords"] = [category.name for category in categories]
    towns = list(story.towns.all())
    if towns:
        data["contentLocation"] = [
            {
                "@type": "Place",
                "name": row.get_town_display(),
                "containedInPlace": {"@type": "AdministrativeArea", "name": "Helsingør Kommune"},
            }
            for row in towns
        ]
    if story.published_at:
        data["datePublished"] = story.published_at.isoformat()
    images = list(story.images.all())
    if images:
        data["image"] = [request.build_absolute_uri(image.image.url) for image in images]
    return data


@cache_for_visitors
def story_detail(request: HttpRequest, slug: str) -> HttpResponse:
    story = selectors.story_for_viewer(slug=slug, user=request.user)
    if story is None:
        raise Http404
    return render(
        request,
        "recognition/story_detail.html",
        {"story": story, "body_html": render_markdown(story.body), "json_ld_data": _story_json_ld(request, story)},
    )


def _story_form_page(request: HttpRequest, story: Story | None) -> HttpResponse:
    submitting = "submit" in request.POST
    initial = StoryForm.initial_for(story) if story else {}
    form = StoryForm(
        request.POST if request.method == "POST" else None,
        request.FILES if request.method == "POST" else None,
        initial=initial,
        submitting=submitting,
        author=request.user,
    )
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            story = services.story_save(
                author=request.user,
                story=story,
                title=data["title"],
                teaser=data["teaser"],
                body=data["body"],
                towns=data["towns"],
                categories=data["categories"],
                consent_confirmed=data["consent_confirmed"],
                submit=submitting,
                image=data["image"],
                image_alt_text=data["alt_text"],
                associations=data["associations"],
            )
        except ValidationError as error:
            form.add_error(None, error)
        else:
            if submitting:
                messages.success(request, _("Thank you! The editors will read your story before it is published."))
            else:
                messages.success(request, _("Your draft is saved."))
            return redirect("recognition:story-mine")
    return render(request, "recognition/story_form.html", {"form": form, "story": story})


@login_required
@require_http_methods(["GET", "POST"])
def story_create(request: HttpRequest) -> HttpResponse:
    return _story_form_page(request, None)


@login_required
@require_http_methods(["GET", "POST"])
def story_edit(request: HttpRequest, slug: str) -> HttpResponse:
    return _story_form_page(request, _get_own_editable_story(request, slug))


@login_required
def story_mine(request: HttpRequest) -> HttpResponse:
    page = Paginator(selectors.stories_by_author(author=request.user), 20).get_page(request.GET.get("side"))
    return render(request, "recognition/story_mine.html", {"page_obj": page})


@cache_for_visitors
def award_list(request: HttpRequest) -> HttpResponse:
    return render(
        request,
        "recognition/award_list.html",
        {"awards": selectors.awards_overview(), "thanks": selectors.thanks_published()[:6]},
    )


@cache_for_visitors
def award_detail(request: HttpRequest, slug: str) -> HttpResponse:
    award = selectors.award_detail(slug=slug)
    if award is None:
        raise Http404
    return render(request, "recognition/award_detail.html", {"award": award})


@login_required
@require_http_methods(["GET", "POST"])
def nomination_create(request: HttpRequest, round_id: int) -> HttpResponse:
    award_round = selectors.award_round_open(pk=round_id)
    if award_round is None:
        raise Http404
    form = NominationForm(request.POST if request.method == "POST" else None, nominator=request.user)
    status = 200
    if request.method == "POST" and throttle.throttled(
        request, action="nomination", address=request.POST.get("nominee_email", "")
    ):
        form.is_valid()  # the page shows what was typed, with the reason it was not accepted
        form.add_error(None, throttle.MESSAGE)
        status = 429
    elif request.method == "POST" and form.is_valid():
        try:
            services.nomination_create(round=award_round, nominated_by=request.user, **form.cleaned_data)
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(
                request,
                _("Thank you for your nomination. We have asked the nominee by email whether they accept it."),
            )
            return redirect("recognition:award-detail", slug=award_round.award.slug)
    return render(request, "recognition/nomination_form.html", {"form": form, "round": award_round}, status=status)


@require_http_methods(["GET", "POST"])
def nomination_consent(request: HttpRequest, token: str) -> HttpResponse:
    """The page the nominee reaches from the mail; the signed link is their proof, no sign-in is needed."""
    nomination = services.nomination_from_token(token)
    if nomination is None:
        return render(request, "recognition/nomination_consent_invalid.html", status=404)
    if request.method == "POST":
        answer = request.POST.get("answer")
        if answer not in ("accept", "decline"):
            return render(request, "recognition/nomination_consent.html", {"nomination": nomination}, status=400)
        try:
            nomination = services.nomination_answer(nomination=nomination, accept=answer == "accept")
        except ValidationError as error:
            messages.error(request, error.messages[0])
        else:
            if answer == "accept":
                messages.success(request, _("Thank you. Your nomination goes to the jury."))
            else:
                messages.success(request, _("You have declined the nomination. It will not be passed on or shown."))
        return redirect("recognition:nomination-consent", token=token)
    return render(request, "recognition/nomination_consent.html", {"nomination": nomination})


@cache_for_visitors
def thanks_list(request: HttpRequest) -> HttpResponse:
    page = Paginator(selectors.thanks_published(), THANKS_PER_PAGE).get_page(request.GET.get("side"))
    return render(request, "recognition/thanks_list.html", {"page_obj": page})


@login_required
@require_http_methods(["GET", "POST"])
def thanks_create(request: HttpRequest) -> HttpResponse:
    form = ThanksForm(request.POST if request.method == "POST" else None, author=request.user)
    status = 200
    if request.method == "POST" and throttle.throttled(request, action="thanks"):
        form.is_valid()  # the page shows what was typed, with the reason it was not accepted
        form.add_error(None, throttle.MESSAGE)
        status = 429
    elif request.method == "POST" and form.is_valid():
        try:
            services.thanks_create(author=request.user, **form.cleaned_data)
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, _("Thank you! Your thanks is shown as soon as we have read it."))
            return redirect("recognition:thanks-list")
    return render(request, "recognition/thanks_form.html", {"form": form}, status=status)


@login_required
@require_POST
def thanks_report(request: HttpRequest, pk: int) -> HttpResponse:
    thanks = selectors.thanks_shown(pk=pk)
    if thanks is None:
        raise Http404
    services.thanks_report(thanks=thanks, reporter=request.user)
    messages.success(request, _("Thank you for telling us. We will look at it."))
    return redirect("recognition:thanks-list")
