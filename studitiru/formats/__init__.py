"""The portal's date and time formats per language (``FORMAT_MODULE_PATH``),
over Django's own: one style in pages, e-mails and forms.

Indonesian writes times with a dot and 24 hours, "09.00–15.30 WIB"; English
with a colon, "09:00–15:30 WIB". Both name the zone (``studitiru.dates``)
and write a date "1 August 2025". Forms read the same formats back, and the
ISO forms (2025-08-01, 09:00) too."""
