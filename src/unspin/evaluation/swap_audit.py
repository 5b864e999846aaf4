"""Even-handedness audit of the whole pipeline: analyse an article and its twin with actors' names swapped, and say,
layer by layer, what changed beyond the names.

Method: every pair ``A=B`` is swapped at once, both ways, wherever ``A`` or ``B`` occurs as a whole word or
phrase, as written or in capitals (longest first, case-sensitive otherwise, so "Russia's" becomes "America's"
and "Russian" stays unless ``Russian=American`` is given too).  Both texts go through the same pipeline.  Each
item of the twin's report is then brought back to the original: offsets are mapped through the replacements (a
position inside a replaced name maps to that name's edges), and the same swap applied to its strings turns the
names back.  Identifiers ("T3", "E2", which follow the order items are found in) are left out of the comparison,
scores are rounded to two decimals, and the word cut short before an ellipsis in a message that quotes the text
at a fixed length is dropped; an item counts as identical when everything else is equal.  What remains in one
report and not the other is what the names changed.

Limits: a name is swapped only where it is written exactly as given, so inflected forms and other references
("the Kremlin", "Washington" for a government) keep their side; swapping two names of different lengths moves
word-piece boundaries, so a model that reads names, or a name-finder that misses one, shows up as a change here
(that is the point).  Scores are compared to two decimals: a model that runs in bfloat16 moves a score by a few
thousandths with the other sentences of its batch.
"""

from __future__ import annotations

import bisect
import json
import re
from collections import Counter
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from ..document import Document
from ..errors import ConfigError

if TYPE_CHECKING:
    from ..pipeline import Pipeline

__all__ = [
    "LAYERS",
    "LayerChange",
    "SwapAudit",
    "Swapper",
    "audit_document",
    "audit_reports",
    "parse_pairs",
]

#: The report's layers that the audit compares, in report order.
LAYERS = (
    "sentences",
    "quotes",
    "sources",
    "techniques",
    "claims",
    "entities",
    "relations",
    "chains",
    "quantities",
    "dates",
    "findings",
)
#: Fields that name other items by their order of finding, not by what they are.
_ID_KEYS = frozenset({"id", "members", "node", "blamed_node"})
_OFFSET_KEYS = frozenset({"start", "end"})
_CUT = re.compile(r"\S*…")


def parse_pairs(values: Sequence[str]) -> list[tuple[str, str]]:
    """``["A=B", …]`` as pairs; one line naming the bad value otherwise."""
    pairs: list[tuple[str, str]] = []
    seen: set[str] = set()
    for value in values:
        a, sep, b = value.partition("=")
        a, b = a.strip(), b.strip()
        if not sep or not a or not b:
            raise ConfigError(f"--swap {value!r} is not NAME=NAME", "write each pair as --swap Russia=America")
        if a == b:
            raise ConfigError(f"--swap {value!r} swaps a name with itself", "give two different names")
        for name in (a, b):
            if name in seen:
                raise ConfigError(f"--swap: {name!r} is in two pairs", "give each name in one pair only")
            seen.add(name)
        pairs.append((a, b))
    if not pairs:
        raise ConfigError("no names to swap", "give at least one pair: --swap Russia=America")
    return pairs


@dataclass(frozen=True)
class _Replacement:
    old_start: int
    old_end: int
    new_start: int
    new_end: int


class Swapper:
    """Swaps every pair's two names at once and maps offsets of the swapped text back to the original."""

    def __init__(self, pairs: Sequence[tuple[str, str]]) -> None:
        self.pairs = tuple(pairs)
        self._partner = {a: b for a, b in pairs} | {b: a for a, b in pairs}
        for a, b in pairs:  # a headline in capitals writes the same names: "TRUMP SAYS" becomes "OBAMA SAYS"
            if a.upper() not in self._partner and b.upper() not in self._partner:
                self._partner |= {a.upper(): b.upper(), b.upper(): a.upper()}
        names = sorted(self._partner, key=lambda n: (-len(n), n))  # "United States" before "States"
        self._pattern = re.compile(r"(?<!\w)(?:" + "|".join(re.escape(n) for n in names) + r")(?!\w)")

    def occurs(self, text: str) -> bool:
        """Whether any of the names occurs in ``text``."""
        return self._pattern.search(text) is not None

    def swap(self, text: str) -> str:
        """``text`` with the names swapped."""
        return self._pattern.sub(lambda m: self._partner[m.group(0)], text)

    def swap_with_map(self, text: str) -> tuple[str, list[_Replacement]]:
        """The swapped text and where each replacement lies in both texts."""
        parts: list[str] = []
        reps: list[_Replacement] = []
        pos = shift = 0
        for m in self._pattern.finditer(text):
            parts.append(text[pos : m.start()])
            new = self._partner[m.group(0)]
            parts.append(new)
            start = m.start() + shift
            reps.append(_Replacement(m.start(), m.end(), start, start + len(new)))
            shift += len(new) - (m.end() - m.start())
            pos = m.end()
        parts.append(text[pos:])
        return "".join(parts), reps


class _OffsetMap:
    """Positions of the swapped text mapped to the original; a position inside a replacement goes to its edge."""

    def __init__(self, reps: Sequence[_Replacement]) -> None:
        self._reps = list(reps)
        self._starts = [r.new_start for r in reps]

    def __call__(self, pos: int, is_end: bool) -> int:
        k = bisect.bisect_right(self._starts, pos) - 1
        if k < 0:
            return pos
        r = self._reps[k]
        if pos >= r.new_end:
            return pos - r.new_end + r.old_end
        if pos == r.new_start:
            return r.old_start
        return r.old_end if is_end else r.old_start


@dataclass
class LayerChange:
    """One layer's items in both reports: how many are identical once brought back, and the rest."""

    layer: str
    original: int
    swapped: int
    identical: int
    only_original: list[dict[str, Any]] = field(default_factory=list)
    only_swapped: list[dict[str, Any]] = field(default_factory=list)

    @property
    def share(self) -> float:
        """Identical items over the larger of the two counts (1.0 when both are empty)."""
        most = max(self.original, self.swapped)
        return self.identical / most if most else 1.0


@dataclass
class SwapAudit:
    """The audit of one article (or the sum over several): the pairs, how many names were replaced, and each
    layer's changes; ``articles`` is how many articles it covers."""

    pairs: list[tuple[str, str]]
    replacements: int
    layers: list[LayerChange]
    articles: int = 1
    document: str = ""  #: the article's id (empty for a sum)

    @classmethod
    def total(cls, audits: Sequence[SwapAudit], pairs: Sequence[tuple[str, str]]) -> SwapAudit:
        """The sum of ``audits``: counts added up, changed items listed with their article's ``document``."""
        layers = []
        for k, layer in enumerate(LAYERS):
            parts = [(a, a.layers[k]) for a in audits]
            layers.append(
                LayerChange(
                    layer,
                    sum(c.original for _, c in parts),
                    sum(c.swapped for _, c in parts),
                    sum(c.identical for _, c in parts),
                    [{"document": a.document, **_as_item(x)} for a, c in parts for x in c.only_original],
                    [{"document": a.document, **_as_item(x)} for a, c in parts for x in c.only_swapped],
                )
            )
        return cls(list(pairs), sum(a.replacements for a in audits), layers, sum(a.articles for a in audits))

    @property
    def unchanged(self) -> bool:
        return all(c.identical == c.original == c.swapped for c in self.layers)

    def as_dict(self) -> dict[str, Any]:
        return {
            "pairs": [list(p) for p in self.pairs],
            "articles": self.articles,
            "replacements": self.replacements,
            "unchanged": self.unchanged,
            "layers": [
                {
                    "layer": c.layer,
                    "original": c.original,
                    "swapped": c.swapped,
                    "identical": c.identical,
                    "share": round(c.share, 4),
                    "only_original": c.only_original,
                    "only_swapped": c.only_swapped,
                }
                for c in self.layers
            ],
        }


def _normal(value: Any, key: str, to_original: Callable[[int, bool], int] | None, swap: Callable[[str], str]) -> Any:
    """``value`` without identifiers, scores to two decimals, offsets and names brought back to the original."""
    if isinstance(value, dict):
        return {
            k: _normal(v, k, to_original, swap)
            for k, v in sorted(value.items())
            if k not in _ID_KEYS and not k.endswith(("_id", "_ids", "_node"))
        }
    if isinstance(value, list):
        if to_original is not None and _is_pair(value):  # a [start, end] span: "sentence", "mentions", "spans"
            return [to_original(value[0], False), to_original(value[1], True)]
        return [_normal(v, key, to_original, swap) for v in value]
    if isinstance(value, bool) or value is None:
        return value
    if isinstance(value, int) and key in _OFFSET_KEYS and to_original is not None:
        return to_original(value, key == "end")
    if isinstance(value, float):
        return round(value, 2)
    if isinstance(value, str):
        # a message that quotes the text cuts it at a fixed length, so the cut word depends on the names' lengths
        return _CUT.sub("…", swap(value) if to_original is not None else value)
    return value


def _as_item(value: Any) -> dict[str, Any]:
    return value if isinstance(value, dict) else {"span": value}


def _is_pair(value: Any) -> bool:
    return isinstance(value, list) and len(value) == 2 and all(type(v) is int for v in value)


def _items(
    report: Mapping[str, Any], layer: str, to_original: _OffsetMap | None, swap: Callable[[str], str]
) -> list[Any]:
    items = report.get(layer) or []
    if layer == "sentences":  # [start, end] pairs
        return [[to_original(p[0], False), to_original(p[1], True)] if to_original else list(p) for p in items]
    return [_normal(item, layer, to_original, swap) for item in items]


def audit_reports(
    original: Mapping[str, Any], swapped: Mapping[str, Any], swapper: Swapper, replacements: Sequence[_Replacement]
) -> SwapAudit:
    """Compare the reports of an article and of its swapped twin (``replacements`` from
    :meth:`Swapper.swap_with_map` of the article's text)."""
    back = _OffsetMap(replacements)
    layers: list[LayerChange] = []
    for layer in LAYERS:
        mine = _items(original, layer, None, swapper.swap)
        theirs = _items(swapped, layer, back, swapper.swap)
        a = Counter(json.dumps(x, sort_keys=True, ensure_ascii=False) for x in mine)
        b = Counter(json.dumps(x, sort_keys=True, ensure_ascii=False) for x in theirs)
        common = a & b
        layers.append(
            LayerChange(
                layer,
                len(mine),
                len(theirs),
                sum(common.values()),
                [json.loads(k) for k in (a - common).elements()],
                [json.loads(k) for k in (b - common).elements()],
            )
        )
    return SwapAudit(list(swapper.pairs), len(replacements), layers)


def audit_document(doc: Document, pairs: Sequence[tuple[str, str]], pipeline: Pipeline | None = None) -> SwapAudit:
    """Analyse ``doc`` and its twin with ``pairs`` swapped (title included) with the same pipeline, and compare
    them (:func:`audit_reports`).  A text in which none of the names occur is an error: there is nothing to test."""
    from ..api import analyze_document
    from ..reports.json_report import build_report

    swapper = Swapper(pairs)
    text, replacements = swapper.swap_with_map(doc.text)
    if not replacements:
        names = ", ".join(n for pair in pairs for n in pair)
        raise ConfigError(
            f"{doc.source or doc.id}: none of {names} occurs as a whole word",
            "give names as the article writes them (case matters)",
        )
    twin = Document(
        text,
        id=doc.id,
        title=swapper.swap(doc.title) if doc.title else doc.title,
        source=doc.source,
        published=doc.published,
        meta=doc.meta,
    )
    original = build_report(analyze_document(doc, pipeline))
    swapped = build_report(analyze_document(twin, pipeline))
    audit = audit_reports(original, swapped, swapper, replacements)
    audit.document = doc.id
    return audit
