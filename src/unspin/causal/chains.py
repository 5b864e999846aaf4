"""Blame chains assembled from relations: paths that end in an outcome, with strength and responsibility.

Works on relation dictionaries as the report writes them (``type``,
``cause``/``effect`` with a ``node`` key, ``voice``, ``attributed_to``,
``support``, ``negated``, ``effect_event``, ``id``), so chains can be built
and tested without a parser.

**Which paths are chains.**  An *outcome link* is a ``perpetrate`` relation
(or a ``cause`` whose effect is an event).  A chain is a path of relations
``blamed → … → perpetrator → outcome`` read in one voice (the author's, or
one source's: ``attributed_to``):

* *explicit*: a blame relation ("Therefore, X is to blame", "X must be held
  responsible", "X is no innocent party") starts the search at X; the path
  uses the same voice's relations first and the author's own assertions
  (asserted or sourced) where that voice has none, the fewest borrowed steps
  winning.  A blame with a named outcome and no path is a one-link chain
  (the bare accusation);
* *implicit*: a path of at least two links in one voice that reaches an
  outcome link, not already covered by an explicit chain of that voice and
  actor ("the ministry's militia killed 41" blames the ministry).  The voice
  must give at least one link of its own other than ``become``: a source that
  only says "the Brigade's units were absorbed into the Brotherhood" blames
  the Brigade for nothing the Brotherhood did.

Negated relations never enter a chain.  Several relations between the same
two nodes in one voice ("armed and paid the Brigade") are one *step*: they
are alternative support for the step, not extra requirements.

**Strength.**  Each relation gets a weight from :data:`SUPPORT_WEIGHTS`;
a sourced relation takes its source's Admiralty grade from
:data:`GRADE_WEIGHTS` when the user's source profile grades it (F, "cannot
be judged", keeps the table value).  A step weighs as much as its best
relation; the chain's ``strength`` is the product of its steps' weights and
``minimum`` the weakest step, named by ``weakest_link``.  The product is the
probability that every link holds if each holds independently with its
weight — so six links at 0.8 each give 0.26: a long chain of individually
plausible links is weak, because it fails if any one link fails, and each
link a reader accepts on its own still multiplies the doubt.  The explicit
conclusion is not a link: it is what the links are offered to support.

**Responsibility** (Chockler & Halpern 2004) reads the chain as a simple
structural model in which every step is necessary; alternative causes the
article names for a node after the blamed actor (a ``create``, ``arm``,
``fund``, ``train``, ``support``, ``cause``, ``compel``, ``allow`` or
``perpetrate`` link from an actor outside the chain, in any voice) count as
sufficient alternatives, giving 1/(n+1) — see
:func:`unspin.causal.responsibility.chain_responsibility` for the limits.

**Same shape.**  A chain's shape is its steps' classes (enable = create,
arm, fund, train, support; become; cause = cause, compel, allow; perpetrate).
Two chains of at least two steps with the same shape that blame different
actors are linked both ways in ``same_shape_as``.

Limits: the chains are only as good as the relations and the entity joins
beneath them; outcome events are not told apart (an article is taken to be
about one event), and the independence behind the product is an
assumption, stated so readers can discount it.
"""

from __future__ import annotations

import heapq
import itertools
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from fractions import Fraction
from typing import Any

from ..errors import ConfigError
from .responsibility import chain_responsibility

__all__ = [
    "GRADE_WEIGHTS",
    "READER",
    "SHAPE_CLASSES",
    "SUPPORT_WEIGHTS",
    "UNRESOLVED_PRONOUNS",
    "Chain",
    "ChainConfig",
    "Step",
    "build_chains",
    "describe_shape",
    "link_weight",
    "same_shape_pairs",
]

#: Weight of a link by its support status (the probability a careful reader
#: might grant it with nothing else to go on; documented, not fitted).
SUPPORT_WEIGHTS: Mapping[str, float] = {
    "sourced": 0.8,
    "asserted": 0.6,
    "hedged": 0.4,
    "speculative": 0.25,
    "question": 0.15,
}
#: Admiralty reliability grade of the quoted source → weight of a sourced link.
GRADE_WEIGHTS: Mapping[str, float] = {"A": 0.95, "B": 0.85, "C": 0.7, "D": 0.5, "E": 0.3}

SHAPE_CLASSES: Mapping[str, str] = {
    "create": "enable",
    "arm": "enable",
    "fund": "enable",
    "train": "enable",
    "support": "enable",
    "become": "become",
    "cause": "cause",
    "compel": "cause",
    "allow": "cause",
    "perpetrate": "perpetrate",
}
_ALTERNATIVE_TYPES = frozenset(SHAPE_CLASSES) - {"become"}
_SHAPE_WORDS = {"enable": "enables", "become": "becomes", "cause": "causes", "perpetrate": "carries out"}


@dataclass(frozen=True)
class ChainConfig:
    """Weights for chain strength; validated here so a bad profile fails before any article."""

    support_weights: Mapping[str, float] = field(default_factory=lambda: dict(SUPPORT_WEIGHTS))
    grade_weights: Mapping[str, float] = field(default_factory=lambda: dict(GRADE_WEIGHTS))
    min_implicit_steps: int = 2

    def __post_init__(self) -> None:
        missing = set(SUPPORT_WEIGHTS) - set(self.support_weights)
        if missing:
            raise ConfigError(
                f"chain weights: no weight for support {', '.join(sorted(missing))}",
                "give a weight between 0 and 1 for every support status",
            )
        for name, w in [*self.support_weights.items(), *self.grade_weights.items()]:
            if not 0.0 < float(w) <= 1.0:
                raise ConfigError(f"chain weights: {name} = {w} is not in (0, 1]", "use a weight between 0 and 1")
        if self.min_implicit_steps < 1:
            raise ConfigError("chain config: min_implicit_steps must be at least 1", "use 2 (the default)")


@dataclass(frozen=True)
class Step:
    """One step of a chain: every relation from ``source`` to ``target`` in the chain's voice."""

    source: str
    target: str
    relation_ids: tuple[str, ...]
    best: str
    weight: float
    kind: str

    def to_dict(self) -> dict[str, Any]:
        return {
            "from": self.source,
            "to": self.target,
            "relation_ids": list(self.relation_ids),
            "relation_id": self.best,
            "weight": round(self.weight, 4),
            "class": self.kind,
        }


@dataclass
class Chain:
    """A blame chain; ``to_dict`` gives the report entry."""

    id: str
    steps: list[Step]
    blamed: str
    blamed_node: str
    outcome: str
    outcome_relation: str | None
    attributed_to: str | None
    conclusion_id: str | None
    strength: float
    minimum: float
    weakest_link: str | None
    responsibility: Fraction
    alternatives: list[str]
    same_shape_as: list[str] = field(default_factory=list)

    @property
    def relation_ids(self) -> list[str]:
        ids = [rid for s in self.steps for rid in s.relation_ids]
        if self.conclusion_id is not None:
            ids.append(self.conclusion_id)
        return ids

    @property
    def shape(self) -> tuple[str, ...]:
        return tuple(s.kind for s in self.steps)

    def to_dict(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "relation_ids": self.relation_ids,
            "blamed": self.blamed,
            "blamed_node": self.blamed_node,
            "outcome": self.outcome,
            "outcome_relation": self.outcome_relation,
            "attributed_to": self.attributed_to,
            "conclusion_id": self.conclusion_id,
            "explicit": self.conclusion_id is not None,
            "steps": [s.to_dict() for s in self.steps],
            "strength": round(self.strength, 4),
            "minimum": round(self.minimum, 4),
            "weakest_link": self.weakest_link,
            "responsibility": float(self.responsibility),
            "responsibility_fraction": f"{self.responsibility.numerator}/{self.responsibility.denominator}",
            "alternatives": self.alternatives,
            "shape": list(self.shape),
            "same_shape_as": self.same_shape_as,
        }


def link_weight(
    relation: Mapping[str, Any], grades: Mapping[str, str] | None = None, config: ChainConfig | None = None
) -> float:
    """The weight of one relation: its support status, or its source's grade when the profile gives one."""
    cfg = config or ChainConfig()
    support = str(relation.get("support", "asserted"))
    weight = float(cfg.support_weights.get(support, cfg.support_weights["asserted"]))
    source = relation.get("attributed_to")
    if support == "sourced" and grades and source is not None and str(source) in grades:
        grade = str(grades[str(source)])[:1].upper()
        weight = float(cfg.grade_weights.get(grade, weight))
    return weight


def _node(arg: Mapping[str, Any] | None) -> str | None:
    if not arg:
        return None
    return str(arg.get("node") or arg.get("entity_id") or "t:" + str(arg.get("text", "")).casefold())


def _is_outcome(r: Mapping[str, Any]) -> bool:
    return r["type"] == "perpetrate" or (r["type"] == "cause" and bool(r.get("effect_event")))


#: Verb stem → the event noun and its preposition: "bombed the station" → "the bombing of the station".
_EVENT_NOUNS = {
    "bomb": ("bombing", "of"),
    "attack": ("attack", "on"),
    "kill": ("killing", "of"),
    "murder": ("murder", "of"),
    "massacr": ("massacre", "of"),
    "shell": ("shelling", "of"),
    "invad": ("invasion", "of"),
    "assassinat": ("assassination", "of"),
    "raid": ("raid", "on"),
    "storm": ("storming", "of"),
    "ambush": ("ambush", "on"),
    "execut": ("execution", "of"),
    "slaughter": ("slaughter", "of"),
}


def _event_noun(verb: str) -> tuple[str, str] | None:
    v = verb.casefold()
    for stem in (v, v.removesuffix("ed"), v.removesuffix("d"), v.removesuffix("s"), v.removesuffix("ing")):
        if stem in _EVENT_NOUNS:
            return _EVENT_NOUNS[stem]
    return None


def _outcome_text(r: Mapping[str, Any]) -> str:
    """The outcome as a noun phrase: "the attack", "the bombing of Marvik Central Station"."""
    effect = r.get("effect") or {}
    text = str(effect.get("text", ""))
    if r.get("effect_event"):
        return text
    trigger = str((r.get("trigger") or {}).get("text") or "")
    noun = _event_noun(trigger)
    if noun is not None:
        return f"the {noun[0]} {noun[1]} {text}"
    return f"{trigger} {text}".strip()


class _Graph:
    def __init__(self, rels: Sequence[Mapping[str, Any]], weight: Mapping[str, float]) -> None:
        self.rels = rels
        self.weight = weight
        self.by_id = {str(r["id"]): r for r in rels}
        self.order = {str(r["id"]): i for i, r in enumerate(rels)}

    @staticmethod
    def scope(r: Mapping[str, Any]) -> str | None:
        a = r.get("attributed_to")
        return str(a) if a else None

    def edges(self, scope: str | None, *, borrow: bool) -> list[tuple[Mapping[str, Any], int]]:
        """Usable causal relations for a voice, each with its cost (1 = borrowed from the author)."""
        out: list[tuple[Mapping[str, Any], int]] = []
        for r in self.rels:
            if r["type"] == "blame" or r.get("negated") or not r.get("effect"):
                continue
            if self.scope(r) == scope:
                out.append((r, 0))
            elif borrow and self.scope(r) is None and r.get("support") in ("asserted", "sourced"):
                out.append((r, 1))
        return out

    def step(self, src: str, dst: str, chosen: Mapping[str, Any], scope: str | None) -> Step:
        same = [
            r
            for r in self.rels
            if r["type"] != "blame"
            and not r.get("negated")
            and _node(r.get("cause")) == src
            and _node(r.get("effect")) == dst
            and self.scope(r) == self.scope(chosen)
            and SHAPE_CLASSES.get(r["type"]) == SHAPE_CLASSES.get(chosen["type"])
        ]
        if not any(r["id"] == chosen["id"] for r in same):
            same.append(chosen)
        same.sort(key=lambda r: self.order.get(str(r["id"]), 0))
        best = max(same, key=lambda r: (self.weight[str(r["id"])], -same.index(r)))
        return Step(
            src,
            dst,
            tuple(str(r["id"]) for r in same),
            str(best["id"]),
            self.weight[str(best["id"])],
            SHAPE_CLASSES.get(str(chosen["type"]), "cause"),
        )

    def forward(self, start: str, scope: str | None) -> list[tuple[str, str, Mapping[str, Any]]] | None:
        """Cheapest path from ``start`` to an outcome link (fewest borrowed steps, then fewest steps)."""
        edges = self.edges(scope, borrow=True)
        out: dict[str, list[tuple[Mapping[str, Any], int]]] = {}
        for r, cost in edges:
            out.setdefault(_node(r["cause"]) or "", []).append((r, cost))
        counter = itertools.count()
        heap: list[tuple[int, int, int, str, list[tuple[str, str, Mapping[str, Any]]]]] = [
            (0, 0, next(counter), start, [])
        ]
        seen: set[str] = set()
        while heap:
            borrowed, length, _, node, path = heapq.heappop(heap)
            if node in seen:
                continue
            seen.add(node)
            for r, cost in sorted(out.get(node, []), key=lambda rc: (rc[1], self.order[str(rc[0]["id"])])):
                dst = _node(r["effect"]) or ""
                new = [*path, (node, dst, r)]
                if _is_outcome(r):
                    heapq.heappush(heap, (borrowed + cost, length + 1, next(counter), "\x00outcome", new))
                elif dst not in seen:
                    heapq.heappush(heap, (borrowed + cost, length + 1, next(counter), dst, new))
            if node == "\x00outcome":
                return path
        return None

    def backward(self, outcome: Mapping[str, Any], scope: str | None) -> list[tuple[str, str, Mapping[str, Any]]]:
        """The longest path in ``scope`` that ends in ``outcome`` (depth-first, no cycles)."""
        into: dict[str, list[Mapping[str, Any]]] = {}
        for r, _ in self.edges(scope, borrow=False):
            if not _is_outcome(r):
                into.setdefault(_node(r["effect"]) or "", []).append(r)
        start = _node(outcome["cause"]) or ""
        best: list[tuple[str, str, Mapping[str, Any]]] = []

        def walk(node: str, path: list[tuple[str, str, Mapping[str, Any]]], seen: frozenset[str]) -> None:
            nonlocal best
            extended = False
            for r in sorted(into.get(node, []), key=lambda r: self.order[str(r["id"])]):
                src = _node(r["cause"]) or ""
                if src in seen:
                    continue
                extended = True
                walk(src, [(src, node, r), *path], seen | {src})
            if not extended and len(path) > len(best):
                best = path

        walk(start, [(start, _node(outcome.get("effect")) or "", outcome)], frozenset({start}))
        return best


#: Pronouns that, left unresolved, name nobody: a chain that blames one says so.
#: The node of "you" in the author's own words: the one reading ("Completing this poll grants you access").
READER = "t:the reader"

UNRESOLVED_PRONOUNS = frozenset(
    "he she him her his hers himself herself it its itself they them their theirs themselves we us our i me my you "
    "your who whom whose which that this these those".split()
)


def build_chains(
    relations: Sequence[Mapping[str, Any]],
    *,
    names: Mapping[str, str] | None = None,
    grades: Mapping[str, str] | None = None,
    config: ChainConfig | None = None,
) -> list[Chain]:
    """Every blame chain the relations make, explicit ones first, each with strength and responsibility.

    ``names`` maps a node key to the name to show (an entity's canonical
    name); ``grades`` maps a source id to its Admiralty grade.
    """
    cfg = config or ChainConfig()
    rels = [r for r in relations if r.get("id") is not None]
    weight = {str(r["id"]): link_weight(r, grades, cfg) for r in rels}
    graph = _Graph(rels, weight)
    names = names or {}

    def name_of(node: str, arg: Mapping[str, Any] | None) -> str:
        if node in names:
            return names[node]
        words = str((arg or {}).get("text", node.removeprefix("t:")))
        # a pronoun nobody could resolve is shown as such, never as a name
        return f"“{words}” (unresolved)" if words.casefold() in UNRESOLVED_PRONOUNS else words

    found: list[Chain] = []
    covered: set[tuple[str, str | None]] = set()
    for b in rels:
        if b["type"] != "blame" or b.get("negated"):
            continue
        start = _node(b["cause"])
        if start is None:
            continue
        scope = graph.scope(b)
        path = graph.forward(start, scope)
        if path:
            outcome_rel = path[-1][2]
            outcome = _outcome_text(outcome_rel)
            if b.get("effect") and b.get("effect_event"):
                outcome = str(b["effect"].get("text", outcome))
            steps = [graph.step(s, d, r, scope) for s, d, r in path]
            found.append(_chain(graph, steps, start, name_of(start, b["cause"]), outcome, outcome_rel, scope, b))
        elif b.get("effect_event") and b.get("effect"):
            found.append(
                _chain(graph, [], start, name_of(start, b["cause"]), str(b["effect"].get("text")), None, scope, b)
            )
        else:
            continue
        covered.add((start, scope))
    scopes = sorted({graph.scope(r) for r in rels}, key=lambda s: (s is not None, s or ""))
    for o in rels:
        if not _is_outcome(o) or o.get("negated"):
            continue
        for scope in scopes:
            if graph.scope(o) != scope and not (graph.scope(o) is None and o.get("support") in ("asserted", "sourced")):
                continue
            path = graph.backward(o, scope)
            if len(path) < max(cfg.min_implicit_steps, 1) or all(
                graph.scope(r) != scope or r.get("type") == "become" for _, _, r in path
            ):
                continue  # the voice must give a link of its own, and saying "X became Y" blames X for nothing
            start = path[0][0]
            if (start, scope) in covered or start.removeprefix("t:") in UNRESOLVED_PRONOUNS:
                # an implicit chain that starts at a pronoun nobody resolved blames no one: leave it out
                continue
            covered.add((start, scope))
            steps = [graph.step(s, d, r, scope) for s, d, r in path]
            found.append(
                _chain(graph, steps, start, name_of(start, path[0][2]["cause"]), _outcome_text(o), o, scope, None)
            )
    for i, chain in enumerate(found, 1):
        chain.id = f"CH{i}"  # "C" numbers the claims
    for first, second in same_shape_pairs(found):
        first.same_shape_as.append(second.id)
        second.same_shape_as.append(first.id)
    return found


def _chain(
    graph: _Graph,
    steps: list[Step],
    start: str,
    blamed: str,
    outcome: str,
    outcome_rel: Mapping[str, Any] | None,
    scope: str | None,
    conclusion: Mapping[str, Any] | None,
) -> Chain:
    if steps:
        strength = 1.0
        for s in steps:
            strength *= s.weight
        weakest = min(steps, key=lambda s: s.weight)
        minimum, weakest_id = weakest.weight, weakest.best
    else:  # a bare accusation: the accusation is its only link
        assert conclusion is not None
        minimum = strength = graph.weight[str(conclusion["id"])]
        weakest_id = str(conclusion["id"])
    chain_nodes = {start, *(s.target for s in steps)}
    inner = {s.target for s in steps}
    in_chain = {rid for s in steps for rid in s.relation_ids}
    outcome_node = _node(outcome_rel.get("effect")) if outcome_rel else None
    alternatives: dict[str, str] = {}
    for r in graph.rels:
        if r["type"] not in _ALTERNATIVE_TYPES or r.get("negated") or str(r["id"]) in in_chain:
            continue
        cause, effect = _node(r.get("cause")), _node(r.get("effect"))
        if cause is None or cause in chain_nodes:
            continue
        hits_chain = effect in inner and effect != outcome_node
        hits_outcome = _is_outcome(r) and outcome_rel is not None and effect == outcome_node
        if hits_chain or hits_outcome:
            alternatives.setdefault(cause, str(r["id"]))
    # more than a dozen named alternatives changes nothing a reader can use, and bounds the search
    responsibility = chain_responsibility(max(len(steps), 1), min(len(alternatives), 12))
    return Chain(
        id="",
        steps=steps,
        blamed=blamed,
        blamed_node=start,
        outcome=outcome,
        outcome_relation=str(outcome_rel["id"]) if outcome_rel else None,
        attributed_to=scope,
        conclusion_id=str(conclusion["id"]) if conclusion else None,
        strength=strength,
        minimum=minimum,
        weakest_link=weakest_id,
        responsibility=responsibility,
        alternatives=sorted(alternatives.values()),
    )


def same_shape_pairs(chains: Sequence[Chain]) -> list[tuple[Chain, Chain]]:
    """Pairs of chains (two or more steps) with the same shape that blame different actors."""
    out: list[tuple[Chain, Chain]] = []
    for a, b in itertools.combinations(chains, 2):
        if len(a.steps) >= 2 and a.shape == b.shape and a.blamed_node != b.blamed_node:
            out.append((a, b))
    return out


def describe_shape(shape: Sequence[str], *, explicit: bool = True) -> str:
    """ "X enables Y; Y becomes Z; Z carries out the outcome; X is blamed"."""
    letters = "XYZUVW"
    parts = []
    for i, kind in enumerate(shape):
        a, b = letters[i % len(letters)], letters[(i + 1) % len(letters)]
        verb = _SHAPE_WORDS.get(kind, kind)
        parts.append(f"{a} {verb} the outcome" if i == len(shape) - 1 and kind == "perpetrate" else f"{a} {verb} {b}")
    if explicit:
        parts.append("therefore X is to blame")
    return "; ".join(parts)
