"""Who holds a relation, and whom its arguments mean, on original sentences of real articles (PTC train, quoted
exactly): the cases of issue 21 found in this round.  None comes from an article of the gold test split."""

from __future__ import annotations

import pytest

from unspin import Pipeline
from unspin.causal.chains import READER

from .test_real_sentences import one, relations, rules

__all__ = ["rules"]

pytestmark = pytest.mark.slow


def test_a_line_broken_after_a_title_is_one_sentence_with_its_relative_clause(rules: Pipeline) -> None:
    # ptc/train 723883127: PTC's own sentence splitter broke the line after "Rev."; "who" hangs on "comments"
    text = (
        "Title\n\n"
        "According to a report by the Associated Press, Francis made the shocking comments in a discussion about "
        "Rev.\nFernando Karadima who has been found guilty of sexually abusing a slew of minors as a member of the "
        "Catholic Church.\n"
        "Pope Francis accused victims of Chile’s most notorious pedophile of slander Thursday.\n"
        "The pope spoke in Chile.\n"
    )
    r = one([r for r in relations(rules, text) if "guilty" in r["text"]], "blame")
    assert r["cause"]["text"].endswith("Fernando Karadima"), r["cause"]
    # the report holds it, and the report's author is who the reader is told holds it
    assert r["holder"] == "Associated Press"
    assert r["voice"] == "attributed"


@pytest.mark.parametrize(
    ("text", "holder"),
    [
        ("According to a study from Harvard University, the drug caused the deaths of four patients.", "Harvard"),
        # a report "of" something that cannot write keeps the report as the source
        ("According to a report of gunfire, the shots killed two men.", "report"),
    ],
)
def test_according_to_a_writing_names_its_author(rules: Pipeline, text: str, holder: str) -> None:
    r = relations(rules, text)[0]
    assert r["holder"] is not None and holder in r["holder"], r


@pytest.mark.parametrize(
    ("text", "holder", "support"),
    [
        # ptc/train 758477392: what investigators speculate is theirs, and speculative
        (
            "Investigators also speculated that a flawed spy device could be behind the victims' ailments in Cuba.",
            "Investigators",
            "speculative",
        ),
        # ptc/dev 999001259: a court's ruling holds what it orders
        (
            "The court ruled that the secretary of state’s office must establish a hotline and publicize it on its "
            "website for voters to see if their provisional ballots were counted.",
            "court",
            "sourced",
        ),
    ],
)
def test_what_a_speculation_or_a_ruling_reports_is_its_makers(
    rules: Pipeline, text: str, holder: str, support: str
) -> None:
    r = relations(rules, text)[0]
    assert (r["voice"], r["holder"], r["support"]) == ("attributed", holder, support), r


def test_you_in_the_authors_words_is_the_reader_and_in_a_quotation_nobody_known(rules: Pipeline) -> None:
    # ptc/train 752287274 (and a hundred other PTC articles): the poll under the article
    r = one(
        relations(rules, "Completing this poll grants you access to Freedom Outpost updates free of charge."), "allow"
    )
    assert r["effect"]["node"] == READER and r["effect"]["resolved_by"] == "reader"
    quoted = relations(rules, "“Completing this poll grants you access to the updates,” the editor said.")
    assert one(quoted, "allow")["effect"]["node"] != READER


def test_who_opening_a_clause_a_relative_clause_reports_is_its_subject(rules: Pipeline) -> None:
    # ptc/train 731762731: "who" is the subject of "was complicit", which "the victims say"
    text = (
        "Pope Francis accused victims of Chile’s most notorious pedophile, Fernando Karadima, of “slander” against "
        "Bishop Juan Barros, who the victims say was complicit in a cover up."
    )
    r = one([r for r in relations(rules, text) if r["trigger"]["text"] == "complicit"], "blame")
    assert r["c"].endswith("Juan Barros") and (r["voice"], r["holder"]) == ("attributed", "victims"), r
