"""The ACH matrix as one self-contained HTML page.

Rows are evidence items sorted by diagnosticity (most discriminating first), columns are hypotheses; each cell
is coloured by its rating (CC/C green, N grey, I/II red, NA blank).  Under the matrix: each hypothesis's
inconsistency, weighted inconsistency, rank and posterior, side by side for every perspective; linchpins (items
whose removal changes the top hypothesis) are marked ⚑.  A legend names the ratings, the blank cell and ⚑; the
scores come with what they mean and, where a perspective's rank 1 is not its highest posterior, why
(:mod:`unspin.ach.explain`).  Like the article report, the page has no script and a Content-Security-Policy
that blocks scripts and network fetches; every piece of case text is escaped.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from ..reports.html_parts import esc as _e
from .explain import LINCHPIN, RATING_LEGEND, SCORE_HELP, rank_posterior_note

__all__ = ["render_case_html"]

_CELL = {
    "CC": ("#1b7f3b", "#fff"),
    "C": ("#9fd8ac", "#123"),
    "N": ("#e4e7eb", "#333"),
    "I": ("#f3a3a3", "#311"),
    "II": ("#b42323", "#fff"),
}


def _fmt(x: Any, digits: int = 2) -> str:
    return "–" if x is None else f"{float(x):.{digits}f}"


_CSS = """
body{margin:0;font:14px/1.45 system-ui,-apple-system,Segoe UI,Roboto,sans-serif;color:#1d232b;background:#f7f8fa}
header{padding:14px 22px;background:#fff;border-bottom:1px solid #dde2e8}
h1{font-size:19px;margin:0 0 4px}h2{font-size:16px;margin:18px 0 8px}
main{padding:10px 22px 30px}
table{border-collapse:collapse;background:#fff;margin-bottom:8px}
th,td{border:1px solid #dde2e8;padding:4px 7px;vertical-align:top}
th{background:#f0f2f5;font-weight:600;text-align:left}
td.r{text-align:center;font-weight:600;min-width:34px}
td.num{text-align:right;font-variant-numeric:tabular-nums}
.muted{color:#5b6573}.flag{color:#b42323;font-weight:700}
.top{background:#fff6d6}
.legend{list-style:none;padding:0;margin:0 0 8px;display:flex;flex-wrap:wrap;gap:4px 16px}
.legend .r{display:inline-block;min-width:28px;text-align:center;font-weight:600;border:1px solid #dde2e8}
.help{max-width:60em;color:#3d4650}.note{max-width:30em;color:#a12a2a}
"""


def _legend() -> str:
    """The ratings' colours and names, the blank cell and the linchpin flag."""
    items = []
    for code, words in RATING_LEGEND:
        bg, fg = _CELL.get(code, ("#fff", "#999"))
        items.append(
            f'<li><span class="r" style="background:{bg};color:{fg}">{_e(code) or "&nbsp;"}</span> {_e(words)}</li>'
        )
    items.append(f'<li><span class="flag">⚑</span> {_e(LINCHPIN.removeprefix("⚑ "))}</li>')
    return f'<ul class="legend">{"".join(items)}</ul>'


def render_case_html(case: Mapping[str, Any], scores: Mapping[str | None, Mapping[str, Any]]) -> str:
    """Page for ``case`` (a case-file dict) and its scores per perspective (``Scores.to_dict()``)."""
    hyps = [h["id"] for h in case.get("hypotheses", [])]
    htext = {h["id"]: h.get("text", "") for h in case.get("hypotheses", [])}
    sources = {s["id"]: s for s in case.get("sources", [])}
    base = scores.get(None) or next(iter(scores.values()))
    diag = {e["id"]: e.get("diagnosticity", 0.0) for e in base.get("evidence", [])}
    linchpins = {s["id"] for s in base.get("sensitivity", []) if s.get("changes_top")}
    evidence = sorted(case.get("evidence", []), key=lambda e: -float(diag.get(e["id"], 0.0)))

    head = "".join(f'<th title="{_e(htext[h])}">{_e(h)}</th>' for h in hyps)
    rows = []
    for e in evidence:
        src = sources.get(e.get("source") or "", {})
        cells = []
        for h in hyps:
            r = (e.get("ratings") or {}).get(h, "NA")
            bg, fg = _CELL.get(r, ("#fff", "#999"))
            cells.append(f'<td class="r" style="background:{bg};color:{fg}">{_e("" if r == "NA" else r)}</td>')
        flag = (
            ' <span class="flag" title="linchpin: dropping it changes the top hypothesis">⚑</span>'
            if (e["id"] in linchpins)
            else ""
        )
        rows.append(
            f"<tr><th>{_e(e['id'])}{flag}</th><td>{_e(e.get('text', ''))}"
            f'<br><span class="muted">{_e(src.get("name", "no source"))} · reliability '
            f"{_e(src.get('reliability', 'F'))} · credibility {_e(e.get('credibility', '6'))} · "
            f"relevance {_e(e.get('relevance', 'medium'))}</span></td>"
            f'<td class="num">{_fmt(diag.get(e["id"]))}</td>{"".join(cells)}</tr>'
        )
    matrix = f"<table><tr><th>item</th><th>evidence</th><th>diagnosticity</th>{head}</tr>{''.join(rows)}</table>"

    persp_names = {p["id"]: p.get("name", p["id"]) for p in case.get("perspectives", [])}
    blocks = []
    for pid, sc in scores.items():
        label = "base grades" if pid is None else f"{pid}: {persp_names.get(pid, pid)}"
        by_id = {h["id"]: h for h in sc.get("hypotheses", [])}
        best = min((h.get("rank", 0) for h in by_id.values()), default=0)
        body = "".join(
            f'<tr class="{"top" if by_id[h].get("rank") == best else ""}"><th title="{_e(htext[h])}">{_e(h)}</th>'
            f'<td class="num">{_e(by_id[h].get("inconsistency"))}</td>'
            f'<td class="num">{_fmt(by_id[h].get("weighted_inconsistency"))}</td>'
            f'<td class="num">{_e(by_id[h].get("rank"))}</td>'
            f'<td class="num">{_fmt(by_id[h].get("posterior"), 3)}</td></tr>'
            for h in hyps
            if h in by_id
        )
        pins = [s["id"] for s in sc.get("sensitivity", []) if s.get("changes_top")]
        note = rank_posterior_note(sc)
        blocks.append(
            f"<div><h3>{_e(label)}</h3><table><tr><th>hypothesis</th><th>inconsistency</th>"
            f"<th>weighted</th><th>rank</th><th>posterior</th></tr>{body}</table>"
            f'<p class="muted">linchpins: {_e(", ".join(pins) or "none")}</p>'
            + (f'<p class="note">{_e(note)}</p>' if note else "")
            + "</div>"
        )
    legend = "".join(f"<li><b>{_e(h)}</b>: {_e(htext[h])}</li>" for h in hyps)
    return (
        '<!DOCTYPE html>\n<html lang="en"><head><meta charset="utf-8">'
        "<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; style-src 'unsafe-inline'\">"
        f"<title>ACH — {_e(case.get('title', ''))}</title><style>{_CSS}</style></head><body>"
        f"<header><h1>{_e(case.get('title', 'ACH case'))}</h1>"
        f'<div class="muted">{len(hyps)} hypotheses · {len(evidence)} evidence items · lower weighted '
        "inconsistency ranks better (Heuer; PARC ACH weights)</div></header><main>"
        f"<h2>Hypotheses</h2><ul>{legend}</ul>"
        f"<h2>Matrix (evidence by diagnosticity)</h2>{_legend()}{matrix}"
        f'<h2>Scores by perspective</h2><p class="help">{_e(SCORE_HELP)}</p>'
        f'<div style="display:flex;gap:18px;flex-wrap:wrap">{"".join(blocks)}</div>'
        "</main></body></html>\n"
    )
