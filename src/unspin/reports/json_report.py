"""The JSON report: a Document serialised to the ``unspin.report/1`` contract.

The contract (:func:`load_schema`) is ``report.base.schema.json`` in this
folder joined with the schema each layer's :class:`~unspin.layers.LayerSpec`
declares (the claims layer's, for one); built from the default pipeline's
components it equals the project's published ``unspin.report/1`` schema.  Every list the schema requires is present even
when no component fills it yet; the report also lists the pipeline that made
it (``pipeline``), so a reader can tell "none found" from "not analysed".

How each layer becomes a report list is its :class:`~unspin.layers.LayerSpec`'s
``serialize``, declared by the component that adds the layer, built-in or
plugin alike.  The default turns a span layer into ``{id, start, end, text,
label, component, score, **attrs}`` and a group layer into ``{id, name,
label, component, mentions, **attrs}``.
"""

from __future__ import annotations

import copy
import functools
import json
from collections.abc import Iterable, Iterator
from importlib import resources
from typing import Any

from ..document import Document
from ..errors import ReportError
from ..layers import LayerSpec, group_record, layer_specs, span_record
from ..pipeline import DEFAULT_PIPELINE
from ..version import __version__

__all__ = [
    "REPORT_LISTS",
    "SCHEMA_ID",
    "assemble_schema",
    "build_report",
    "load_schema",
    "report_errors",
    "to_json",
    "validate_report",
]

SCHEMA_ID = "unspin.report/1"

#: Lists the schema requires, in report order.
REPORT_LISTS = (
    "sentences",
    "quotes",
    "sources",
    "techniques",
    "claims",
    "relations",
    "chains",
    "quantities",
    "dates",
    "findings",
)


def _default(doc: Document, key: str) -> list[Any]:
    if key in doc.span_layers:
        return [span_record(doc, s) for s in doc.spans(key)]
    if key in doc.group_layers:
        return [group_record(g) for g in doc.groups(key)]
    return []


def build_report(doc: Document) -> dict[str, Any]:
    """The report dictionary for an analysed document."""
    report: dict[str, Any] = {
        "schema": SCHEMA_ID,
        "generator": {"name": "unspin", "version": __version__},
        "document": {
            "id": doc.id,
            "title": doc.title,
            "source": doc.source,
            "published": doc.published,
            "sha256": doc.sha256,
            "length": len(doc.text),
            "words": doc.word_count,
            **{k: v for k, v in doc.meta.items() if k in ("format", "author", "outlet", "url")},
        },
        "pipeline": list(doc.meta.get("pipeline", [])),
        "text": doc.text,
    }
    keys = [*list(REPORT_LISTS), "paragraphs", "entities"]
    keys += sorted(k for k in doc.layer_names if k not in keys and k != "entity_mentions")
    # the pipeline's own specs first; the built-in ones for a document put together by hand
    names = [*(str(c.get("name")) for c in report["pipeline"]), *DEFAULT_PIPELINE]
    declared = {spec.key: spec.serialize for spec in layer_specs(names) if spec.serialize}
    for key in keys:
        serialize = declared.get(key)
        report[key] = serialize(doc) if serialize else _default(doc, key)
    return report


def to_json(report: dict[str, Any], *, indent: int | None = None) -> str:
    return json.dumps(report, ensure_ascii=False, indent=indent)


def assemble_schema(specs: Iterable[LayerSpec]) -> dict[str, Any]:
    """The base contract with each spec's ``schema`` as the schema of its report list."""
    raw = resources.files("unspin.reports").joinpath("report.base.schema.json").read_text(encoding="utf-8")
    schema: dict[str, Any] = json.loads(raw)
    for spec in specs:
        if spec.schema is not None:
            schema["properties"].setdefault(spec.key, copy.deepcopy(dict(spec.schema)))
    return schema


@functools.cache
def load_schema() -> dict[str, Any]:
    """The report contract: the base joined with the layer schemas of every installed component (built-in and
    plugin); built from the default pipeline alone it is the published ``unspin.report/1`` schema."""
    from ..registry import registry

    return assemble_schema(layer_specs(registry.names()))


def _offset_pairs(report: dict[str, Any]) -> Iterator[tuple[str, Any, Any]]:
    """Every (where, start, end) in the report, wherever the schema puts one."""
    for key, value in report.items():
        if not isinstance(value, list):
            continue
        for i, item in enumerate(value):
            yield from _walk(f"{key}[{i}]", item)


def _walk(where: str, item: Any) -> Iterator[tuple[str, Any, Any]]:
    if isinstance(item, list) and len(item) == 2 and all(isinstance(x, int) for x in item):
        yield where, item[0], item[1]
    elif isinstance(item, dict):
        if "start" in item and "end" in item:
            yield where, item["start"], item["end"]
        for k, v in item.items():
            if isinstance(v, dict):
                yield from _walk(f"{where}.{k}", v)
            elif isinstance(v, list) and k in ("mentions", "spans"):
                for j, p in enumerate(v):
                    yield from _walk(f"{where}.{k}[{j}]", p)


def report_errors(report: dict[str, Any]) -> list[str]:
    """Everything wrong with a report: schema violations, hash, offsets."""
    import hashlib

    from jsonschema import Draft202012Validator

    validator = Draft202012Validator(load_schema())
    errors = [
        f"{'/'.join(str(p) for p in e.absolute_path) or '<root>'}: {e.message}"
        for e in sorted(validator.iter_errors(report), key=lambda e: list(map(str, e.absolute_path)))
    ]
    text = report.get("text")
    if isinstance(text, str):
        doc = report.get("document", {})
        if doc.get("sha256") != hashlib.sha256(text.encode("utf-8")).hexdigest():
            errors.append("document/sha256: is not the sha256 of text")
        if doc.get("length") != len(text):
            errors.append("document/length: is not len(text)")
        for where, start, end in _offset_pairs(report):
            if not (isinstance(start, int) and isinstance(end, int) and 0 <= start <= end <= len(text)):
                errors.append(f"{where}: offsets ({start}, {end}) outside the text (length {len(text)})")
            elif isinstance(report_item := _lookup_text(report, where), str) and report_item != text[start:end]:
                errors.append(f"{where}: 'text' is not text[{start}:{end}]")
    return errors


def _lookup_text(report: dict[str, Any], where: str) -> Any:
    """The ``text`` field of the object at ``where`` (``key[i].sub``), if any."""
    obj: Any = report
    for part in where.replace("]", "").split("."):
        name, _, idx = part.partition("[")
        obj = obj.get(name) if isinstance(obj, dict) else None
        if idx and isinstance(obj, list):
            obj = obj[int(idx)] if int(idx) < len(obj) else None
    return obj.get("text") if isinstance(obj, dict) else None


def validate_report(report: dict[str, Any]) -> None:
    """Raise :class:`ReportError` listing what is wrong, if anything."""
    errors = report_errors(report)
    if errors:
        more = f" (and {len(errors) - 3} more)" if len(errors) > 3 else ""
        raise ReportError(
            f"report does not follow {SCHEMA_ID}: {'; '.join(errors[:3])}{more}",
            "this is a bug in the component that made the layer; run with --debug and report it",
        )
