from django import template
from django.utils.safestring import SafeString

from portal.markdown import render_markdown

register = template.Library()


@register.filter
def markdown(text: str) -> SafeString:
    """Sanitised HTML from Markdown that a person typed."""
    return render_markdown(text)


@register.filter
def idea_status_label(value: str) -> str:
    """The status's name in the active language (notification contexts store only the code)."""
    from dialogue.models import Idea

    try:
        return str(Idea.Status(value).label)
    except ValueError:
        return value


# Det Fælles Designsystem's badge colours, so a status is recognisable at a glance.
STATUS_BADGES = {
    "considering": "badge-info",
    "in_progress": "badge-warning",
    "realised": "badge-success",
}


@register.filter
def idea_status_badge(value: str) -> str:
    return STATUS_BADGES.get(value, "")
