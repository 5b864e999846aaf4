"""Analysis of Competing Hypotheses (ACH): the case data model and its file format.

Method.  ACH (Heuer 1999, *Psychology of Intelligence Analysis*, ch. 8) lays
every plausible hypothesis side by side and rates each piece of evidence
against each of them: very consistent (CC), consistent (C), neutral (N),
inconsistent (I), very inconsistent (II) or not applicable (NA).  The
hypothesis with the least evidence *against* it is the one to prefer; evidence
that fits every hypothesis is not diagnostic.  PARC ACH 2.0 and Open Synthesis
add a credibility and a relevance to each item; Open Synthesis adds sources
graded on the Admiralty (NATO) scale and perspectives that trust sources
differently.  This module holds the data; :mod:`unspin.ach.scoring` scores it.

A case file (YAML or JSON; the dictionary is the same)::

    title: Who is responsible for the attack on Marvik Central Station?
    hypotheses:
      - {id: H1, text: The Brotherhood of the Ash acted on its own}
    sources:
      - {id: S1, name: Meridian Ledger, reliability: B}    # A–F, default F (cannot be judged)
    evidence:
      - id: E1
        text: The Brotherhood claimed the attack the same night.
        source: S1                                  # optional
        credibility: "2"                            # 1–6, default "6" (cannot be judged)
        relevance: high                             # high | medium | low, default medium
        ratings: {H1: CC, H2: I}                    # CC C N I II NA; a hypothesis left out = NA
        likelihoods: {H1: 0.9, H2: 0.2}             # optional P(E|H) for the Bayesian score
        base_rate: 0.4                              # optional q, see unspin.ach.scoring
        quote: {report: station_bombing.md, start: 120, end: 480}   # optional (document, sha256 too)
        notes: Checked against the port log.        # optional
    priors: {H1: 0.5, H2: 0.5}                      # optional; uniform when left out
    perspectives:
      - {id: P1, name: Trusts the Ledger, trust: {S1: A}}   # overrides the sources' reliability

Canonical form.  Loading checks everything (unknown or duplicate ids, bad
grades, ratings, probabilities, missing fields, unknown fields) and raises
:class:`~unspin.errors.ConfigError` naming ``file:line`` and the item.  What
is kept is canonical, so that import, export and the database round-trip
losslessly: ratings are upper case with ``NA`` entries dropped (left out and
``NA`` mean the same), ratings, likelihoods and priors follow the order of the
hypotheses, trust follows the order of the sources, numbers are floats,
grades are strings, a source or perspective without a name is named by its
id, and priors are normalised to sum to 1.  Constructing a :class:`Case`
directly runs the same checks (messages then say ``case:`` instead of a line).

Limits.  Line numbers come from PyYAML's composer (libyaml's where PyYAML has
it; the pure-Python one is several times slower on large files).  JSON is
parsed by :mod:`json` and located through the same composer (JSON is YAML)
only when there is an error to report, so a JSON file PyYAML cannot compose is
reported without a line, by item id.  The model does not judge whether the
hypotheses are mutually exclusive and exhaustive, as ACH assumes (Heuer): add
an "other / unknown" hypothesis yourself.  The dataclasses are frozen but hold
dicts, so a :class:`Case` is not hashable, and mutating its dicts bypasses
validation: build a new one (``dataclasses.replace``) instead.
``Case.version`` is a storage counter, not part of the file format and
ignored by ``==``.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from dataclasses import dataclass, field
from typing import Any

from ..errors import ConfigError

__all__ = [
    "CREDIBILITIES",
    "FORMATS",
    "RATINGS",
    "RELEVANCES",
    "RELIABILITIES",
    "Case",
    "Evidence",
    "Hypothesis",
    "Perspective",
    "QuoteLink",
    "Source",
    "case_to_dict",
    "trusted",
]

RATINGS = ("CC", "C", "N", "I", "II", "NA")
RELIABILITIES = ("A", "B", "C", "D", "E", "F")
CREDIBILITIES = ("1", "2", "3", "4", "5", "6")
RELEVANCES = ("high", "medium", "low")
FORMATS = ("yaml", "json")


# -- the model --------------------------------------------------------------


@dataclass(frozen=True)
class Hypothesis:
    """One explanation under test."""

    id: str
    text: str


@dataclass(frozen=True)
class Source:
    """Where evidence comes from, with its Admiralty reliability (A–F; F = cannot be judged)."""

    id: str
    name: str
    reliability: str = "F"


@dataclass(frozen=True)
class QuoteLink:
    """The passage of an analysed article an evidence item rests on (character offsets, end exclusive).

    ``report`` names the report (an absolute path when taken from a report file); ``document`` and ``sha256``
    are the analysed article's id and text hash, which find the passage again wherever the report moves."""

    report: str
    start: int
    end: int
    document: str | None = None
    sha256: str | None = None


@dataclass(frozen=True)
class Evidence:
    """One item of evidence (or an assumption, or an absence of evidence), rated against every hypothesis.

    ``ratings`` maps hypothesis ids to CC, C, N, I or II (a hypothesis left
    out is NA); ``likelihoods`` maps hypothesis ids to P(E|H) for the Bayesian
    score (empty: the item takes no part in it).
    """

    id: str
    text: str
    source: str | None = None
    credibility: str = "6"
    relevance: str = "medium"
    ratings: dict[str, str] = field(default_factory=dict)
    likelihoods: dict[str, float] = field(default_factory=dict)
    base_rate: float | None = None
    quote: QuoteLink | None = None
    notes: str = ""  #: the analyst's notes on the item

    def rating(self, hypothesis: str) -> str:
        """The rating against ``hypothesis``: NA when not rated."""
        return self.ratings.get(hypothesis, "NA")


@dataclass(frozen=True)
class Perspective:
    """A point of view that trusts some sources differently: ``trust`` maps source ids to A–F."""

    id: str
    name: str
    trust: dict[str, str] = field(default_factory=dict)


_TRUSTED: ContextVar[bool] = ContextVar("unspin_ach_trusted", default=False)


@contextmanager
def trusted() -> Iterator[None]:
    """Build cases without checking them again: the case-file parser has checked every field already."""
    token = _TRUSTED.set(True)
    try:
        yield
    finally:
        _TRUSTED.reset(token)


@dataclass(frozen=True)
class Case:
    """An ACH case: hypotheses, sources, evidence, optional priors and perspectives.

    Constructing one validates it and brings it into canonical form (see the
    module docstring); an invalid case raises :class:`~unspin.errors.ConfigError`.
    ``priors`` is ``None`` for uniform priors.  ``version`` is the storage
    counter (for optimistic locking); it is not written to files and ``==``
    ignores it.
    """

    title: str
    hypotheses: tuple[Hypothesis, ...]
    sources: tuple[Source, ...] = ()
    evidence: tuple[Evidence, ...] = ()
    priors: dict[str, float] | None = None
    perspectives: tuple[Perspective, ...] = ()
    version: int = field(default=0, compare=False)

    def __post_init__(self) -> None:
        if _TRUSTED.get():
            return
        from .case_file import _Lines, _Parser  # the case-file checks are the one validator; imported late (cycle)

        parts = _Parser(_Lines("case")).parse(case_to_dict(self))
        for name, value in parts.items():
            object.__setattr__(self, name, value)

    @property
    def hypothesis_ids(self) -> tuple[str, ...]:
        return tuple(h.id for h in self.hypotheses)

    def source(self, sid: str) -> Source:
        """The source with id ``sid``."""
        for s in self.sources:
            if s.id == sid:
                return s
        raise ConfigError(f"no source {sid!r} in case {self.title!r}", f"known: {_known(self.sources)}")

    def perspective(self, pid: str) -> Perspective:
        """The perspective with id ``pid``."""
        for p in self.perspectives:
            if p.id == pid:
                return p
        raise ConfigError(f"no perspective {pid!r} in case {self.title!r}", f"known: {_known(self.perspectives)}")

    def prior(self, hypothesis: str) -> float:
        """The (normalised) prior of ``hypothesis``; uniform when the case gives none."""
        if self.priors is None:
            return 1.0 / len(self.hypotheses)
        return self.priors[hypothesis]


def _known(items: tuple[Source, ...] | tuple[Perspective, ...]) -> str:
    return ", ".join(i.id for i in items) or "none defined"


# -- to and from dictionaries -------------------------------------------------


def case_to_dict(case: Case) -> dict[str, Any]:
    """The case-file dictionary of ``case`` (canonical; plain str/float/int/list/dict, JSON-ready)."""
    data: dict[str, Any] = {
        "title": case.title,
        "hypotheses": [{"id": h.id, "text": h.text} for h in case.hypotheses],
        "sources": [{"id": s.id, "name": s.name, "reliability": s.reliability} for s in case.sources],
        "evidence": [_evidence_to_dict(e) for e in case.evidence],
    }
    if case.priors is not None:
        data["priors"] = dict(case.priors)
    data["perspectives"] = [{"id": p.id, "name": p.name, "trust": dict(p.trust)} for p in case.perspectives]
    return data


def _evidence_to_dict(e: Evidence) -> dict[str, Any]:
    item: dict[str, Any] = {"id": e.id, "text": e.text}
    if e.source is not None:
        item["source"] = e.source
    item["credibility"] = e.credibility
    item["relevance"] = e.relevance
    item["ratings"] = dict(e.ratings)
    if e.likelihoods:
        item["likelihoods"] = dict(e.likelihoods)
    if e.base_rate is not None:
        item["base_rate"] = e.base_rate
    if e.notes:
        item["notes"] = e.notes
    if e.quote is not None:
        q = e.quote
        item["quote"] = {"report": q.report, "start": q.start, "end": q.end}
        if q.document is not None:
            item["quote"]["document"] = q.document
        if q.sha256 is not None:
            item["quote"]["sha256"] = q.sha256
    return item
