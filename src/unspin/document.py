"""The one data model: an article's text plus typed annotation layers.

A :class:`Document` owns an immutable ``text``.  Components never edit it;
they only *add* layers:

* span layers hold :class:`Span` objects — a ``start``/``end`` pair of Python
  ``str`` indices into ``text`` (start inclusive, end exclusive), a label, the
  registry name of the component that made it and a confidence;
* group layers hold :class:`Group` objects — things made of several places in
  the text, such as an entity with all its mentions, or a finding;
* artifacts are process-local objects (a spaCy parse) shared between
  components and never serialised.

Offsets are checked when a layer is added, so ``text[s.start:s.end]`` is
always the annotated text.  :meth:`Document.to_dict` / :meth:`Document.from_dict`
round-trip everything except artifacts.
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from types import MappingProxyType
from typing import Any

from .errors import ComponentError

__all__ = ["Document", "Group", "Span"]


@dataclass(frozen=True, slots=True)
class Span:
    """One annotation over ``text[start:end]``."""

    start: int
    end: int
    label: str
    component: str
    score: float = 1.0
    id: str | None = None
    attrs: Mapping[str, Any] = field(default_factory=dict)

    def to_dict(self) -> dict[str, Any]:
        out: dict[str, Any] = {
            "start": self.start,
            "end": self.end,
            "label": self.label,
            "component": self.component,
            "score": self.score,
        }
        if self.id is not None:
            out["id"] = self.id
        if self.attrs:
            out["attrs"] = dict(self.attrs)
        return out

    @classmethod
    def from_dict(cls, data: Mapping[str, Any]) -> Span:
        return cls(
            start=int(data["start"]),
            end=int(data["end"]),
            label=str(data["label"]),
            component=str(data["component"]),
            score=float(data.get("score", 1.0)),
            id=data.get("id"),
            attrs=dict(data.get("attrs", {})),
        )


@dataclass(frozen=True, slots=True)
class Group:
    """Something made of several places in the text (an entity, a finding).

    ``spans`` are the ``(start, end)`` places; ``members`` optionally names ids
    of annotations in other layers (a chain's relations, say).
    """

    id: str
    label: str
    name: str
    component: str
    spans: tuple[tuple[int, int], ...] = ()
    members: tuple[str, ...] = ()
    score: float = 1.0
    attrs: Mapping[str, Any] = field(default_factory=dict)

    def to_dict(self) -> dict[str, Any]:
        out: dict[str, Any] = {
            "id": self.id,
            "label": self.label,
            "name": self.name,
            "component": self.component,
            "spans": [list(s) for s in self.spans],
            "score": self.score,
        }
        if self.members:
            out["members"] = list(self.members)
        if self.attrs:
            out["attrs"] = dict(self.attrs)
        return out

    @classmethod
    def from_dict(cls, data: Mapping[str, Any]) -> Group:
        return cls(
            id=str(data["id"]),
            label=str(data["label"]),
            name=str(data["name"]),
            component=str(data["component"]),
            spans=tuple((int(s), int(e)) for s, e in data.get("spans", [])),
            members=tuple(str(m) for m in data.get("members", [])),
            score=float(data.get("score", 1.0)),
            attrs=dict(data.get("attrs", {})),
        )


class Document:
    """An article: immutable text, metadata, and append-only annotation layers."""

    def __init__(
        self,
        text: str,
        *,
        id: str,
        title: str | None = None,
        source: str | None = None,
        published: str | None = None,
        meta: Mapping[str, Any] | None = None,
    ) -> None:
        if not isinstance(text, str):
            raise TypeError(f"Document text must be str, not {type(text).__name__}")
        self._text = text
        self.id = id
        self.title = title
        self.source = source
        self.published = published
        self.meta: dict[str, Any] = dict(meta or {})
        self._spans: dict[str, list[Span]] = {}
        self._groups: dict[str, list[Group]] = {}
        self._sha256: str | None = None
        # Process-local objects shared between components (e.g. the spaCy
        # parse); deliberately outside the serialised model.
        self.artifacts: dict[str, Any] = {}

    # -- text ---------------------------------------------------------------
    @property
    def text(self) -> str:
        return self._text

    @property
    def sha256(self) -> str:
        if self._sha256 is None:
            self._sha256 = hashlib.sha256(self._text.encode("utf-8")).hexdigest()
        return self._sha256

    @property
    def word_count(self) -> int:
        return len(self._text.split())

    def __len__(self) -> int:
        return len(self._text)

    def __repr__(self) -> str:
        return f"Document(id={self.id!r}, chars={len(self._text)}, layers={sorted(self.layer_names)})"

    def slice(self, start: int, end: int) -> str:
        return self._text[start:end]

    # -- layers -------------------------------------------------------------
    @property
    def layer_names(self) -> frozenset[str]:
        return frozenset(self._spans) | frozenset(self._groups)

    def has(self, name: str) -> bool:
        """True when a span layer, group layer or artifact ``name`` exists."""
        return name in self._spans or name in self._groups or name in self.artifacts

    def spans(self, layer: str) -> tuple[Span, ...]:
        return tuple(self._spans.get(layer, ()))

    def groups(self, layer: str) -> tuple[Group, ...]:
        return tuple(self._groups.get(layer, ()))

    @property
    def span_layers(self) -> Mapping[str, tuple[Span, ...]]:
        return MappingProxyType({k: tuple(v) for k, v in self._spans.items()})

    @property
    def group_layers(self) -> Mapping[str, tuple[Group, ...]]:
        return MappingProxyType({k: tuple(v) for k, v in self._groups.items()})

    def _check_offsets(self, start: int, end: int, who: str, layer: str) -> None:
        if not (isinstance(start, int) and isinstance(end, int)):
            raise ComponentError(who, f"layer {layer!r} got non-integer offsets ({start!r}, {end!r})")
        if not 0 <= start < end <= len(self._text):
            raise ComponentError(
                who,
                f"layer {layer!r} got span ({start}, {end}) outside the text (length {len(self._text)}) or empty",
                "offsets are Python str indices with start < end",
            )

    def add_spans(self, layer: str, spans: Iterable[Span], *, component: str) -> None:
        """Append spans to ``layer`` (creating it, possibly empty).

        Every span must name ``component`` and lie inside the text.
        """
        if layer in self._groups:
            raise ComponentError(component, f"layer {layer!r} already holds groups, not spans")
        items = list(spans)
        for s in items:
            if s.component != component:
                raise ComponentError(component, f"span in layer {layer!r} claims to be made by {s.component!r}")
            self._check_offsets(s.start, s.end, component, layer)
        self._spans.setdefault(layer, []).extend(items)

    def add_groups(self, layer: str, groups: Iterable[Group], *, component: str) -> None:
        """Append groups to ``layer`` (creating it, possibly empty)."""
        if layer in self._spans:
            raise ComponentError(component, f"layer {layer!r} already holds spans, not groups")
        items = list(groups)
        for g in items:
            if g.component != component:
                raise ComponentError(component, f"group in layer {layer!r} claims to be made by {g.component!r}")
            for start, end in g.spans:
                self._check_offsets(start, end, component, layer)
        self._groups.setdefault(layer, []).extend(items)

    def layer_sizes(self) -> dict[str, int]:
        sizes = {k: len(v) for k, v in self._spans.items()}
        sizes.update({k: len(v) for k, v in self._groups.items()})
        return sizes

    def copy(self) -> Document:
        """A copy with the same text, metadata and layers, without artifacts."""
        return Document.from_dict(self.to_dict())

    # -- serialisation ------------------------------------------------------
    def to_dict(self) -> dict[str, Any]:
        """The full native form (not the report): text, metadata, every layer."""
        return {
            "id": self.id,
            "title": self.title,
            "source": self.source,
            "published": self.published,
            "meta": dict(self.meta),
            "text": self._text,
            "sha256": self.sha256,
            "spans": {k: [s.to_dict() for s in v] for k, v in self._spans.items()},
            "groups": {k: [g.to_dict() for g in v] for k, v in self._groups.items()},
        }

    @classmethod
    def from_dict(cls, data: Mapping[str, Any]) -> Document:
        doc = cls(
            data["text"],
            id=str(data["id"]),
            title=data.get("title"),
            source=data.get("source"),
            published=data.get("published"),
            meta=data.get("meta") or {},
        )
        # Rebuilt directly (not through add_*) so that mixed-component layers
        # keep their order; offsets are still checked.
        for layer, items in (data.get("spans") or {}).items():
            spans = [Span.from_dict(i) for i in items]
            for s in spans:
                doc._check_offsets(s.start, s.end, s.component, layer)
            doc._spans[layer] = spans
        for layer, items in (data.get("groups") or {}).items():
            groups = [Group.from_dict(i) for i in items]
            for g in groups:
                for start, end in g.spans:
                    doc._check_offsets(start, end, g.component, layer)
            doc._groups[layer] = groups
        return doc
