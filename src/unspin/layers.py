"""How a layer shows itself in reports: :class:`LayerSpec`, declared next to the component that adds the layer.

A component class lists its layers' specs in ``layers``; the registry finds the component through its entry
point (``unspin.components``), so a plugin's layer reaches the JSON, HTML and Markdown reports with nothing
changed anywhere else.  A spec carries:

* ``key``, ``title``, ``colour``: the report key, the name a reader sees, the highlight colour in the HTML page;
* ``serialize``: how the layer becomes JSON (default: :func:`span_record` of each span, :func:`group_record` of
  each group);
* ``schema``: the JSON Schema of the layer's report list, joined into the report contract (``unspin validate``
  checks it);
* ``marks``: where the layer highlights the text, and what hovering says (default: each item's ``start``/``end``);
* ``items``: the lines of the layer's section in the HTML panel and the Markdown notes (default: each item's
  words and label).

Marks and items are plain text; each renderer escapes them for its format, so a spec never writes HTML or
Markdown.  Reports are rendered from their JSON, without the pipeline: a spec's ``marks`` and ``items`` read the
report dictionary, and a report whose component is not installed shows its layer in JSON only.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from .errors import PipelineError

if TYPE_CHECKING:
    from .document import Document, Group, Span
    from .registry import Registry

__all__ = [
    "LayerItem",
    "LayerMark",
    "LayerSpec",
    "default_items",
    "default_marks",
    "excerpt",
    "group_record",
    "layer_specs",
    "object_list",
    "span_pairs",
    "span_record",
]

_KEY = re.compile(r"^[a-z][a-z0-9_]*$")
_COLOUR = re.compile(r"^#[0-9a-fA-F]{6}$")


@dataclass(frozen=True)
class LayerMark:
    """A highlight: ``text[start:end]``, and what hovering it says."""

    start: int
    end: int
    title: str
    index: int | None = None  #: the item of ``report[key]`` it marks: the HTML anchor its section lines link to
    css_class: str = ""  #: an extra class, ``[a-z0-9-]`` only (the spec's key is always one)


@dataclass(frozen=True)
class LayerItem:
    """One line of a layer's section: what it says, and the place in the text it links to."""

    text: str
    start: int | None = None
    end: int | None = None
    tags: tuple[str, ...] = ()  #: short labels shown beside the text
    note: str = ""  #: a quieter remark after the tags
    index: int | None = None  #: the marked item of ``report[key]`` it links to (see :class:`LayerMark`)


Marks = Callable[[Mapping[str, Any]], Iterable[LayerMark]]
Items = Callable[[Mapping[str, Any]], Iterable[LayerItem]]


@dataclass(frozen=True)
class LayerSpec:
    """What a layer is called and how it shows itself (see the module docstring)."""

    key: str
    title: str
    colour: str = "#e8e8e8"
    order: int = 1000  #: place among the layers (built-ins: 10 sentences … 110 findings)
    on_by_default: bool = False
    empty: str = "None found."  #: what a section says when the layer was built and is empty
    drawn: bool = True  #: False: the layer is in the JSON report only (no highlight, no toggle, no section)
    serialize: Callable[[Document], list[Any]] | None = None
    #: JSON Schema of ``report[key]``; it may refer to the contract's ``$defs`` (``#/$defs/offset``, …)
    schema: Mapping[str, Any] | None = None
    marks: Marks | None = None
    items: Items | None = None

    def __post_init__(self) -> None:
        if not _KEY.match(self.key):
            raise PipelineError(f"layer key {self.key!r} is not a lower-case identifier", "use e.g. 'hedges'")
        if not _COLOUR.match(self.colour):
            raise PipelineError(f"layer {self.key!r}: colour {self.colour!r} is not #rrggbb", "use e.g. '#ffe3c7'")
        if not self.title.strip():
            raise PipelineError(f"layer {self.key!r} has no title", "give the name a reader sees, e.g. 'Hedges'")

    def layer_marks(self, report: Mapping[str, Any]) -> list[LayerMark]:
        """The spec's marks within the text (a mark outside it is dropped, never drawn)."""
        n = len(report.get("text") or "")
        found = (self.marks or default_marks(self.key))(report)
        return [m for m in found if 0 <= m.start < m.end <= n]

    def layer_items(self, report: Mapping[str, Any]) -> list[LayerItem]:
        return list((self.items or default_items(self.key))(report))


def object_list(required: Sequence[str], properties: Mapping[str, Any], *, offsets: bool = False) -> dict[str, Any]:
    """The JSON Schema of a report list of objects with ``required`` keys and ``properties``; with ``offsets``,
    each also has ``start`` and ``end`` character offsets (the contract's ``#/$defs/offset``)."""
    located = {"start": {"$ref": "#/$defs/offset"}, "end": {"$ref": "#/$defs/offset"}} if offsets else {}
    item = {"type": "object", "required": list(required), "properties": {**located, **properties}}
    return {"type": "array", "items": item}


def span_record(doc: Document, s: Span) -> dict[str, Any]:
    """A span as JSON: ``{id, start, end, text, label, component, score, **attrs}`` (no ``id`` when it has none)."""
    out: dict[str, Any] = {}
    if s.id is not None:
        out["id"] = s.id
    out.update(
        start=s.start,
        end=s.end,
        text=doc.text[s.start : s.end],
        label=s.label,
        component=s.component,
        score=s.score,
    )
    out.update(s.attrs)
    return out


def group_record(g: Group) -> dict[str, Any]:
    """A group as JSON: ``{id, name, label, component, mentions, [members], **attrs}``."""
    out: dict[str, Any] = {
        "id": g.id,
        "name": g.name,
        "label": g.label,
        "component": g.component,
        "mentions": [list(p) for p in g.spans],
    }
    if g.members:
        out["members"] = list(g.members)
    out.update(g.attrs)
    return out


def span_pairs(key: str) -> Callable[[Document], list[Any]]:
    """A serializer writing each span of layer ``key`` as ``[start, end]``."""

    def serialize(doc: Document) -> list[Any]:
        return [[s.start, s.end] for s in doc.spans(key)]

    return serialize


def excerpt(text: str, start: int, end: int, limit: int = 160) -> str:
    """``text[start:end]`` on one line, cut to ``limit`` characters with an ellipsis."""
    s = " ".join(text[start:end].split())
    return s if len(s) <= limit else s[: limit - 1] + "…"


def _spans(report: Mapping[str, Any], key: str) -> Iterator[tuple[int, Mapping[str, Any]]]:
    for i, item in enumerate(report.get(key) or []):
        if isinstance(item, Mapping) and isinstance(item.get("start"), int) and isinstance(item.get("end"), int):
            yield i, item


def default_marks(key: str) -> Marks:
    """Each item of ``report[key]`` with ``start``/``end``, titled by its label."""

    def marks(report: Mapping[str, Any]) -> Iterator[LayerMark]:
        for i, item in _spans(report, key):
            yield LayerMark(item["start"], item["end"], str(item.get("label") or key), i)

    return marks


def default_items(key: str) -> Items:
    """Each item of ``report[key]`` with ``start``/``end``: its words, its label as a tag."""

    def items(report: Mapping[str, Any]) -> Iterator[LayerItem]:
        text = str(report.get("text") or "")
        for i, item in _spans(report, key):
            label = item.get("label")
            yield LayerItem(
                excerpt(text, item["start"], item["end"]),
                item["start"],
                item["end"],
                (str(label),) if label else (),
                index=i,
            )

    return items


def layer_specs(pipeline_names: Iterable[str], registry: Registry | None = None) -> list[LayerSpec]:
    """The specs the named components declare, by ``order`` (then pipeline order); components not installed
    give none."""
    if registry is None:
        from .registry import registry as default_registry

        registry = default_registry
    out: list[LayerSpec] = []
    seen: set[str] = set()
    for name in pipeline_names:
        try:
            factory = registry.factory(name)
        except PipelineError:
            continue  # a report made where a plugin was installed, read where it is not
        for spec in getattr(factory, "layers", ()) or ():
            if isinstance(spec, LayerSpec) and spec.key not in seen:
                seen.add(spec.key)
                out.append(spec)
    return sorted(out, key=lambda spec: spec.order)
