from decimal import Decimal

from django import template
from django.utils.safestring import SafeString

from portal.markdown import render_markdown

register = template.Library()


@register.filter
def markdown(text: str) -> SafeString:
    return render_markdown(text)


@register.filter
def kroner(amount: Decimal | str | None) -> str:
    """An amount in Danish style without øre when there are none: 25.000 or 1.250,50."""
    if amount is None or amount == "":
        return ""
    # Notification contexts store amounts as text.
    amount = Decimal(str(amount))
    whole = amount == amount.to_integral_value()
    text = f"{amount:,.0f}" if whole else f"{amount:,.2f}"
    return text.replace(",", "X").replace(".", ",").replace("X", ".")


@register.inclusion_tag("grants/_min_side_applications.html", takes_context=True)
def grant_applications(context) -> dict:
    """The signed-in person's grant applications with their status, for Min side."""
    from grants.selectors import applications_for_user

    user = context["request"].user
    return {"applications": list(applications_for_user(user=user)[:10]) if user.is_authenticated else []}


@register.inclusion_tag("grants/_open_schemes.html")
def open_grant_schemes(limit: int = 3) -> dict:
    """The open schemes with the nearest deadlines, for the home page: `{% load grants %}{% open_grant_schemes %}`."""
    from grants.selectors import schemes_published

    return {"schemes": list(schemes_published(open_now=True)[:limit])}
