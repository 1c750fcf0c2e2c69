import json

from django import template
from django.utils.html import json_script
from django.utils.safestring import SafeString

register = template.Library()


@register.simple_tag(takes_context=True)
def query_replace(context, name: str, value) -> str:
    """The current query string with one parameter replaced, so pagination keeps the filters a person chose."""
    query = context["request"].GET.copy()
    query[name] = value
    return query.urlencode()


@register.simple_tag(takes_context=True)
def json_ld(context, data: dict) -> SafeString:
    """A schema.org JSON-LD block, escaped against </script> and carrying the page's CSP nonce."""
    script = json_script(json.loads(json.dumps(data, default=str)), element_id=None)
    nonce = context.get("csp_nonce")
    return SafeString(
        script.replace('<script type="application/json">', f'<script type="application/ld+json" nonce="{nonce}">')
    )
