from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from advisory import selectors, services
from advisory.forms import AdviceRequestForm, MessageForm
from associations.selectors import associations_for_user
from portal.page_cache import cache_for_visitors
from portal.uploads import stored_content_type


@cache_for_visitors
@require_GET
def topic_list(request: HttpRequest) -> HttpResponse:
    query = request.GET.get("q", "").strip()[:200]
    results = selectors.guides_search(query=query) if query else None
    return render(
        request,
        "advisory/topic_list.html",
        {"topics": selectors.topics_with_guides(), "query": query, "results": results},
    )


@cache_for_visitors
@require_GET
def topic_detail(request: HttpRequest, slug: str) -> HttpResponse:
    return render(request, "advisory/topic_detail.html", {"topic": selectors.topic_get(slug=slug)})


@cache_for_visitors
@require_GET
def guide_detail(request: HttpRequest, topic_slug: str, slug: str) -> HttpResponse:
    guide = selectors.guide_get(topic_slug=topic_slug, slug=slug)
    guide_ld = {
        "@context": "https://schema.org",
        "@type": "Article",
        "headline": guide.title,
        "dateModified": guide.last_reviewed.isoformat(),
        "inLanguage": "da" if guide.shown_in_danish else request.LANGUAGE_CODE,
        "publisher": {"@type": "GovernmentOrganization", "name": "Helsingør Kommune"},
    }
    return render(request, "advisory/guide_detail.html", {"guide": guide, "topic": guide.topic, "guide_ld": guide_ld})


@login_required
@require_http_methods(["GET", "POST"])
def request_create(request: HttpRequest) -> HttpResponse:
    topics = selectors.topics_active()
    initial = {}
    if slug := request.GET.get("emne"):
        initial["topic"] = topics.filter(slug=slug).first()
    associations = associations_for_user(request.user)
    form = AdviceRequestForm(request.POST or None, topics=topics, associations=associations, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            advice_request = services.advice_request_create(asker=request.user, **form.cleaned_data)
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, _("Thank you. Your question has been sent, and we have emailed you a receipt."))
            return redirect(advice_request)
    return render(request, "advisory/request_form.html", {"form": form})


@login_required
@require_GET
def request_list(request: HttpRequest) -> HttpResponse:
    page = Paginator(selectors.advice_requests_for_user(user=request.user), 20).get_page(request.GET.get("side"))
    return render(request, "advisory/request_list.html", {"page_obj": page})


def _detail(request: HttpRequest, pk: int, form: MessageForm) -> HttpResponse:
    # Fellow members of the association read the request here too; only the asker gets the reply and reopen forms.
    advice_request = selectors.advice_request_for_reader(user=request.user, pk=pk)
    thread = selectors.messages_for_request(advice_request=advice_request)
    context = {
        "advice_request": advice_request,
        "thread": thread,
        "form": form,
        "is_asker": advice_request.asker_id == request.user.pk,
    }
    return render(request, "advisory/request_detail.html", context)


@login_required
@require_GET
def request_detail(request: HttpRequest, pk: int) -> HttpResponse:
    return _detail(request, pk, MessageForm())


@login_required
@require_POST
def message_create(request: HttpRequest, pk: int) -> HttpResponse:
    advice_request = selectors.advice_request_for_asker(user=request.user, pk=pk)
    form = MessageForm(request.POST, request.FILES)
    if form.is_valid():
        try:
            services.message_add(
                advice_request=advice_request,
                author=request.user,
                body=form.cleaned_data["body"],
                attachment=form.cleaned_data["attachment"],
            )
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, _("Your message has been sent."))
            return redirect(advice_request)
    return _detail(request, pk, form)


@login_required
@require_POST
def request_reopen(request: HttpRequest, pk: int) -> HttpResponse:
    advice_request = selectors.advice_request_for_asker(user=request.user, pk=pk)
    try:
        services.advice_request_reopen(advice_request=advice_request, by=request.user)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(request, _("The request is open again. Write to the advisor below."))
    return redirect(advice_request)


@login_required
@require_GET
def message_attachment(request: HttpRequest, pk: int, message_pk: int) -> FileResponse:
    message = selectors.message_attachment_get(user=request.user, request_pk=pk, message_pk=message_pk)
    try:
        handle = message.attachment.open("rb")
    except FileNotFoundError:
        raise Http404 from None
    # Always a download, never shown inline, so an uploaded file cannot run in the portal's origin.
    # The type comes from the stored name, which the portal gave the file after reading its content.
    response = FileResponse(
        handle,
        as_attachment=True,
        filename=message.attachment_name or "vedhaeftning",
        content_type=stored_content_type(message.attachment.name),
    )
    response["Cache-Control"] = "private, no-store"
    return response
