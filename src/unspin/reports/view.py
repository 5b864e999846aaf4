"""What a report means to a reader, built once from the JSON report, for every view to render.

The HTML page, the Markdown notes and the chain diagrams show the same things: who holds a causal link ("quoted:
Meridian Ledger, Q1"), its two ends named as a reader would ("Valdoria → Harrow Brigade", "“they” (unresolved)"),
whose reasoning a blame chain is, its steps, numbers and alternatives, and what the numbers mean.  They are worked
out here, once; the renderers only lay them out and escape them.

Everything here is plain text: article words as they are, never escaped (each renderer escapes for its format).
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from ..causal.chains import SUPPORT_WEIGHTS, UNRESOLVED_PRONOUNS
from ..layers import LayerSpec, excerpt, layer_specs
from ..pipeline import DEFAULT_PIPELINE
from .blame import unchained_blame

__all__ = [
    "CHAIN_HELP",
    "MARK_LEGEND",
    "OWN_LAYERS",
    "ChainStep",
    "ChainView",
    "LooseBlame",
    "candidate_note",
    "chain_reasoning",
    "chain_steps",
    "chain_views",
    "clean",
    "drawn_layers",
    "end_name",
    "entity_names",
    "excerpt",
    "layer_specs_of",
    "loose_blame",
    "number",
    "plain",
    "relation_ends",
    "relation_label",
    "relation_summary",
    "relation_voice",
    "report_relations",
    "source_grade",
    "source_name",
    "source_summary",
    "text_key",
]

#: Report keys the views draw with code of their own; every other layer is shown through its component's
#: :class:`~unspin.layers.LayerSpec` (the claims layer and plugins' layers).
OWN_LAYERS = frozenset(
    "sentences paragraphs voice entities quotes sources paraphrases reported techniques relations "
    "relation_candidates chains quantities dates findings".split()
)

#: What the text's marks mean (CSS class of the sample, name, what it marks), shown above the text.
MARK_LEGEND: tuple[tuple[str, str, str], ...] = (
    ("v-quoted", "quoted", "a source's own words"),
    ("v-attributed", "paraphrased", "the author retelling someone's reasoning"),
    ("v-reported", "reported speech", "what a source said, in the author's words"),
    ("l-findings", "finding", "a contradiction or problem unspin found (hover for what)"),
    ("l-techniques", "technique", "a persuasion technique (hover for which; colour by technique)"),
    (
        "l-relations",
        "causal link",
        "underlined by support: solid sourced, dashed asserted or hedged, dotted speculative or a question",
    ),
)

#: What a chain's numbers mean, shown beside the chains in every view.
CHAIN_HELP = (
    "A blame chain is a path of causal links the text offers from an actor to an outcome. Each link is weighted "
    "by how the text supports it ("
    + ", ".join(f"{k} {w:.2f}" for k, w in SUPPORT_WEIGHTS.items())
    + " by default); several links between the same two actors are one step, worth its best link. "
    "Strength is the product of the step weights: the chance that every step holds if each holds on its "
    "own, so a long chain of individually plausible links is weak — it fails if any one link fails, and five "
    "links at 0.80 each leave 0.33. Minimum is the weight of the weakest link, the step a critic "
    "should check first. Responsibility (Chockler & Halpern 2004) is 1 when the text names no other "
    "cause and 1/(n+1) when it names n alternatives that could each have brought the outcome about. The verdict "
    "(“therefore …”) is not a link: it is what the links are offered to support; an implicit chain never "
    "states it. These numbers describe the argument as written, not what happened."
)

# XML 1.0 forbids these even as character references; article text can carry them.
_NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]")


def plain(value: Any) -> str:
    """``value`` as text without the characters XML (and so HTML) forbids even as references."""
    return _NOT_XML.sub("", "" if value is None else str(value))


def clean(value: Any) -> str:
    """One line of text, without the characters XML forbids."""
    return " ".join(plain(value).split())


def number(value: Any) -> float | None:
    """A JSON number as a float; None for anything else (``true`` included)."""
    return float(value) if isinstance(value, int | float) and not isinstance(value, bool) else None


def text_key(value: Any) -> str | None:
    """An id as a string; None where the value is no usable id."""
    return str(value) if isinstance(value, str | int) and not isinstance(value, bool) and value != "" else None


# ------------------------------------------------------------------------------------------------- sources


def source_name(report: Mapping[str, Any], sid: Any) -> str:
    return next((str(s.get("name")) for s in report.get("sources", []) if s.get("id") == sid), "unattributed")


def source_grade(src: Mapping[str, Any]) -> str:
    """A source's Admiralty reliability grade, ``A`` to ``F`` (``F``: cannot be judged, when none is given)."""
    grade = src.get("grade")
    return str(grade.get("reliability") or "F") if isinstance(grade, Mapping) else "F"


def source_summary(report: Mapping[str, Any], src: Mapping[str, Any]) -> str:
    """A source in a few lines: its kind and grade, its quotes, how the author framed it."""
    text: str = report["text"]
    grade = source_grade(src)
    quotes = [q for q in report.get("quotes", []) if q.get("source_id") == src.get("id")]
    lines = [f"{src.get('name')} — {src.get('kind')}, reliability {grade}; {len(quotes)} quote(s)"]
    lines += [f"“{excerpt(text, q['start'], q['end'], 90)}”" for q in quotes[:6]]
    framing = src.get("framing") or []
    if framing:
        lines.append("framed by the author as: " + "; ".join(framing))
    return "\n".join(lines)


# ----------------------------------------------------------------------------------------------- relations


def entity_names(report: Mapping[str, Any]) -> dict[str, str]:
    """Entity id → name."""
    return {str(e["id"]): str(e.get("name") or e["id"]) for e in report.get("entities", []) if e.get("id")}


def end_name(part: Any, names: Mapping[str, str]) -> str:
    """A relation end as a reader would name it: the entity's name when resolved, else its words."""
    part = part if isinstance(part, dict) else {}
    eid = part.get("entity_id")
    name = names.get(str(eid)) if eid is not None else None
    if name:
        return name
    words = " ".join(str(part.get("text") or "?").split())
    return f"“{words}” (unresolved)" if words.casefold() in UNRESOLVED_PRONOUNS else words


def relation_label(r: Mapping[str, Any]) -> str:
    """``arm``, or ``not arm`` for a negated link."""
    return ("not " if r.get("negated") else "") + str(r.get("type") or "?")


def relation_voice(report: Mapping[str, Any], r: Mapping[str, Any]) -> str:
    """``the author``, ``quoted: Meridian Ledger, Q1`` or ``attributed to Mara Lind``."""
    voice = r.get("voice")
    who = r.get("attributed_to")
    if voice == "author" or who is None:
        text = "the author" if voice in (None, "author") else f"{voice} (speaker not found)"
    elif voice == "quoted":
        text = f"quoted: {source_name(report, who)}"
    else:
        text = f"{voice} to {source_name(report, who)}"
    quotes = [str(q) for q in r.get("quote_ids") or []]
    return text + (f", {', '.join(quotes)}" if quotes else "")


def relation_ends(r: Mapping[str, Any], names: Mapping[str, str]) -> str:
    """``Valdoria → Harrow Brigade``; a blame relation without a resolved target is just ``Valdoria``."""
    effect: Mapping[str, Any] = r["effect"] if isinstance(r.get("effect"), dict) else {}
    if r.get("type") == "blame" and not (effect.get("node") or effect.get("entity_id")):
        return end_name(r.get("cause"), names)
    return f"{end_name(r.get('cause'), names)} → {end_name(effect, names)}"


def relation_summary(report: Mapping[str, Any], r: Mapping[str, Any], names: Mapping[str, str]) -> str:
    """``arm: Valdoria → Harrow Brigade (sourced; quoted: Valdoria, Q5)``."""
    support = r.get("support") or "support unknown"
    return f"{relation_label(r)}: {relation_ends(r, names)} ({support}; {relation_voice(report, r)})"


def candidate_note(r: Mapping[str, Any]) -> str:
    """``; candidate below the confidence threshold (0.41)`` for a relation kept as a candidate, else ``""``."""
    if not r.get("candidate"):
        return ""
    conf = number(r.get("confidence"))
    return f"; candidate below the confidence threshold ({conf:.2f})" if conf is not None else "; candidate"


@dataclass(frozen=True)
class LooseBlame:
    """A blame the text states that joined no chain (see :func:`~unspin.reports.blame.unchained_blame`)."""

    relation: Mapping[str, Any]
    ends: str  #: who is blamed (and for what, when resolved)
    support: str | None
    voice: str
    note: str  #: the candidate note, or ``""``
    start: int
    end: int


def loose_blame(report: Mapping[str, Any]) -> tuple[str, list[LooseBlame]]:
    """The heading and the blames outside every chain; the heading says whether chains were found at all."""
    names = entity_names(report)
    items = [
        LooseBlame(
            r,
            relation_ends(r, names),
            r.get("support"),
            relation_voice(report, r),
            candidate_note(r),
            r["start"],
            r["end"],
        )
        for r in unchained_blame(report)
    ]
    heading = (
        "Blame stated outside any chain" if report.get("chains") else "No chain could be assembled, but the text blames"
    )
    return heading, items


# -------------------------------------------------------------------------------------------------- chains


@dataclass(frozen=True)
class ChainStep:
    """One step of a report chain, resolved against the report's relations (see :func:`chain_steps`)."""

    relation_id: str  #: the step's best relation (its weight and support are the step's)
    relation_ids: tuple[str, ...]  #: every relation of the step that the report has, in the chain's order
    relation: Mapping[str, Any] | None  #: the best relation, or another of the step's when the best is missing
    types: tuple[str, ...]  #: the relation types, each once ("create", "arm", "fund")
    weight: float | None  #: the step's weight (None for chains without ``steps``)
    source: str | None  #: the step's ``from`` node id
    target: str | None  #: the step's ``to`` node id
    missing: tuple[str, ...]  #: relation ids of the step the report lacks

    @property
    def label(self) -> str:
        return " / ".join(self.types) or "?"

    @property
    def support(self) -> str | None:
        value = self.relation.get("support") if self.relation is not None else None
        return clean(value) or None


def chain_steps(chain: Mapping[str, Any], relations: Mapping[str, Mapping[str, Any]]) -> list[ChainStep]:
    """The causal steps of a report ``chains`` entry, the explicit conclusion left out.

    A chain with ``steps`` gives one :class:`ChainStep` each; an older chain
    without them one per relation id other than ``conclusion_id``.
    """
    conclusion = text_key(chain.get("conclusion_id"))
    raw = chain.get("steps")
    if isinstance(raw, list):
        shaped = [
            (
                [clean(r) for r in (s.get("relation_ids") or [s.get("relation_id")]) if text_key(r)],
                text_key(s.get("relation_id")),
                number(s.get("weight")),
                text_key(s.get("from")),
                text_key(s.get("to")),
            )
            for s in raw
            if isinstance(s, Mapping)
        ]
    else:
        shaped = [([clean(r)], clean(r), None, None, None) for r in chain.get("relation_ids") or [] if r != conclusion]
    out: list[ChainStep] = []
    for ids, best, weight, source, target in shaped:
        best = best or (ids[0] if ids else "?")
        ids = ids if best in ids else [best, *ids]
        present = [r for r in ids if isinstance(relations.get(r), Mapping)]
        relation = relations.get(best) if best in present else (relations[present[0]] if present else None)
        types = tuple(dict.fromkeys(clean(relations[r].get("type")) or "?" for r in present))
        missing = tuple(r for r in ids if r not in present)
        out.append(ChainStep(best, tuple(present), relation, types, weight, source, target, missing))
    return out


def _within(inner: Mapping[str, Any], outer: Mapping[str, Any]) -> bool:
    bounds = [outer.get("start"), inner.get("start"), inner.get("end"), outer.get("end")]
    numbers = [b for b in bounds if isinstance(b, int)]
    return len(numbers) == 4 and numbers == sorted(numbers)


def _possessive(name: str) -> str:
    return name + ("'" if name.endswith("s") else "'s")


def chain_reasoning(report: Mapping[str, Any], chain: Mapping[str, Any], rels: Mapping[str, Mapping[str, Any]]) -> str:
    """Whose reasoning a chain is: ``the author's reasoning``, ``Mara Lind's reasoning (paraphrased)``…"""
    who = chain.get("attributed_to")
    members = [rels[r] for r in chain.get("relation_ids", []) if r in rels]
    own = [r for r in members if r.get("attributed_to") == who]
    if who is None:
        text = "the author's reasoning"
    else:
        paraphrased = any(
            p.get("source_id") == who and _within(r, p) for p in report.get("paraphrases", []) for r in own
        )
        voices = {r.get("voice") for r in own}
        how = "paraphrased" if paraphrased else "quoted" if voices == {"quoted"} else "reported" if own else ""
        text = f"{_possessive(source_name(report, who))} reasoning" + (f" ({how})" if how else "")
    borrowed = sum(
        1
        for step in chain_steps(chain, rels)
        if step.relation is not None and step.relation.get("attributed_to") != who
    )
    if borrowed:
        whose = "the author's own assertions" if who is not None else "what sources say"
        text += f", borrowing {borrowed} step{'s' if borrowed > 1 else ''} from {whose}"
    return text


@dataclass(frozen=True)
class ChainView:
    """A blame chain as every view shows it."""

    index: int  #: its position in the report's ``chains``
    chain: Mapping[str, Any]
    id: str
    blamed: str
    outcome: str
    reasoning: str  #: whose reasoning, capitalised ("The author's reasoning, borrowing 1 step …")
    conclusion_id: str | None  #: the relation the text concludes with; None for an implicit chain
    steps: tuple[ChainStep, ...]
    strength: float | None
    product: str  #: ``0.80 × 0.60`` when every step has a weight and there are several; else ``""``
    minimum: float | None
    weakest_link: str | None
    responsibility: float | None
    fraction: str | None  #: ``1/3``; None when it is ``1/1`` or absent
    alternatives: tuple[str, ...]
    same_shape_as: tuple[str, ...]


def chain_views(report: Mapping[str, Any]) -> list[ChainView]:
    rels = report_relations(report)
    out = []
    for i, chain in enumerate(report.get("chains", [])):
        steps = tuple(chain_steps(chain, rels))
        weights = [s.weight for s in steps if s.weight is not None]
        whose = chain_reasoning(report, chain, rels)
        frac = chain.get("responsibility_fraction")
        out.append(
            ChainView(
                index=i,
                chain=chain,
                id=str(chain.get("id") or f"#{i + 1}"),
                blamed=str(chain.get("blamed") or "?"),
                outcome=str(chain.get("outcome") or "?"),
                reasoning=whose[:1].upper() + whose[1:],
                conclusion_id=text_key(chain.get("conclusion_id")),
                steps=steps,
                strength=number(chain.get("strength")),
                product=" × ".join(f"{w:.2f}" for w in weights) if 1 < len(weights) == len(steps) else "",
                minimum=number(chain.get("minimum")),
                weakest_link=text_key(chain.get("weakest_link")),
                responsibility=number(chain.get("responsibility")),
                fraction=str(frac) if frac and frac != "1/1" else None,
                alternatives=tuple(str(a) for a in chain.get("alternatives") or []),
                same_shape_as=tuple(str(c) for c in chain.get("same_shape_as") or []),
            )
        )
    return out


def drawn_layers(report: Mapping[str, Any]) -> list[LayerSpec]:
    """The specs of every layer a view shows (a toggle, highlights), built-in and plugin, by ``order``: those of
    the report's components and of the default pipeline's (so that a layer the report's pipeline lacks still
    shows as "Not analysed")."""
    names = [str(c.get("name")) for c in report.get("pipeline", []) if isinstance(c, Mapping)]
    return [spec for spec in layer_specs([*names, *DEFAULT_PIPELINE]) if spec.drawn]


def layer_specs_of(report: Mapping[str, Any]) -> list[LayerSpec]:
    """The drawn layers whose marks and section come from their spec: all but those the views draw themselves
    (:data:`OWN_LAYERS`, which have richer sections than a spec's lines)."""
    return [spec for spec in drawn_layers(report) if spec.key not in OWN_LAYERS]


def report_relations(report: Mapping[str, Any]) -> dict[str, Mapping[str, Any]]:
    """Relation id → relation, for the shown relations."""
    return {str(r["id"]): r for r in report.get("relations", []) if r.get("id") is not None}
