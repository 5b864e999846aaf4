"""Registry of pipeline components under versioned names.

Names look like ``layer.method.vN`` (``sentences.spacy.v1``).  A saved report
lists the names that made it, so a result can be reproduced: a component
whose behaviour changes gets a new version rather than a silent edit.

Built-in components are found exactly the way a plugin's are: through the
``unspin.components`` entry-point group declared in ``pyproject.toml``.  Each
entry point names a factory (usually the component class) called with the
component's keyword configuration.  :meth:`Registry.register` adds one at run
time (tests, notebooks).
"""

from __future__ import annotations

import difflib
from collections.abc import Callable
from importlib.metadata import EntryPoint, entry_points
from typing import TYPE_CHECKING, Any

from .errors import PipelineError

if TYPE_CHECKING:
    from .pipeline import Component

__all__ = ["ENTRY_POINT_GROUP", "Registry", "registry"]

ENTRY_POINT_GROUP = "unspin.components"

Factory = Callable[..., "Component"]


class Registry:
    """Maps versioned component names to factories; loads entry points lazily."""

    def __init__(self, group: str = ENTRY_POINT_GROUP) -> None:
        self.group = group
        self._factories: dict[str, Factory] = {}
        self._entry_points: dict[str, EntryPoint] = {}
        self._loaded = False

    def _load_entry_points(self) -> None:
        if self._loaded:
            return
        self._loaded = True
        for ep in entry_points(group=self.group):
            self._entry_points[ep.name] = ep

    def register(self, name: str, factory: Factory | None = None) -> Any:
        """Register ``factory`` under ``name``; usable as a decorator."""
        _check_name(name)

        def deco(f: Factory) -> Factory:
            self._factories[name] = f
            return f

        return deco(factory) if factory is not None else deco

    def names(self) -> list[str]:
        self._load_entry_points()
        return sorted(set(self._factories) | set(self._entry_points))

    def factory(self, name: str) -> Factory:
        self._load_entry_points()
        # Names registered at run time win over installed entry points.
        if name in self._factories:
            return self._factories[name]
        if name in self._entry_points:
            found: Factory = self._entry_points[name].load()
            self._factories[name] = found
            return found
        close = difflib.get_close_matches(name, self.names(), n=3)
        hint = f"did you mean {', '.join(close)}?" if close else "run `unspin components` to list them"
        raise PipelineError(f"no component registered as {name!r}", hint)

    def create(self, name: str, **config: Any) -> Component:
        component = self.factory(name)(**config)
        if getattr(component, "name", None) != name:
            # A factory may serve several names; the instance must carry the
            # name it was created under so reports cite it exactly.
            try:
                component.name = name
            except AttributeError:
                raise PipelineError(f"component factory for {name!r} made an object without a settable name") from None
        return component


def _check_name(name: str) -> None:
    parts = name.split(".")
    if len(parts) < 2 or not parts[-1].startswith("v") or not parts[-1][1:].isdigit():
        raise PipelineError(
            f"component name {name!r} is not versioned",
            "use 'layer.method.vN', e.g. 'sentences.spacy.v1'",
        )


registry = Registry()
