from django import template

from facilities import selectors

register = template.Library()

# Min side shows the next few; the full list is on the bookings page.
MIN_SIDE_LIMIT = 5


@register.simple_tag
def upcoming_bookings(user) -> list:
    return list(selectors.bookings_upcoming_for_user(user=user)[:MIN_SIDE_LIMIT])
