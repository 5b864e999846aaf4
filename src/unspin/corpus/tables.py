"""The tables of a corpus dataset: one row per document, quotation, source, technique, claim, causal link,
blame chain, finding, number and date of every analysed article, each keyed by the document's SHA-256 (the
text's identity) and id, with the outlet and month it is partitioned by (``unknown`` where the input does not
say).  :func:`report_rows` turns one JSON report into these rows; nothing else is kept, so the per-article
JSON reports (``--json-reports``) remain the complete record."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

__all__ = ["KEYS", "TABLES", "partition_of", "report_rows"]

KEYS = ("sha256", "doc_id", "outlet", "month")

#: table → its columns after the keys
TABLES: dict[str, tuple[str, ...]] = {
    "documents": ("title", "url", "published", "words", "pipeline", "input"),
    "quotes": ("id", "start", "end", "kind", "source_id", "source_name", "phrase"),
    "sources": ("id", "name", "kind", "reliability", "mentions"),
    "techniques": ("start", "end", "technique", "score"),
    "claims": ("id", "start", "end", "checkworthy", "voice", "support"),
    "relations": ("id", "start", "end", "type", "cause", "effect", "voice", "support", "negated"),
    "chains": ("id", "blamed", "outcome", "attributed_to", "strength", "steps"),
    "findings": ("kind", "severity", "message"),
    "quantities": ("start", "end", "value", "unit", "measure"),
    "dates": ("start", "end", "value", "kind"),
}


def partition_of(document: Mapping[str, Any]) -> tuple[str, str]:
    """(outlet, month) of a report's document: the outlet as given, the month from ``published``
    (``YYYY-MM``), each ``unknown`` when missing."""
    outlet = str(document.get("outlet") or "unknown")
    published = str(document.get("published") or "")
    month = published[:7] if len(published) >= 7 and published[4] == "-" else "unknown"
    return outlet, month


def _end(part: Any, names: Mapping[str, str]) -> str | None:
    if not isinstance(part, Mapping):
        return None
    entity = part.get("entity_id")
    return str(names.get(str(entity)) or part.get("text") or part.get("node") or "") or None


def _located(item: Mapping[str, Any], *names: str) -> dict[str, Any]:
    """An item's offsets and the named fields."""
    return {"start": item["start"], "end": item["end"], **{n: item.get(n) for n in names}}


def _quote_row(q: Mapping[str, Any], sources: Mapping[str, Mapping[str, Any]]) -> dict[str, Any]:
    name = (sources.get(str(q.get("source_id"))) or {}).get("name")
    return {"id": q.get("id"), **_located(q, "kind", "source_id"), "source_name": name, "phrase": bool(q.get("phrase"))}


def _source_row(s: Mapping[str, Any]) -> dict[str, Any]:
    reliability = (s.get("grade") or {}).get("reliability")
    return {
        "id": s.get("id"),
        "name": s.get("name"),
        "kind": s.get("kind"),
        "reliability": reliability,
        "mentions": len(s.get("mentions") or []),
    }


def _relation_row(r: Mapping[str, Any], names: Mapping[str, str]) -> dict[str, Any]:
    return {
        "id": r.get("id"),
        **_located(r, "type"),
        "cause": _end(r.get("cause"), names),
        "effect": _end(r.get("effect"), names),
        "voice": r.get("voice"),
        "support": r.get("support"),
        "negated": bool(r.get("negated")),
    }


def _chain_row(c: Mapping[str, Any], sources: Mapping[str, Mapping[str, Any]]) -> dict[str, Any]:
    who = c.get("attributed_to")
    return {
        "id": c.get("id"),
        "blamed": c.get("blamed"),
        "outcome": c.get("outcome"),
        "attributed_to": (sources.get(str(who)) or {}).get("name") if who else None,
        "strength": c.get("strength"),
        "steps": len(c.get("relation_ids") or []),
    }


def report_rows(report: Mapping[str, Any], input_name: str = "") -> dict[str, list[dict[str, Any]]]:
    """The rows one JSON report adds to each table."""
    doc = report.get("document") or {}
    outlet, month = partition_of(doc)
    key = {"sha256": str(doc.get("sha256")), "doc_id": str(doc.get("id")), "outlet": outlet, "month": month}
    sources = {str(s.get("id")): s for s in report.get("sources", [])}
    names = {str(e.get("id")): str(e.get("name")) for e in report.get("entities", [])}
    document = {
        "title": doc.get("title"),
        "url": doc.get("url"),
        "published": doc.get("published"),
        "words": int(doc.get("words") or 0),
        "pipeline": ",".join(str(c.get("name")) for c in report.get("pipeline", [])),
        "input": input_name,
    }
    built: dict[str, list[dict[str, Any]]] = {
        "documents": [document],
        "quotes": [_quote_row(q, sources) for q in report.get("quotes", [])],
        "sources": [_source_row(s) for s in report.get("sources", [])],
        "techniques": [_located(x, "technique", "score") for x in report.get("techniques", [])],
        "claims": [
            {"id": c.get("id"), **_located(c, "checkworthy", "voice", "support")} for c in report.get("claims", [])
        ],
        "relations": [_relation_row(r, names) for r in report.get("relations", [])],
        "chains": [_chain_row(c, sources) for c in report.get("chains", [])],
        "findings": [{n: f.get(n) for n in ("kind", "severity", "message")} for f in report.get("findings", [])],
        "quantities": [_located(q, "value", "unit", "measure") for q in report.get("quantities", [])],
        "dates": [_located(d, "value", "kind") for d in report.get("dates", [])],
    }
    return {table: [{**key, **row} for row in rows] for table, rows in built.items()}
