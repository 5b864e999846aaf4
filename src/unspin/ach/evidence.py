"""Evidence items from an analysed article (``unspin case add-evidence --from-report``).

Each quotation (``--quotes``, the default; short quoted phrases are skipped)
or check-worthy claim (``--claims``) of a JSON report becomes one unrated
evidence item: its text (at most 500 characters), its source (matched by
name to a case source, else added with reliability F — "cannot be judged" —
until the analyst grades it), credibility 6 and relevance medium (to be set
by the analyst), and a ``quote`` link ``{report, start, end}`` back into the
article.
"""

from __future__ import annotations

import json
from collections.abc import Mapping
from pathlib import Path
from typing import Any

from ..components.aliases import normalise
from ..errors import ConfigError

__all__ = ["evidence_from_report", "next_id"]

_MAX_TEXT = 500


def evidence_from_report(
    report_path: Path, case: Mapping[str, Any], what: str = "quotes"
) -> tuple[list[dict[str, Any]], list[dict[str, Any]]]:
    """New evidence items and new sources for ``case`` (a case-file dict)."""
    try:
        report = json.loads(report_path.read_text(encoding="utf-8"))
    except OSError as exc:
        raise ConfigError(f"{report_path}: cannot read ({exc.strerror})", "check the path") from None
    except (json.JSONDecodeError, UnicodeDecodeError):
        raise ConfigError(
            f"{report_path}: not a JSON report", "write one with `unspin analyze ARTICLE -f json --out FILE`"
        ) from None
    if not isinstance(report, dict) or report.get("schema") != "unspin.report/1":
        raise ConfigError(f"{report_path}: not an unspin.report/1 report", "write one with `unspin analyze -f json`")
    text: str = report["text"]
    report_sources = {s["id"]: s for s in report.get("sources", [])}
    items_in = report.get(what, [])
    if what == "quotes":
        items_in = [q for q in items_in if not q.get("phrase")]
    else:
        items_in = [c for c in items_in if float(c.get("checkworthy", 0)) >= 0.5]
    if not items_in:
        raise ConfigError(
            f"{report_path}: the report has no {what} to add",
            "try --quotes or --claims, or add an item by hand with --text",
        )
    case_sources = list(case.get("sources", []))
    by_name = {normalise(s.get("name", "")): s["id"] for s in case_sources}
    taken_e = {e["id"] for e in case.get("evidence", [])}
    taken_s = {s["id"] for s in case_sources}
    new_sources: list[dict[str, Any]] = []
    out: list[dict[str, Any]] = []
    doc_id = report.get("document", {}).get("id") or report_path.stem
    for item in items_in:
        start, end = int(item["start"]), int(item["end"])
        excerpt = " ".join(text[start:end].split())
        if len(excerpt) > _MAX_TEXT:
            excerpt = excerpt[: _MAX_TEXT - 1] + "…"
        source_id = item.get("source_id")
        if what == "claims" and item.get("quote_ids"):
            quote = next((q for q in report.get("quotes", []) if q.get("id") in item["quote_ids"]), None)
            source_id = quote.get("source_id") if quote else None
        case_source = None
        src = report_sources.get(source_id) if source_id else None
        if src is not None:
            key = normalise(src["name"])
            if key not in by_name:
                sid = next_id("S", taken_s)
                new_sources.append({"id": sid, "name": src["name"], "reliability": "F"})
                by_name[key] = sid
            case_source = by_name[key]
        eid = next_id("E", taken_e)
        evidence: dict[str, Any] = {
            "id": eid,
            "text": excerpt,
            "credibility": "6",
            "relevance": "medium",
            "ratings": {},
            "quote": {"report": str(report_path), "start": start, "end": end},
        }
        if case_source is not None:
            evidence["source"] = case_source
        evidence["text"] = f"{excerpt} [{doc_id}]"
        out.append(evidence)
    return out, new_sources


def next_id(prefix: str, taken: set[str]) -> str:
    """The first free id ``prefix`` + n (n from len(taken) + 1), marked as taken."""
    n = len(taken) + 1
    while f"{prefix}{n}" in taken:
        n += 1
    taken.add(f"{prefix}{n}")
    return f"{prefix}{n}"
