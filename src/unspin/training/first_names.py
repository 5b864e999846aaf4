"""Build the given-name gender table (``components/data/first_names.json``) from the GAP corpus.

Every GAP row names two candidates of the same gender as its pronoun, so the first word of each multi-word candidate
name is a given name (or a gendered title such as "Queen") with that gender.  A word GAP gives both genders, or that is
not a capitalised word of three letters or more ("De", "MC"), is left out.  Only the development split is read, so the
validation split stays unseen.
"""

from __future__ import annotations

import csv
from collections import Counter, defaultdict
from pathlib import Path
from typing import Any

from ..errors import InputError

__all__ = ["build_first_names"]

_MASCULINE = frozenset({"he", "him", "his", "himself"})


def build_first_names(gap_tsv: Path) -> dict[str, Any]:
    """The table as written to JSON: ``{"source": …, "names": {given name: "m" | "f"}}``."""
    if not gap_tsv.is_file():
        raise InputError(str(gap_tsv), "no such GAP file", "pass the gap-development.tsv of ../shared/data/gap")
    counts: defaultdict[str, Counter[str]] = defaultdict(Counter)
    with gap_tsv.open(encoding="utf-8", newline="") as fh:
        for row in csv.DictReader(fh, delimiter="\t", quoting=csv.QUOTE_NONE):
            if "Pronoun" not in row or "A" not in row:
                raise InputError(str(gap_tsv), "not a GAP file (no Pronoun/A columns)", "pass gap-development.tsv")
            gender = "m" if row["Pronoun"].casefold() in _MASCULINE else "f"
            for key in ("A", "B"):
                words = (row.get(key) or "").split()
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
