"""The contract's weekday codes (German: mo di mi do fr sa so) and what other formats call them.

Monday first, as Python's `date.weekday()` counts, so `CODES[day.weekday()]` is the code of a day.
"""

CODES = ("mo", "di", "mi", "do", "fr", "sa", "so")
#: RFC 5545 (iCalendar) BYDAY names.
ICAL = dict(zip(CODES, ("MO", "TU", "WE", "TH", "FR", "SA", "SU"), strict=True))
#: schema.org DayOfWeek names.
SCHEMA_ORG = dict(zip(CODES, ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday",
                              "Saturday", "Sunday"), strict=True))
#: German names, for messages to editors.
NAMES = ("Montag", "Dienstag", "Mittwoch", "Donnerstag", "Freitag", "Samstag", "Sonntag")
