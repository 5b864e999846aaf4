"""Named entities with alias grouping (component ``entities.spacy.v1``).

spaCy's NER finds mentions of people, organisations, places, groups and
events; :func:`unspin.components.aliases.group_mentions` joins mentions of
the same actor (rules and limits are documented there).  The parse decides
whether a seat of government is used as a place ("in Washington": a
preposition of place governs it, or it modifies a noun as in "Washington
area") or as an actor ("Washington armed them").

Adds the span layer ``entity_mentions`` (label = spaCy type,
``attrs.entity_id``) and the group layer ``entities`` (one group per actor:
canonical name, aliases, every mention).
"""

from __future__ import annotations

import bisect
import re
from dataclasses import replace
from pathlib import Path
from typing import TYPE_CHECKING, Any

from ..document import Document, Group, Span
from ..layers import LayerSpec, group_record, object_list
from ..pipeline import Component
from .aliases import AliasTable, Mention, group_mentions, initials, load_alias_table
from .name_gender import first_name_gender
from .parse import parsed_chunks

if TYPE_CHECKING:
    from spacy.tokens import Span as SpacySpan

__all__ = ["ACTOR_LABELS", "PLACE_PREPOSITIONS", "SpacyEntities"]

#: spaCy entity types that can be actors or the places they act from.
ACTOR_LABELS = frozenset({"PERSON", "NORP", "ORG", "GPE", "LOC", "FAC", "EVENT"})

PLACE_PREPOSITIONS = frozenset(
    {"in", "at", "to", "from", "near", "into", "inside", "outside", "around", "across", "toward", "towards", "via"}
)


def _trim(ent: SpacySpan) -> SpacySpan:
    while len(ent) > 1 and (ent[0].lower_ in ("a", "an") or ent[0].is_punct):
        ent = ent[1:]  # "a World Health Organisation report", "— Jennifer Bendery": the name without them
    for i, tok in enumerate(ent):
        if i > 0 and tok.text in {":", "—", "–", "|", "(", ")"}:
            return ent[:i]
        # "the Brigade of 2019" names the Brigade at a time, not a new actor.
        if i > 0 and tok.lower_ == "of" and i + 1 < len(ent) and ent[i + 1].like_num:
            return ent[:i]
    return ent


def _defined_acronyms(text: str, mentions: list[Mention]) -> list[Mention]:
    """Every use of an acronym the text defines right after a name ("the World Health Organisation (WHO)"), as a
    mention of that name's type; the alias grouping then joins them by their initials.  Only defined acronyms count:
    an all-capital word alone may be anything."""
    defined: dict[str, str] = {}
    for m in mentions:
        hit = _DEFINED.match(text, m.end)
        if hit and initials(m.text) == hit.group(1):
            defined.setdefault(hit.group(1), m.label)
    if not defined:
        return []
    taken = sorted((m.start, m.end) for m in mentions)
    starts = [x for x, _ in taken]
    out: list[Mention] = []
    for hit in re.finditer(r"\b(" + "|".join(map(re.escape, defined)) + r")\b", text):
        a, b = hit.span()
        k = bisect.bisect_left(starts, b)  # names are short: of those starting before the hit ends, the last few
        # are the only ones that can reach into it
        if k and max(y for _, y in taken[max(0, k - 3) : k]) > a:
            continue
        out.append(Mention(a, b, hit.group(1), defined[hit.group(1)]))
    return out


#: Last words that make a name an organisation's or a place's whatever given name it starts with ("George
#: Washington University").
_INSTITUTION_WORDS = frozenset(
    "university college school academy institute institution foundation center centre group church hospital party "
    "company corporation corp inc ltd llc bank fund trust council committee commission agency association society "
    "club press post times news network studios books airlines airways hotel stadium museum library bridge street "
    "avenue road square park hall house tower building award prize league team fc union federation ministry "
    "department office court".split()
)


def _person_name(name: str) -> bool:
    """Two or three capitalised words, the first a given name (:mod:`.name_gender`), the last no institution's."""
    words = name.split()
    if not 2 <= len(words) <= 3 or not all(w[:1].isupper() for w in words):
        return False
    return first_name_gender(name) is not None and words[-1].casefold() not in _INSTITUTION_WORDS


_DEFINED = re.compile(r"\s*\(([A-Z]{2,6})\)")


_ENTITIES_SCHEMA = object_list(
    ["id", "name", "mentions"],
    {
        "id": {"type": "string"},
        "name": {"type": "string"},
        "aliases": {"type": "array", "items": {"type": "string"}},
        "mentions": {"type": "array", "items": {"$ref": "#/$defs/span"}},
    },
)


def _entity_records(doc: Document) -> list[Any]:
    out = []
    for g in doc.groups("entities"):
        d = group_record(g)
        d.setdefault("aliases", [])
        out.append(d)
    return out


class SpacyEntities(Component):
    """Entity mentions from spaCy, grouped into actors."""

    name = "entities.spacy.v1"
    requires = ("parse",)
    assigns = ("entity_mentions", "entities")
    layers = (
        LayerSpec("entities", "Entities", "#d8ecff", order=30, serialize=_entity_records, schema=_ENTITIES_SCHEMA),
    )
    settings = ("aliases",)

    def __init__(self, aliases: str | Path | None = None) -> None:
        self.aliases = aliases
        self._table: AliasTable | None = None

    def validate(self) -> None:
        self.table  # noqa: B018 - reads the alias file once; a bad file fails here

    @property
    def table(self) -> AliasTable:
        if self._table is None:
            self._table = load_alias_table(self.aliases)
        return self._table

    def __call__(self, doc: Document) -> None:
        mentions: list[Mention] = []
        for offset, sdoc in parsed_chunks(doc):
            for ent in sdoc.ents:
                if ent.label_ not in ACTOR_LABELS or "\n" in ent.text or not ent.text.strip():
                    continue
                # spaCy sometimes runs a name on into a headline ("X Station:
                # Who Lit the Fuse") or a date ("Brigade of 2019").
                label = ent.label_
                ent = _trim(ent)
                root = ent.root
                head = root.head
                locative = (root.dep_ == "pobj" and head.lower_ in PLACE_PREPOSITIONS) or (
                    root.dep_ == "compound" and head.pos_ in {"NOUN", "PROPN"} and head.ent_type_ == ""
                )
                mentions.append(Mention(offset + ent.start_char, offset + ent.end_char, ent.text, label, locative))
        mentions += _defined_acronyms(doc.text, mentions)
        groups = group_mentions(mentions, self.table, doc.text)
        spans: list[Span] = []
        entities: list[Group] = []
        for gi, g in enumerate(groups, 1):
            eid = f"E{gi}"
            if g.label == "ORG" and _person_name(g.name):
                g.label = "PERSON"  # the small NER model often takes a person for an organisation ("Amber Guyger")
                g.mentions = [replace(m, label="PERSON") for m in g.mentions]
            for m in g.mentions:
                spans.append(
                    Span(
                        m.start,
                        m.end,
                        m.label,
                        self.name,
                        attrs={"entity_id": eid, "locative": m.locative},
                    )
                )
            entities.append(
                Group(
                    id=eid,
                    label=g.label,
                    name=g.name,
                    component=self.name,
                    spans=tuple((m.start, m.end) for m in g.mentions),
                    attrs={"aliases": g.aliases},
                )
            )
        spans.sort(key=lambda s: (s.start, s.end))
        doc.add_spans("entity_mentions", spans, component=self.name)
        doc.add_groups("entities", entities, component=self.name)
