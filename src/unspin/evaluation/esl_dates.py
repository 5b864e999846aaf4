"""``unspin relations dates``: relative dates resolved by unspin against the normalised time expressions of
EventStoryLine (Caselli and Vossen 2017, "The Event StoryLine Corpus", Events and Stories in the News workshop),
which annotates ECB+ news articles (Cybulska and Vossen 2014, LREC).

Each article's tokens are joined into text the way a newspaper prints them (no space before a comma or a full
stop), with one sentence a line, and run through unspin's dates layer; the document creation time, where the
corpus gives one, is the article's publication date.  Every time expression of type ``TIME_DATE`` anchored in the
text is matched with the date unspin found over it; those unspin calls relative ("yesterday", "last month") or a
weekday are scored: *resolved* when unspin gives a value, *right* when that value equals the corpus's.

Limits: only the ``dev`` topics are in ``../shared/data`` (the official test topics are held back); 13 of the 65
articles give a creation time, the others only what their own datelines say; the corpus normalises "the last
month" to a month, as unspin does, but a few values ("2005-XX-XX") are not dates at all and count as unresolved
gold.
"""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from ..errors import InputError
from .coref import LAYERS as COREF_LAYERS

__all__ = ["LAYERS", "DateResult", "EslArticle", "esl_files", "read_esl_article", "score_dates"]

#: The layers the dates layer needs: the coreference yardstick's, then quantities and dates.
LAYERS = (*COREF_LAYERS, "quantities.rules.v1", "dates.rules.v1")

_NO_SPACE_BEFORE = re.compile(r"^(?:[,.;:!?%)\]}”’]|'s|n't|'re|'ve|'ll|'d|'m)$", re.IGNORECASE)
_NO_SPACE_AFTER = frozenset({"(", "[", "{", "“", "‘", "$"})


@dataclass
class EslArticle:
    """One ECB+ article: its text, its creation time (or None) and its dated time expressions."""

    name: str
    text: str
    created: str | None
    dates: list[tuple[int, int, str]] = field(default_factory=list)


@dataclass
class DateResult:
    """Relative dates in gold, resolved by unspin, resolved rightly; the wrong ones as (article, words, gold, said)."""

    relative: int = 0
    resolved: int = 0
    right: int = 0
    wrong: list[tuple[str, str, str, str]] = field(default_factory=list)

    def add(self, other: DateResult) -> None:
        self.relative += other.relative
        self.resolved += other.resolved
        self.right += other.right
        self.wrong += other.wrong

    def as_dict(self) -> dict[str, Any]:
        return {
            "relative": self.relative,
            "resolved": self.resolved,
            "right": self.right,
            "accuracy_of_resolved": self.right / self.resolved if self.resolved else 0.0,
        }


def read_esl_article(path: Path) -> EslArticle:
    """Text, creation time and ``TIME_DATE`` expressions (offsets into the text) of one EventStoryLine file."""
    try:
        root = ET.parse(path).getroot()
    except (OSError, ET.ParseError) as exc:
        raise InputError(str(path), f"not an EventStoryLine XML file ({exc})", "pass the esl_dev folder") from exc
    parts: list[str] = []
    offsets: dict[str, tuple[int, int]] = {}
    pos, sentence, previous = 0, None, ""
    for tok in root.iter("token"):
        word = tok.text or ""
        if sentence is not None and tok.get("sentence") != sentence:
            parts.append("\n")
            pos += 1
        elif parts and not _NO_SPACE_BEFORE.match(word) and previous not in _NO_SPACE_AFTER:
            parts.append(" ")
            pos += 1
        offsets[str(tok.get("t_id"))] = (pos, pos + len(word))
        parts.append(word)
        pos += len(word)
        sentence, previous = tok.get("sentence"), word
    created = None
    dates: list[tuple[int, int, str]] = []
    for m in root.iter("TIME_DATE"):
        anchors = [offsets[a.get("t_id", "")] for a in m.findall("token_anchor") if a.get("t_id") in offsets]
        if not anchors:
            if m.get("DCT") == "TRUE" and re.fullmatch(r"\d{4}-\d\d-\d\d", m.get("value") or ""):
                created = m.get("value")
            continue
        dates.append((min(a for a, _ in anchors), max(b for _, b in anchors), m.get("value") or ""))
    return EslArticle(path.name.split(".")[0], "".join(parts), created, sorted(dates))


def score_dates(article: EslArticle, pipeline: Any) -> DateResult:
    """Relative dates of one article: in gold (unspin found a relative date or weekday over them), resolved, right."""
    from ..document import Document
    from ..reports.json_report import build_report

    report = build_report(pipeline(Document(article.text, id=article.name, published=article.created)))
    found = [d for d in report.get("dates", []) if d.get("kind") in ("relative", "weekday")]
    result = DateResult()
    for start, end, value in article.dates:
        mine = [d for d in found if min(d["end"], end) > max(d["start"], start)]
        if not mine:
            continue
        result.relative += 1
        said = mine[0].get("value")
        if said is None:
            continue
        result.resolved += 1
        if said == value:
            result.right += 1
        else:
            result.wrong.append((article.name, article.text[start:end], value, str(said)))
    return result


def esl_files(folder: Path) -> Sequence[Path]:
    """The EventStoryLine articles under ``folder`` (``dev/TOPIC/*.xml``), in a stable order."""
    files = sorted(folder.glob("dev/*/*.xml"))
    if not files:
        raise InputError(str(folder), "no EventStoryLine articles here", "pass the esl_dev folder (dev/TOPIC/)")
    return files
