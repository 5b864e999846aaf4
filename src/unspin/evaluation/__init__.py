"""Evaluation against gold data: GUM Wikinews attribution spans and span-level scorers; the real-article gold set
(:mod:`.real_gold`, :mod:`.relations_eval`), the pronoun rules on GUM and LitBank coreference (:mod:`.coref`) and
quotation speakers on LitBank (:mod:`.litbank_quotes`) live in their own modules."""

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
