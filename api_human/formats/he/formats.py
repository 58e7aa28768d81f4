# Hebrew: the month in words with its prefix ב (see api_human/formats/__init__.py).
DATE_FORMAT = SHORT_DATE_FORMAT = "j בF Y"
DATETIME_FORMAT = SHORT_DATETIME_FORMAT = "j בF Y, H:i"
TIME_FORMAT = "H:i"
