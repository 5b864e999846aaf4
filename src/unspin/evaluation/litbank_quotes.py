"""``unspin quotes speakers``: who unspin says speaks each quotation, against LitBank's quotation attribution.

LitBank (Sims and Bamman 2020, "Measuring Information Propagation in Literary Social Networks", EMNLP; data of
Bamman, Lewke and Mansoor 2020, LREC) marks every direct-speech quotation of 100 fiction excerpts and the
character who speaks it, as an entity of its coreference layer.  That is the hard case for attribution: dialogue
whose speaker is named once and then carried by "he said" tails, turns across line breaks, and quotations with no
speaker in the sentence at all.

Each document runs through unspin's first layers (parse, sentences, entities, quotes).  A gold quotation is
*found* when a quotation of unspin's overlaps it; its speaker is *named* when that quotation has a source; the
speaker is *right* when one of the source's mentions, or of its entity's, overlaps a mention of the gold speaker's
entity in the coreference layer.  The figures are the share found, the share of those found whose speaker is named
(coverage), and of those named, the share right (precision: a wrong speaker is the error this tool must avoid).

Limits: LitBank's text is tokenised (spaces around punctuation and inside quotation marks), which unspin reads as
it is; fiction is not news, but its "he said" tails and speakers named a line before are the same constructions.
Fold-0 train is for looking at errors; fold-0 dev is scored as held out; the fold-0 test documents are not in the
data folder.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from ..errors import InputError
from .coref import LAYERS, CorefDocument, litbank_span, litbank_tokens, read_litbank

__all__ = ["LAYERS", "GoldQuote", "SpeakerResult", "read_litbank_quotes", "score_speakers"]


@dataclass(frozen=True)
class GoldQuote:
    """One LitBank quotation and the entity that speaks it."""

    start: int
    end: int
    speaker: str


@dataclass
class SpeakerResult:
    """Counts over a set of documents, and the misattributed quotations as ``(document, quote, said, gold)``."""

    quotes: int = 0
    found: int = 0
    named: int = 0
    right: int = 0
    wrong: list[tuple[str, str, str, str]] = field(default_factory=list)

    def add(self, other: SpeakerResult) -> None:
        self.quotes += other.quotes
        self.found += other.found
        self.named += other.named
        self.right += other.right
        self.wrong += other.wrong

    def as_dict(self) -> dict[str, Any]:
        return {
            "quotes": self.quotes,
            "found": self.found,
            "named": self.named,
            "right": self.right,
            "found_share": self.found / self.quotes if self.quotes else 0.0,
            "coverage": self.named / self.found if self.found else 0.0,
            "precision": self.right / self.named if self.named else 0.0,
        }


def read_litbank_quotes(folder: Path, doc_id: str) -> tuple[CorefDocument, list[GoldQuote]]:
    """A LitBank document (text and coreference mentions) and its quotations (``quotations/<id>.ann``)."""
    doc = read_litbank(folder, doc_id)
    path = folder / "quotations" / f"{doc_id}.ann"
    if not path.is_file():
        raise InputError(str(path), "no LitBank quotation file", "pass the LitBank folder its SOURCE.md describes")
    tokens = litbank_tokens(doc.text)
    spans: dict[str, tuple[int, int]] = {}
    speakers: dict[str, str] = {}
    for row in path.read_text(encoding="utf-8").splitlines():
        cols = row.split("\t")
        try:
            if cols[0] == "QUOTE":
                spans[cols[1]] = litbank_span(tokens, *(int(x) for x in cols[2:6]))
            elif cols[0] == "ATTRIB":
                speakers[cols[1]] = cols[2]
        except (ValueError, IndexError, TypeError) as exc:
            raise InputError(str(path), f"not a LitBank quotation row ({row!r})", "pass unmodified files") from exc
    quotes = sorted((GoldQuote(*spans[q], speakers[q]) for q in spans if q in speakers), key=lambda g: g.start)
    return doc, quotes


def score_speakers(doc: CorefDocument, gold: Sequence[GoldQuote], pipeline: Any) -> SpeakerResult:
    """Found, named and rightly named quotations of one document (see the module docstring)."""
    from ..document import Document
    from ..reports.json_report import build_report

    report = build_report(pipeline(Document(doc.text, id=doc.name)))
    entity_mentions = {str(e["id"]): [tuple(m) for m in e.get("mentions", [])] for e in report.get("entities", [])}
    sources: dict[str, list[tuple[int, int]]] = {}
    names: dict[str, str] = {}
    for s in report.get("sources", []):
        spans = [tuple(m) for m in s.get("mentions", [])]
        if s.get("entity_id"):
            spans += entity_mentions.get(str(s["entity_id"]), [])
        sources[str(s["id"])] = spans
        names[str(s["id"])] = str(s.get("name", ""))
    quotes = [q for q in report.get("quotes", []) if not q.get("phrase")]
    result = SpeakerResult(quotes=len(gold))
    for g in gold:
        mine = [q for q in quotes if min(q["end"], g.end) > max(q["start"], g.start)]
        if not mine:
            continue
        result.found += 1
        said = next((q["source_id"] for q in mine if q.get("source_id")), None)
        if said is None:
            continue
        result.named += 1
        speaker = [(s, e) for s, e, x in doc.mentions if x == g.speaker]
        if any(min(a[1], b[1]) > max(a[0], b[0]) for a in sources.get(str(said), []) for b in speaker):
            result.right += 1
        else:
            result.wrong.append((doc.name, doc.text[g.start : g.end], names.get(str(said), ""), g.speaker))
    return result
