"""The portal's date formats, for its pages and the admin alike (FORMAT_MODULE_PATH).

British-style day-month-year, never ambiguous: "3 November 2021" in text,
"3 Nov 2021" in tables. Templates use `|date` (DATE_FORMAT) or
`|date:"SHORT_DATE_FORMAT"` rather than a format string of their own. Numbers
and percentages: apps.core.formats.
"""

DATE_FORMAT = "j F Y"
SHORT_DATE_FORMAT = "j M Y"
DATETIME_FORMAT = "j F Y, H:i"
SHORT_DATETIME_FORMAT = "j M Y, H:i"
TIME_FORMAT = "H:i"
MONTH_DAY_FORMAT = "j F"
YEAR_MONTH_FORMAT = "F Y"
FIRST_DAY_OF_WEEK = 1  # Monday
DECIMAL_SEPARATOR = "."
THOUSAND_SEPARATOR = ","
NUMBER_GROUPING = 3
