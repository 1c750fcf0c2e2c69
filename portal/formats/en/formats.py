"""How English pages, mails and the admin write dates and times (`FORMAT_MODULE_PATH`).

The English of a Danish municipality: day before month and a 24-hour clock, never the American forms Django's
`en` locale has ("12/05/2026 8:56 p.m."). The names are those of `portal/formats/da/formats.py`.
"""

DATE_FORMAT = "j F Y"  # 5 December 2026
TIME_FORMAT = "H:i"  # 12:00
DATETIME_FORMAT = "j F Y, H:i"  # 5 December 2026, 12:00
SHORT_DATE_FORMAT = "j M Y"  # 5 Dec 2026
SHORT_DATETIME_FORMAT = "j M Y, H:i"  # 5 Dec 2026, 12:00
MONTH_DAY_FORMAT = "j F"  # 5 December
YEAR_MONTH_FORMAT = "F Y"  # December 2026
WEEKDAY_DATE_FORMAT = "l j F Y"  # Saturday 5 December 2026
WEEKDAY_MONTH_DAY_FORMAT = "l j F"  # Saturday 5 December
FIRST_DAY_OF_WEEK = 1
# Typed dates are read day first, as they are written here; ISO dates (what date inputs send) come first.
DATE_INPUT_FORMATS = ["%Y-%m-%d", "%d/%m/%Y", "%d.%m.%Y", "%d-%m-%Y", "%d %B %Y", "%d %b %Y"]
DATETIME_INPUT_FORMATS = [
    "%Y-%m-%d %H:%M:%S",
    "%Y-%m-%d %H:%M:%S.%f",
    "%Y-%m-%d %H:%M",
    "%d/%m/%Y %H:%M:%S",
    "%d/%m/%Y %H:%M",
    "%d.%m.%Y %H:%M",
]
