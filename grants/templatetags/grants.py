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
