"""Working days in Denmark: Monday to Friday, except public holidays."""

import datetime as dt
from functools import cache

from portal.holidays import easter_sunday


@cache
def public_holidays(year: int) -> frozenset[dt.date]:
    """Danish public holidays, plus Constitution Day, Christmas Eve and New Year's Eve when offices are closed."""
    easter = easter_sunday(year)
    days = {
        dt.date(year, 1, 1),
        easter - dt.timedelta(days=3),  # Maundy Thursday
        easter - dt.timedelta(days=2),  # Good Friday
        easter + dt.timedelta(days=1),  # Easter Monday
        easter + dt.timedelta(days=39),  # Ascension Day
        easter + dt.timedelta(days=50),  # Whit Monday
        dt.date(year, 6, 5),
        dt.date(year, 12, 24),
        dt.date(year, 12, 25),
        dt.date(year, 12, 26),
        dt.date(year, 12, 31),
    }
    if year < 2024:
        days.add(easter + dt.timedelta(days=26))  # Great Prayer Day, abolished from 2024
    return frozenset(days)


def is_working_day(day: dt.date) -> bool:
    return day.weekday() < 5 and day not in public_holidays(day.year)


def add_working_days(start: dt.datetime, days: int) -> dt.datetime:
    """The moment `days` whole working days after `start`, at the same local time of day.

    A request sent on Friday afternoon has waited one working day on Monday afternoon, not on Saturday. A request
    sent during a weekend counts from the next working day's start.
    """
    if not is_working_day(start.date()):
        start = start.replace(hour=0, minute=0, second=0, microsecond=0)
        while not is_working_day(start.date()):
            start += dt.timedelta(days=1)
    moment = start
    counted = 0
    while counted < days:
        moment += dt.timedelta(days=1)
        if is_working_day(moment.date()):
            counted += 1
    return moment
