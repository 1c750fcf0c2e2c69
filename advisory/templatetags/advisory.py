import datetime as dt

from django import template
from django.utils.formats import number_format
from django.utils.translation import ngettext

register = template.Library()


@register.filter
def duration_hours(value: dt.timedelta) -> str:
    """A response time as staff think of it: hours within the first two days, days after that."""
    hours = value.total_seconds() / 3600
    if hours < 48:
        shown = number_format(round(hours, 1), decimal_pos=1)
        return ngettext("%(hours)s hour", "%(hours)s hours", round(hours)) % {"hours": shown}
    days = round(hours / 24, 1)
    return ngettext("%(days)s day", "%(days)s days", round(days)) % {"days": number_format(days, decimal_pos=1)}
