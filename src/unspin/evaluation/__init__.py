"""Evaluation against gold data: GUM Wikinews attribution spans and span-level scorers."""

from __future__ import annotations

from .gum import MODES, PRF, GoldAttribution, GumDocument, Span, corpus_prf, load_gum, span_prf, trim_span

__all__ = [
    "MODES",
    "PRF",
    "GoldAttribution",
    "GumDocument",
    "Span",
    "corpus_prf",
    "load_gum",
    "span_prf",
    "trim_span",
]
