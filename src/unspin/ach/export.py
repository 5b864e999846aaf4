"""A case as a spreadsheet: the matrix as CSV (what ``unspin case rate --from`` reads back) or an Excel
workbook with the matrix, ratings coloured as in the HTML page, and the scores of every perspective."""

from __future__ import annotations

import csv
import io
from collections.abc import Mapping
from typing import Any

__all__ = ["matrix_csv", "matrix_xlsx"]

_HEAD = ["evidence", "text", "source", "credibility", "relevance"]
_FILL = {"CC": "1B7F3B", "C": "9FD8AC", "N": "E4E7EB", "I": "F3A3A3", "II": "B42323"}


def _rows(data: Mapping[str, Any]) -> tuple[list[str], list[list[Any]]]:
    hyps = [h["id"] for h in data["hypotheses"]]
    rows = []
    for e in data["evidence"]:
        ratings = e.get("ratings") or {}
        row = [e["id"], e.get("text", ""), e.get("source") or "", e.get("credibility"), e.get("relevance")]
        rows.append([*row, *(ratings.get(h, "") for h in hyps)])
    return [*_HEAD, *hyps], rows


def matrix_csv(data: Mapping[str, Any]) -> str:
    """The matrix as CSV: ``evidence,text,source,credibility,relevance,H1,H2,…``."""
    head, rows = _rows(data)
    buf = io.StringIO()
    writer = csv.writer(buf)
    writer.writerow(head)
    writer.writerows(rows)
    return buf.getvalue()


def matrix_xlsx(data: Mapping[str, Any], scores: Mapping[str | None, Mapping[str, Any]]) -> bytes:
    """An Excel workbook: the sheet ``matrix`` (as the CSV, ratings coloured) and ``scores`` (each
    hypothesis under the base grades and every perspective: inconsistency, weighted, rank, posterior)."""
    from openpyxl import Workbook
    from openpyxl.styles import Font, PatternFill

    book = Workbook()
    sheet = book.active
    assert sheet is not None
    sheet.title = "matrix"
    head, rows = _rows(data)
    sheet.append(head)
    for row in rows:
        sheet.append(row)
    for cells in sheet.iter_rows(min_row=2, min_col=len(_HEAD) + 1):
        for cell in cells:
            colour = _FILL.get(str(cell.value or ""))
            if colour:
                cell.fill = PatternFill("solid", fgColor=colour)
                cell.font = Font(bold=True, color="FFFFFF" if cell.value in ("CC", "II") else "000000")
    for cell in sheet[1]:
        cell.font = Font(bold=True)
    sheet.column_dimensions["B"].width = 60
    table = book.create_sheet("scores")
    table.append(["perspective", "hypothesis", "inconsistency", "weighted", "rank", "posterior"])
    for key, sc in scores.items():
        for h in sc.get("hypotheses", []):
            row = [key or "base", h["id"], h["inconsistency"], h["weighted_inconsistency"], h["rank"]]
            table.append([*row, h.get("posterior")])
    for cell in table[1]:
        cell.font = Font(bold=True)
    buf = io.BytesIO()
    book.save(buf)
    return buf.getvalue()
