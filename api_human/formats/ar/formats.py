# Arabic: day, month in words, year; the Arabic comma before the time (see api_human/formats/__init__.py).
DATE_FORMAT = SHORT_DATE_FORMAT = "j F Y"
DATETIME_FORMAT = SHORT_DATETIME_FORMAT = "j F Y، H:i"
TIME_FORMAT = "H:i"
