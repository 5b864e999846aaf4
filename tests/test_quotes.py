"""Quotations, sources, paraphrases and voice against hand-made gold fixtures."""

from __future__ import annotations

import json
import re
from pathlib import Path
from typing import Any

import pytest
import yaml
from hypothesis import given
from hypothesis import strategies as st

from unspin import Document, Pipeline, build_report
from unspin.components.aliases import normalise
from unspin.components.quote_marks import find_inline_quotes, is_short_phrase
from unspin.components.source_rules import kind_of, load_source_profiles
from unspin.errors import ConfigError

FIXTURES = Path(__file__).parent / "fixtures" / "quotes"
CASES = sorted(p.stem for p in FIXTURES.glob("*.yaml"))


def report_for(pipeline: Pipeline, name: str) -> tuple[str, dict[str, Any], dict[str, Any]]:
    article = next(p for p in FIXTURES.iterdir() if p.stem == name and p.suffix in (".txt", ".md"))
    text = article.read_text(encoding="utf-8")
    gold = yaml.safe_load((FIXTURES / f"{name}.yaml").read_text(encoding="utf-8"))
    return text, build_report(pipeline(Document(text, id=name))), gold


def source_name(report: dict[str, Any], sid: str | None) -> str | None:
    return next((s["name"] for s in report["sources"] if s["id"] == sid), None)


# -- pure functions ----------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ('He said "we will win" today.', ["we will win"]),
        (
            "“It began,” she said, “with ‘a small fire’ here.”",
            ["It began,", "with ‘a small fire’ here.", "a small fire"],
        ),
        ("The analysts' report says it's Valdoria’s fault.", []),
        ('A stray " mark and “another.', []),
        ('She wrote: "One.\n\n"Two." End.', ['One.\n\n"Two.']),
        ("«Bonjour» and 'scare' words.", ["Bonjour", "scare"]),
        # a post pasted line by line: marks only where it opens and closes
        ('"One.\nTwo.\nThree." Signed.', ["One.\nTwo.\nThree."]),
        ('He wrote: "Open here.\nclosed" there.', ["Open here.\nclosed"]),
        # too many lines without a mark between, or a line that opens a quote of its own: no pairing
        ('"A\nb\nc\nd\ne\nf\ng" h', []),
        ('A "stray\nThen "new" words', ["new"]),
    ],
)
def test_quote_mark_pairing(text: str, expected: list[str]) -> None:
    from unspin.ingest.paragraphs import paragraph_spans

    assert [text[q.start : q.end] for q in find_inline_quotes(text, paragraph_spans(text))] == expected


@pytest.mark.parametrize(
    ("quote", "short"),
    [("forced", True), ("lone fanatics", True), ("no foreign masters at all", False), ("Go.", False)],
)
def test_short_phrase_rule(quote: str, short: bool) -> None:
    assert is_short_phrase(quote) is short


@pytest.mark.parametrize(
    ("phrase", "head", "label", "kind"),
    [
        ("a person familiar with the talks", "person", None, "unnamed"),
        ("U.S. officials", "officials", "GPE", "official"),
        ("a Chatham House paper on Syria", "paper", "ORG", "document"),
        ("the Harbor Times", "Times", "ORG", "outlet"),
        ("Anna Petrov", "Petrov", "PERSON", "person"),
        ("the river authority", "authority", None, "official"),
    ],
)
def test_source_kinds(phrase: str, head: str, label: str | None, kind: str) -> None:
    assert kind_of(phrase, head, label) == kind


def test_source_profiles_and_perspectives(tmp_path: Path) -> None:
    f = tmp_path / "sources.yaml"
    f.write_text(
        "sources:\n  - {name: Harbor Times, aliases: [the Times], kind: outlet, reliability: b}\n"
        "perspectives:\n  - {id: P1, name: Sceptic, trust: {Harbor Times: E}}\n",
        encoding="utf-8",
    )
    profiles = load_source_profiles(f)
    assert profiles.reliability("the Times") == "B"
    assert profiles.reliability("Harbor Times", perspective="P1") == "E"
    assert profiles.reliability("Unknown Gazette") == "F"  # nothing graded by default
    with pytest.raises(ConfigError, match="no perspective 'P9'"):
        profiles.reliability("Harbor Times", perspective="P9")
    f.write_text("sources:\n  - {name: X, reliability: Z}\n", encoding="utf-8")
    with pytest.raises(ConfigError, match="reliability 'Z' is not one of A–F"):
        load_source_profiles(f)


# -- fixtures through the whole pipeline -------------------------------------


@pytest.mark.slow
@pytest.mark.parametrize("name", CASES)
def test_fixture_quotes(pipeline: Pipeline, name: str) -> None:
    text, report, gold = report_for(pipeline, name)
    got = {text[q["start"] : q["end"]]: q for q in report["quotes"]}
    want = {g["text"]: g for g in gold.get("quotes", [])}
    assert sorted(got) == sorted(want)
    for qtext, g in want.items():
        q = got[qtext]
        assert q["kind"] == g["kind"], qtext
        expected_source = g.get("source")
        actual = source_name(report, q["source_id"])
        assert (normalise(actual) if actual else None) == (normalise(expected_source) if expected_source else None), (
            qtext
        )
        if "phrase" in g:
            assert q["phrase"] is g["phrase"], qtext
        if "cue" in g:
            assert q["cue"] and q["cue"]["text"] == g["cue"], qtext
        if "parent" in g:
            parent = next(p for p in report["quotes"] if p["id"] == q["parent_id"])
            assert text[parent["start"] : parent["end"]] == g["parent"]


@pytest.mark.slow
@pytest.mark.parametrize("name", CASES)
def test_fixture_sources_voice_and_findings(pipeline: Pipeline, name: str) -> None:
    text, report, gold = report_for(pipeline, name)
    kinds = {normalise(s["name"]): s["kind"] for s in report["sources"]}
    for src, kind in (gold.get("source_kinds") or {}).items():
        assert kinds.get(normalise(src)) == kind, src
    voices = {text[v["start"] : v["end"]]: v["voice"] for v in report["voice"]}
    for v in gold.get("voice") or []:
        assert voices[v["sentence"]] == v["voice"], v["sentence"]
    quoted = [(q["start"], q["end"]) for q in report["quotes"]]
    for phrase in gold.get("not_quoted") or []:
        at = text.index(phrase)
        assert not any(s <= at < e for s, e in quoted), phrase
    paras = [text[p["start"] : p["end"]] for p in report.get("paraphrases", [])]
    assert paras == [p["text"] for p in gold.get("paraphrases", [])] or "paraphrases" not in gold
    if "reported" in gold:
        got = [(text[r["start"] : r["end"]], source_name(report, r["source_id"])) for r in report["reported"]]
        assert got == [(g["text"], g["source"]) for g in gold["reported"]]
    found = [
        (source_name(report, f["source_id"]), f["words"])
        for f in report["findings"]
        if f["kind"] == "source_discredited"
    ]
    for d in gold.get("discredited") or []:
        assert any(normalise(s or "") == normalise(d["source"]) and d["words"] in w for s, w in found), (d, found)
    for name_ in gold.get("not_discredited") or []:
        assert not any(normalise(s or "") == normalise(name_) for s, _ in found)


@pytest.mark.slow
def test_example_article_blocks_paraphrase_and_discrediting(example_report: dict[str, Any]) -> None:
    text = example_report["text"]
    blocks = [q for q in example_report["quotes"] if q["kind"] == "block"]
    assert [text[q["start"] : q["end"]][:30] for q in blocks] == [
        "The Brotherhood grew out of th",
        "Western diplomats say the Brig",
    ]
    assert {source_name(example_report, q["source_id"]) for q in blocks} == {"Meridian Ledger"}
    [para] = example_report["paraphrases"]
    assert text[para["start"] : para["end"]].endswith("5. Therefore, Valdoria is to blame.")
    assert source_name(example_report, para["source_id"]) == "Mara Lind"
    [finding] = [f for f in example_report["findings"] if f["kind"] == "source_discredited"]
    assert (
        source_name(example_report, finding["source_id"]) == "Northgate Courier" and "house organ" in finding["words"]
    )


@pytest.mark.slow
def test_discrediting_is_even_handed(pipeline: Pipeline) -> None:
    template = "{a}, a paid mouthpiece of the shipping lobby, claimed the port was safe. {b} disagreed, citing records."
    one = build_report(pipeline(Document(template.format(a="The Morning Ledger", b="The Evening Courier"), id="1")))
    two = build_report(pipeline(Document(template.format(a="The Evening Courier", b="The Morning Ledger"), id="2")))

    def targets(r: dict[str, Any]) -> list[str | None]:
        return [source_name(r, f["source_id"]) for f in r["findings"] if f["kind"] == "source_discredited"]

    assert targets(one) == ["Morning Ledger"] and targets(two) == ["Evening Courier"]


@pytest.mark.slow
@pytest.mark.parametrize(
    ("tail", "speaker"),
    [("said Senator John Reed, a critic of the plan.", "John Reed"), ("he said.", "John Reed"), ("", None)],
)
def test_a_speaker_on_the_line_after_the_quote(pipeline: Pipeline, tail: str, speaker: str | None) -> None:
    # one sentence per line, as PTC articles are: the quote's comma announces a tail on the next line
    text = f"Lawmakers met Senator John Reed and the minister on Monday.\n“The army caused this disaster,”\n{tail}"
    if not tail:  # a paragraph break ends the quote's turn: no speaker rather than a guess
        text = text.rstrip() + "\n\nHe said it twice."
    report = build_report(pipeline(Document(text, id="t")))
    (quote,) = [q for q in report["quotes"] if q["text"].startswith("The army")]
    assert source_name(report, quote["source_id"]) == speaker


@pytest.mark.slow
def test_reports_show_sources_beside_quotes_and_framing_on_hover(example_report: dict[str, Any]) -> None:
    from unspin.reports import render_html, render_markdown

    page = render_html(example_report)
    assert 'class="qsrc">◂ Meridian Ledger' in page  # the source beside each quotation
    hover = re.search(r'<span title="(Northgate Courier[^"]*)"', page)
    assert hover and "2 quote(s)" in hover.group(1) and "framed by the author as" in hover.group(1)
    md = render_markdown(example_report)
    assert "**Meridian Ledger** (outlet" in md and "framed by the author as" in md and "reasoning of Mara Lind" in md


@pytest.mark.slow
def test_cli_grades_sources_from_a_profile_and_perspective(tmp_path: Path) -> None:
    from typer.testing import CliRunner

    from unspin.cli import app
    from unspin.examples import example_path

    profile = tmp_path / "sources.yaml"
    profile.write_text(
        "sources:\n  - {name: Meridian Ledger, aliases: [the Ledger], kind: outlet, reliability: B}\n"
        "perspectives:\n  - {id: P2, name: Distrusts the Ledger, trust: {Meridian Ledger: E}}\n",
        encoding="utf-8",
    )
    runner = CliRunner()
    grades = []
    for extra in ([], ["--perspective", "P2"]):
        result = runner.invoke(app, ["analyze", str(example_path()), "--sources", str(profile), *extra])
        assert result.exit_code == 0, result.output
        report = json.loads(result.stdout)
        grades.append({s["name"]: s["grade"]["reliability"] for s in report["sources"]})
    assert grades[0]["Meridian Ledger"] == "B" and grades[1]["Meridian Ledger"] == "E"
    assert grades[0]["Northgate Courier"] == "F"  # ungraded sources cannot be judged
    bad = runner.invoke(app, ["analyze", str(example_path()), "--sources", str(profile), "--perspective", "P9"])
    assert bad.exit_code == 1 and "no perspective 'P9'" in bad.stderr


@given(st.text(alphabet=st.sampled_from("ab .,:\n\"'“”‘’«»„"), max_size=150))
def test_unbalanced_marks_never_crash_and_spans_stay_valid(text: str) -> None:
    from unspin.ingest.paragraphs import paragraph_spans

    for q in find_inline_quotes(text, paragraph_spans(text)):
        assert 0 <= q.open_at < q.start < q.end <= q.close_at < len(text)
        assert text[q.start : q.end].strip() == text[q.start : q.end]


@pytest.mark.slow
@pytest.mark.data
def test_gum_attribution_scores_do_not_regress() -> None:
    from unspin.evaluation.quotes_eval import evaluate_quotes

    from .conftest import DATA

    folder = DATA / "gum_wikinews"
    if not (folder / "rst_rs4").is_dir():
        pytest.skip("../shared/data/gum_wikinews not present")
    result = evaluate_quotes(folder)
    assert result.documents == 22 and result.gold == 221
    # Measured 0.777 / 0.719 (overlap F1) when written; falling below these floors is a regression.
    assert result.content["overlap"].f1 >= 0.72
    assert result.source["overlap"].f1 >= 0.62


@pytest.mark.slow
@pytest.mark.parametrize(
    "text",
    [
        "No one said the army caused the flood.",
        "Everybody knows that the army caused the flood.",
        # ptc/train 789121265: site boilerplate
        "https://t.co/FMUKzBU87c take our poll - story continues below Who should replace Nikki Haley?",
    ],
)
def test_nobody_and_boilerplate_are_no_sources(pipeline: Pipeline, text: str) -> None:
    report = build_report(pipeline(Document(text, id="t")))
    assert report["sources"] == []


def _speakers(pipeline: Pipeline, text: str) -> dict[str, str | None]:
    report = build_report(pipeline(Document(text, id="t")))
    return {q["text"]: source_name(report, q["source_id"]) for q in report["quotes"]}


@pytest.mark.slow
def test_an_exclamation_ends_the_sentence_before_its_speaker(pipeline: Pipeline) -> None:
    # ptc/train 795703371 (gold dev): "!" closes the sentence, "Trump wrote" is the next one; "Twitter" is where
    # he wrote (the parser calls it a person), so the "he" of the next quote is Trump, and the quote after it goes on
    text = (
        "“I must ask Mexico to stop this onslaught and CLOSE OUR SOUTHERN BORDER!” Trump wrote on Twitter.\n"
        "“Hopefully Mexico will stop this onslaught at their Northern Border,” he added.\n"
        "“All Democrats fault for weak laws!”"
    )
    assert set(_speakers(pipeline, text).values()) == {"Trump"}


@pytest.mark.slow
def test_an_inverted_speaker_the_parser_took_for_an_object(pipeline: Pipeline) -> None:
    # ptc/train 789121265 (gold dev): "tweeted Ms. Feinstein", and the whole-line quotation after it is hers too
    text = (
        "The allegation went public last week after Ms. Feinstein said she received a letter.\n"
        "“During every step of this process, I’ve found every piece of information from Dr. Christine Blasey Ford "
        "eminently credible,” tweeted Ms. Feinstein on Tuesday.\n"
        "“She knew this would have a huge effect on her life.”"
    )
    assert set(_speakers(pipeline, text).values()) == {"Feinstein"}


@pytest.mark.slow
@pytest.mark.parametrize(
    ("text", "speaker"),
    [
        # LitBank train, The Scarlet Letter: the parser made "Goodwives" (whom she addresses) the subject of "said"
        ('"Goodwives," said a hard-featured dame of fifty, "I\'ll tell ye a piece of my mind."', "dame"),
        # LitBank train, Adrift in New York: the name the words address, then the speaker after the verb
        ('"Florence," said Curtis Waring, "make no change; let the will stand."', "Curtis Waring"),
        ("“Mr. President, this is wrong,” said Senator Smith.", "Smith"),
    ],
)
def test_a_name_inside_the_quotation_never_speaks_it(pipeline: Pipeline, text: str, speaker: str) -> None:
    said = set(_speakers(pipeline, text).values())
    assert len(said) == 1
    name = said.pop()
    assert name is not None and speaker in name
    assert not name.startswith(('"', "“"))


@pytest.mark.slow
@pytest.mark.parametrize(
    ("text", "speaker"),
    [
        # LitBank train, Sister Carrie and Tom Sawyer: a verb of a manner of speaking names the speaker
        ("“Oh, yes, I am,” answered Carrie.", "Carrie"),
        ("“Why, I did sew it with white!” cried Aunt Polly.", "Aunt Polly"),
    ],
)
def test_a_manner_of_speaking_names_the_speaker(pipeline: Pipeline, text: str, speaker: str) -> None:
    assert set(_speakers(pipeline, text).values()) == {speaker}


@pytest.mark.slow
def test_a_colon_hands_the_quotation_to_the_person_whose_clause_it_ends(pipeline: Pipeline) -> None:
    # gum_news_questionnaire (gold dev): no reporting verb before the colon, but the clause is Sunak's
    text = (
        "Rishi Sunak spoke on Wednesday.\n\n"
        "During Prime Minister's Questions Wednesday, Sunak defended the government's record whilst promising a "
        '"formal update" from Braverman is forthcoming: "The Home Secretary and I are working intensely to bring '
        'forward that legislation."'
    )
    said = _speakers(pipeline, text)
    assert said["The Home Secretary and I are working intensely to bring forward that legislation."] == "Rishi Sunak"
    # a clause whose subject is no person hands its words to nobody
    report = 'The report found two problems: "overcrowding and the neglect of the old wing, which nobody repaired."'
    assert set(_speakers(pipeline, report).values()) == {None}


@pytest.mark.slow
def test_a_quotation_after_a_reported_sentence_goes_on_with_its_speaker(pipeline: Pipeline) -> None:
    # gum_news_warming (gold dev): the quotation opens its own sentence right after "Heald noted …"
    text = (
        'Heald noted the findings show pollution reduction is also important. "An air-quality cleanup would '
        'improve crop yields. Ozone is something that we understand."'
    )
    assert list(_speakers(pipeline, text).values()) == ["Heald"]


@pytest.mark.slow
def test_a_pronoun_between_two_people_stays_unresolved(pipeline: Pipeline) -> None:
    # ptc/dev 790499380 (gold dev): "he" after Austin Monahan and Ellison: no speaker rather than the wrong one
    text = (
        "According to Austin Monahan, Ellison put his mother through “pure hell.” In the Facebook post, he claims "
        "to have seen a video of Ellison dragging Karen Monahan off the bed."
    )
    report = build_report(pipeline(Document(text, id="t")))
    holders = {source_name(report, r["attributed_to"]) for r in report["relations"] if "dragging" in r["text"]}
    assert "Ellison" not in holders


@pytest.mark.slow
@pytest.mark.parametrize(
    ("text", "holder"),
    [
        # ptc/train 774007496 (gold dev)
        (
            "The German authorities came to the inescapable conclusion that the attack had nothing to do with Islam.",
            "German authorities",
        ),
        # constructed: the same frame with "expressed the belief that"
        ("Police expressed the belief that the gang was behind the bombing.", "Police"),
    ],
)
def test_a_belief_come_to_or_voiced_is_its_holders(pipeline: Pipeline, text: str, holder: str) -> None:
    report = build_report(pipeline(Document(text, id="t")))
    (rel,) = report["relations"]
    assert rel["voice"] == "attributed" and holder in (source_name(report, rel["attributed_to"]) or "")


@pytest.mark.slow
def test_of_two_subjects_the_speaker_is_the_one_next_to_the_verb(pipeline: Pipeline) -> None:
    # ptc/dev 761722669 (gold dev): "Her too:" is a label the parser made a second subject
    text = (
        "Her too: Lewinsky has emerged as an anti-bullying activist and now says Clinton engaged in a 'gross abuse "
        "of power' by seducing her"
    )
    assert list(_speakers(pipeline, text).values()) == ["Lewinsky"]


@pytest.mark.slow
def test_continuing_to_do_something_is_no_speaking(pipeline: Pipeline) -> None:
    # ptc/train 712382330 (gold dev): "permit adulterous couples to continue in adultery" reports nothing; the quoted
    # words are the pope's, who "said in his letter:"
    text = (
        'Concerning these guidelines that allow "the possibility of access to the sacraments" in "complex '
        'circumstances" where "limitations that lessen the responsibility and guilt" permit adulterous couples to '
        "continue in adultery, the pope said in his letter:\n"
        '"The document is very good and completely explains the meaning of chapter VIII."'
    )
    assert set(_speakers(pipeline, text).values()) == {"pope"}
    assert list(_speakers(pipeline, '"We will not stop," Smith continued.').values()) == ["Smith"]
