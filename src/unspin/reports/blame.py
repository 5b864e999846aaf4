"""What a report says about blame beyond its chains, for every view to show the same way.

A report with no chain must not read as "this article blames no one" when the text does blame someone: a blame
relation that joined no chain (its blamed party left unresolved, or its outcome unnamed), or one kept as a candidate
below the confidence threshold, is still a blame the text states.  :func:`unchained_blame` lists them.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

__all__ = ["unchained_blame"]


def unchained_blame(report: Mapping[str, Any]) -> list[dict[str, Any]]:
    """Blame relations in no chain: shown ones first, then candidates, each a copy with ``candidate`` set.

    Negated blame ("X is not to blame") and questions are left out: they state no blame.
    """
    in_chain = {str(r) for c in report.get("chains", []) for r in c.get("relation_ids", [])}
    out: list[dict[str, Any]] = []
    for key, candidate in (("relations", False), ("relation_candidates", True)):
        for r in report.get(key, []) or []:
            if r.get("type") != "blame" or r.get("negated") or r.get("support") == "question":
                continue
            if str(r.get("id")) in in_chain:
                continue
            out.append({**r, "candidate": candidate})
    return out
