"""Even-handedness of the technique models' input: swap two actors' names throughout an article and check that
the encoders read the same thing.

Method: in each article, the two most frequent one-word names of each type (person, place, group,
organisation) that spaCy finds at least twice as that type are swapped everywhere they occur as whole words;
the swap leaves the models' input unchanged when the word pieces they read with names hidden
(:mod:`unspin.models.names`) are the same in both versions.  The same input gives the same spans, techniques
and scores, so this checks the whole technique layer without running it.

Limits: only one-word names are swapped, and only names spaCy finds twice, so the figure says how far the
hiding holds for an article's main actors, not for every name; a rare name spaCy never finds stays visible.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from spacy.tokens import Doc

__all__ = ["SWAP_LABELS", "SwapResult", "name_swaps", "swap_pairs", "swapped"]

#: The name types whose two main actors are swapped.
SWAP_LABELS = ("PERSON", "GPE", "NORP", "ORG")
_ONE_WORD = re.compile(r"[A-Z][a-z]{2,}")


@dataclass
class SwapResult:
    """How many swaps left the models' input the same, in total and per name type."""

    swaps: Counter[str] = field(default_factory=Counter)
    changed: Counter[str] = field(default_factory=Counter)
    examples: list[tuple[str, str, str, str]] = field(default_factory=list)  # article, type, name, name

    @property
    def total(self) -> int:
        return sum(self.swaps.values())

    @property
    def total_changed(self) -> int:
        return sum(self.changed.values())


def swap_pairs(found: Iterable[tuple[str, str]]) -> list[tuple[str, str, str]]:
    """``(type, a, b)``: the two most frequent one-word names of each type among ``found`` (name text, type),
    each found at least twice as that type."""
    counts = Counter((text, label) for text, label in found if label in SWAP_LABELS and _ONE_WORD.fullmatch(text))
    out: list[tuple[str, str, str]] = []
    for label in SWAP_LABELS:
        top = [name for (name, lab), k in counts.most_common() if lab == label and k >= 2][:2]
        if len(top) == 2:
            out.append((label, top[0], top[1]))
    return out


def swapped(text: str, a: str, b: str) -> str:
    """``text`` with the whole words ``a`` and ``b`` swapped."""
    return re.sub(rf"(?<!\w)(?:{re.escape(a)}|{re.escape(b)})(?!\w)", lambda m: b if m.group(0) == a else a, text)


def name_swaps(
    articles: Mapping[str, str], progress: Callable[[int], None] | None = None, method: str = "capitals"
) -> SwapResult:
    """Swap the main actors of every article (:func:`swap_pairs`) and count the swaps that change the hidden
    word pieces the technique models read, their names found by ``method`` (:data:`~unspin.models.names.
    NAME_METHODS`; the shipped models' is ``capitals``)."""
    from ..models.names import consistent_names, find_names, hide_in_tokens, names_of
    from ..models.spacy_pipeline import load_spacy
    from ..models.technique_text import cached_tokenizer, tokenize

    nlp, tok = load_spacy(), cached_tokenizer()

    def pieces(text: str, doc: Doc | None = None) -> list[int]:
        tokens = tokenize(text, tok)
        if method == "entities":
            names = consistent_names(text, names_of(doc if doc is not None else nlp(text)))
        else:
            names = find_names([text], method=method)[0]
        return hide_in_tokens(tokens.ids, tokens.offsets, names, tok)[0]

    result = SwapResult()
    for article, text in articles.items():
        doc = nlp(text)
        pairs = swap_pairs((e.text, e.label_) for e in doc.ents)
        before = pieces(text, doc) if pairs else []
        for label, a, b in pairs:
            result.swaps[label] += 1
            if before != pieces(swapped(text, a, b)):
                result.changed[label] += 1
                result.examples.append((article, label, a, b))
        if progress is not None:
            progress(1)
    return result
