"""Changes to an ACH case, one function each: add, edit and remove hypotheses, sources, evidence and
perspectives; rate many cells at once.

Each takes a case-file dictionary and returns a new one (the input is not changed) with a short message
saying what changed; :meth:`unspin.ach.store.CaseStore.edit` applies one inside a single transaction and checks
the result as the case-file parser does.  The command line (``unspin case hypothesis add …``) and the
workbench call the same functions.  A removal that would leave a dangling reference is refused with what to
do first (a source still used by evidence), or takes the references with it where nothing else needs them
(a hypothesis's ratings, likelihoods and prior; a source's entries in the perspectives).
"""

from __future__ import annotations

import copy
import csv
import io
from collections.abc import Iterable, Mapping, Sequence
from pathlib import Path
from typing import Any

from ..errors import ConfigError
from .evidence import FromReport, next_id
from .model import CREDIBILITIES, RATINGS, RELEVANCES, RELIABILITIES

__all__ = [
    "Change",
    "add_evidence",
    "add_found",
    "add_hypothesis",
    "add_perspective",
    "add_source",
    "edit_evidence",
    "edit_hypothesis",
    "edit_perspective",
    "edit_source",
    "rate_cells",
    "read_cells",
    "remove_evidence",
    "remove_hypothesis",
    "remove_perspective",
    "remove_source",
]

Case = dict[str, Any]
_ITEM_COLUMNS = {"text", "source", "credibility", "relevance"}  # columns of a matrix CSV that are no hypothesis
#: a changed case and what changed, in a few words
Change = tuple[Case, str]


def _copy(data: Mapping[str, Any]) -> Case:
    out = copy.deepcopy(dict(data))
    for key in ("hypotheses", "sources", "evidence", "perspectives"):
        out.setdefault(key, [])
    return out


def _find(items: Sequence[dict[str, Any]], item_id: str, what: str) -> dict[str, Any]:
    for item in items:
        if item.get("id") == item_id:
            return item
    known = ", ".join(str(i.get("id")) for i in items) or "none yet"
    raise ConfigError(f"no {what} {item_id!r} in the case (known: {known})", "see `unspin case show`")


def _grade(value: str, allowed: Sequence[str], what: str) -> str:
    v = str(value).strip().upper() if what != "relevance" else str(value).strip().lower()
    if v not in allowed:
        raise ConfigError(f"{what} {value!r} is not one of {', '.join(allowed)}", f"give one of {', '.join(allowed)}")
    return v


def _new_id(prefix: str, items: Iterable[Mapping[str, Any]], wanted: str | None) -> str:
    taken = {str(i.get("id")) for i in items}
    if wanted:
        if wanted in taken:
            raise ConfigError(
                f"id {wanted!r} is taken", f"choose another, or leave it out for {prefix}{len(taken) + 1}"
            )
        return wanted
    return next_id(prefix, taken)


# -- hypotheses ---------------------------------------------------------------------


def add_hypothesis(data: Mapping[str, Any], text: str, hid: str | None = None) -> Change:
    """A new hypothesis, unrated; with priors, it gets the mean prior (the others are scaled down)."""
    out = _copy(data)
    hid = _new_id("H", out["hypotheses"], hid)
    out["hypotheses"].append({"id": hid, "text": text})
    if out.get("priors"):
        n = len(out["hypotheses"])
        out["priors"] = {**{h: p * (n - 1) / n for h, p in out["priors"].items()}, hid: 1.0 / n}
    return out, f"added hypothesis {hid}"


def edit_hypothesis(data: Mapping[str, Any], hid: str, text: str) -> Change:
    out = _copy(data)
    _find(out["hypotheses"], hid, "hypothesis")["text"] = text
    return out, f"hypothesis {hid} now reads {text!r}"


def remove_hypothesis(data: Mapping[str, Any], hid: str) -> Change:
    """Remove a hypothesis with its ratings, likelihoods and prior."""
    out = _copy(data)
    _find(out["hypotheses"], hid, "hypothesis")
    out["hypotheses"] = [h for h in out["hypotheses"] if h["id"] != hid]
    for e in out["evidence"]:
        for key in ("ratings", "likelihoods"):
            if isinstance(e.get(key), dict):
                e[key].pop(hid, None)
        if "likelihoods" in e and not e["likelihoods"]:
            del e["likelihoods"]
    priors = {h: p for h, p in (out.get("priors") or {}).items() if h != hid}
    if any(priors.values()):
        out["priors"] = priors  # the case normalises them again
    else:
        out.pop("priors", None)
    return out, f"removed hypothesis {hid} with its ratings"


# -- sources ------------------------------------------------------------------------


def add_source(data: Mapping[str, Any], name: str, reliability: str = "F", sid: str | None = None) -> Change:
    out = _copy(data)
    sid = _new_id("S", out["sources"], sid)
    out["sources"].append({"id": sid, "name": name, "reliability": _grade(reliability, RELIABILITIES, "reliability")})
    return out, f"added source {sid} ({name}, reliability {out['sources'][-1]['reliability']})"


def edit_source(data: Mapping[str, Any], sid: str, name: str | None = None, reliability: str | None = None) -> Change:
    out = _copy(data)
    src = _find(out["sources"], sid, "source")
    if name is not None:
        src["name"] = name
    if reliability is not None:
        src["reliability"] = _grade(reliability, RELIABILITIES, "reliability")
    return out, f"source {sid}: {src['name']}, reliability {src.get('reliability', 'F')}"


def remove_source(data: Mapping[str, Any], sid: str) -> Change:
    """Remove a source no evidence uses (and its entries in the perspectives)."""
    out = _copy(data)
    _find(out["sources"], sid, "source")
    users = [str(e["id"]) for e in out["evidence"] if e.get("source") == sid]
    if users:
        raise ConfigError(
            f"source {sid} is the source of {', '.join(users)}",
            "give those items another source (`unspin case evidence edit ID --source S…`) or remove them first",
        )
    out["sources"] = [s for s in out["sources"] if s["id"] != sid]
    for p in out["perspectives"]:
        p.get("trust", {}).pop(sid, None)
    return out, f"removed source {sid}"


# -- evidence -----------------------------------------------------------------------


def add_evidence(
    data: Mapping[str, Any],
    text: str,
    source: str | None = None,
    credibility: str = "6",
    relevance: str = "medium",
) -> Change:
    """An item typed in by hand, unrated (its source, if given, must be in the case)."""
    out = _copy(data)
    if not text.strip():
        raise ConfigError("the evidence has no text", "type what was observed or reported")
    item: dict[str, Any] = {
        "id": next_id("E", {str(e["id"]) for e in out["evidence"]}),
        "text": text,
        "credibility": _grade(credibility, CREDIBILITIES, "credibility"),
        "relevance": _grade(relevance, RELEVANCES, "relevance"),
    }
    if source:
        _find(out["sources"], source, "source")
        item["source"] = source
    out["evidence"].append(item)
    return out, f"added evidence {item['id']}"


def add_found(data: Mapping[str, Any], found: FromReport) -> Change:
    """The case with what :func:`~unspin.ach.evidence.evidence_from_report_data` found in a report: its new
    sources and evidence items; nothing new (every passage in the case already) is a clear error."""
    if not found.items:
        raise ConfigError(f"all {found.duplicates} passages are in the case already", "rate them in the matrix")
    out = _copy(data)
    out["sources"] += found.sources
    out["evidence"] += found.items
    skipped = f", {found.duplicates} already in the case" if found.duplicates else ""
    return out, f"added {len(found.items)} evidence item(s), {len(found.sources)} source(s){skipped}"


def edit_evidence(
    data: Mapping[str, Any],
    eid: str,
    *,
    text: str | None = None,
    source: str | None = None,
    credibility: str | None = None,
    relevance: str | None = None,
    likelihoods: Mapping[str, float] | None = None,
    notes: str | None = None,
) -> Change:
    """Change an item's text, source (``""`` for none), credibility, relevance, likelihoods (merged; a value
    below 0 removes a hypothesis's likelihood) or notes (``""`` clears them)."""
    out = _copy(data)
    item = _find(out["evidence"], eid, "evidence")
    if text is not None:
        item["text"] = text
    if source == "":
        item.pop("source", None)
    elif source is not None:
        _find(out["sources"], source, "source")
        item["source"] = source
    if credibility is not None:
        item["credibility"] = _grade(credibility, CREDIBILITIES, "credibility")
    if relevance is not None:
        item["relevance"] = _grade(relevance, RELEVANCES, "relevance")
    if notes is not None:
        if notes.strip():
            item["notes"] = notes.strip()
        else:
            item.pop("notes", None)
    if likelihoods:
        merged = {**item.get("likelihoods", {}), **likelihoods}
        item["likelihoods"] = {h: p for h, p in merged.items() if p >= 0}
        if not item["likelihoods"]:
            del item["likelihoods"]
    return out, f"evidence {eid} changed"


def remove_evidence(data: Mapping[str, Any], eid: str) -> Change:
    out = _copy(data)
    _find(out["evidence"], eid, "evidence")
    out["evidence"] = [e for e in out["evidence"] if e["id"] != eid]
    return out, f"removed evidence {eid} with its ratings"


# -- perspectives -------------------------------------------------------------------


def _trust(out: Case, trust: Mapping[str, str]) -> dict[str, str]:
    for sid in trust:
        _find(out["sources"], sid, "source")
    return {sid: _grade(g, RELIABILITIES, "reliability") for sid, g in trust.items()}


def add_perspective(
    data: Mapping[str, Any], name: str, trust: Mapping[str, str] | None = None, pid: str | None = None
) -> Change:
    out = _copy(data)
    pid = _new_id("P", out["perspectives"], pid)
    out["perspectives"].append({"id": pid, "name": name, "trust": _trust(out, trust or {})})
    return out, f"added perspective {pid} ({name})"


def edit_perspective(
    data: Mapping[str, Any], pid: str, name: str | None = None, trust: Mapping[str, str] | None = None
) -> Change:
    """Rename a perspective, or set how it grades sources (``trust`` merged; a grade ``-`` drops the entry)."""
    out = _copy(data)
    p = _find(out["perspectives"], pid, "perspective")
    if name is not None:
        p["name"] = name
    if trust:
        kept = {sid: g for sid, g in trust.items() if g != "-"}
        p["trust"] = {**{s: g for s, g in p.get("trust", {}).items() if trust.get(s) != "-"}, **_trust(out, kept)}
    return out, f"perspective {pid} changed"


def remove_perspective(data: Mapping[str, Any], pid: str) -> Change:
    out = _copy(data)
    _find(out["perspectives"], pid, "perspective")
    out["perspectives"] = [p for p in out["perspectives"] if p["id"] != pid]
    return out, f"removed perspective {pid}"


# -- ratings ------------------------------------------------------------------------


def rate_cells(data: Mapping[str, Any], cells: Iterable[tuple[str, str, str]]) -> Change:
    """Set many cells (evidence id, hypothesis id, rating; NA clears) at once: all or none."""
    out = _copy(data)
    hids = {h["id"] for h in out["hypotheses"]}
    n = 0
    for eid, hid, rating in cells:
        item = _find(out["evidence"], eid, "evidence")
        if hid not in hids:
            _find(out["hypotheses"], hid, "hypothesis")
        r = _grade(rating, RATINGS, "rating")
        ratings = dict(item.get("ratings") or {})
        if r == "NA":
            ratings.pop(hid, None)
        else:
            ratings[hid] = r
        item["ratings"] = ratings
        n += 1
    if n == 0:
        raise ConfigError("no cells to rate", "give rows of evidence, hypothesis, rating")
    return out, f"rated {n} cell(s)"


def read_cells(path: Path) -> list[tuple[str, str, str]]:
    """Cells from a CSV file, in one of two shapes (the header says which):

    * long: ``evidence,hypothesis,rating`` rows;
    * matrix: ``evidence,H1,H2,…`` with one row per item and a rating (or nothing, left as it is) per cell;
      columns named ``text``, ``source``, ``credibility`` or ``relevance`` are skipped, so a matrix exported by
      the workbench reads back.
    """
    try:
        text = path.read_text(encoding="utf-8-sig")
    except OSError as exc:
        raise ConfigError(f"{path}: cannot read ({exc.strerror})", "check the path") from None
    except UnicodeDecodeError:
        raise ConfigError(f"{path}: not UTF-8 text", "save the CSV as UTF-8") from None
    rows = [r for r in csv.reader(io.StringIO(text)) if any(c.strip() for c in r)]
    if not rows:
        raise ConfigError(f"{path}: no rows", "write a header: evidence,hypothesis,rating (or evidence,H1,H2,…)")
    head = [c.strip().lower() for c in rows[0]]
    if head[0] != "evidence":
        raise ConfigError(f"{path}:1: the header must start with 'evidence'", "evidence,hypothesis,rating")
    cells: list[tuple[str, str, str]] = []
    if head[1:3] == ["hypothesis", "rating"] and len(head) == 3:
        for n, r in enumerate(rows[1:], 2):
            if len(r) != 3:
                raise ConfigError(f"{path}:{n}: expected evidence,hypothesis,rating", "three values per row")
            cells.append((r[0].strip(), r[1].strip(), r[2].strip()))
        return cells
    hyps = [c.strip() for c in rows[0][1:]]
    for n, r in enumerate(rows[1:], 2):
        if len(r) > len(hyps) + 1:
            raise ConfigError(f"{path}:{n}: more values than hypotheses in the header", "one rating per column")
        cells.extend(
            (r[0].strip(), h, v.strip())
            for h, v in zip(hyps, r[1:], strict=False)
            if v.strip() and h.lower() not in _ITEM_COLUMNS
        )
    return cells
