"""Pipeline contract and registry, with hand-made components (no model)."""

from __future__ import annotations

from typing import ClassVar

import pytest

from unspin import ComponentError, Document, Pipeline, PipelineError, Registry, Span
from unspin.api import analyze_many
from unspin.pipeline import DEFAULT_PIPELINE, Component
from unspin.registry import registry


class Words(Component):
    name = "words.test.v1"
    assigns: ClassVar[tuple[str, ...]] = ("words",)

    def __call__(self, doc: Document) -> None:
        spans, pos = [], 0
        for w in doc.text.split():
            start = doc.text.index(w, pos)
            pos = start + len(w)
            spans.append(Span(start, pos, "word", self.name))
        doc.add_spans("words", spans, component=self.name)


class LongWords(Component):
    name = "long.test.v1"
    requires: ClassVar[tuple[str, ...]] = ("words",)
    assigns: ClassVar[tuple[str, ...]] = ("long",)

    def __call__(self, doc: Document) -> None:
        doc.add_spans(
            "long",
            [Span(s.start, s.end, "long", self.name) for s in doc.spans("words") if s.end - s.start > 4],
            component=self.name,
        )


class Forgetful(Component):
    name = "forgetful.test.v1"
    assigns: ClassVar[tuple[str, ...]] = ("promised",)

    def __call__(self, doc: Document) -> None:
        pass


class Sneaky(Component):
    name = "sneaky.test.v1"
    assigns: ClassVar[tuple[str, ...]] = ("declared",)

    def __call__(self, doc: Document) -> None:
        doc.add_spans("declared", [], component=self.name)
        doc.add_spans("undeclared", [], component=self.name)


class Crashing(Component):
    name = "crashing.test.v1"
    assigns: ClassVar[tuple[str, ...]] = ("x",)

    def __call__(self, doc: Document) -> None:
        if "boom" in doc.text:
            raise ValueError("cannot handle boom")
        doc.add_spans("x", [], component=self.name)


def test_components_add_layers_in_order() -> None:
    doc = Pipeline([Words(), LongWords()])(Document("the militia became a brotherhood", id="d"))
    assert [doc.text[s.start : s.end] for s in doc.spans("long")] == ["militia", "became", "brotherhood"]
    assert [c["name"] for c in doc.meta["pipeline"]] == ["words.test.v1", "long.test.v1"]


def test_unmet_requirement_fails_at_build_naming_both() -> None:
    with pytest.raises(PipelineError, match=r"'long.test.v1' requires 'words'.*put words.test.v1 before it"):
        Pipeline([LongWords(), Words()])


def test_missing_declared_layer_fails_naming_component() -> None:
    with pytest.raises(ComponentError, match=r"forgetful.test.v1.*did not add"):
        Pipeline([Forgetful()])(Document("text", id="d"))


def test_undeclared_layer_fails_naming_component() -> None:
    with pytest.raises(ComponentError, match=r"sneaky.test.v1.*undeclared.*'undeclared'"):
        Pipeline([Sneaky()])(Document("text", id="d"))


def test_exception_inside_component_is_wrapped_with_its_name() -> None:
    with pytest.raises(ComponentError, match=r"crashing.test.v1.*ValueError: cannot handle boom"):
        Pipeline([Crashing()])(Document("boom", id="d"))


def test_streaming_checks_the_contract_too() -> None:
    with pytest.raises(ComponentError, match=r"sneaky\.test\.v1"):
        list(Pipeline([Sneaky()]).pipe([Document("a", id="a")]))


def test_analyze_many_isolates_the_failing_document() -> None:
    docs = [Document(t, id=t) for t in ("fine", "boom", "also fine")]
    results = list(analyze_many(docs, Pipeline([Words(), Crashing()]), batch_size=3))
    assert [d.id for d, _ in results] == ["fine", "boom", "also fine"]
    assert [err is None for _, err in results] == [True, False, True]
    assert results[0][0].spans("words")  # good ones still fully analysed


def test_registry_versioned_names_and_suggestions() -> None:
    reg = Registry(group="unspin.test.none")
    reg.register("words.test.v1", Words)
    assert isinstance(reg.create("words.test.v1"), Words)
    with pytest.raises(PipelineError, match="not versioned"):
        reg.register("words", Words)
    with pytest.raises(PipelineError, match=r"did you mean words\.test\.v1"):
        reg.create("words.test.v2")


def test_builtins_come_through_the_plugin_entry_points() -> None:
    # The installed package declares its components exactly as a plugin would.
    assert set(DEFAULT_PIPELINE) <= set(registry.names())
    pipeline = Pipeline.from_names()
    assert pipeline.names == list(DEFAULT_PIPELINE)
    assert {"sentences", "paragraphs", "entities", "entity_mentions"} <= pipeline.assigns


def test_settings_reach_only_the_components_that_declare_them(monkeypatch: pytest.MonkeyPatch) -> None:
    from unspin.api import load_pipeline

    monkeypatch.setattr(registry, "_factories", dict(registry._factories))  # registrations end with the test

    class Takes(Component):
        name = "takes.test.v1"
        settings = ("aliases",)

        def __init__(self, aliases: str | None = None) -> None:
            self.aliases = aliases

    class Ignores(Component):
        name = "ignores.test.v1"

    registry.register("takes.test.v1", Takes)
    registry.register("ignores.test.v1", Ignores)
    pipeline = load_pipeline(["takes.test.v1", "ignores.test.v1"], aliases="mine.yaml", perspective="P1")
    takes, ignores = pipeline.components
    assert isinstance(takes, Takes) and takes.aliases == "mine.yaml"
    assert isinstance(ignores, Ignores)
