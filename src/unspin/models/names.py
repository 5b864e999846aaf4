"""Hiding the actors' names from a text encoder, so that swapping them cannot change what it finds.

Method: spaCy's named-entity recogniser (the pinned ``en_core_web_sm``, :func:`unspin.components.parse.
load_spacy`) marks people, groups, places, organisations and buildings; each name then reaches the encoder as
one neutral word of its type ("someone", "group", "place", "organization", "building"), whatever the name and
however many word pieces it has.  :func:`hide_in_tokens` does this on word pieces and keeps every character
offset in the original text, so spans found on the hidden text are spans of the original; :func:`hide_in_text`
does it on a string, for models that read plain sentences.

Why: a model fine-tuned on news learns which names co-occur with which labels, and then "Russia's corrupt
regime" and "America's corrupt regime" get different answers.  With names hidden, the two texts are the same
input.  The guarantee holds only as far as the recogniser finds the same names with the same types on both
sides of a swap; a name it misses still reaches the encoder.

Limits: the small spaCy model misses or mislabels some names, mostly rare ones and names at the start of a
line; a hidden name can no longer carry meaning the technique depends on (Flag-Waving names the flag's
country; Repetition repeats a name), so a model trained this way may lose some recall there.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from spacy.tokens import Doc

__all__ = ["NAME_LABELS", "Name", "find_names", "hide_in_text", "hide_in_tokens", "names_of"]

#: The spaCy entity labels that are hidden, with the word each one becomes.
NAME_LABELS: dict[str, str] = {
    "PERSON": "someone",
    "NORP": "group",
    "GPE": "place",
    "LOC": "place",
    "ORG": "organization",
    "FAC": "building",
}

Name = tuple[int, int, str]  # [start, end) in the text and the entity label


def find_names(texts: Iterable[str], batch_size: int = 32) -> list[list[Name]]:
    """The names (``NAME_LABELS`` entities) of every text, sorted, as ``str`` offsets."""
    from ..components.parse import load_spacy

    return [names_of(doc) for doc in load_spacy().pipe(texts, batch_size=batch_size)]


def names_of(doc: Doc, offset: int = 0) -> list[Name]:
    """The names of a spaCy ``doc`` whose text starts at ``offset`` of the whole text."""
    return [(offset + e.start_char, offset + e.end_char, e.label_) for e in doc.ents if e.label_ in NAME_LABELS]


def hide_in_text(text: str, names: Sequence[Name], start: int = 0, end: int | None = None) -> str:
    """``text[start:end]`` with every name that lies wholly inside it replaced by its neutral word."""
    stop = len(text) if end is None else end
    parts: list[str] = []
    pos = start
    for a, b, label in names:
        if a < pos or b > stop:
            continue
        parts.append(text[pos:a])
        parts.append(NAME_LABELS[label])
        pos = b
    parts.append(text[pos:stop])
    return "".join(parts)


def hide_in_tokens(
    ids: Sequence[int], offsets: Sequence[tuple[int, int]], names: Sequence[Name], tokenizer: Any
) -> tuple[list[int], list[tuple[int, int]]]:
    """Word-piece ``ids`` and ``offsets`` with the pieces of each name collapsed into one piece: the id of its neutral
    word, spanning the name's pieces in the original text (offsets stay sorted and do not overlap)."""
    word_id = {label: int(tokenizer.convert_tokens_to_ids(word)) for label, word in NAME_LABELS.items()}
    out_ids: list[int] = []
    out_offsets: list[tuple[int, int]] = []
    k = 0
    n = len(ids)
    for a, b, label in names:
        while k < n and offsets[k][1] <= a:  # pieces wholly before the name stay as they are
            out_ids.append(ids[k])
            out_offsets.append(offsets[k])
            k += 1
        first = k
        while k < n and offsets[k][0] < b:
            k += 1
        if k > first:
            out_ids.append(word_id[label])
            out_offsets.append((offsets[first][0], offsets[k - 1][1]))
    out_ids.extend(ids[k:])
    out_offsets.extend(offsets[k:])
    return out_ids, out_offsets
