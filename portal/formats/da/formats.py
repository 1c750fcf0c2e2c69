"""How Danish pages, mails and the admin write dates and times (`FORMAT_MODULE_PATH`).

Templates name a format (`|date:"DATE_FORMAT"`) rather than spell one out, so each language has one style. Django's
own names are completed with the portal's two weekday forms, which every language module defines.
"""

DATE_FORMAT = "j. F Y"  # 5. december 2026
TIME_FORMAT = "H:i"  # 12:00
DATETIME_FORMAT = r"j. F Y \k\l. H:i"  # 5. december 2026 kl. 12:00
SHORT_DATE_FORMAT = "d.m.Y"  # 05.12.2026
SHORT_DATETIME_FORMAT = "d.m.Y H:i"  # 05.12.2026 12:00
MONTH_DAY_FORMAT = "j. F"  # 5. december
YEAR_MONTH_FORMAT = "F Y"  # december 2026
WEEKDAY_DATE_FORMAT = "l j. F Y"  # lørdag 5. december 2026
WEEKDAY_MONTH_DAY_FORMAT = "l j. F"  # lørdag 5. december
FIRST_DAY_OF_WEEK = 1
