"""Layer specs: a layer declared next to its component shows in JSON, HTML and Markdown.

The toy plugin below is installed the way any package is found (a ``.dist-info`` folder with an
``unspin.components`` entry point on ``sys.path``); nothing in unspin names it.
"""

from __future__ import annotations

import importlib
import json
import textwrap
from collections.abc import Iterator
from importlib import resources
from pathlib import Path

import pytest

from unspin import Document, Pipeline, build_report, validate_report
from unspin.errors import PipelineError
from unspin.layers import LayerItem, LayerMark, LayerSpec, layer_specs
from unspin.registry import registry
from unspin.reports import load_schema, render, report_errors

PLUGIN = """
from unspin.document import Span
from unspin.layers import LayerMark, LayerSpec
from unspin.pipeline import Component


def _marks(report):
    for i, h in enumerate(report.get("hedges", [])):
        yield LayerMark(h["start"], h["end"], "hedge: " + h["word"], i)


class Hedges(Component):
    name = "hedges.toy.v1"
    assigns = ("hedges",)
    layers = (
        LayerSpec(
            "hedges",
            "Hedges",
            "#fde2e4",
            serialize=lambda doc: [
                {"start": s.start, "end": s.end, "word": doc.text[s.start : s.end]} for s in doc.spans("hedges")
            ],
            schema={"type": "array", "items": {"type": "object", "required": ["word"],
                                                "properties": {"word": {"type": "string"}}}},
            marks=_marks,
        ),
    )

    def __call__(self, doc):
        start = doc.text.find("allegedly")
        doc.add_spans("hedges", [Span(start, start + 9, "hedge", self.name)], component=self.name)
"""


@pytest.fixture
def toy_plugin(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    (tmp_path / "toy_hedges.py").write_text(textwrap.dedent(PLUGIN), encoding="utf-8")
    dist = tmp_path / "toy_hedges-0.1.dist-info"
    dist.mkdir()
    (dist / "METADATA").write_text("Metadata-Version: 2.1\nName: toy-hedges\nVersion: 0.1\n", encoding="utf-8")
    (dist / "entry_points.txt").write_text("[unspin.components]\nhedges.toy.v1 = toy_hedges:Hedges\n", "utf-8")
    monkeypatch.syspath_prepend(str(tmp_path))
    importlib.invalidate_caches()
    # the registry reads the entry points once; let it read them again with the plugin installed
    monkeypatch.setattr(registry, "_loaded", False)
    monkeypatch.setattr(registry, "_entry_points", {})
    monkeypatch.setattr(registry, "_factories", {})
    load_schema.cache_clear()  # the contract takes in the installed layers' schemas
    yield
    load_schema.cache_clear()


def test_a_plugin_layer_shows_in_json_html_and_markdown(toy_plugin: None) -> None:
    doc = Pipeline.from_names(["hedges.toy.v1"])(Document("They <b>allegedly</b> paid the bill.\n", id="toy"))
    report = json.loads(render(build_report(doc), "json"))
    assert report["hedges"] == [{"start": 8, "end": 17, "word": "allegedly"}]  # the spec's serializer
    validate_report(report)
    assert report_errors({**report, "hedges": [{"start": 8, "end": 17, "word": 5}]})  # the plugin's own schema

    html = render(report, "html")
    assert '<input class="t" type="checkbox" id="t-hedges">' in html  # a toggle, off by default
    assert ".l-hedges{background:#fde2e4}" in html
    assert 'id="hedges-0"></a><span class="l-hedges" title="hedge: allegedly">allegedly</span>' in html
    # the section lists the item, linked to its place in the text
    assert (
        '<section id="panel-hedges"><h2>Hedges <small>(1)</small></h2><ol><li><a href="#hedges-0">allegedly</a>' in html
    )
    assert "&lt;b&gt;" in html and "<b>allegedly" not in html  # article text stays text

    md = render(report, "md")
    assert "## Hedges (1)" in md
    assert "- allegedly [8–17]" in md


def test_a_layer_spec_checks_itself() -> None:
    with pytest.raises(PipelineError, match="not a lower-case identifier"):
        LayerSpec("Hedges", "Hedges")
    with pytest.raises(PipelineError, match="is not #rrggbb"):
        LayerSpec("hedges", "Hedges", "red")
    with pytest.raises(PipelineError, match="has no title"):
        LayerSpec("hedges", " ")


def test_marks_outside_the_text_are_dropped_and_items_default_to_words() -> None:
    spec = LayerSpec("notes", "Notes", marks=lambda r: [LayerMark(0, 4, "ok"), LayerMark(3, 99, "out")])
    report = {"text": "Four words of text", "notes": [{"start": 0, "end": 4, "label": "n"}, {"start": 5}]}
    assert [m.title for m in spec.layer_marks(report)] == ["ok"]
    assert spec.layer_items(report) == [LayerItem("Four", 0, 4, ("n",), index=0)]


def test_built_in_claims_use_the_same_extension_point() -> None:
    specs = layer_specs(["claims.minilm.v1", "no.such.v1"])
    assert [s.key for s in specs] == ["claims", "findings"]
    report = {"text": "Taxes rose.", "claims": [{"id": "C1", "start": 0, "end": 11, "support": "asserted"}]}
    (mark,) = specs[0].layer_marks(report)
    assert (mark.start, mark.end, mark.title, mark.index) == (0, 11, "claim C1: asserted", 0)


def test_every_built_in_report_list_is_declared_by_the_component_that_adds_it() -> None:
    """The built-in layers use the extension point a plugin uses: each list of the published contract (but the
    document's own fields) has a spec, declared by a component of the default pipeline that assigns it."""
    from unspin.pipeline import DEFAULT_PIPELINE
    from unspin.registry import registry

    base = json.loads(resources.files("unspin.reports").joinpath("report.base.schema.json").read_text("utf-8"))
    lists = {*base["required"], "entities"} - {"schema", "document", "text"}
    declared: dict[str, set[str]] = {}
    for name in DEFAULT_PIPELINE:
        factory = registry.factory(name)
        for spec in factory.layers:
            assert spec.key in factory.assigns, f"{name} declares {spec.key} but does not add it"
            declared.setdefault(spec.key, set()).add(name)
    assert lists <= set(declared), f"no spec for {sorted(lists - set(declared))}"
    assert {k: v for k, v in declared.items() if k != "findings" and len(v) > 1} == {}  # one owner per layer
