"""English: "1 August 2025", "09:00" (24 hours, as Indonesia keeps time);
forms take "01/08/2025" (day first, as in Indonesia). Only the clock differs
from Bahasa Indonesia: a colon where Indonesian writes a dot."""

from studitiru.formats.id.formats import (  # noqa: F401  (the same in both languages)
    DATE_FORMAT,
    DATE_INPUT_FORMATS,
    FIRST_DAY_OF_WEEK,
    MONTH_DAY_FORMAT,
    SHORT_DATE_FORMAT,
    YEAR_MONTH_FORMAT,
)

TIME_FORMAT = "H:i"
DATETIME_FORMAT = f"{DATE_FORMAT}, {TIME_FORMAT}"
SHORT_DATETIME_FORMAT = f"{SHORT_DATE_FORMAT}, {TIME_FORMAT}"

# The first of each list is how a form shows a value.
TIME_INPUT_FORMATS = ["%H:%M", "%H.%M", "%H,%M", "%H%M", "%H:%M:%S", "%H.%M.%S"]
DATETIME_INPUT_FORMATS = ["%d/%m/%Y %H:%M", "%d/%m/%Y %H.%M", "%Y-%m-%d %H:%M", "%Y-%m-%dT%H:%M"]
