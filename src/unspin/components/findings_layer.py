"""The ``findings`` layer, which several components add to (quotations, chains, claims, consistency): how it
is serialised, its schema and how the report shows it, declared once and listed by each of them."""

from __future__ import annotations

from typing import Any

from ..document import Document
from ..layers import LayerSpec, object_list

__all__ = ["FINDINGS"]

_SCHEMA = object_list(
    ["kind", "message", "spans"],
    {
        "kind": {
            "type": "string",
            "description": (
                "number_conflict, date_conflict, weekday_mismatch, elapsed_time_mismatch, unsourced_claim, "
                "speculation, chain_shape_match, source_discredited, quote_drift, …"
            ),
        },
        "severity": {"enum": ["info", "warning"]},
        "message": {"type": "string"},
        "spans": {"type": "array", "items": {"$ref": "#/$defs/span"}},
    },
)


def _findings(doc: Document) -> list[Any]:
    """Findings are groups: label = kind, name = message, spans = where."""
    out = []
    for g in doc.groups("findings"):
        d: dict[str, Any] = {"id": g.id, "kind": g.label, "message": g.name, "spans": [list(p) for p in g.spans]}
        d["component"] = g.component
        d.update(g.attrs)
        out.append(d)
    return out


FINDINGS = LayerSpec(
    "findings", "Findings", "#ffb3b3", order=110, on_by_default=True, serialize=_findings, schema=_SCHEMA
)
