"""The page that asks before an action that cannot be undone (deleting, cancelling, withdrawing, removing).

The button on the object's page leads here with a GET; this page says what will happen and who is told, and its form
posts to the action's own URL. It works without JavaScript, and the action itself stays POST-only.
"""

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.views.decorators.cache import never_cache


@never_cache
def render_confirmation(
    request: HttpRequest, *, title: str, consequences: list[str], action: str, button: str, back: str
) -> HttpResponse:
    return render(
        request,
        "portal/confirm.html",
        {"title": title, "consequences": consequences, "action": action, "button": button, "back": back},
    )
