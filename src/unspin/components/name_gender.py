"""The grammatical gender ("m" / "f") a text gives a person: a gendered title before a mention, else the given name.

A careful reader takes "she" to mean the one woman named just before; unspin can do the same only where it knows who
is a woman.  Two sources of evidence, both explicit:

* **Titles** written before a mention (Mr., Mrs., Ms., Miss, Sir, Madam) — :func:`title_gender`.
* **Given names** from a table built from data, not by hand: the GAP corpus (Webster et al. 2018, "Mind the GAP: A
  Balanced Corpus of Gendered Ambiguous Pronouns", TACL) pairs every candidate name with a pronoun of that name's
  gender, so the first word of its multi-word names, with the pronoun's gender, gives ~900 given names
  (``data/first_names.json``, rebuilt by ``unspin relations first-names``; GAP development split only).

Limits: the table knows the names of GAP's English Wikipedia people, weighted to English names; a name it has not
seen, or a name GAP gave both genders, has no gender (the resolver then treats the person as either).  Gender here is
only what the text's pronouns would use; it decides nothing but which pronoun can point at whom.
"""

from __future__ import annotations

import functools
import json
import re
from collections.abc import Iterable
from pathlib import Path

__all__ = ["FIRST_NAMES_FILE", "first_name_gender", "load_first_names", "title_gender"]

FIRST_NAMES_FILE = Path(__file__).parent / "data" / "first_names.json"

_TITLE_BEFORE = re.compile(r"\b(Mr|Mrs|Ms|Miss|Sir|Madam)\.?\s+$", re.IGNORECASE)


def title_gender(text: str, starts: Iterable[int]) -> str | None:
    """ "m" or "f" when the gendered titles (Mr., Mrs., Ms., …) written right before the mentions starting at
    ``starts`` agree; None when there is none or they clash."""
    found: set[str] = set()
    for start in starts:
        m = _TITLE_BEFORE.search(text, max(0, start - 8), start)
        if m:
            found.add("m" if m.group(1).casefold() in ("mr", "sir") else "f")
    return found.pop() if len(found) == 1 else None


@functools.cache
def load_first_names(path: Path = FIRST_NAMES_FILE) -> dict[str, str]:
    """Given name → "m" / "f" from the shipped table; empty where the file is missing."""
    if not path.is_file():
        return {}
    data = json.loads(path.read_text(encoding="utf-8"))
    return {str(k): str(v) for k, v in data.get("names", {}).items()}


def first_name_gender(name: str) -> str | None:
    """The gender of a person's name by its first word, for names of two words or more ("Amber Guyger" → "f"); a
    single word may be a surname, so it tells nothing."""
    words = name.split()
    if len(words) < 2:
        return None
    return load_first_names().get(words[0].strip(".,"))
