from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from dialogue import calendar, selectors, services
from dialogue.forms import AgendaTopicForm, CommentForm, CommentReportForm, IdeaFilterForm, IdeaForm
from dialogue.models import Comment, Idea, Meeting
from portal.ical import calendar_response
from portal.page_cache import cache_for_visitors

IDEAS_PER_PAGE = 20


def _get_idea(pk: int) -> Idea:
    idea = selectors.idea_public_detail(pk=pk)
    if idea is None:
        raise Http404
    return idea


def _get_meeting(pk: int) -> Meeting:
    meeting = selectors.meeting_detail(pk=pk)
    if meeting is None:
        raise Http404
    return meeting


def _get_own_comment(request: HttpRequest, pk: int) -> Comment:
    """Only the author reaches the edit page; everybody else gets a 404 rather than a hint the comment exists."""
    comment = selectors.comment_of_author(pk=pk, user=request.user)
    if comment is None:
        raise Http404
    return comment


@cache_for_visitors
@require_GET
def overview(request: HttpRequest) -> HttpResponse:
    return render(
        request,
        "dialogue/overview.html",
        {
            "ideas": selectors.ideas_recent(limit=3),
            "meetings": list(selectors.meetings_upcoming()[:3]),
            "inspiration": list(selectors.inspiration_published()[:3]),
        },
    )


# Ideas


@cache_for_visitors
@require_GET
def idea_list(request: HttpRequest) -> HttpResponse:
    categories = list(selectors.categories_for_ideas())
    form = IdeaFilterForm(request.GET or None, categories=categories)
    filters = selectors.IdeaFilters(**form.filters()) if request.GET else selectors.IdeaFilters()
    page = Paginator(selectors.ideas_filtered(filters=filters), IDEAS_PER_PAGE).get_page(request.GET.get("side"))
    return render(request, "dialogue/idea_list.html", {"form": form, "page_obj": page, "filters": filters})


@cache_for_visitors
@require_GET
def idea_detail(request: HttpRequest, pk: int) -> HttpResponse:
    idea = _get_idea(pk)
    return render(
        request,
        "dialogue/idea_detail.html",
        {
            "idea": idea,
            "comments": selectors.comments_shown(idea=idea, user=request.user),
            "supported": selectors.idea_supported_by(idea=idea, user=request.user),
            "comment_form": CommentForm(),
        },
    )


@login_required
@require_http_methods(["GET", "POST"])
def idea_create(request: HttpRequest) -> HttpResponse:
    form = IdeaForm(request.POST or None, user=request.user)
    if request.method == "POST" and form.is_valid():
        idea = services.idea_propose(
            proposer=request.user,
            title=form.cleaned_data["title"],
            description=form.cleaned_data["description"],
            association=form.cleaned_data.get("association"),
            towns=form.cleaned_data["towns"],
            categories=form.cleaned_data.get("categories", ()),
        )
        messages.success(request, _("Thank you! Your idea is published, and the municipality will answer it."))
        return redirect(idea)
    return render(request, "dialogue/idea_form.html", {"form": form})


@login_required
@require_POST
def idea_support(request: HttpRequest, pk: int) -> HttpResponse:
    idea = _get_idea(pk)
    services.idea_support(idea=idea, user=request.user)
    messages.success(request, _("You support this idea."))
    return redirect(idea)


@login_required
@require_POST
def idea_withdraw_support(request: HttpRequest, pk: int) -> HttpResponse:
    idea = _get_idea(pk)
    if services.idea_withdraw_support(idea=idea, user=request.user):
        messages.success(request, _("You no longer support this idea."))
    return redirect(idea)


# Comments


@login_required
@require_POST
def comment_create(request: HttpRequest, pk: int) -> HttpResponse:
    idea = _get_idea(pk)
    form = CommentForm(request.POST)
    if form.is_valid():
        comment = services.comment_post(idea=idea, author=request.user, body=form.cleaned_data["body"])
        messages.success(request, _("Your comment is published."))
        return redirect(f"{idea.get_absolute_url()}#comment-{comment.pk}")
    return render(
        request,
        "dialogue/idea_detail.html",
        {
            "idea": idea,
            "comments": selectors.comments_shown(idea=idea, user=request.user),
            "supported": selectors.idea_supported_by(idea=idea, user=request.user),
            "comment_form": form,
        },
        status=400,
    )


@login_required
@require_http_methods(["GET", "POST"])
def comment_edit(request: HttpRequest, pk: int) -> HttpResponse:
    comment = _get_own_comment(request, pk)
    if not comment.is_editable_by(request.user):
        messages.error(request, _("Comments can only be edited for 15 minutes after they are posted."))
        return redirect(comment.idea)
    form = CommentForm(request.POST or None, initial={"body": comment.body})
    if request.method == "POST" and form.is_valid():
        try:
            services.comment_edit(comment=comment, user=request.user, body=form.cleaned_data["body"])
        except services.CommentNotEditable as error:
            form.add_error(None, error)
        else:
            messages.success(request, _("Your comment is updated."))
            return redirect(f"{comment.idea.get_absolute_url()}#comment-{comment.pk}")
    return render(request, "dialogue/comment_edit.html", {"form": form, "comment": comment})


@login_required
@require_http_methods(["GET", "POST"])
def comment_report(request: HttpRequest, pk: int) -> HttpResponse:
    comment = selectors.comment_visible(pk=pk)
    if comment is None or comment.author_id == request.user.pk:
        raise Http404
    form = CommentReportForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            services.comment_report(comment=comment, reporter=request.user, reason=form.cleaned_data["reason"])
        except services.CommentAlreadyReported as error:
            messages.info(request, error.message)
        else:
            messages.success(request, _("Thank you. Staff will look at the comment."))
        return redirect(comment.idea)
    return render(request, "dialogue/comment_report.html", {"form": form, "comment": comment})


# Fora and meetings


@cache_for_visitors
@require_GET
def forum_list(request: HttpRequest) -> HttpResponse:
    return render(request, "dialogue/forum_list.html", {"forums": selectors.forums_all()})


@cache_for_visitors
@require_GET
def forum_detail(request: HttpRequest, slug: str) -> HttpResponse:
    forum = selectors.forum_detail(slug=slug)
    if forum is None:
        raise Http404
    return render(
        request,
        "dialogue/forum_detail.html",
        {
            "forum": forum,
            "upcoming": selectors.meetings_upcoming(forum=forum),
            "past": selectors.meetings_past(forum=forum),
        },
    )


@cache_for_visitors
@require_GET
def meeting_detail(request: HttpRequest, pk: int) -> HttpResponse:
    meeting = _get_meeting(pk)
    return render(
        request,
        "dialogue/meeting_detail.html",
        {
            "meeting": meeting,
            "my_topics": selectors.topics_of_user(meeting=meeting, user=request.user),
            "json_ld": calendar.meeting_json_ld(meeting),
        },
    )


@login_required
@require_http_methods(["GET", "POST"])
def topic_create(request: HttpRequest, pk: int) -> HttpResponse:
    meeting = _get_meeting(pk)
    if not meeting.accepts_topics:
        messages.error(request, _("The deadline for proposing topics for this meeting has passed."))
        return redirect(meeting)
    form = AgendaTopicForm(request.POST or None, user=request.user)
    if request.method == "POST" and form.is_valid():
        try:
            services.agenda_topic_propose(
                meeting=meeting,
                proposer=request.user,
                title=form.cleaned_data["title"],
                description=form.cleaned_data["description"],
                association=form.cleaned_data.get("association"),
            )
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, _("Thank you! Staff will decide whether the topic goes on the agenda."))
            return redirect(meeting)
    return render(request, "dialogue/topic_form.html", {"form": form, "meeting": meeting})


def _ical_response(meetings) -> HttpResponse:
    return calendar_response(calendar.meetings_ical(meetings), filename="moeder.ics")


@cache_for_visitors
@require_GET
def meeting_feed(request: HttpRequest) -> HttpResponse:
    return _ical_response(selectors.meetings_upcoming())


@cache_for_visitors
@require_GET
def forum_meeting_feed(request: HttpRequest, slug: str) -> HttpResponse:
    forum = selectors.forum_detail(slug=slug)
    if forum is None:
        raise Http404
    return _ical_response(selectors.meetings_upcoming(forum=forum))


# Inspiration


@cache_for_visitors
@require_GET
def inspiration_list(request: HttpRequest) -> HttpResponse:
    return render(request, "dialogue/inspiration_list.html", {"entries": selectors.inspiration_published()})


@cache_for_visitors
@require_GET
def inspiration_detail(request: HttpRequest, slug: str) -> HttpResponse:
    entry = selectors.inspiration_detail(slug=slug)
    if entry is None:
        raise Http404
    return render(request, "dialogue/inspiration_detail.html", {"entry": entry})
