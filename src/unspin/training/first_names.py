"""Build the given-name gender table (``components/data/first_names.json``) from the GAP corpus.

Every GAP row names two candidates of the same gender as its pronoun, so the first word of each multi-word candidate
name is a given name (or a gendered title such as "Queen") with that gender.  A word GAP gives both genders, or that is
not a capitalised word of three letters or more ("De", "MC"), is left out.  Only the development split is read, so the
validation split stays unseen.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from pathlib import Path
from typing import Any

from .pronouns import read_gap

__all__ = ["build_first_names"]

_MASCULINE = frozenset({"he", "him", "his", "himself"})


def build_first_names(gap_tsv: Path) -> dict[str, Any]:
    """The table as written to JSON: ``{"source": …, "names": {given name: "m" | "f"}}``."""
    counts: defaultdict[str, Counter[str]] = defaultdict(Counter)
    for row in read_gap(gap_tsv):
        gender = "m" if row.pronoun.casefold() in _MASCULINE else "f"
        for name, _, _ in row.names:
            words = name.split()
            if len(words) >= 2:
                counts[words[0]][gender] += 1
    names = {
        w: c.most_common(1)[0][0]
        for w, c in sorted(counts.items())
        if len(c) == 1 and len(w) >= 3 and w.isalpha() and w[0].isupper() and not w.isupper()
    }
    return {
        "source": f"GAP coreference, {gap_tsv.name} (Apache-2.0; snippets from Wikipedia, CC BY-SA)",
        "method": "first word of each multi-word candidate name, with its pronoun's gender; both genders: left out",
        "names": names,
    }
