"""Checks that an article's numbers and dates agree with each other (``consistency.rules.v1``).

Reads the ``quantities`` and ``dates`` layers (see
:mod:`unspin.components.quantities` and :mod:`unspin.components.dates`) and
adds findings to the shared ``findings`` group layer: label = kind, name = a
one-sentence message, spans = the places, ``attrs.severity`` ``warning`` or
``info`` plus the details named below.

**number_conflict.**  Figures are compared when they count the same thing:
the same casualty-type ``measure`` (killed, injured, missing, arrested,
detained, abducted, evacuated, displaced, rescued, casualties) and the same
``group`` ("children" are not compared with "people").  Figures that count
part of a group ("including three children"), add to another ("12 more") or
sit in a conditional ("would have been more than a thousand") are left out.  They are about the same event when:

* the figures of that measure name at most one event class between them
  (``about`` read through :data:`~unspin.components.quantity_words.EVENT_NOUNS`:
  "the bombing" and "the blast" are one attack); a figure whose ``about`` is
  not an event ("station") or is null then belongs to that one event — the
  article is taken to be about one event;
* otherwise only figures about the same event class are compared, and
  figures without one are left out;
* figures whose sentences carry dates in different years are about different
  events ("the 2019 bombing killed 12").

Two figures conflict when the ranges their qualifiers allow do not overlap
(:func:`~unspin.components.quantity_words.interval`: "at least 38" admits 41,
"41" and "44" conflict).  When they do, one finding lists every figure of
that event with where it comes from:

* its source — the source of a quotation or reported speech around it (the
  ``quotes`` and ``reported`` layers), of its sentence's ``voice``, or the
  subject of a reporting verb just before it in its clause ("the hospital
  authority confirmed 41 deaths"); the headline is its own source;
* its time — the date in its sentence (``as_of``), and words that mark an
  early or a later report in its sentence or the sentence before it in its
  paragraph ("first reports", "initially", "has since risen", "later", "by
  Friday").

Severity is ``info`` when the text marks an update (such words, or figures
dated on different days): an updated death toll is not a contradiction.
It is ``warning`` when nothing in the text explains the difference, and
always when the headline (the first paragraph when it is a heading or a
short line without a full stop, or the document's title) gives a figure that
no figure in the body admits.

**weekday_mismatch.**  An absolute date with a weekday attached ("Monday, 4
June 2030") whose day is another weekday.  ``info`` when the year was not
written and had to be inferred, else ``warning``.

**elapsed_time_mismatch.**  A stated interval that does not fit the dates it
spans:

* a relative date written next to an absolute one ("a week earlier, on 2
  June"; "on 7 June, three days after the attack") must give that date when
  counted from its anchor (the previous date, or the attack's date);
* a duration with a count either lies between two absolute dates in its
  sentence that an interval word links ("between", "separate", "apart",
  "within", "after", "later", "lasted", "took"), or is written next to an
  absolute date, whose interval is counted from the nearest earlier absolute
  date in the three sentences before.

Dates are days, so an interval in hours may be up to a day longer or shorter
than the difference of the dates; "within" is an upper bound, "more than" a
lower one.  Month and year precision widen the check by one month or year.

**date_conflict.**  One event class dated on two different days (compared
at the coarser precision of the two).  An event is read from the date's own
phrase (:meth:`unspin.components.dates.RuleDates._event`).  Mentions in
the plural ("the talks"), with an ordinal or contrasting word ("the second
meeting", "another attack") or named by their date ("the 2019 bombing") are
different events; two indefinite mentions ("a meeting on 2 June … a meeting
on 5 June") are two events.  At least one of the pair must be definite ("the
bombing on 5 March").

No rule names a country, party or outlet; the word lists are generic English.
Limits: the event grouping is lexical, so two different attacks in one
article without dates in different years are compared, and an update marked
only by layout (a correction box) is not seen.
"""

from __future__ import annotations

from ..document import Document, Group
from ..pipeline import Component
from .consistency_dates import DateChecks
from .consistency_numbers import CONFLICT_MEASURES, NumberChecks
from .findings_layer import FINDINGS

__all__ = ["CONFLICT_MEASURES", "RuleConsistency"]


class RuleConsistency(NumberChecks, DateChecks, Component):
    """``number_conflict``, ``weekday_mismatch``, ``elapsed_time_mismatch`` and ``date_conflict`` findings."""

    name = "consistency.rules.v1"
    # "paragraphs", "sources" and "reported" come with "sentences" and "quotes"; they are
    # named so that the pipeline checks them too.
    requires = ("quantities", "dates", "sentences", "paragraphs", "quotes", "sources", "voice", "reported")
    assigns = ("findings",)
    layers = (FINDINGS,)

    def __call__(self, doc: Document) -> None:
        findings: list[Group] = []
        findings += self._number_conflicts(doc)
        findings += self._weekday_mismatches(doc)
        findings += self._elapsed_mismatches(doc)
        findings += self._date_conflicts(doc)
        doc.add_groups("findings", findings, component=self.name)
