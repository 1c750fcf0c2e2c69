import html
import json
from collections.abc import Mapping

from django import template
from django.conf import settings
from django.utils.html import conditional_escape, json_script
from django.utils.safestring import SafeString

register = template.Library()


@register.simple_tag(takes_context=True)
def query_replace(context, name: str, value) -> str:
    """The current query string with one parameter replaced, so pagination keeps the filters a person chose."""
    query = context["request"].GET.copy()
    query[name] = value
    return query.urlencode()


class _JSONLDEncoder(json.JSONEncoder):
    def default(self, o):
        return str(o)  # dates, decimals and translated texts as they read


@register.simple_tag(takes_context=True)
def json_ld(context, data: dict) -> SafeString:
    """A schema.org JSON-LD block, escaped against </script> and carrying the page's CSP nonce."""
    script = json_script(data, element_id=None, encoder=_JSONLDEncoder)
    nonce = context.get("csp_nonce")
    return SafeString(
        script.replace('<script type="application/json">', f'<script type="application/ld+json" nonce="{nonce}">')
    )


@register.simple_tag
def select_options(choices: Mapping[str, str], selected: str = "") -> SafeString:
    """The `<option>`s of a long list (value to label), `selected` marked.

    Built in Python because the template engine spends tens of microseconds on each option, which adds up to most of
    a page's time for the thousands of associations a filter can list. The standard library's `html.escape` is what
    Django's `escape` calls, without its per-call wrapping, which is most of the rest.
    """
    return SafeString(
        "".join(
            f'<option value="{html.escape(value)}"{" selected" if value == selected else ""}>{html.escape(label)}</option>'
            for value, label in choices.items()
        )
    )


# Det Fælles Designsystem's class for each kind of form control; hidden inputs get none.
_CONTROL_CLASSES = {"checkbox": "form-checkbox", "radio": "form-radio", "file": "form-file-input", "hidden": ""}


@register.simple_tag
def widget_attrs(widget: dict) -> SafeString:
    """A form widget's HTML attributes, its design-system class first (`django/forms/widgets/attrs.html`).

    Built in Python because every control of every form includes the attributes: as a template they took a fifth of
    a filter form's time.
    """
    attrs = widget["attrs"]
    if widget["template_name"] == "django/forms/widgets/select.html":
        css = "form-select"
    else:
        css = _CONTROL_CLASSES.get(widget.get("type"), "form-input")
    if attrs.get("class"):
        css = f"{css} {attrs['class']}"
    parts = [f' class="{conditional_escape(css)}"']
    for name, value in attrs.items():
        if value is False or name == "class":
            continue
        parts.append(
            f" {conditional_escape(name)}"
            if value is True
            else f' {conditional_escape(name)}="{conditional_escape(str(value))}"'
        )
    return SafeString("".join(parts))


@register.filter
def with_town(place, town) -> str:
    """A place followed by its town, unless the place already names it ("Stationsvej 6, 3060 Espergærde")."""
    place, town = str(place or "").strip(), str(town or "").strip()
    if not place or not town:
        return place or town
    if town.casefold() in place.casefold():
        return place
    return f"{place}, {town}"


@register.simple_tag
def site_url() -> str:
    """The portal's public address, for mails rendered without a request (`SITE_URL`)."""
    return settings.SITE_URL
