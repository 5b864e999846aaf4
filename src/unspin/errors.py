"""The one error catalogue of unspin.

Every error a user can meet is a subclass of :class:`UnspinError`.  Each one
renders as a single line that says what went wrong, where, and what to do
next; the CLI prints that line (no traceback unless ``--debug``) and exits
non-zero.  Library callers can catch the specific subclass.
"""

from __future__ import annotations

__all__ = [
    "ComponentError",
    "ConfigError",
    "ConflictError",
    "InputError",
    "PipelineError",
    "ReportError",
    "StoreError",
    "UnspinError",
]


class UnspinError(Exception):
    """Base class: a one-line, user-facing message plus what to do next."""

    def __init__(self, message: str, hint: str | None = None) -> None:
        self.message = message
        self.hint = hint
        super().__init__(self.line())

    def line(self) -> str:
        """The single line shown to the user."""
        text = " ".join(self.message.split())
        if self.hint:
            return f"{text} — {' '.join(self.hint.split())}"
        return text


class InputError(UnspinError):
    """An input (file, stdin, one line of a .jsonl) that cannot be analysed.

    ``where`` names the file, or ``file:line`` for one line of a corpus.
    """

    def __init__(self, where: str, reason: str, hint: str | None = None) -> None:
        self.where = where
        self.reason = reason
        super().__init__(f"{where}: {reason}", hint)


class ComponentError(UnspinError):
    """A pipeline component broke its contract or failed; names the component."""

    def __init__(self, component: str, problem: str, hint: str | None = None) -> None:
        self.component = component
        self.problem = problem
        super().__init__(f"component {component!r}: {problem}", hint)


class PipelineError(UnspinError):
    """The pipeline itself is mis-assembled (unknown name, unmet requirement)."""


class ConfigError(UnspinError):
    """A configuration value or user-supplied settings file is invalid."""


class ConflictError(UnspinError):
    """A write lost an optimistic-concurrency race: someone else changed the case first."""


class StoreError(UnspinError):
    """The case database cannot be opened, read or written."""


class ReportError(UnspinError):
    """A report could not be built, validated or written."""
