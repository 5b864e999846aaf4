"""Check-worthy claims with voice and support (component ``claims.minilm.v1``).

Every sentence is scored by the check-worthiness branch of the techniques
model's encoder pass (:mod:`unspin.models.claims_branch`: the article is
encoded once, the pass is kept in ``doc.artifacts`` for the techniques
component); sentences at or above its threshold (chosen on held-out train)
become ``claims`` (except a dateline alone on its line, "Published 9 June
2030.": when the article appeared is no claim to check) with:

* ``checkworthy``: the model's probability;
* ``voice``: ``quoted`` when the ``voice`` layer says the sentence is a
  quotation, else ``author`` (paraphrased reasoning is the author's telling;
  its source is kept in ``attributed_to``);
* ``support``, first rule that fits:
  ``question`` (ends with "?"); ``speculative`` ("If I were …, I would
  wonder …", "what remains open to guesswork", "one can only speculate");
  ``sourced`` (inside a quotation — ``quote_ids`` lists them — or reported
  from a named source); ``hedged`` ("supposedly", "reportedly", "allegedly",
  "apparently", "may have", "assuming, of course, that … is accurate");
  else ``asserted``.

Findings: one ``unsourced_claim`` listing the check-worthy claims the author
asserts in their own voice with no source, and one ``speculation`` per
speculative sentence.

Limits: the model is trained on debate sentences (see its module), the
support rules are word lists, and a sentence is the unit (a claim inside a
long sentence is not cut out).
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Mapping
from pathlib import Path
from typing import Any

from ..document import Document, Group, Span
from ..layers import LayerItem, LayerMark, LayerSpec, excerpt, object_list
from ..pipeline import Component
from .findings_layer import FINDINGS
from .parse import hidden_names
from .quote_grammar import spans_by_sentence

__all__ = ["DATELINE_SENTENCE", "HEDGES", "SPECULATION", "ModelClaims", "support_of"]

#: A sentence that only says when the article appeared ("Published 9 June 2030.", "*Updated: March 3, 2018*",
#: "Posted on 12/01/2019 by …"): the dates layer reads it as the time of writing; it is no claim.
_DATE_WORD = (
    r"(?:\d[\d/.:-]*(?:st|nd|rd|th)?|jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?"
    r"|sept?(?:ember)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?|(?:mon|tues|wednes|thurs|fri|satur|sun)day|at|am|pm"
    r"|a\.m|p\.m|gmt|utc|[ecmp][sd]?t)\.?,?"
)
DATELINE_SENTENCE = re.compile(
    rf"^[\W_]*(?:first\s+)?(?:published|updated|posted|dated)[\s:,]*(?:by\s+[^\n.!?:\d]{{1,60}}?\s+)?(?:on\s+)?(?=[^\n]*\d)"
    rf"{_DATE_WORD}(?:\s+{_DATE_WORD})*(?:\s+by\s+[^\n.!?]{{1,60}})?[\W_]*$",
    re.IGNORECASE,
)

HEDGES = re.compile(
    r"\b(?:supposedly|reportedly|allegedly|apparently|purportedly|ostensibly|seemingly|"
    r"(?:may|might|could) have|is said to|are said to|was said to|were said to|"
    r"it is claimed|it was claimed|assuming,? of course,? that|if (?:the|these|those) (?:reports?|figures?|accounts?) "
    r"(?:is|are) (?:accurate|true|correct))\b",
    re.IGNORECASE,
)
SPECULATION = re.compile(
    r"\b(?:if i were\b.*\bwould\b|i would wonder|one (?:can|could|might) (?:only )?(?:speculate|wonder|imagine)|"
    r"open to guesswork|it is tempting to (?:think|believe|conclude)|i suspect|i can only guess|"
    r"who knows whether|one wonders)",
    re.IGNORECASE,
)


def support_of(sentence: str, *, quoted: bool, reported: bool) -> str:
    """The support status of one sentence (rules in the module docstring)."""
    if sentence.rstrip().rstrip("\"'”’)").endswith("?"):
        return "question"
    if SPECULATION.search(sentence):
        return "speculative"
    if quoted or reported:
        return "sourced"
    if HEDGES.search(sentence):
        return "hedged"
    return "asserted"


#: The ``claims`` list of the report contract.
_CLAIMS_SCHEMA = object_list(
    ["id", "start", "end", "checkworthy", "voice", "support"],
    {
        "id": {"type": "string"},
        "checkworthy": {"type": "number", "minimum": 0, "maximum": 1},
        "voice": {"enum": ["author", "quoted"]},
        "support": {"$ref": "#/$defs/support"},
        "quote_ids": {"type": "array", "items": {"type": "string"}},
    },
    offsets=True,
)


def _claim_items(report: Mapping[str, Any]) -> Iterator[tuple[int, Mapping[str, Any]]]:
    for i, c in enumerate(report.get("claims") or []):
        if isinstance(c.get("start"), int) and isinstance(c.get("end"), int):
            yield i, c


def _claim_marks(report: Mapping[str, Any]) -> Iterator[LayerMark]:
    for i, c in _claim_items(report):
        yield LayerMark(c["start"], c["end"], f"claim {c.get('id', '')}: {c.get('support', '')}", i)


def _claim_lines(report: Mapping[str, Any]) -> Iterator[LayerItem]:
    """The claim's words; its support as a tag; its voice and check-worthiness."""
    text = str(report.get("text") or "")
    for i, c in _claim_items(report):
        voice = "" if c.get("voice") is None else str(c.get("voice"))
        yield LayerItem(
            excerpt(text, c["start"], c["end"]),
            c["start"],
            c["end"],
            ("" if c.get("support") is None else str(c.get("support")),),
            f"{voice}, check-worthy {float(c.get('checkworthy', 0)):.2f}",
            i,
        )


#: ``doc.artifacts`` key of the encoder pass the claims component made: ``(techniques model, analysis)``.
SHARED_PASS = "minilm.pass"


class ModelClaims(Component):
    """Check-worthy claims from the MiniLM check-worthiness branch of the techniques model's encoder pass
    (:mod:`unspin.models.claims_branch`)."""

    name = "claims.minilm.v1"
    requires = ("sentences", "quotes", "voice", "reported")
    assigns = ("claims", "findings", SHARED_PASS)
    layers = (
        LayerSpec(
            "claims",
            "Claims",
            "#dff5e1",
            order=70,
            schema=_CLAIMS_SCHEMA,
            marks=_claim_marks,
            items=_claim_lines,
        ),
        FINDINGS,
    )

    def __init__(self, weights: str | Path | None = None, threshold: float | None = None) -> None:
        self.weights = weights
        self.threshold = threshold

    def _model(self) -> Any:
        from ..models.claims_branch import WEIGHTS, load_claims_branch

        return load_claims_branch(Path(self.weights) if self.weights else WEIGHTS)

    def __call__(self, doc: Document) -> None:
        text = doc.text
        sentences = sorted(doc.spans("sentences"), key=lambda s: s.start)
        model = self._model()
        probs: list[float] = []
        doc.artifacts[SHARED_PASS] = None  # nothing to share for a blank text
        if text.strip():
            # The techniques model's encoder pass with this model's branch in it, kept for the techniques
            # component (SHARED_PASS), so the article is encoded once for both.
            an = model.analyse(text, hidden_names(doc, model.names_method))
            probs = model.scores(an, [(s.start, s.end) for s in sentences])
            an.branch = None  # read: what the techniques component needs is the rest
            doc.artifacts[SHARED_PASS] = (model.techniques, an)
        threshold = self.threshold if self.threshold is not None else model.threshold
        voices = {(v.start, v.end): v for v in doc.spans("voice")}
        quotes = [q for q in doc.spans("quotes") if not q.attrs.get("phrase")]
        reported = list(doc.spans("reported"))
        claims: list[Span] = []
        findings: list[Group] = []
        unsourced: list[tuple[int, int]] = []
        # Only the quotations and reported speech that overlap a sentence are looked at (a scan of all of them
        # for every sentence made texts of many short lines quadratic).
        near_quotes, near_reported = spans_by_sentence(sentences, quotes), spans_by_sentence(sentences, reported)
        for s, p, quotes_here, reported_here in zip(sentences, probs, near_quotes, near_reported, strict=True):
            body = text[s.start : s.end]
            v = voices.get((s.start, s.end))
            voice_label = v.label if v is not None else "author"
            inside = [q.id for q in quotes_here if q.id]
            rep = [r for r in reported_here if s.start <= r.start and r.end <= s.end]
            support = support_of(body, quoted=voice_label == "quoted" or bool(inside), reported=bool(rep))
            if support == "speculative":
                findings.append(
                    Group(
                        id=f"SP{len(findings) + 1}",
                        label="speculation",
                        component=self.name,
                        name=f"Speculation presented as reasoning: “{_short(body)}”",
                        spans=((s.start, s.end),),
                        attrs={"severity": "info"},
                    )
                )
            if p < threshold or DATELINE_SENTENCE.match(body):
                continue
            attributed_to = v.attrs.get("source_id") if v is not None else None
            if rep and attributed_to is None:
                attributed_to = rep[0].attrs.get("source_id")
            claims.append(
                Span(
                    s.start,
                    s.end,
                    "claim",
                    self.name,
                    score=round(float(p), 4),
                    id=f"C{len(claims) + 1}",
                    attrs={
                        "checkworthy": round(float(p), 4),
                        "voice": "quoted" if voice_label == "quoted" else "author",
                        "support": support,
                        "quote_ids": inside,
                        "attributed_to": attributed_to,
                    },
                )
            )
            if voice_label == "author" and support == "asserted":
                unsourced.append((s.start, s.end))
        if unsourced:
            findings.append(
                Group(
                    id="UC1",
                    label="unsourced_claim",
                    component=self.name,
                    name=f"{len(unsourced)} check-worthy claim(s) in the author's own voice cite no source",
                    spans=tuple(unsourced),
                    attrs={"severity": "info"},
                )
            )
        doc.add_spans("claims", claims, component=self.name)
        doc.add_groups("findings", findings, component=self.name)


def _short(s: str, limit: int = 100) -> str:
    s = " ".join(s.split())
    return s if len(s) <= limit else s[: limit - 1] + "…"
