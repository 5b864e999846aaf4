"""``unspin quotes eval``: the quote layer against GUM's gold attributions.

For each of the 22 GUM Wikinews news documents the default pipeline runs on
the plain text, and two things are scored against the gold RST
``attribution-*`` relations (:mod:`unspin.evaluation.gum`):

* **content**: every quotation that is not a short quoted phrase (scare
  quotes say nothing about attribution), and every stretch of reported
  (indirect) speech, against the gold reported material;
* **source**: for every quotation with a source, the attributing span — the
  cue (reporting verb or lead-in) joined with the nearest mention of the
  source in the same sentence — against the gold attributing segment.

Both are micro-averaged over the corpus in the three modes of
:func:`~unspin.evaluation.gum.span_prf`.  What this measures is limited:
GUM's sources are whole clauses, not names; GUM also counts picture
credits ("Image: …") and attitude verbs ("believes", "hopes") as
attribution, which unspin does not claim to find.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from ..api import analyze_many, load_pipeline
from ..data_home import corpus_path
from ..document import Document
from ..errors import ConfigError
from .gum import MODES, PRF, Span, corpus_prf, load_gum

__all__ = ["QuoteEval", "evaluate_quotes"]
_MARKS = "\"'“”‘’«»„"


@dataclass
class QuoteEval:
    documents: int
    gold: int
    predicted: int
    content: dict[str, PRF]
    source: dict[str, PRF]

    def as_dict(self) -> dict[str, Any]:
        return {
            "documents": self.documents,
            "gold": self.gold,
            "predicted": self.predicted,
            "content": {m: vars(p) for m, p in self.content.items()},
            "source": {m: vars(p) for m, p in self.source.items()},
        }


def _predicted(doc: Document) -> tuple[list[Span], list[Span]]:
    text = doc.text
    sources = {g.id: g for g in doc.groups("sources")}
    sentences = doc.spans("sentences")
    contents: list[Span] = []
    attributing: list[Span] = []
    for q in [*doc.spans("quotes"), *doc.spans("reported")]:
        if q.attrs.get("phrase"):
            continue
        # GUM's content keeps the quotation marks; ours stops inside them.
        s, e = q.start, q.end
        if s > 0 and e < len(text) and text[s - 1] in _MARKS and text[e] in _MARKS:
            s, e = s - 1, e + 1
        contents.append((s, e))
        cue = q.attrs.get("cue")
        src = sources.get(str(q.attrs.get("source_id")))
        if not cue or src is None:
            continue
        a, b = int(cue["start"]), int(cue["end"])
        sent = next(((s.start, s.end) for s in sentences if s.start <= a < s.end), (a, b))
        near = [m for m in src.spans if sent[0] <= m[0] < sent[1] and not (q.start <= m[0] < q.end)]
        if near:
            m = min(near, key=lambda m: min(abs(m[0] - b), abs(a - m[1])))
            a, b = min(a, m[0]), max(b, m[1])
        if a < b <= len(text):
            attributing.append((a, b))
    return contents, attributing


def evaluate_quotes(folder: Path | None = None, modes: Sequence[str] = MODES) -> QuoteEval:
    """Score the quotation layer on GUM's Wikinews attributions in ``folder`` (default: the data home's
    ``gum_wikinews``)."""
    folder = corpus_path("gum_wikinews") if folder is None else folder
    if not (folder / "rst_rs4").is_dir():
        raise ConfigError(
            f"{folder}: no GUM data (rst_rs4/ missing)", "pass --data DIR (the gum_wikinews folder), or set UNSPIN_DATA"
        )
    gold_docs = load_gum(folder)
    docs = [Document(g.text, id=g.id) for g in gold_docs]
    pairs_content: list[tuple[list[Span], list[Span]]] = []
    pairs_source: list[tuple[list[Span], list[Span]]] = []
    predicted = 0
    for (doc, err), gold in zip(analyze_many(docs, load_pipeline()), gold_docs, strict=True):
        if err is not None:
            raise err
        contents, attributing = _predicted(doc)
        predicted += len(contents)
        pairs_content.append((contents, [a.content for a in gold.attributions]))
        pairs_source.append((attributing, [a.source for a in gold.attributions if a.source is not None]))
    texts = [d.text for d in docs]
    return QuoteEval(
        documents=len(docs),
        gold=sum(len(g.attributions) for g in gold_docs),
        predicted=predicted,
        content={m: corpus_prf(pairs_content, m, texts=texts) for m in modes},
        source={m: corpus_prf(pairs_source, m, texts=texts) for m in modes},
    )
