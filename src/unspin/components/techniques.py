"""Persuasion techniques at character level (component ``techniques.minilm.v1``).

Method: the whole text goes through :class:`unspin.models.techniques.TechniquesModel` (a fine-tuned MiniLM, one
forward pass per window of at most 128 word pieces, as shipped): a tagging head finds the spans, sentence
classifiers keep only those in sentences likely to hold a technique, and a second head names one of the 14
PTC techniques for each (a second technique on the same span when it is also likely).  Every found span
becomes a ``techniques`` span with ``label`` = the technique and attrs ``technique`` and ``score`` (the softmax
probability, in [0, 1]).  Spans may overlap, also with different techniques.

When the claims component ran before it on the same document, the encoder pass it made (with the claims
branch in it, :mod:`unspin.models.claims_branch`) is decoded here instead of a second pass.

Source: trained on the Propaganda Techniques Corpus (SemEval-2020 Task 11) train split, thresholds chosen on
held-out train articles; see the model module for the measured scores.

Limits: PTC is English news; span boundaries in the corpus are loose and annotator agreement is low, so a
found span is a pointer to look at, not a verdict.  The model runs on the text, not on the sentences layer it
requires (which only orders the pipeline: techniques are reported next to sentences); it reads the names of
the ``parse`` artifact, made consistent over the whole text, as one neutral word (:mod:`unspin.models.names`),
so swapping the actors' names changes nothing but the names as far as spaCy finds them.  The model is loaded
once per process.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from ..document import Document, Span
from ..layers import LayerSpec, object_list
from ..pipeline import Component
from .claims import SHARED_PASS
from .parse import hidden_names

__all__ = ["ModelTechniques"]


_TECHNIQUES_SCHEMA = object_list(
    ["start", "end", "technique", "score"],
    {"technique": {"$ref": "#/$defs/technique"}, "score": {"type": "number", "minimum": 0, "maximum": 1}},
    offsets=True,
)


class ModelTechniques(Component):
    """PTC persuasion techniques from the MiniLM techniques model."""

    name = "techniques.minilm.v1"
    requires = ("parse", "sentences")
    assigns = ("techniques",)
    layers = (
        LayerSpec("techniques", "Techniques", "#ffd6d6", order=60, on_by_default=True, schema=_TECHNIQUES_SCHEMA),
    )
    settings = ("fast",)

    def __init__(
        self, weights: str | Path | None = None, min_score: float = 0.0, sentence_gate: bool = True, fast: bool = False
    ) -> None:
        self.weights = weights
        self.min_score = min_score
        self.sentence_gate = sentence_gate and not fast  # fast: the tagger alone, one encoder pass fewer

    def _model(self) -> Any:
        from ..models.techniques import WEIGHTS, load_techniques

        return load_techniques(Path(self.weights) if self.weights else WEIGHTS)

    def __call__(self, doc: Document) -> None:
        model = self._model()
        shared = doc.artifacts.pop(SHARED_PASS, None)  # popped: the analysis is large and read once more
        if shared is not None and shared[0] is model:  # the claims component's pass over this text
            found = model.predict_analysed(shared[1], self.sentence_gate)
        elif doc.text.strip():
            found = model.predict(doc.text, self.sentence_gate, hidden_names(doc, model.names_method))
        else:
            found = []
        spans: list[Span] = []
        for x in found:
            if x.score < self.min_score:
                continue
            score = round(min(1.0, max(0.0, float(x.score))), 4)
            spans.append(
                Span(
                    x.start,
                    x.end,
                    x.technique,
                    self.name,
                    score=score,
                    id=f"T{len(spans) + 1}",
                    attrs={"technique": x.technique, "score": score, "span_score": round(float(x.span_score), 4)},
                )
            )
        doc.add_spans("techniques", spans, component=self.name)
