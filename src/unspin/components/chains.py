"""Blame chains and same-shape findings (``chains.rules.v1``).

Reads the ``relations`` layer and builds chains with
:func:`unspin.causal.chains.build_chains` (which documents what counts as a
chain, the strength table and the responsibility reading).  Adds the group
layer ``chains`` (one group per chain: its relations' spans, ``members`` =
relation ids, the report fields in ``attrs``) and, to the shared
``findings`` layer, a ``chain_shape_match`` finding for each pair of
same-shape chains that blame different actors, with both chains' spans so a
reader sees them side by side.

Source grades come from the ``sources`` layer: a sourced link takes its
source's Admiralty grade when the user's source profile gives one (F, the
grade of an unprofiled source, keeps the table weight).
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from ..causal.chains import ChainConfig, build_chains, describe_shape
from ..document import Document, Group
from ..layers import LayerSpec, object_list
from ..pipeline import Component
from .findings_layer import FINDINGS

__all__ = ["RuleChains", "relation_dicts"]


def relation_dicts(doc: Document) -> list[dict[str, Any]]:
    """The ``relations`` layer as the report's relation entries."""
    return [
        {"id": s.id, "start": s.start, "end": s.end, "text": doc.text[s.start : s.end], **s.attrs}
        for s in doc.spans("relations")
    ]


_CHAINS_SCHEMA = object_list(
    ["id", "relation_ids", "blamed", "outcome", "attributed_to", "strength"],
    {
        "id": {"type": "string"},
        "relation_ids": {"type": "array", "items": {"type": "string"}, "minItems": 1},
        "blamed": {"type": "string", "description": "the entity the chain ends up blaming"},
        "outcome": {"type": "string", "description": "the event being blamed on it"},
        "attributed_to": {
            "type": ["string", "null"],
            "description": "source id whose reasoning the chain is; null for the author",
        },
        "strength": {"type": "number", "minimum": 0, "maximum": 1},
        "weakest_link": {"type": ["string", "null"]},
        "responsibility": {"type": ["number", "null"]},
        "same_shape_as": {"type": "array", "items": {"type": "string"}},
    },
)


class RuleChains(Component):
    """Chains of relations that end in a blamed actor for an outcome."""

    name = "chains.rules.v1"
    requires = ("relations", "entities", "sources")
    assigns = ("chains", "findings")
    layers = (LayerSpec("chains", "Blame chains", order=85, schema=_CHAINS_SCHEMA, drawn=False), FINDINGS)

    def __init__(self, weights: Mapping[str, float] | None = None, grades: Mapping[str, float] | None = None) -> None:
        self.weights = weights
        self.grades = grades
        self._config: ChainConfig | None = None

    @property
    def config(self) -> ChainConfig:
        if self._config is None:
            kwargs: dict[str, Any] = {}
            if self.weights is not None:
                kwargs["support_weights"] = dict(self.weights)
            if self.grades is not None:
                kwargs["grade_weights"] = dict(self.grades)
            self._config = ChainConfig(**kwargs)
        return self._config

    def __call__(self, doc: Document) -> None:
        rels = relation_dicts(doc)
        names = {g.id: g.name for g in doc.groups("entities")}
        grades: dict[str, str] = {}
        sources = {g.id: g for g in doc.groups("sources")}
        for sid, g in sources.items():
            grade = (g.attrs.get("grade") or {}).get("reliability")
            if grade and grade != "F":
                grades[sid] = str(grade)
        chains = build_chains(rels, names=names, grades=grades, config=self.config)
        spans_of = {str(r["id"]): (int(r["start"]), int(r["end"])) for r in rels}
        groups: list[Group] = []
        for c in chains:
            d = c.to_dict()
            spans = tuple(sorted({spans_of[rid] for rid in c.relation_ids}))
            groups.append(
                Group(
                    id=c.id,
                    label="chain",
                    name=f"{c.blamed} → {c.outcome}",
                    component=self.name,
                    spans=spans,
                    members=tuple(c.relation_ids),
                    attrs={k: v for k, v in d.items() if k != "id"},
                )
            )
        findings: list[Group] = []
        by_id = {c.id: c for c in chains}
        for c in chains:
            for other_id in c.same_shape_as:
                other = by_id[other_id]
                if other_id < c.id:
                    continue
                whose = [self._whose(sources, x.attributed_to) for x in (c, other)]
                message = (
                    f"Chains {c.id} and {other.id} have the same shape ({describe_shape(c.shape, explicit=False)}) "
                    f"but blame different actors: {c.blamed} ({whose[0]}) and {other.blamed} ({whose[1]})."
                )
                findings.append(
                    Group(
                        id=f"CS{len(findings) + 1}",
                        label="chain_shape_match",
                        name=message,
                        component=self.name,
                        spans=tuple(sorted({spans_of[r] for r in [*c.relation_ids, *other.relation_ids]})),
                        members=(c.id, other.id),
                        attrs={"severity": "info", "chain_ids": [c.id, other.id], "shape": list(c.shape)},
                    )
                )
        doc.add_groups("chains", groups, component=self.name)
        doc.add_groups("findings", findings, component=self.name)

    @staticmethod
    def _whose(sources: Mapping[str, Group], source_id: str | None) -> str:
        if source_id is None:
            return "the author's"
        g = sources.get(source_id)
        return f"{g.name}'s" if g is not None else f"{source_id}'s"
