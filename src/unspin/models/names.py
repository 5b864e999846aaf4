"""Hiding the actors' names from a text encoder, so that swapping them cannot change what it finds.

Method: the names are found from their spelling (:func:`capitalised_names`: words the text capitalises inside
sentences and never writes in lower case), and each run of name words reaches the encoder as one neutral word
("someone"), whatever the name and however many word pieces it has.  :func:`hide_in_tokens` does this on word
pieces and keeps every character offset in the original text, so spans found on the hidden text are spans of
the original; :func:`hide_in_text` does it on a string, for models that read plain sentences.  Models saved
before the spelling rule found names with spaCy's recogniser (:func:`consistent_names`); they keep doing so
(their ``names_method`` is ``entities``, :data:`NAME_METHODS`).

Why: a model fine-tuned on news learns which names co-occur with which labels, and then "Russia's corrupt
regime" and "America's corrupt regime" get different answers.  With names hidden, the two texts are the same
input.  The guarantee holds as far as both names are spelled alike in the text (see the limits of
:func:`capitalised_names`); a name that stays visible still reaches the encoder.

Limits: a hidden name can no longer carry meaning the technique depends on (Flag-Waving names the flag's
country; Repetition repeats a name; Reductio ad Hitlerum names the Nazis), so a model trained this way loses
some recall there.
"""

from __future__ import annotations

import bisect
import functools
import re
from collections import Counter
from collections.abc import Iterable, Sequence
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from spacy.tokens import Doc

__all__ = [
    "NAME_LABELS",
    "NAME_METHODS",
    "Name",
    "capitalised_names",
    "consistent_names",
    "find_names",
    "hide_in_text",
    "hide_in_tokens",
    "names_of",
]

#: How a model finds the names it hides: ``capitals`` (:func:`capitalised_names`, from the spelling alone, so
#: swapping two names changes nothing it decides) or ``entities`` (spaCy's recogniser through
#: :func:`consistent_names`, what models saved before ``capitals`` were trained with).
NAME_METHODS = ("capitals", "entities")

#: The spaCy entity labels that are hidden, with the word each one becomes: one word for all of them, because
#: the recogniser's type for one name changes with its neighbours (of 87 swaps of two actors' names throughout a
#: PTC dev article, :mod:`unspin.evaluation.swaps`, a word per type changed the input in 22, one word in 7).
NAME_LABELS: dict[str, str] = {
    "PERSON": "someone",
    "NORP": "someone",
    "GPE": "someone",
    "LOC": "someone",
    "ORG": "someone",
    "FAC": "someone",
}

Name = tuple[int, int, str]  # [start, end) in the text and the entity label


def find_names(texts: Iterable[str], batch_size: int = 32, method: str = "capitals") -> list[list[Name]]:
    """The names of every text, sorted, as ``str`` offsets, found by ``method`` (:data:`NAME_METHODS`)."""
    if method == "capitals":
        return [capitalised_names(t) for t in texts]
    if method != "entities":
        raise ValueError(f"unknown name method {method!r}; use one of {NAME_METHODS}")
    from .spacy_pipeline import load_spacy

    return [consistent_names(doc.text, names_of(doc)) for doc in load_spacy().pipe(texts, batch_size=batch_size)]


#: Capitalised words that are not names of actors (a closed list: the rule must not depend on which names a
#: text holds, and these never are one).
_NOT_NAMES = frozenset(
    "i mr mrs ms dr sr jr st monday tuesday wednesday thursday friday saturday sunday january february march "
    "april may june july august september october november december".split()
)
#: What may lie between two words of one name written with initials ("George W. Bush", "J. R. R. Tolkien").
_JOIN_INITIALS = re.compile(r"[ \t-]*(?:[A-Z]\.[ \t]*)*")
#: Before a sentence's first word: its end mark (or a line start or colon) and any opening quotes or brackets.
_OPENING = "\"'“‘([«"


#: A capitalised abbreviation before a full stop that does not end a sentence: an initial ("W."), a title ("Mr.",
#: "Gen."), initials ("U.S.").
_ABBREVIATION = re.compile(r"(?:\b[A-Z][a-z]{0,2}|(?:[A-Z]\.)+[A-Z])$")


def _sentence_initial(text: str, pos: int) -> bool:
    """Whether the word at ``pos`` opens a sentence, a line or a quotation (where any word is capitalised)."""
    k = pos - 1
    while k >= 0 and (text[k] in " \t" or text[k] in _OPENING):
        k -= 1
    if k < 0 or text[k] in "!?:\n\r…":
        return True
    if text[k] == ".":
        return _ABBREVIATION.search(text, max(0, k - 8), k) is None
    return text[k] in "-–—" and (k == 0 or text[k - 1] in "\n\r")


def _shouted_lines(text: str) -> list[tuple[int, int]]:
    """``[start, end)`` of the lines of two words or more written all in capitals (their words say nothing of
    which words are names)."""
    out: list[tuple[int, int]] = []
    start = 0
    for line in text.split("\n"):
        letters = [c for c in line if c.isalpha()]
        if len(line.split()) >= 2 and letters and all(c.isupper() for c in letters):
            out.append((start, start + len(line)))
        start += len(line) + 1
    return out


def capitalised_names(text: str) -> list[Name]:
    """The names of ``text`` found from its spelling alone: every occurrence of a word that is capitalised
    somewhere inside a sentence (not at its start, and not only in a title-case headline) and never written
    in lower case in the text, runs of such words (joined by blanks, hyphens or initials) as one name each.

    Why: a recogniser decides name by name, so it finds "Obama" where it misses "Trump" in the same place,
    and a model that hides what the recogniser finds reads an article and its twin with the names swapped
    differently (11 of 70 PTC dev articles, :mod:`unspin.evaluation.swap_audit`).  This rule looks at
    where and how a word is written, never at which word it is, so two swapped names spelled alike (both
    capitalised, neither also a common word of the text) are hidden in both versions at the same places.

    Limits: it also hides capitalised words that are not actors' names ("Congress", "Twitter", "Christmas");
    a name used only at the start of sentences stays visible, and so does a name that the text also writes in
    lower case ("Trump" beside "trump card"), and then a swap is no longer invisible; days, months, titles and
    "I" are never hidden (:data:`_NOT_NAMES`); words of the title-case first line (the headline) or of a line
    all in capitals count only as they are written elsewhere, so a name found only there stays visible, and a
    title-case line further down counts as text.
    """
    return list(_capitalised_names(text))


@functools.lru_cache(maxsize=4)
def _capitalised_names(text: str) -> tuple[Name, ...]:
    """:func:`capitalised_names`, kept for the last few texts, so that the claims, techniques and causal layers
    of one document find the names once."""
    matches = list(_WORD.finditer(text))
    lower = {m.group(0).lower() for m in matches if m.group(0)[0].islower()}
    title = _title_line(text)
    # headlines, where every word is capitalised; sorted and apart, so one bisection finds a word's line
    apart = sorted(([title] if title is not None else []) + _shouted_lines(text))
    starts = [a for a, _ in apart]
    evidence: set[str] = set()
    for m in matches:
        word = m.group(0)
        k = bisect.bisect_right(starts, m.start()) - 1
        if not word[0].isupper() or (k >= 0 and m.start() < apart[k][1]):
            continue
        if not _sentence_initial(text, m.start()):
            evidence.add(word)
    hide = {w for w in evidence if w.lower() not in lower and w.lower() not in _NOT_NAMES and len(w) > 1}
    out: list[Name] = []
    for m in matches:
        word = m.group(0)
        if word not in hide and not (word.isupper() and word.title() in hide):  # "TRUMP" in a shouted headline
            continue
        if out and _JOIN_INITIALS.fullmatch(text, out[-1][1], m.start()):
            out[-1] = (out[-1][0], m.end(), "PERSON")
        else:
            out.append((m.start(), m.end(), "PERSON"))
    return tuple(out)


def names_of(doc: Doc, offset: int = 0) -> list[Name]:
    """The names of a spaCy ``doc`` whose text starts at ``offset`` of the whole text."""
    return [(offset + e.start_char, offset + e.end_char, e.label_) for e in doc.ents if e.label_ in NAME_LABELS]


#: Fixed order for a word whose occurrences get as many votes for two labels (no name decides it).
_LABEL_ORDER = tuple(NAME_LABELS)
#: A word: letters and digits, or initials with dots ("U.S.").  Hyphens, apostrophes and other dots end a word
#: ("women.Loomer" is two words: the corpus has missing blanks after full stops).
_WORD = re.compile(r"(?:[^\W\d_]\.){2,}|\w+")
#: Capitalised inside names ("The Hill", "Bank of America") but not names themselves.
_GLUE = frozenset(
    {"the", "a", "an", "of", "and", "for", "in", "on", "at", "to", "by", "with", "de", "la", "van", "von"}
)
#: What may lie between two words of one hidden name.
_JOIN = re.compile(r"[ \t-]*")
#: A word long enough to tell a title-case line ("Mueller Submits His Russia Report") from a sentence.
_LONG = re.compile(r"[^\W\d_]{4,}")


def _title_line(text: str) -> tuple[int, int] | None:
    """``[start, end)`` of the first non-blank line when it is in title case (at least three words of four
    letters or more, three quarters of them capitalised) and text follows it: a headline, where every word
    looks like a name."""
    start = 0
    for line in text.split("\n"):
        if line.strip():
            words = _LONG.findall(line)
            if len(words) >= 3 and 4 * sum(w[0].isupper() for w in words) >= 3 * len(words):
                end = start + len(line)
                return (start, end) if text[end:].strip() else None
            return None
        start += len(line) + 1
    return None


def consistent_names(text: str, names: Sequence[Name]) -> list[Name]:
    """Every occurrence in ``text`` of every capitalised word of the names the recogniser found somewhere in
    it, with runs of such words (joined by blanks or hyphens) as one name each; a word takes the label most of
    its found occurrences got, and a run the label of its last word.

    Why: the recogniser decides occurrence by occurrence from the word itself and its neighbours, so after two
    actors' names are swapped it finds some occurrences it missed before, misses others and draws other
    boundaries ("Washington Post's Greg Miller" becomes one organisation).  Of 87 swaps of two actors' names
    throughout a PTC dev article (:mod:`unspin.evaluation.swaps`), the hidden input changed in 60 with the
    recogniser's names as they came, and in 4 with this.  Hiding every word of a found name wherever it
    occurs makes the hidden input depend on where names are, not on which names they are.

    The first or last word of a longer name is left out when the text also uses it in lower case ("Later" of
    "Later Pompeo" at the start of a sentence).  In a title-case headline (the first line, when text follows
    it) a word of a name of several words counts only if it also occurs below the headline: there every word
    looks like a name, and the recogniser took "Mueller Submits" for a person in one version of an article
    and "Barr" alone in the other (3 of the 7 swaps that still changed the input before this rule).

    Limits: a name the recogniser never finds in the article stays visible, and so does the end of a name that
    is also a common word ("May" of "Theresa May" in a text that says "may"), and a name of several words that
    occurs only in the headline ("Immigration Voice"), or in a first line that is a sentence made mostly of
    names and so looks like a headline ("Mike" of "Mike Pompeo met Greg Miller."); a common capitalised word
    that it once takes for a name on its own ("State") is hidden everywhere; words match case-sensitively.
    """
    lower_words = {w for w in _WORD.findall(text) if w[0].islower()}
    title = _title_line(text)
    outside = set(_WORD.findall(text[: title[0]]) + _WORD.findall(text[title[1] :])) if title else set()
    votes: dict[str, Counter[str]] = {}
    for a, b, label in names:
        words = [m.group(0) for m in _WORD.finditer(text, a, b)]
        in_title = title is not None and title[0] <= a and b <= title[1] and len(words) > 1
        for k, word in enumerate(words):
            if not word[0].isupper() or word.lower() in _GLUE or (len(word) == 1 and label != "PERSON"):
                continue
            if in_title and word not in outside:
                continue  # "Submits" of "Mueller Submits": in a headline every word looks like a name
            if len(words) > 1 and k in (0, len(words) - 1) and word.lower() in lower_words:
                continue  # "Later Pompeo", "Tillerson Out": a common word the recogniser took into a name
            votes.setdefault(word, Counter())[label] += 1
    if not votes:
        return []
    label_of = {w: max(c, key=lambda lab: (c[lab], -_LABEL_ORDER.index(lab))) for w, c in votes.items()}
    out: list[Name] = []
    for m in _WORD.finditer(text):
        kind = label_of.get(m.group(0))
        if kind is None:
            continue
        if out and _JOIN.fullmatch(text, out[-1][1], m.start()):
            out[-1] = (out[-1][0], m.end(), kind)
        else:
            out.append((m.start(), m.end(), kind))
    return out


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
