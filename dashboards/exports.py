"""CSV and XLSX of a dashboard table, safe to open in a spreadsheet: a text that starts like a formula
(= + - @, tab, carriage return) is written with a leading apostrophe, so it stays text.

Dates are written in the language's one style (``api_human/formats``): as text in CSV, and in XLSX as
real date cells (they sort and filter as dates) whose display follows the same style."""

import csv
import io
from datetime import date, datetime

from django.http import HttpResponse
from openpyxl import Workbook
from openpyxl.styles import Font

from api_human.core.tables import Table
from api_human.core.text import local_date

FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


# How XLSX shows a date cell: day, month in words, year, as on the pages (the spreadsheet program
# names the month in its reader's language).
XLSX_DATE_FORMAT = "d mmmm yyyy"


def safe(value, *, dates_as_text=True):
    if isinstance(value, int | float) and not isinstance(value, bool):
        return value
    if isinstance(value, date) and not isinstance(value, datetime):
        return local_date(value) if dates_as_text else value
    text = "" if value is None else str(value)
    return f"'{text}" if text.startswith(FORMULA_START) else text


def _rows(table: Table, *, dates_as_text=True):
    yield [safe(column) for column in table.columns]
    for row in table.rows:
        yield [safe(cell.value, dates_as_text=dates_as_text) for cell in row]


def csv_response(table: Table, filename: str) -> HttpResponse:
    response = HttpResponse(content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{filename}.csv"'
    response.write("\ufeff")  # so spreadsheet programs read the Hebrew as UTF-8
    writer = csv.writer(response)
    for row in _rows(table):
        writer.writerow(row)
    return response


def xlsx_response(table: Table, filename: str, *, rtl: bool) -> HttpResponse:
    workbook = Workbook()
    sheet = workbook.active
    sheet.title = table.key[:31]
    sheet.sheet_view.rightToLeft = rtl
    for row in _rows(table, dates_as_text=False):
        sheet.append(row)
    for cell in sheet[1]:
        cell.font = Font(bold=True)
    for column in sheet.columns:
        for cell in column:
            if isinstance(cell.value, str):
                cell.data_type = "s"  # never a formula
            elif isinstance(cell.value, date):
                cell.number_format = XLSX_DATE_FORMAT
    buffer = io.BytesIO()
    workbook.save(buffer)
    response = HttpResponse(
        buffer.getvalue(), content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
    )
    response["Content-Disposition"] = f'attachment; filename="{filename}.xlsx"'
    return response
