"""The pipeline: an ordered list of components that each add layers.

Every component declares what it ``requires`` (layers or artifacts earlier
components must have added) and what it ``assigns``.  The pipeline checks the
order when it is built and the contract every time a component runs; a
component that adds a layer it did not declare, forgets one it did, or raises,
fails loudly with a :class:`~unspin.errors.ComponentError` naming itself.

Components that can work on many documents at once (spaCy's ``nlp.pipe``)
override :meth:`Component.pipe`; the default runs ``__call__`` per document.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass
from typing import Any, ClassVar

from .document import Document
from .errors import ComponentError, PipelineError, UnspinError
from .layers import LayerSpec
from .registry import Registry, registry

__all__ = ["DEFAULT_PIPELINE", "Component", "Pipeline"]

#: The components ``unspin analyze`` runs, in order.
DEFAULT_PIPELINE: tuple[str, ...] = (
    "parse.spacy.v1",
    "sentences.spacy.v1",
    "entities.spacy.v1",
    "quotes.rules.v1",
    "claims.minilm.v1",
    "quantities.rules.v1",
    "dates.rules.v1",
    "consistency.rules.v1",
    "relations.rules.v1",
    "chains.rules.v1",
    "techniques.minilm.v1",
)


class Component:
    """Base class for pipeline components.

    Subclasses set ``requires`` and ``assigns`` and implement ``__call__``;
    constructors only store parameters (heavy loading happens on first use).
    ``layers`` says how the layers it adds show in reports (:class:`~unspin.layers.LayerSpec`).
    ``settings`` names the run-wide settings it takes (``unspin analyze --aliases …``), each the keyword of its
    constructor of the same name: :func:`unspin.load_pipeline` passes a setting to every component that takes
    it, so the library knows no component's parameters.
    """

    name: str = "component.base.v0"
    requires: ClassVar[tuple[str, ...]] = ()
    assigns: ClassVar[tuple[str, ...]] = ()
    layers: ClassVar[tuple[LayerSpec, ...]] = ()
    settings: ClassVar[tuple[str, ...]] = ()

    def __call__(self, doc: Document) -> None:
        raise NotImplementedError

    def pipe(self, docs: Iterable[Document], batch_size: int = 16) -> Iterator[Document]:
        for doc in docs:
            self(doc)
            yield doc

    def describe(self) -> dict[str, Any]:
        return {"name": self.name, "requires": list(self.requires), "assigns": list(self.assigns)}

    def validate(self) -> None:
        """Load and check what the settings name (a file, a profile), so that a bad setting fails before any
        article is read.  The default has nothing to check."""


@dataclass(frozen=True)
class _Snapshot:
    text: str
    sizes: dict[str, int]
    artifacts: frozenset[str]


def _snapshot(doc: Document) -> _Snapshot:
    return _Snapshot(doc.text, doc.layer_sizes(), frozenset(doc.artifacts))


def _check_contract(component: Component, doc: Document, before: _Snapshot) -> None:
    if doc.text is not before.text:
        raise ComponentError(component.name, f"changed the text of document {doc.id!r}; components may only add layers")
    after = doc.layer_sizes()
    touched = {k for k, n in after.items() if before.sizes.get(k) != n}
    touched |= set(doc.artifacts) - before.artifacts
    undeclared = touched - set(component.assigns)
    if undeclared:
        raise ComponentError(
            component.name,
            f"added undeclared layer(s) {sorted(undeclared)} to {doc.id!r}",
            "list every layer a component writes in its `assigns`",
        )
    missing = [a for a in component.assigns if not doc.has(a)]
    if missing:
        raise ComponentError(
            component.name,
            f"declared it assigns {missing} but did not add them to {doc.id!r}",
            "add the layer even when it is empty",
        )


class Pipeline:
    """An ordered, checked list of components."""

    def __init__(self, components: Sequence[Component]) -> None:
        self.components: tuple[Component, ...] = tuple(components)
        available: dict[str, str] = {}
        for comp in self.components:
            for need in comp.requires:
                if need not in available:
                    providers = [c.name for c in self.components if need in c.assigns]
                    hint = (
                        f"put {', '.join(providers)} before it"
                        if providers
                        else f"add a component that assigns {need!r}"
                    )
                    raise PipelineError(
                        f"component {comp.name!r} requires {need!r}, which nothing before it assigns", hint
                    )
            for out in comp.assigns:
                available[out] = comp.name

    @classmethod
    def from_names(
        cls,
        names: Sequence[str] = DEFAULT_PIPELINE,
        config: Mapping[str, Mapping[str, Any]] | None = None,
        *,
        reg: Registry | None = None,
    ) -> Pipeline:
        reg = reg or registry
        config = config or {}
        return cls([reg.create(n, **dict(config.get(n, {}))) for n in names])

    @property
    def names(self) -> list[str]:
        return [c.name for c in self.components]

    @property
    def assigns(self) -> set[str]:
        return {a for c in self.components for a in c.assigns}

    def describe(self) -> list[dict[str, Any]]:
        return [c.describe() for c in self.components]

    def validate(self) -> None:
        """Every component's :meth:`Component.validate`, in order; the first bad setting raises."""
        for comp in self.components:
            comp.validate()

    def __call__(self, doc: Document) -> Document:
        for comp in self.components:
            before = _snapshot(doc)
            try:
                comp(doc)
            except UnspinError:
                raise
            except Exception as exc:
                raise ComponentError(comp.name, f"failed on {doc.id!r}: {type(exc).__name__}: {exc}") from exc
            _check_contract(comp, doc, before)
        self._finish(doc)
        return doc

    def pipe(self, docs: Iterable[Document], batch_size: int = 16) -> Iterator[Document]:
        """Stream documents through every component (batched where supported).

        An error aborts the stream; :func:`unspin.api.analyze_documents`
        re-runs a failed batch one document at a time to isolate the culprit.
        """
        stream: Iterable[Document] = docs
        for comp in self.components:
            stream = self._checked(comp, stream, batch_size)
        for doc in stream:
            self._finish(doc)
            yield doc

    @staticmethod
    def _checked(comp: Component, docs: Iterable[Document], batch_size: int) -> Iterator[Document]:
        snapshots: dict[int, _Snapshot] = {}

        def feed() -> Iterator[Document]:
            for doc in docs:
                snapshots[id(doc)] = _snapshot(doc)
                yield doc

        try:
            for doc in comp.pipe(feed(), batch_size=batch_size):
                _check_contract(comp, doc, snapshots.pop(id(doc)))
                yield doc
        except UnspinError:
            raise
        except Exception as exc:
            raise ComponentError(comp.name, f"failed: {type(exc).__name__}: {exc}") from exc

    def _finish(self, doc: Document) -> None:
        doc.meta["pipeline"] = self.describe()
        # Artifacts (parses) are process-local and can be large; a finished
        # document keeps only its serialisable layers.
        doc.artifacts.clear()
