"""Evidence items from an analysed article (``unspin case add-evidence --from-report``).

Each quotation (``--quotes``, the default; short quoted phrases are skipped)
or check-worthy claim (``--claims``) of a JSON report becomes one unrated
evidence item: its text (at most 500 characters), credibility 6 and relevance
medium (to be set by the analyst), and a ``quote`` link back into the article
that finds it again wherever the report moves: the report's absolute path,
the article's document id and SHA-256, and the character offsets.

Its source is the quotation's (a claim takes the source of the quotation it
sits in; one in the author's voice, the article's author or outlet), matched
by name to a case source, else added with the grade the report gives it (the
``--sources`` profile the article was analysed with), or F — "cannot be
judged" — until the analyst grades it.  An item already in the case (the same
passage of the same article, by SHA-256 or document id and offsets) is not
added again.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from ..components.aliases import normalise
from ..errors import ConfigError
from ..user_data import BadJSON, parse_json
from .model import RELIABILITIES

__all__ = ["FromReport", "evidence_from_report", "evidence_from_report_data", "find_passage", "next_id"]

_MAX_TEXT = 500


@dataclass
class FromReport:
    """What a report adds to a case: new evidence items, new sources, and how many were in the case already."""

    items: list[dict[str, Any]] = field(default_factory=list)
    sources: list[dict[str, Any]] = field(default_factory=list)
    duplicates: int = 0


def _read_report(report_path: Path) -> dict[str, Any]:
    try:
        report = parse_json(report_path.read_text(encoding="utf-8"))
    except OSError as exc:
        raise ConfigError(f"{report_path}: cannot read ({exc.strerror})", "check the path") from None
    except (BadJSON, UnicodeDecodeError):
        raise ConfigError(
            f"{report_path}: not a JSON report", "write one with `unspin analyze ARTICLE -f json --out FILE`"
        ) from None
    if not isinstance(report, dict) or report.get("schema") != "unspin.report/1":
        raise ConfigError(f"{report_path}: not an unspin.report/1 report", "write one with `unspin analyze -f json`")
    return report


def _passage_key(quote: Mapping[str, Any]) -> tuple[str, int, int] | None:
    """The identity of a linked passage: the article (SHA-256, else document id) and the offsets."""
    article = quote.get("sha256") or quote.get("document")
    if not article:
        return None
    return str(article), int(quote.get("start", -1)), int(quote.get("end", -1))


def _author_name(document: Mapping[str, Any], doc_id: str) -> str:
    return str(document.get("author") or document.get("outlet") or f"author of {doc_id}")


def evidence_from_report(report_path: Path, case: Mapping[str, Any], what: str = "quotes") -> FromReport:
    """The evidence and sources the report at ``report_path`` adds to ``case`` (a case-file dict)."""
    report = _read_report(report_path)
    return evidence_from_report_data(report, str(report_path.resolve()), case, what, where=str(report_path))


def evidence_from_report_data(
    report: Mapping[str, Any],
    reference: str,
    case: Mapping[str, Any],
    what: str = "quotes",
    only: set[str] | None = None,
    where: str = "the report",
    passages: list[tuple[int, int]] | None = None,
) -> FromReport:
    """The evidence and sources a JSON report adds to ``case``: its quotations or claims (``only`` those ids,
    when given), or any ``passages`` (``what="passages"``: character ranges an analyst chose, each credited
    to the quotation it lies in, if any); ``reference`` is what the links name as their report (a path, or
    ``document:N`` in a database)."""
    text: str = report["text"]
    document = report.get("document") or {}
    doc_id = str(document.get("id") or Path(reference).stem)
    report_sources = {s["id"]: s for s in report.get("sources", [])}
    if what == "quotes":
        items_in = [q for q in report.get("quotes", []) if not q.get("phrase")]
    elif what == "passages":
        items_in = [_passage_item(report, a, b) for a, b in passages or ()]
    else:
        items_in = [c for c in report.get("claims", []) if float(c.get("checkworthy", 0)) >= 0.5]
    if only is not None:
        items_in = [x for x in items_in if str(x.get("id")) in only]
    if not items_in:
        raise ConfigError(
            f"{where}: the report has no {what} to add",
            "try --quotes or --claims, or add an item by hand with --text",
        )
    case_sources = list(case.get("sources", []))
    by_name = {normalise(s.get("name", "")): s["id"] for s in case_sources}
    taken_e = {e["id"] for e in case.get("evidence", [])}
    taken_s = {s["id"] for s in case_sources}
    present = {_passage_key(e["quote"]) for e in case.get("evidence", []) if isinstance(e.get("quote"), Mapping)}
    out = FromReport()

    def case_source(name: str, grade: Any) -> str:
        key = normalise(name)
        if key not in by_name:
            sid = next_id("S", taken_s)
            reliability = grade if grade in RELIABILITIES else "F"
            out.sources.append({"id": sid, "name": name, "reliability": reliability})
            by_name[key] = sid
        return str(by_name[key])

    for item in items_in:
        start, end = int(item["start"]), int(item["end"])
        link: dict[str, Any] = {"report": reference, "start": start, "end": end, "document": doc_id}
        if document.get("sha256"):
            link["sha256"] = str(document["sha256"])
        key = _passage_key(link)
        if key in present:
            out.duplicates += 1
            continue
        present.add(key)
        source_id = item.get("source_id")
        if what == "claims" and item.get("quote_ids"):
            quote = next((q for q in report.get("quotes", []) if q.get("id") in item["quote_ids"]), None)
            source_id = quote.get("source_id") if quote else None
        src = report_sources.get(source_id) if source_id else None
        sid = None
        if src is not None:
            sid = case_source(str(src["name"]), (src.get("grade") or {}).get("reliability"))
        elif what == "claims" and item.get("voice") == "author":
            sid = case_source(_author_name(document, doc_id), None)
        excerpt = " ".join(text[start:end].split())
        if len(excerpt) > _MAX_TEXT:
            excerpt = excerpt[: _MAX_TEXT - 1] + "…"
        evidence: dict[str, Any] = {
            "id": next_id("E", taken_e),
            "text": f"{excerpt} [{doc_id}]",
            "credibility": "6",
            "relevance": "medium",
            "ratings": {},
            "quote": link,
        }
        if sid is not None:
            evidence["source"] = sid
        out.items.append(evidence)
    return out


def _passage_item(report: Mapping[str, Any], start: int, end: int) -> dict[str, Any]:
    """A chosen passage as an item: its source is that of the smallest quotation holding it."""
    holders = [
        q
        for q in report.get("quotes", [])
        if not q.get("phrase") and int(q.get("start", 0)) <= start and end <= int(q.get("end", -1))
    ]
    inner = min(holders, key=lambda q: int(q["end"]) - int(q["start"])) if holders else None
    return {"start": start, "end": end, "source_id": inner.get("source_id") if inner else None}


def find_passage(text: str, words: str, near: int) -> tuple[int, int]:
    """Where the words an analyst selected are in ``text``: the occurrence nearest to ``near`` (a browser's
    offset may be off where the text has CR LF line ends or characters outside the BMP), matched with the
    spacing of the selection loosened."""
    import re

    parts = words.split()
    if not parts:
        raise ConfigError("no passage selected", "select the words in the article first")
    pattern = re.compile(r"\s+".join(re.escape(p) for p in parts))
    found = [(m.start(), m.end()) for m in pattern.finditer(text)]
    if not found:
        raise ConfigError("the selected words are not in the article", "select them again in the article text")
    return min(found, key=lambda span: abs(span[0] - near))


def next_id(prefix: str, taken: set[str]) -> str:
    """The first free id ``prefix`` + n (n from len(taken) + 1), marked as taken."""
    n = len(taken) + 1
    while f"{prefix}{n}" in taken:
        n += 1
    taken.add(f"{prefix}{n}")
    return f"{prefix}{n}"
