"""One date style per language (``FORMAT_MODULE_PATH``): pages, notification sentences, exports and
the PDF all use ``DATE_FORMAT``; the "short" formats are the same, so a table and a sentence on one
page never show two styles (Django's English default would mix ``12/02/2026`` and ``Dec. 2, 2026``).

* he — ``2 בדצמבר 2026``, ``2 בדצמבר 2026, 14:05``
* en — ``2 December 2026``, ``2 December 2026, 14:05`` (day before month, as in Israel)
* ar — ``2 ديسمبر 2026``, ``2 ديسمبر 2026، 14:05``

Only output formats are set here; what forms accept (``*_INPUT_FORMATS``) stays Django's.
"""
