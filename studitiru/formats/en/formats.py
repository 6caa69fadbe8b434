"""English: "1 August 2025", "09:00" (24 hours, as Indonesia keeps time);
forms take "01/08/2025" (day first, as in Indonesia)."""

DATE_FORMAT = "j F Y"
SHORT_DATE_FORMAT = "j M Y"
TIME_FORMAT = "H:i"
DATETIME_FORMAT = "j F Y, H:i"
SHORT_DATETIME_FORMAT = "j M Y, H:i"
YEAR_MONTH_FORMAT = "F Y"
MONTH_DAY_FORMAT = "j F"
FIRST_DAY_OF_WEEK = 1  # Monday

# The first of each list is how a form shows a value.
DATE_INPUT_FORMATS = ["%d/%m/%Y", "%d-%m-%Y", "%d.%m.%Y", "%Y-%m-%d", "%d/%m/%y", "%d%m%Y"]
TIME_INPUT_FORMATS = ["%H:%M", "%H.%M", "%H,%M", "%H%M", "%H:%M:%S", "%H.%M.%S"]
DATETIME_INPUT_FORMATS = ["%d/%m/%Y %H:%M", "%d/%m/%Y %H.%M", "%Y-%m-%d %H:%M", "%Y-%m-%dT%H:%M"]
