"""Relations and attribution on original sentences of real articles (PTC train/dev, quoted exactly).

Each case is a class of error seen on real news (issue 21), fixed in the rules rather than per article.  None of
these sentences comes from an article of the gold test split (gold/real/SELECTION.md).
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from unspin import Document, Pipeline, build_report

from .test_relations import RULES

pytestmark = pytest.mark.slow


@pytest.fixture(scope="module")
def rules() -> Pipeline:
    # threshold 0: these cases test what the rules find; which of it a report shows is calibrated on the gold
    return Pipeline.from_names(RULES, {"relations.rules.v1": {"causal_model": False, "threshold": 0.0}})


def relations(rules: Pipeline, text: str) -> list[dict[str, Any]]:
    report = build_report(rules(Document(text, id="t")))
    names = {e["id"]: e["name"] for e in report["entities"]}
    sources = {s["id"]: s["name"] for s in report["sources"]}
    out = []
    for r in report["relations"]:
        r = dict(r)
        r["c"] = names.get(r["cause"]["entity_id"] or "", r["cause"]["text"])
        r["e"] = names.get(r["effect"]["entity_id"] or "", r["effect"]["text"]) if r["effect"]["node"] else None
        r["holder"] = sources.get(r["attributed_to"] or "")
        out.append(r)
    return out


def one(rels: list[dict[str, Any]], rtype: str) -> dict[str, Any]:
    found = [r for r in rels if r["type"] == rtype]
    assert len(found) == 1, rels
    return found[0]


def test_a_relative_pronoun_takes_its_head_noun(rules: Pipeline) -> None:
    # ptc/dev 788847916
    text = (
        "Dallas, TX — As citizens call for justice in the case of Dallas police officer Amber Guyger — the cop "
        "who killed the innocent Botham Jean in his own home — the controversy continues to grow."
    )
    r = one(relations(rules, text), "perpetrate")
    # "who" stands for "the cop", itself an apposition of the name: the cause is the person named
    assert r["cause"]["text"].endswith("Amber Guyger") and "Botham Jean" in r["effect"]["text"]


def test_a_reduced_passive_keeps_its_agent(rules: Pipeline) -> None:
    # ptc/train 111111111
    text = (
        "Madagascar has suffered bubonic plague outbreaks almost every year since 1980, often caused by rats "
        "fleeing forest fires."
    )
    r = one(relations(rules, text), "cause")
    assert r["cause"]["text"].startswith("rats") and r["effect"]["text"].endswith("outbreaks")


def test_a_passive_blamed_on(rules: Pipeline) -> None:
    # ptc/train 111111111
    text = (
        "The plague that’s airborne and has killed at least 124 people in Madagascar is now blamed on “dancing "
        "with corpses.”"
    )
    r = one(relations(rules, text), "blame")
    assert "dancing" in r["cause"]["text"] and r["effect"]["text"].startswith("The plague")


def test_forced_someone_to_act_under_would_is_speculative(rules: Pipeline) -> None:
    # ptc/train 698092698
    text = (
        "They would have posed real genuine questions of Sheriff Lombardo and forced him to stumble all over "
        "himself in answering them."
    )
    r = one(relations(rules, text), "compel")
    assert r["effect"]["text"] == "him" and r["support"] == "speculative"


def test_played_a_role_in_is_a_cause_reported_by_its_speaker(rules: Pipeline) -> None:
    # ptc/train 701447437
    text = (
        "The U.S. 9/11 Commission assembled to investigate the attacks concluded that Iran played a role in "
        "facilitating the al Qaeda terrorists."
    )
    r = one(relations(rules, text), "cause")
    assert r["c"] == "Iran" and r["effect"]["text"].startswith("facilitating")


def test_an_accusation_is_the_accusers(rules: Pipeline) -> None:
    # ptc/train 789121265 (dev gold): "who accused" is the accuser's claim, not the author's
    text = (
        "Juanita Broaddrick, who accused Bill Clinton of rape — and who’s never ever recanted her story, in all "
        "the years she’s made the accusation — had a blunt message for Sen. Dianna Feinstein."
    )
    r = one(relations(rules, text), "blame")
    assert r["c"] == "Bill Clinton" and r["effect"]["text"] == "rape"
    assert r["voice"] == "attributed" and r["holder"] == "Juanita Broaddrick"


def test_a_pronoun_does_not_take_a_person_of_the_other_title(rules: Pipeline) -> None:
    # ptc/train 789121265: "She" is Broaddrick, not the Mr. Clinton named last
    text = (
        "Juanita Broaddrick says the senator never showed any interest in her 1999 rape allegation against "
        "President Bill Clinton. She has long accused Mr. Clinton of raping her a motel room in 1978 in Little Rock, "
        "when he was Arkansas attorney general."
    )
    r = one(relations(rules, text), "blame")
    assert r["c"] == "Bill Clinton" and r["holder"] == "Juanita Broaddrick"


def test_speculation_about_someone_is_not_their_claim(rules: Pipeline) -> None:
    # ptc/train 782149225 (dev gold): the author imagines what would happen; nobody made the accusation
    text = (
        "If Said Khecharem were a non-Muslim saying that Muslims needed to destroy “the filthy Jewish entity” and "
        "conquer America, Britain, Russia, France, and Italy, he would be accused of “Islamophobia” and “bigotry.”"
    )
    r = one(relations(rules, text), "blame")
    assert r["support"] == "speculative"
    assert r["voice"] == "author" and r["attributed_to"] is None


def test_no_one_is_more_to_blame_than(rules: Pipeline) -> None:
    r = one(relations(rules, "No one is more to blame for this crisis than the finance minister."), "blame")
    assert r["cause"]["text"] == "the finance minister" and not r["negated"]


DATA = Path(__file__).resolve().parents[2] / "shared" / "data"


def test_interview_turns_with_speaker_labels_are_the_speakers(rules: Pipeline) -> None:
    text = (
        "Mayor on the floods: “We were warned”\n\n"
        "The city flooded last week.\n\n"
        "Jane Okafor: The ministry is to blame for the flood.\n\n"
        "Tom Reyes: Do you think the ministry caused it?\n\n"
        "Jane Okafor: It caused the flood, yes."
    )
    rels = relations(rules, text)
    assert {(r["type"], r["voice"], r["holder"]) for r in rels} >= {
        ("blame", "quoted", "Jane Okafor"),
        ("cause", "quoted", "Tom Reyes"),
    }
    # one "Name: headline" line is a title, not a turn: nobody is quoted
    headline = "Juanita Broaddrick: Senator Feinstein Had No Interest In My Rape Allegation\n\nThe ministry caused it."
    assert all(r["voice"] == "author" for r in relations(rules, headline))


@pytest.mark.data
@pytest.mark.skipif(not (DATA / "gum_wikinews").is_dir(), reason="../shared/data/gum_wikinews is absent")
def test_a_wikinews_interview_gives_answers_to_the_interviewee(rules: Pipeline) -> None:
    text = (DATA / "gum_wikinews/text/GUM_interview_chomsky.txt").read_text(encoding="utf-8")
    report = build_report(rules(Document(text, id="chomsky")))
    sources = {s["id"]: s["name"] for s in report["sources"]}
    by_source: dict[str, list[str]] = {}
    for q in report["quotes"]:
        if q["kind"] == "block":
            by_source.setdefault(sources.get(q["source_id"] or "", "?"), []).append(q["text"])
    assert any(t.startswith("We’ve seen mass strikes") for t in by_source["the interviewer"])
    assert any(t.startswith("It’s really hard to tell.") for t in by_source["Noam Chomsky"])
    # the long answer that ends in a rhetorical question is not the interviewer's
    assert not any(t.startswith("Could be I give so many talks") for t in by_source["the interviewer"])


def test_a_subheading_line_is_not_run_into_the_next_sentence(rules: Pipeline) -> None:
    # ptc/train 111111112 and 694327499: a subheading and a byline, each on its own line without a full stop
    text = (
        "'Foster hatred'\nAnti-fascism campaigners Hope Not Hate had campaigned for the pair to not be allowed "
        "into the UK.\nDawn Goldstein\nHere we go again."
    )
    doc = rules(Document(text, id="t"))
    sentences = [text[s.start : s.end] for s in doc.spans("sentences")]
    assert sentences[0] == "'Foster hatred'" and sentences[1].startswith("Anti-fascism")
    assert "Dawn Goldstein" in sentences and "Here we go again." in sentences


@pytest.mark.parametrize(
    ("text", "blamed", "outcome", "holder"),
    [
        # ptc/train 758385628: the accuser is the subject; "must have" is an inference
        (
            "The US government has held Cuba responsible, arguing that Raul Castro's authoritarian state must have "
            "either carried out the assaults or at least known who was behind them.",
            "Cuba",
            None,
            "US government",
        ),
        # ptc/train 723883127: "who has been found guilty" blames the one "who" stands for
        (
            "Fernando Karadima who has been found guilty of sexually abusing a slew of minors as a member of the "
            "Catholic Church.",
            "Fernando Karadima",
            "sexually abusing",
            None,
        ),
        # ptc/dev 730246508: a charge is the charging authority's blame
        (
            "Lawson was arrested today and charged with aiding and abetting the possession of a firearm by a "
            "prohibited person, the Justice Department said.",
            "Lawson",
            "aiding",
            "Justice Department",
        ),
    ],
)
def test_judgements_and_charges_are_blame(
    rules: Pipeline, text: str, blamed: str, outcome: str | None, holder: str | None
) -> None:
    r = one(relations(rules, text), "blame")
    assert r["c"] == blamed and r["holder"] == holder
    assert (r["e"] or "").startswith(outcome or "") if outcome else r["e"] is None
    if "must have" in text:  # an inference, not a report
        perpetrate = [x for x in relations(rules, text) if x["type"] == "perpetrate"]
        assert perpetrate and all(x["support"] == "hedged" for x in perpetrate)


def test_a_meeting_held_is_no_accusation(rules: Pipeline) -> None:
    assert relations(rules, "The council held a meeting on Monday, the mayor said.") == []


@pytest.mark.parametrize(
    ("text", "holder"),
    [
        # ptc/train 774007496: the third verb of a series keeps the series' subject
        ("Police shot him in the leg, ruled out terrorism and blamed mental illness.", "Police"),
        # ptc/train 789370998: a participle on a noun
        (
            "Two more women accusing Judge Brett Kavanaugh of dubious improprieties materialized out of thin air late "
            "Sunday, throwing Senate Republicans’ hope of finally confirming the Supreme Court nominee this week even "
            "more into doubt.",
            "Two more women",
        ),
    ],
)
def test_the_accuser_of_a_coordinated_or_participle_accusation(rules: Pipeline, text: str, holder: str) -> None:
    r = one(relations(rules, text), "blame")
    assert r["voice"] == "attributed" and r["holder"] == holder


@pytest.mark.parametrize(
    ("text", "rtype", "cause", "effect"),
    [
        # ptc/train 723883127: "led to" a gerund clause
        (
            "Only when the victims went public with their accusations in 2010 did the Vatican launch an "
            "investigation that led to Karadima being removed from ministry.",
            "cause",
            "an investigation",
            "Karadima being removed from ministry",
        ),
        # ptc/train 789370998: a passive under "claims to have been"
        (
            "Meanwhile, the New Yorker magazine reported Sunday that Deborah Ramirez, 53, suddenly claims to have "
            "been assaulted by Kavanaugh at a drunken party decades ago at Yale College.",
            "perpetrate",
            "Kavanaugh",
            "Deborah Ramirez",
        ),
    ],
)
def test_clausal_objects_and_raised_passives(rules: Pipeline, text: str, rtype: str, cause: str, effect: str) -> None:
    r = one(relations(rules, text), rtype)
    assert r["cause"]["text"] == cause and r["effect"]["text"] == effect


def test_she_with_several_people_before_stays_unresolved(rules: Pipeline) -> None:
    # ptc/dev 788271400: "she" is the officer, whom the parser takes for an organisation; the people named before
    # her ("Senator Ted Cruz") must not be blamed in her place
    text = (
        "This public servant walked into an innocent man’s home and shot him dead.\n"
        "That, Senator Ted Cruz, is wrong.\n"
        "Mistake or not, she killed an innocent man.\n"
        "She is the only one to blame and yet she is still collecting a paycheck from taxpayers."
    )
    rels = relations(rules, text)
    assert {r["type"] for r in rels} >= {"perpetrate", "blame"}
    assert all(r["c"] != "Ted Cruz" for r in rels)


def test_support_of_accusations_modals_and_a_question_after_a_colon(rules: Pipeline) -> None:
    # ptc/train 789121265: the question is the colon's, not the accusation's
    text = (
        "Juanita Broaddrick, who accused Bill Clinton of rape, had a blunt message for Sen. Dianna Feinstein, and "
        "it’s one that goes like this: Where was mine?"
    )
    assert one(relations(rules, text), "blame")["support"] == "sourced"
    # ptc/train 776535164: a passive accusation reports someone's accusation
    text = "More than 300 priests were accused of sexual abuse dating back to 1947."
    assert one(relations(rules, text), "blame")["support"] == "sourced"
    # GUM news_iodine: "can lead to" is a possibility
    r = one(relations(rules, "Iodine deficiency can lead to serious health problems."), "cause")
    assert r["support"] == "hedged"


def test_the_act_an_accusation_names_is_alleged_not_asserted(rules: Pipeline) -> None:
    # ptc/train 723883127: the doer of the gerund is the one found guilty
    text = (
        "Fernando Karadima who has been found guilty of sexually abusing a slew of minors as a member of the "
        "Catholic Church."
    )
    r = one(relations(rules, text), "perpetrate")
    assert r["c"] == "Fernando Karadima" and r["effect"]["text"] == "a slew of minors"
    # an accusation's content is hedged: the text reports it, it does not assert it
    r = one(relations(rules, "He was accused of killing the boy."), "perpetrate")
    assert r["support"] == "hedged"


def test_an_allegation_the_parser_took_for_a_participle_is_still_reported(rules: Pipeline) -> None:
    # ptc/train 111111123: "Karen Monahan, alleged in August that …" parsed as a participle on her name
    text = (
        "Ellison’s ex-girlfriend, Karen Monahan, alleged in August that Ellison dragged her off a bed by her feet "
        "while screaming obscenities at her in 2016."
    )
    r = one(relations(rules, text), "perpetrate")
    assert r["c"] == "Ellison" and r["voice"] == "attributed" and r["holder"] == "Karen Monahan"


def test_them_after_a_possessor_of_a_plural_stays_unresolved(rules: Pipeline) -> None:
    # ptc/train 723883127: "them" are Karadima's victims, not Karadima (whom the tagger takes for an organisation)
    text = (
        "Karadima’s victims reported to church authorities as early as 2002 that he would kiss and fondle them in "
        "the swank Santiago parish he ran, but officials refused to believe them."
    )
    r = one(relations(rules, text), "perpetrate")
    assert r["effect"]["text"] == "them" and r["effect"]["entity_id"] is None


@pytest.mark.parametrize(
    "text",
    [
        # ptc/train 776616374, 727174208, 725824328 (unannotated): idioms and credits, not relations
        "In 2010, more than 1,100 transcripts from the Vietnam era were released, proving Congress and officials "
        "raised serious doubts about the information fed to them by the Pentagon and White House.",
        "Now, retired military officials—who pay attention to history—are even warning about more staged events to "
        "pull us into war.",
        "Associated Press writers Ken Ritter in Las Vegas and Anita Snow in Phoenix contributed to this report.",
        "During Obama’s presidential campaign, conservatives pushed multiple apparently racially motivated "
        "conspiracy theories about Obama’s religion and supposed ties to Islam.",
    ],
)
def test_idioms_and_credit_lines_are_no_relations(rules: Pipeline, text: str) -> None:
    assert relations(rules, text) == []


@pytest.mark.data
@pytest.mark.skipif(not (DATA / "gum_wikinews").is_dir(), reason="../shared/data/gum_wikinews is absent")
def test_an_interview_introduction_names_the_asker_and_the_interviewee(rules: Pipeline) -> None:
    # GUM interview_brotherhood: "Wikinews spoke with William Evans, president of …"; short questions lack "you"
    text = (DATA / "gum_wikinews/text/GUM_interview_brotherhood.txt").read_text(encoding="utf-8")
    report = build_report(rules(Document(text, id="brotherhood")))
    sources = {s["id"]: s["name"] for s in report["sources"]}
    blocks = [(q["text"], sources.get(q["source_id"] or "")) for q in report["quotes"] if q["kind"] == "block"]

    def speaker(opening: str) -> str | None:
        return next(who for words, who in blocks if words.startswith(opening))

    assert speaker("Has the internet helped or hurt magic?") == "Wikinews"
    assert speaker("Over 50 years. I am 61 now") == "William Evans"


@pytest.mark.parametrize(
    ("text", "rtype", "cause", "effect"),
    [
        # GUM news_iodine: "X is the cause of Y"
        (
            "Iodine deficiency is the world’s most prevalent, yet easily preventable, cause of brain damage.",
            "cause",
            "Iodine deficiency",
            "brain damage",
        ),
        # ptc/dev 790499380: the doer of a participle on "a video of X"
        (
            "He claims to have seen a video of Ellison dragging Karen Monahan off the bed.",
            "perpetrate",
            "Ellison",
            "Karen Monahan",
        ),
        # ptc/train 789121265: the doer of what an accusation names is the one accused
        (
            "Christine Blasey Ford has accused the Supreme Court nominee of sexually assaulting her when they were in "
            "high school.",
            "perpetrate",
            "the Supreme Court nominee",
            "her",
        ),
    ],
)
def test_cause_nouns_and_the_doers_of_participles(
    rules: Pipeline, text: str, rtype: str, cause: str, effect: str
) -> None:
    r = one(relations(rules, text), rtype)
    assert r["cause"]["text"] == cause and r["effect"]["text"] == effect


def test_the_effects_of_x_on_y(rules: Pipeline) -> None:
    # GUM news_warming: a nominal influence names its cause and what it acts on, wherever "on" is attached
    text = (
        "A research team from the Massachusetts Institute of Technology and Colorado State University of the US and "
        "the University of Sheffield of the UK has analysed effects of global warming and ozone pollution over "
        "2000 - 2050 on the worldwide production of wheat, rice, maize and soybean."
    )
    r = one(relations(rules, text), "cause")
    assert r["cause"]["text"] == "global warming" and r["effect"]["text"].startswith("the worldwide production")


# -- holders of reported clauses (issue 21: attribution) ----------------------------------------------------------


def test_a_clause_final_said_credits_the_name_the_parser_hung_on_the_clause(rules: Pipeline) -> None:
    # ptc/train 730246508: the speaker was parsed as an apposition of "Smith", so "said" had no subject
    text = (
        "Gerald Lawson III, 30, is accused of acting as a straw purchaser for the suspect, 30-year-old Quentin "
        "Lamar Smith, who is a convicted felon and not permitted to buy a firearm, the Justice Department for the "
        "Southern District of Ohio said."
    )
    r = one(relations(rules, text), "blame")
    assert r["voice"] == "attributed" and r["holder"] == "Justice Department"


def test_a_quoted_phrase_inside_a_reported_clause_keeps_the_clause_reported(rules: Pipeline) -> None:
    # ptc/train 758477392
    text = (
        'The US Secretary of Mike Pompeo has said he is concerned about the "serious health incident" that has '
        "affected an embassy worker in Guangzhou."
    )
    r = one(relations(rules, text), "cause")
    assert r["voice"] == "attributed" and "Pompeo" in (r["holder"] or "")


def test_a_reporting_verb_tagged_as_a_noun_still_names_the_speaker(rules: Pipeline) -> None:
    # GUM wikinews "warming": "notes" was tagged as a plural noun
    text = (
        'The U.S. Department of Agriculture notes, "Ground-level ozone causes more damage to plants than all other '
        'air pollutants combined", highlighting the importance of air quality for agriculture.'
    )
    r = one(relations(rules, text), "cause")
    assert r["voice"] == "quoted" and r["holder"] == "U.S. Department of Agriculture"


def test_what_researchers_found_is_theirs_and_a_claim_to_have_seen_is_the_claimants(rules: Pipeline) -> None:
    # GUM wikinews "warming"; ptc/train 790499380
    found = relations(
        rules,
        "The researchers found that ozone pollution caused 46 percent of previously heat-attributed damage to "
        "soybean crops.",
    )
    assert one(found, "cause")["voice"] == "attributed" and one(found, "cause")["holder"] == "researchers"
    claimed = relations(
        rules,
        "Austin Monahan aired the allegations in a Facebook post Saturday night.\n"
        "In the Facebook post, he claims to have seen a video of Ellison dragging Karen Monahan off the bed by her "
        "feet.",
    )
    assert one(claimed, "perpetrate")["holder"] == "Austin Monahan"


def test_an_accusation_with_no_accuser_is_held_by_unnamed_accusers_unless_imagined(rules: Pipeline) -> None:
    # ptc/train 776535164; ptc/train 782149225
    rels = relations(
        rules,
        "The Catholic Church is already reeling over the revelations that former Washington Archbishop Theodore "
        "McCormick, who resigned as a cardinal over the weekend after being sanctioned by Pope Francis, has been "
        "credibly accused of sexually abusing at least two boys decades ago.",
    )
    assert one(rels, "blame")["holder"] == "unnamed accusers"
    # ptc/train 710100700 (audit): "According to X" names who holds it
    named = relations(
        rules, "According to Guatemalan authorities, the man was accused of murder and extortion in 2010."
    )
    assert one(named, "blame")["holder"] == "Guatemalan authorities"
    imagined = relations(
        rules,
        "If Said Khecharem were a non-Muslim saying that Muslims needed to destroy “the filthy Jewish entity” and "
        "conquer America, Britain, Russia, France, and Italy, he would be accused of “Islamophobia” and “bigotry.”",
    )
    assert all(r["holder"] is None for r in imagined), imagined


def test_a_passive_reporting_verb_does_not_make_its_subject_the_speaker(rules: Pipeline) -> None:
    # ptc/train 782149225: "he would be accused of “Islamophobia”": the words are not his
    text = "Khecharem spoke in Tunis. He would be accused of “Islamophobia” and “bigotry.”"
    report = build_report(rules(Document(text, id="t")))
    by_id = {s["id"]: s["name"] for s in report["sources"]}
    assert all("Khecharem" not in by_id.get(q["source_id"] or "", "") for q in report["quotes"])


def test_a_defined_acronym_names_its_organisation(rules: Pipeline) -> None:
    # GUM wikinews "iodine"
    text = (
        "The World Health Organisation (WHO) recommends that every country should iodise all edible salt. WHO say "
        "Iodine deficiency is the world’s most prevalent, yet easily preventable, cause of brain damage."
    )
    r = one(relations(rules, text), "cause")
    assert r["holder"] == "World Health Organisation"


# -- predicates (issue 21: relations) --------------------------------------------------------------------------


def test_a_misread_lemma_and_an_accusation_naming_the_doer(rules: Pipeline) -> None:
    # ptc/train 789121265: spaCy lemmatises "raping" as "rap"; "of" hangs on the verb, not on the accused
    r = one(relations(rules, "She has long accused Mr. Clinton of raping her a motel room in 1978."), "perpetrate")
    assert r["c"].endswith("Clinton")


def test_taking_a_life_and_inducing_someone_to_act(rules: Pipeline) -> None:
    # ptc/dev 788271400; GUM wikinews interview "chomsky"
    r = one(relations(rules, "Amber Guyger took an innocent person’s life."), "perpetrate")
    assert r["c"] == "Amber Guyger" and "person" in r["e"]
    r = one(
        relations(
            rules,
            "The aggressive militarism of the Bush administration, as predicted, induced Russia to extend further "
            "its offensive military capacity.",
        ),
        "compel",
    )
    assert r["e"] == "Russia"


def test_an_accusation_made_or_brought_blames_but_one_only_mentioned_does_not(rules: Pipeline) -> None:
    # ptc/train 784382409; ptc/train 789121265; ptc/train 790499380
    made = relations(rules, "Alexander is not the only woman to make abuse accusations against Ellison.")
    assert one(made, "blame")["c"] == "Ellison" and one(made, "blame")["support"] == "sourced"
    leveled = relations(
        rules,
        "Sen. Dianne Feinstein says the FBI should investigate the allegations of sexual assault leveled last week "
        "against Mr. Kavanaugh.",
    )
    assert one(leveled, "blame")["c"].endswith("Kavanaugh") and "assault" in one(leveled, "blame")["e"]
    mentioned = relations(rules, "We do have a police report, unlike the accusations against Brett Kavanaugh.")
    assert not [r for r in mentioned if r["type"] == "blame"]


def quotes_of(rules: Pipeline, text: str) -> list[tuple[str, str | None]]:
    report = build_report(rules(Document(text, id="t")))
    names = {s["id"]: s["name"] for s in report["sources"]}
    return [(text[q["start"] : q["end"]], names.get(q["source_id"] or "")) for q in report["quotes"]]


def test_an_embedded_tweet_is_a_quote_of_its_signer(rules: Pipeline) -> None:
    # ptc/train 776368676; ptc/train 769752554; ptc/train 697063039
    text = (
        "In his Twitter post, Trump also blasted the 17 angry Democrats that are doing a conflicted Mueller’s dirty "
        "work.\n"
        "Bob Mueller is totally conflicted, and his 17 Angry Democrats that are doing his dirty work are a disgrace "
        "to USA!\n"
        "— Donald J. Trump (@realDonaldTrump) August 1, 2018\n"
        "The civility of the Left on full display… pic.twitter.com/gUzBVRpP7X — The Columbia Bugle (@ColumbiaBugle) "
        "July 5, 2018\n"
        "pic.twitter.com/5WnCA8mrhf — Jennifer Bendery (@jbendery) October 11, 2017\n"
    )
    found = quotes_of(rules, text)
    assert (found[0][0].startswith("Bob Mueller") and found[0][1]) == "Donald J. Trump"
    assert found[1][0].startswith("The civility of the Left") and found[1][1] == "Columbia Bugle"
    assert len(found) == 2  # a signature under a bare link, after another tweet, quotes nothing


def test_inside_a_quote_what_a_speaker_there_reports_is_that_speakers(rules: Pipeline) -> None:
    # ptc/train 784382409: a tweet relaying a 911 record
    text = (
        "However, 911 call documents show that Alexander named Ellison as her assaulter.\n"
        "The caller reported she was assaulted by Keith Ellison.\n"
        "pic.twitter.com/bVmrrZHC3h — JohnGilmore (@Shabbosgoy) August 13, 2018\n"
    )
    r = one(relations(rules, text), "perpetrate")
    assert r["voice"] == "attributed" and r["holder"] == "caller"


def test_a_description_takes_the_one_person_the_text_gave_that_title(rules: Pipeline) -> None:
    text = (
        "Supreme Court nominee Brett Kavanaugh met senators on Monday. Christine Blasey Ford has accused the "
        "nominee of sexually assaulting her."
    )
    r = one(relations(rules, text), "blame")
    assert r["c"] == "Brett Kavanaugh" and r["cause"]["resolved_by"] == "description (title)"
    two = relations(rules, "Officer Ann Lee and officer Bo Kim arrived at noon. The officer shot him.")
    assert one(two, "perpetrate")["cause"]["entity_id"] is None  # two officers: unresolved


def test_an_interview_opening_with_a_statement_question_gives_the_answer_to_the_interviewee(rules: Pipeline) -> None:
    # GUM wikinews interview "chomsky"
    text = (
        "Interview with US political activist and philosopher Noam Chomsky\n\n"
        "On March 13, Professor Chomsky sat down with Michael Dranove for an interview in his MIT office.\n\n"
        "I just wanted to know if you had any thoughts on recent NATO actions and the protests coming up at the "
        "60th NATO conference, I know you’re speaking at the counter-conference.\n\n"
        "Could be I give so many talks I can’t remember. Now it is remarkable in the light of history, the history "
        "of the past century, Germany alone had virtually destroyed Russia, twice.\n"
    )
    r = one(relations(rules, text), "perpetrate")
    assert r["voice"] == "quoted" and r["holder"] == "Noam Chomsky"


def test_instructing_someone_that_is_telling_and_to_act_is_compelling(rules: Pipeline) -> None:
    # ptc/train 706088110 (audit): "instructed ICE that …" was read as training
    told = relations(
        rules,
        "The man, Terry Rombot, had been allowed to remain under the terms of a 2010 deal with U.S. Immigration and "
        "Customs Enforcement until this year, when President Donald Trump instructed ICE that all people living in "
        "the United States illegally were subject to deportation.",
    )
    assert not [r for r in told if r["type"] in ("train", "compel")]
    ordered = relations(rules, "President Donald Trump instructed ICE to deport all of them.")
    assert one(ordered, "compel")["c"] == "Donald Trump"


def test_wanted_for_and_pleaded_guilty_to_are_blame_statements(rules: Pipeline) -> None:
    # ptc/train 710100700 and 761564397 (audit)
    wanted = relations(
        rules,
        "A Guatemalan man, wanted by law enforcement authorities in his home country for killing a store owner, "
        "was removed Thursday.",
    )
    assert one(wanted, "blame")["cause"]["text"].endswith("man")
    pleaded = relations(
        rules,
        "Conservative commentator Dinesh D'Souza, who was pardoned by Trump last week, had pleaded guilty to "
        "campaign finance fraud.",
    )
    assert one(pleaded, "blame")["c"] == "Dinesh D'Souza" and "fraud" in (one(pleaded, "blame")["e"] or "")
    assert not [r for r in relations(rules, "She wanted a car for Christmas.") if r["type"] == "blame"]
    assert not [r for r in relations(rules, "The militants fired rockets for hours.") if r["type"] == "blame"]


def test_an_accusing_word_with_no_one_accused_names_no_accuser(rules: Pipeline) -> None:
    # ptc/dev 784382409: "accused" is an adjective here; "Muslim" was made a source accusing someone
    text = (
        "Will the people not demand justice and vote a Communist-backed, Muslim, accused woman abuser into the "
        "office of prosecuting criminals?"
    )
    assert quotes_of(rules, text) == []
    report = build_report(rules(Document(text, id="t")))
    assert report["reported"] == [] and report["sources"] == []


def test_a_hyphenated_speaker_keeps_the_whole_noun(rules: Pipeline) -> None:
    # ptc/train 789370998: the parser split "co-founder" into three subjects and "co" became the speaker
    text = (
        "“There is exactly a zero percent chance that [Senate Majority Leader] Mitch McConnell and Chuck Grassley "
        "will allow this thing to get past the lame-duck” congressional session after Election Day, said the "
        "co-founder of SCOTUSblog who has appeared before the Supreme Court many times."
    )
    assert [who for _, who in quotes_of(rules, text)] == ["co-founder of SCOTUSblog"]


def test_a_reporting_verb_tagged_as_a_noun_keeps_its_speaker_in_context(rules: Pipeline) -> None:
    # gum_news_warming: "notes" parsed as a noun with the Department as its modifier
    text = (
        'Heald said although temperature and ozone are separately known to impact crop yields, "nobody has '
        'looked at these together".\n\n'
        'The U.S. Department of Agriculture notes, "Ground-level ozone causes more damage to plants than all '
        'other air pollutants combined", highlighting the importance of air quality for agriculture.'
    )
    quoted = dict(quotes_of(rules, text))
    assert quoted["Ground-level ozone causes more damage to plants than all other air pollutants combined"] == (
        "U.S. Department of Agriculture"
    )


def test_the_innermost_claim_holds_the_relation(rules: Pipeline) -> None:
    # ptc/train 789370998: the magazine reports Ramirez's claim; the assault is her claim, not the magazine's
    text = (
        "Meanwhile, the New Yorker magazine reported Sunday that Deborah Ramirez, 53, suddenly claims to have been "
        "assaulted by Kavanaugh at a drunken party decades ago at Yale College."
    )
    r = one(relations(rules, text), "perpetrate")
    assert r["holder"] == "Deborah Ramirez" and r["voice"] == "attributed"


def test_a_quote_running_on_into_the_next_paragraph_keeps_its_speaker(rules: Pipeline) -> None:
    # ptc/train 702077434: a whole-paragraph quotation right after the speaker's quotation is still theirs
    text = (
        "“I hated myself for making the worst decision I ever made,” Khweis wrote to the judge in a letter.\n"
        "“I ruined my life and my family’s life.”\n"
        "Prosecutors, who pushed for 35 years in prison, accused Khweis of lying repeatedly.\n"
    )
    assert [who for _, who in quotes_of(rules, text)] == ["Khweis", "Khweis"]
    # a quotation whose speaker is nowhere is still someone else's words: quoted, holder unknown
    alone = relations(rules, "“I ruined my life and my family’s life.”")
    assert [(r["voice"], r["holder"]) for r in alone] == [("quoted", None)]


def test_who_under_a_passive_and_to_be_convicted_take_their_noun(rules: Pipeline) -> None:
    # ptc/train 787668628, 779394730, 702077434
    politician = relations(
        rules,
        "I have the same standard for Brett Kavanaugh as I did for Roy Moore, for Donald Trump, for Bill Clinton — "
        "or for any other politician who’s accused of misconduct.",
    )
    assert one(politician, "blame")["cause"]["text"] == "any other politician"
    archbishop = relations(
        rules,
        "The Pennsylvania grand jury report follows the resignation last month of Cardinal Theodore McCarrick, a "
        "towering figure in the U.S. church and former D.C. archbishop who was accused of sexually abusing minors.",
    )
    assert one(archbishop, "blame")["cause"]["text"].endswith("archbishop")
    convicted = relations(
        rules,
        "The first American citizen to be convicted of successfully joining the Islamic State has been sentenced "
        "to 20 years in prison.",
    )
    blame = one(convicted, "blame")
    assert blame["cause"]["text"].endswith("citizen") and "Islamic State" in blame["effect"]["text"]


def test_the_one_quick_to_blame_holds_the_blame(rules: Pipeline) -> None:
    # ptc/dev 788271400: Cruz says O’Rourke blames the officer; the blame is O’Rourke's
    text = (
        "FOX 26 asked Cruz to respond to his Democratic midterm rival, Beto O’Rourke, who called for officer Guyger "
        "to be fired.\n"
        "“I think we are all counting on the district attorney, on those in positions of trust and power right now, "
        "to do the right thing,” O’Rourke said.\n"
        "“I wish Beto O’Rourke & Democrats weren’t so quick to always blame the police officer,” Cruz said "
        "Saturday during an interview with Houston’s KRIV.\n"
    )
    r = one(relations(rules, text), "blame")
    assert r["holder"] == "Beto O’Rourke" and r["cause"]["text"] == "the police officer"


def test_an_excerpt_after_a_citation_lead_in_runs_to_its_end(rules: Pipeline) -> None:
    # ptc/train 787668628: "“Title,” by Writer, Outlet, Date:" then the excerpt, one sentence per line
    text = (
        "Establishment Republicans are racing for the exits.\n"
        "“Weighing the Allegations against Brett Kavanaugh,” by David French, National Review, September 16, 2018:\n"
        "They’re serious but not solid.\n"
        "She claims that Kavanaugh knocked her down, groped her, and attempted to remove her clothes.\n"
        "“I thought he might inadvertently kill me,” said Ford, now a 51-year-old research psychologist.\n"
        "Do not count me among those who would minimize this alleged assault.\n"
        "I believe it is more likely than not that Bill Clinton committed rape and sexual harassment.\n"
        "But the odds of getting details that precise are long indeed….\n"
        "Article posted with permission from Robert Spencer\n"
    )
    report = build_report(rules(Document(text, id="t")))
    names = {s["id"]: s["name"] for s in report["sources"]}
    blocks = [q for q in report["quotes"] if q["kind"] == "block"]
    assert len(blocks) == 1 and names[blocks[0]["source_id"]] == "David French"
    assert text[blocks[0]["start"] : blocks[0]["end"]].startswith("They’re serious")
    assert text[blocks[0]["start"] : blocks[0]["end"]].endswith("long indeed….")
    rels = relations(rules, text)
    kill = next(r for r in rels if r["trigger"]["text"] == "kill")
    assert kill["holder"] == "Ford"  # the quotation inside the excerpt is its own speaker's
    committed = next(r for r in rels if r["trigger"]["text"] == "committed")
    assert committed["holder"] == "David French" and committed["support"] == "hedged"


def test_acts_on_a_body_and_listed_verbs_are_perpetrations(rules: Pipeline) -> None:
    # ptc/train 111111115, 787668628
    grabbed = relations(
        rules,
        "Lindsay Menz says Franken grabbed her buttocks when the pair posed for a photo at the Minnesota State Fair "
        "in 2010.",
    )
    assert one(grabbed, "perpetrate")["c"] == "Franken" and one(grabbed, "perpetrate")["holder"] == "Lindsay Menz"
    pinned = relations(rules, "The senator grabbed the microphone and pinned the blame on his rival.")
    assert [r["type"] for r in pinned] == ["blame"] and pinned[0]["c"] == "his rival"  # grabbing a thing is no act
    listed = relations(
        rules, "She claims that Kavanaugh knocked her down, groped her, and attempted to remove her clothes."
    )
    assert [r["trigger"]["text"] for r in listed] == ["knocked", "groped"]
    # "she" is not resolved here: the claims are someone's, and say so, not the author's
    assert {(r["voice"], r["holder"], r["support"]) for r in listed} == {("attributed", None, "sourced")}
    engaged = relations(
        rules, "I believe it is more likely than not that Roy Moore engaged in sexual misconduct with underage girls."
    )
    assert one(engaged, "perpetrate")["c"] == "Roy Moore" and one(engaged, "perpetrate")["support"] == "hedged"


def test_a_pronoun_whose_latest_person_has_a_clashing_given_name_is_left_unresolved(rules: Pipeline) -> None:
    # ptc/train 787668628: "she" after "Mark Judge" was credited to him
    text = (
        "Ford said she was able to escape when Kavanaugh’s friend and classmate at Georgetown Preparatory School, "
        "Mark Judge, jumped on top of them, sending all three tumbling.\n"
        "She said she ran from the room, briefly locked herself in a bathroom and then fled the house.\n"
    )
    report = build_report(rules(Document(text, id="t")))
    names = {s["id"]: s["name"] for s in report["sources"]}
    ran = [r for r in report["reported"] if text[r["start"] : r["end"]].startswith("she ran")]
    assert all(names.get(r["source_id"] or "") != "Mark Judge" for r in ran)


def test_who_before_a_blame_adjective_and_abusing_a_substance(rules: Pipeline) -> None:
    # ptc/train 712382330 (who … responsible); ptc/train 702077434 ("abused marijuana" attacks no one)
    responsible = relations(
        rules,
        "The book names the cardinal who was largely responsible for the vote canvassing behind the election.",
    )
    assert one(responsible, "blame")["cause"]["text"].endswith("cardinal")
    assert not relations(rules, "He also abused marijuana over the past few years.")
    assert one(relations(rules, "He also abused the girls over the past few years."), "perpetrate")["c"] == "He"


def test_a_description_the_text_gave_a_name_before_is_that_person(rules: Pipeline) -> None:
    # ptc/dev 788273361: the apposition names her, the later description says the same of her
    text = (
        "Karen Monahan, the woman who accused Keith Ellison of domestic abuse, says Democrats don’t believe her.\n"
        "The woman who accused Minnesota Democratic Rep. Keith Ellison of domestic abuse said on Monday that "
        "Democrats don’t believe her story.\n"
    )
    rels = [r for r in relations(rules, text) if r["type"] == "blame"]
    assert [r["holder"] for r in rels] == ["Karen Monahan", "Karen Monahan"]
    # two people described the same way: the description stays unresolved
    two = (
        "Ann Lee, the woman who accused Keith Ellison of abuse, spoke. Mary Fox, the woman who accused Keith "
        "Ellison of abuse, spoke too.\nThe woman who accused Keith Ellison of abuse said that he lied.\n"
    )
    last = [r for r in relations(rules, two) if r["type"] == "blame"][-1]
    assert last["holder"] not in ("Ann Lee", "Mary Fox")


def test_a_claim_to_have_seen_is_the_claimer_s(rules: Pipeline) -> None:
    # ptc/dev 790499380: "he" is not resolved, but what he claims to have seen is not the author's statement
    r = one(
        relations(rules, "In the Facebook post, he claims to have seen a video of Ellison dragging Karen Monahan."),
        "perpetrate",
    )
    assert (r["voice"], r["holder"], r["c"]) == ("attributed", None, "Ellison")
    assert not relations(rules, "Democrats would prefer to drag the confirmation process into the next Congress.")


def test_a_permission_given_allows_and_backing_verbs_support(rules: Pipeline) -> None:
    # ptc/dev 787966255, ptc/train 776535164, ptc/train 789121265, ptc/train 723883127
    warrant = one(
        relations(rules, "A third search warrant gave investigators the authority to enter Jean’s apartment."), "allow"
    )
    assert warrant["cause"]["text"] == "A third search warrant" and warrant["effect"]["text"] == "investigators"
    light = one(
        relations(rules, "The state Supreme Court gave the green light for the release of the report."), "allow"
    )
    assert "release" in light["effect"]["text"]
    assert not relations(rules, "He gave me the book.")
    championed = one(
        relations(
            rules, "Sen. Dianne Feinstein, California Democrat, has championed Brett Kavanaugh’s #MeToo accuser."
        ),
        "support",
    )
    assert championed["c"] == "Dianne Feinstein"
    assert not relations(rules, "He defended his thesis in May.")
    said = relations(rules, "They dig up some woman and convince her to say that he assaulted her.")
    assert one(said, "compel")["effect"]["text"] == "her"
    assert one(said, "perpetrate")["voice"] == "attributed"  # what she is made to say is not the author's claim


def test_more_causal_verbs_and_a_doer_denied_by_no(rules: Pipeline) -> None:
    # ptc/train 702077434, 779394730
    ignited = relations(rules, "First, there was no particular event or friend who ignited his radicalization.")
    assert one(ignited, "cause")["negated"] is True
    delayed = one(relations(rules, "Legal challenges by clergy delayed the report’s release."), "cause")
    assert delayed["cause"]["text"] == "Legal challenges" and delayed["negated"] is False


def test_an_object_pronoun_in_what_someone_alleges_is_the_one_alleging(rules: Pipeline) -> None:
    # ptc/train 111111115, 789121265: "her" is not the clause's own subject (Franken, the nominee) but the one who
    # says or accuses
    says = relations(
        rules,
        "Leeann Tweeden, a radio news anchor, says Franken groped and forcibly kissed her during a USO tour in 2006.",
    )
    assert {r["e"] for r in says if r["type"] == "perpetrate"} == {"Leeann Tweeden"}
    accused = relations(
        rules,
        "Christine Blasey Ford, a psychology professor at Palo Alto University, has accused the Supreme Court "
        "nominee of sexually assaulting her when they were in high school in Maryland.",
    )
    assert one(accused, "perpetrate")["e"] == "Christine Blasey Ford"
    # the reporter is a man, the pronoun "her": abstain rather than give her his name
    told = relations(rules, "Tom Miller says Franken groped her during a USO tour in 2006.")
    assert one(told, "perpetrate")["e"] == "her"


def test_she_is_the_last_subject_when_the_text_goes_on_about_her(rules: Pipeline) -> None:
    # ptc/dev 788271400: two women named before; the last subject, a woman, is who "she" is (centering)
    text = (
        "Nikki Haley resigned on Tuesday. To be clear, Amber Guyger admitted to doing something wrong. "
        "Mistake or not, she killed an innocent man."
    )
    assert one(relations(rules, text), "perpetrate")["c"] == "Amber Guyger"
    # a subject of unknown gender came between: "she" stays unresolved
    text = (
        "Nikki Haley resigned on Tuesday. To be clear, Amber Guyger admitted to doing something wrong. "
        "Jean was at home. Mistake or not, she killed an innocent man."
    )
    assert one(relations(rules, text), "perpetrate")["c"] == "she"


def test_a_description_renamed_by_the_name_after_it(rules: Pipeline) -> None:
    # ptc/dev 778358096: "the boy's father, Siraj Ibn Wahhaj," is the person named after the description
    text = (
        "A Georgia arrest warrant accused the boy's father, Siraj Ibn Wahhaj, the imam's son, of kidnapping the child."
    )
    assert one(relations(rules, text), "blame")["c"] == "Siraj Ibn Wahhaj"


def test_they_is_left_unresolved_when_the_last_actor_named_is_not_the_topic(rules: Pipeline) -> None:
    # ptc/dev 787966255: the newspaper named last is not who "them" are
    text = (
        "A manager at the complex declined to indicate exactly when Guyger moved out, the Dallas Morning News reports. "
        "While residents can certainly sleep better knowing that they don’t have to fear a killer cop walking into "
        "their apartment and murdering them, the family of Botham Jean likely sees this as one more instance of "
        "injustice."
    )
    murdered = one(relations(rules, text), "perpetrate")
    assert murdered["effect"]["entity_id"] is None
    # an actor named earlier in the pronoun's own sentence is still its antecedent (ptc/train 723883127)
    text = (
        "This obviously does not look good for the Pope or the Catholic Church as they are now apparently engaging "
        "in attacking the victims."
    )
    assert one(relations(rules, text), "perpetrate")["c"] == "Catholic Church"


def test_blame_idioms_on_real_sentences(rules: Pipeline) -> None:
    # ptc/train 795703371 (a headline-style line that parses "fault" as a verb) and ptc/dev 784382409
    fault = one(relations(rules, "Northern Border. All Democrats fault for weak laws!"), "blame")
    assert fault["c"] == "Democrats" and fault["effect"]["text"] == "weak laws"
    named = one(
        relations(rules, "911 call documents show that Alexander named Ellison as her assaulter."),
        "blame",
    )
    assert named["c"] == "Ellison" and named["effect"]["text"] == "her assaulter"


def test_a_post_pasted_over_lines_is_its_signers_and_a_tweet_starts_where_its_quote_opens(rules: Pipeline) -> None:
    # ptc/dev 790499380: three pasted lines between one pair of marks, signed by a name on the line below
    post = relations(
        rules,
        "And the media has kept it quiet.\n"
        '"Keith Ellison flatly denies allegation that he abused an ex girlfriend.\n'
        "The story had been circulating in MN, and not held up under media scrutiny, so no stories ran.\n"
        'It blew up last night after the ex’s son posted the allegation on Facebook."\n'
        "Dave Weigel.\n"
        "It's not quite the first time for Keith X.",
    )
    abused = one(post, "perpetrate")
    assert abused["voice"] == "quoted" and abused["holder"] == "Dave Weigel"
    # ptc/dev 788271400: the tweet's quotation opens a line above its signature line
    text = (
        "Cruz responds to O'Rourke support for DPD firing Amber Guyger: \"I wish Beto O’Rourke & Democrats weren’t "
        "so quick to always blame the police officer.\n"
        '... She may have been in the wrong ... but I don’t think we should jump to conclusions" amid investigation '
        "https://t.co/68nHBodrOM — Patrick Svitek (@PatrickSvitek) September 17, 2018\n"
        "Cruz then went on to call the situation a tragedy."
    )
    report = build_report(rules(Document(text, id="t")))
    names = {s["id"]: s["name"] for s in report["sources"]}
    (tweet,) = [q for q in report["quotes"] if q["kind"] == "block"]
    assert names[tweet["source_id"]] == "Patrick Svitek" and tweet["text"].startswith("Cruz responds")
    assert one(relations(rules, text), "support")["holder"] == "Patrick Svitek"


def test_a_name_line_that_is_no_signature_takes_no_quote(rules: Pipeline) -> None:
    # the name line follows a quote that goes on in its own line, and a heading that is no person
    said = relations(rules, '"He abused her," she wrote in a post that night.\nDave Weigel.\nMore later.')
    assert one(said, "perpetrate")["holder"] != "Dave Weigel"
    heading = relations(rules, 'And then:\n"He abused her and lied about it."\nFinal Thoughts.\nMore later.')
    assert one(heading, "perpetrate")["holder"] is None


def test_an_act_forced_on_a_body_or_attempted_on_someone_is_done_to_them(rules: Pipeline) -> None:
    # ptc/dev 111111115: "kiss" is in no lexicon, "forcibly" makes it an act done to her; "tried to" one attempted
    both = relations(
        rules,
        "Leeann Tweeden, a radio news anchor, says Franken groped and forcibly kissed her during a USO tour in 2006, "
        "before the former comedian was a senator.",
    )
    acts = [r for r in both if r["type"] == "perpetrate"]
    assert sorted(r["trigger"]["text"] for r in acts) == ["groped", "kissed"]
    assert all(r["c"] == "Franken" and r["holder"] == "Leeann Tweeden" for r in acts)
    tried = relations(
        rules,
        "An unnamed former Democratic congressional aide told Politico that the senator tried to forcibly kiss her "
        "after he taped a radio show in 2006.",
    )
    assert one(tried, "perpetrate")["trigger"]["text"] == "kiss"
    # a wish or an aim stays no act, and force on a thing is no act on a person
    assert not relations(rules, "He tried to raise money for the campaign and wanted to kill her.")
    assert not relations(rules, "He forcibly removed the sign from the wall.")


def test_a_sentence_for_crimes_hung_on_the_sentence_served_is_blame(rules: Pipeline) -> None:
    # ptc/dev 723883127
    text = (
        "They noted the accusers were deemed credible enough by the Vatican that it sentenced Karadima to a lifetime "
        "of “penance and prayer” for his crimes in 2011."
    )
    blame = one(relations(rules, text), "blame")
    assert blame["c"] == "Karadima" and blame["effect"]["text"] == "his crimes"


def test_hitting_a_person_is_an_act_and_hitting_a_thing_is_not(rules: Pipeline) -> None:
    # ptc/dev 774007496 (shortened at the coordination): the relative "who" is the man
    hit = relations(rules, "He was attacked by a man who hit him on the body and on the head.")
    assert [r["c"] for r in hit if r["type"] == "perpetrate" and r["trigger"]["text"] == "hit"] == ["a man"]
    assert not relations(rules, "A mysterious illness hit diplomats in Cuba, and the storm struck the coast.")


def test_attacking_someone_for_something_is_blaming_them(rules: Pipeline) -> None:
    # ptc/dev 723883127 (its headline)
    said = relations(rules, "The Pope Is Now Openly Attacking Child Sexual Abuse Victims For “Slander”")
    blame = one(said, "blame")
    assert blame["c"] == "Child Sexual Abuse Victims" and "Slander" in blame["effect"]["text"]
    # a "for" of time keeps the verb's own meaning
    town = relations(rules, "Rebels attacked the town for the second time.")
    assert [r["type"] for r in town] == ["perpetrate"]
    assert not relations(rules, "Critics slammed the minister for two days.")


def test_i_and_me_in_a_quotation_are_its_speaker_and_nobody_in_the_authors_voice(rules: Pipeline) -> None:
    # ptc/dev 702077434: the second paragraph's quotation runs on from Khweis's
    khweis = relations(
        rules,
        "“I hated myself for making the worst decision I ever made,” Khweis wrote to the judge in a letter.\n"
        "“I ruined my life and my family’s life.”",
    )
    ruined = one(khweis, "cause")
    assert ruined["c"] == "Khweis" and ruined["cause"]["text"] == "I" and ruined["holder"] == "Khweis"
    # ptc/dev 787668628: a whole sentence opening the next paragraph runs on too
    ford = relations(
        rules,
        "Christine Blasey Ford says Brett Kavanaugh assaulted her.\n"
        "“I thought he might inadvertently kill me,” said Ford, now a 51-year-old research psychologist.\n"
        "“He was trying to attack me and remove my clothing.” Ford said she was able to escape.",
    )
    attack = next(r for r in ford if r["trigger"]["text"] == "attack")
    assert attack["e"] == "Christine Blasey Ford" and attack["holder"] == "Christine Blasey Ford"
    # the author's own "me" is nobody the text names
    assert one(relations(rules, "Then Karadima abused me."), "perpetrate")["effect"]["entity_id"] is None


def test_ones_own_body_put_on_a_person_is_an_act_on_them(rules: Pipeline) -> None:
    # ptc/dev 789370998 and 111111115: verbs in no lexicon, told by a body part (or oneself) put on someone
    ramirez = relations(rules, "Ramirez claims Kavanaugh exposed himself to her and brushed his genitals against her.")
    acts = [r for r in ramirez if r["type"] == "perpetrate"]
    assert sorted(r["trigger"]["text"] for r in acts) == ["brushed", "exposed"]
    assert {r["c"] for r in acts} == {"Kavanaugh"} and {r["holder"] for r in acts} == {"Ramirez"}
    hand = one(
        relations(
            rules,
            "Stephanie Kemplin, an Army veteran, says Franken put his hand on her breast during a USO tour in 2003.",
        ),
        "perpetrate",
    )
    assert hand["c"] == "Franken" and hand["effect"]["text"] == "her breast"
    # a shoulder is no part the list names, and giving oneself to someone is no contact
    assert not relations(rules, "He put his hand on her shoulder. She devoted herself to him.")


def test_the_parsers_possessive_her_decades_and_adjective_abusing_still_give_the_act(rules: Pipeline) -> None:
    # ptc/dev 789370998: "her decades ago" read as a possessive
    ford = relations(
        rules,
        "Grassley scheduled a hearing to take testimony from Christine Blasey Ford, 51, who claims Kavanaugh, 53, "
        "sexually assaulted her decades ago when he was a high school student.",
    )
    assaulted = one(ford, "perpetrate")
    assert assaulted["c"] == "Kavanaugh" and assaulted["effect"]["text"] == "her"
    # ptc/dev 779394730: "sexually abusing" read as an adjective of "minors"
    mccarrick = relations(
        rules,
        "The report follows the resignation last month of Cardinal Theodore McCarrick, a towering figure in the "
        "U.S. church and former D.C. archbishop who was accused of sexually abusing minors and adults for decades.",
    )
    act = one(mccarrick, "perpetrate")
    assert act["trigger"]["text"] == "abusing" and "minors" in act["effect"]["text"]
    assert act["holder"] == one(mccarrick, "blame")["holder"] == "unnamed accusers"


def test_due_to_stems_from_and_a_drawn_reaction_are_causes(rules: Pipeline) -> None:
    # gum/dev iodine, ptc/train 729368012, ptc/dev 723883127
    due = one(
        relations(
            rules,
            "The report says the decline in iodine intake appears to be due to changes in the dairy industry, where "
            "chlorine-containing sanitisers have replaced iodine-containing sanitisers.",
        ),
        "cause",
    )
    assert due["cause"]["text"].startswith("changes") and due["effect"]["text"].startswith("the decline")
    stem = one(relations(rules, "The charges stem from an alleged scheme to bribe Vadim Mikerin."), "cause")
    assert stem["cause"]["text"].startswith("an alleged scheme") and stem["effect"]["text"] == "The charges"
    drew = relations(
        rules, "The pope’s remarks drew shock from Chileans and immediate rebuke from victims and their advocates."
    )
    assert one(drew, "cause")["cause"]["text"] == "The pope’s remarks"
    # crowds are no reaction a deed is blamed by
    assert not relations(rules, "The exhibition drew large crowds from the region.")


def test_an_accusation_brought_forward_or_announced_is_blame(rules: Pipeline) -> None:
    # ptc/dev 789121798 and 789370998
    came = relations(
        rules,
        "So, when a bunch of well-documented liars come out with yet another sexual assault allegation against a "
        "Trump appointee, let’s just say I’m skeptical and here’s why:",
    )
    assert one(came, "blame")["effect"]["text"] == "sexual assault"
    plans = relations(
        rules,
        "Also on Sunday, media-savvy sleazeball lawyer Michael Avenatti, who represents porn star Stormy Daniels, "
        "tweeted that he represents another woman who plans to accuse Kavanaugh of something.",
    )
    assert one(plans, "blame")["c"] == "Kavanaugh"
    # a plan to act is not an act
    assert not relations(rules, "He plans to kill them.")


def test_a_reflexive_a_video_and_a_cleft_it_give_no_false_link(rules: Pipeline) -> None:
    # ptc/train 782086447 and 769682854
    silence = relations(
        rules,
        "We must tear down the conspiracy of silence with which bishops and priests have protected themselves at "
        "the expense of their faithful.",
    )
    assert not [r for r in silence if r["type"] == "support"]  # protecting oneself links no two actors
    video = relations(
        rules,
        "“It came to our attention earlier this evening that a part-time employee was captured on cell phone video "
        "assaulting another person at a local eatery,” the Rumble bar in San Antonio posted on its Facebook page.",
    )
    assert not [r for r in video if "video" in r["cause"]["text"]]  # the video shows the act, it does not act
    cleft = relations(
        rules,
        "I believe it was due to the Pope’s first collaborator at the time, Cardinal Tarcisio Bertone, who "
        "notoriously favored promoting homosexuals into positions of responsibility.",
    )
    assert not [r for r in cleft if r["type"] == "cause"]


def test_a_body_part_stands_for_its_owner(rules: Pipeline) -> None:
    # ptc/dev 111111115: "her buttocks" are Lindsay Menz's, who reports it; never the doer's own
    grabbed = one(
        relations(
            rules,
            "Lindsay Menz says Franken grabbed her buttocks when the pair posed for a photo at the Minnesota State "
            "Fair in 2010.",
        ),
        "perpetrate",
    )
    assert grabbed["e"] == "Lindsay Menz" and grabbed["effect"]["text"] == "her buttocks"
    waist = one(relations(rules, "Sen. Al Franken put his hand around her waist."), "perpetrate")
    assert waist["c"] == "Al Franken" and waist["effect"]["entity_id"] != waist["cause"]["entity_id"]


def test_a_city_before_an_act_is_where_and_one_seen_as_acting_is_the_doer(rules: Pipeline) -> None:
    # ptc/train 696735702, 727497152, 732610971
    vegas = relations(
        rules,
        "It should be clear by now that the entire official narrative surrounding the Las Vegas shooting that left "
        "59 people dead and hundreds injured is falling apart.",
    )
    assert not [r for r in vegas if r["c"] == "Las Vegas"]
    feet = relations(
        rules,
        "Not only did the coroner drag his feet and release the autopsy reports late Wednesday, but all of the names "
        "were redacted in the reports.",
    )
    assert not [r for r in feet if r["type"] == "perpetrate"]
    seen = relations(
        rules,
        "In speaking of the influx of Muslim migrants into Europe, Orban sees it as destroying the culture of Europe.",
    )
    # "it" is the influx, never Orban, the subject of the verb whose object it is: unresolved (destroying a
    # culture is harm done to a thing, a cause, as "ruined my life" is in the gold)
    assert [(r["cause"]["text"], r["c"]) for r in seen if r["type"] == "cause"] == [("it", "it")]
    # a country before an act names who did it
    assert one(relations(rules, "The Syria attack on the base was condemned."), "perpetrate")["c"] == "Syria"


def test_ways_to_act_and_a_duty_to_act_are_no_acts(rules: Pipeline) -> None:
    # ptc/train 703821117 and 698018235
    assert not relations(
        rules, "Titled “Study of Assassination,” the manual spells out various ways to assassinate people."
    )
    duty = relations(
        rules,
        '"Any Jew who opposes the Occupation knows that feeling of being shunned from the places that are supposed '
        'to shelter and nurture you: families, synagogues, community centers, arts organizations," Fishback continues.',
    )
    assert not [r for r in duty if r["type"] == "support"]
    # what the first or only one did is a deed
    first = relations(rules, "He was the first man to kill a bear with his bare hands.")
    assert one(first, "perpetrate")["effect"]["text"] == "a bear"


def test_what_someone_describes_another_as_doing_is_theirs_not_the_writers(rules: Pipeline) -> None:
    # ptc/train 732610971: Orban's view of the influx, not the writer's assertion
    seen = one(
        relations(
            rules,
            "In speaking of the influx of Muslim migrants into Europe, Orban sees it as destroying the culture of "
            "Europe.",
        ),
        "cause",
    )
    assert seen["voice"] == "attributed" and seen["holder"] == "Orban"
    described = one(relations(rules, "Critics described the militia as terrorising the villages."), "perpetrate")
    assert described["voice"] == "attributed" and described["holder"] == "Critics"
    # the writer's own view stays the writer's
    assert one(relations(rules, "I see it as destroying the culture."), "cause")["voice"] == "author"


def test_an_accusation_made_against_someone_is_its_makers_or_someones_never_the_writers(rules: Pipeline) -> None:
    # ptc/dev 784382409 and 789121265
    brought = one(
        relations(
            rules,
            "As he arrived for a campaign event in Minnesota on Saturday, Rep. Keith Ellison (D-MN) was confronted by "
            "investigative journalist Laura Loomer about the numerous domestic violence allegations that have been "
            "brought against him by two different women.",
        ),
        "blame",
    )
    assert brought["voice"] == "attributed" and brought["holder"] == "two different women"
    leveled = one(
        relations(
            rules,
            "She pointed to the discrepancy between Democratic lack of interest in her case and the party’s outrage "
            "over allegations of sexual assault leveled last week against Mr. Kavanaugh.",
        ),
        "blame",
    )
    assert leveled["voice"] == "attributed" and leveled["holder"] == "unnamed accusers"
    made = one(relations(rules, "Karen Monahan made accusations against Ellison."), "blame")
    assert made["holder"] == "Karen Monahan"


def test_blame_laid_in_a_set_phrase_is_the_one_who_lays_it_never_the_writer(rules: Pipeline) -> None:
    # the worst kind of error: "X blamed A on B" stored in the author's voice; these phrases blame too
    for text, holder in [
        ("The senator grabbed the microphone and pinned the blame on his rival.", "senator"),
        ("Cruz pointed the finger at the police.", "Cruz"),
        ("Alexander named Ellison as her assaulter.", "Alexander"),
        ("Critics lambasted the minister for the delays.", "Critics"),
        ("The Pope Is Now Openly Attacking Child Sexual Abuse Victims For “Slander”", "Pope"),  # ptc/dev 723883127
    ]:
        blame = one(relations(rules, text), "blame")
        assert (blame["voice"], blame["holder"]) == ("attributed", holder), text
    # the writer's own verdict stays the writer's, and a deed is no accusation
    assert one(relations(rules, "It was the government's fault."), "blame")["voice"] == "author"
    assert one(relations(rules, "Rebels attacked the town."), "perpetrate")["voice"] == "author"
    # a reaction drawn is a cause the writer states; whose criticism it is the text does not say: no blame
    drew = relations(rules, "Trump's move attracted fierce criticism for normalizing a regime.")
    assert [r["type"] for r in drew] == ["cause"]


def test_let_someone_do_is_allowing_them(rules: Pipeline) -> None:
    # gum/dev chomsky: "let" takes a bare infinitive, which the parser makes a clause with its own subject
    text = (
        "The agreement was that Gorbachev agreed to a quite remarkable concession: he agreed to let a united "
        "Germany join the NATO military alliance."
    )
    allowed = one(relations(rules, text), "allow")
    assert allowed["effect"]["text"] == "a united Germany"
    assert not relations(rules, "Let me explain what happened next.")


def test_a_parenthetical_said_makes_the_sentence_its_speakers(rules: Pipeline) -> None:
    # ptc/dev 787668628: inside an excerpt of David French's article, what "she said" is Ford's account
    text = (
        "“Weighing the Allegations against Brett Kavanaugh,” by David French, National Review, September 16, 2018:\n"
        "The allegations against Brett Kavanaugh — outlined now on the record in the Washington Post by Palo Alto "
        "University professor Christine Blasey Ford — are substantial and serious.\n"
        "Here’s the core of her story:\n"
        "When she tried to scream, she said, he put his hand over her mouth.\n"
    )
    r = one(relations(rules, text), "perpetrate")
    assert r["voice"] == "attributed" and r["holder"] == "Christine Blasey Ford"
    # ptc/train 725498022 (the first sentence shortened): the report of Juan Carlos Cruz, not the writer’s finding
    text = (
        "Juan Carlos Cruz, told the press in 2015 that he and another boy were abused.\n"
        "The priest would kiss the boys and grope them, he said, all while the Rev.\n"
    )
    groped = [r for r in relations(rules, text) if r["trigger"]["text"] == "grope"]
    assert groped and all(r["voice"] != "author" and r["holder"] == "Juan Carlos Cruz" for r in groped)


def _interview_answers(rules: Pipeline, text: str, doc_id: str) -> dict[str, str | None]:
    """The first 14 characters of each block quotation (an interview's turns), with its speaker's name."""
    report = build_report(rules(Document(text, id=doc_id)))
    sources = {s["id"]: s["name"] for s in report["sources"]}
    return {q["text"][:14]: sources.get(q["source_id"] or "") for q in report["quotes"] if q["kind"] == "block"}


def test_an_interview_that_names_nobody_gives_answers_to_the_interviewee(rules: Pipeline) -> None:
    # gum_interview_onion (gold dev, fourth round): the title names an outlet, no person; the answers are still
    # not the writer's words
    text = (
        "The Onion: An interview with 'America's Finest News Source' Sunday, November 25, 2007\n\n"
        "How The Onion writes an issue\n\n"
        "How do you decide on the stories?\n\n"
        "We do everything backwards here. We start with the headline and then flesh out the story.\n\n"
        "Is it hard to get in?\n\n"
        "We make it pretty challenging for new writers."
    )
    answers = _interview_answers(rules, text, "onion")
    assert answers["We do everythi"] == "the interviewee" and answers["We make it pre"] == "the interviewee"
    assert answers["How do you dec"] == "the interviewer"


def test_an_interview_title_naming_a_project_the_recogniser_takes_for_a_person(rules: Pipeline) -> None:
    # gum_interview_stardust (gold dev): spaCy calls "Stardust" a person, so the title named two people and the
    # answers were left as the writer's; the one with a known given name is the interviewee
    text = (
        "Keep your eyes peeled for cosmic debris: Andrew Westphal about Stardust @ home\n\n"
        "Sunday, May 28, 2006\n\n"
        "Stardust is a NASA space capsule that collected samples from comet 81P/Wild in deep space.\n\n"
        "Andrew Westphal is the director of Stardust @ home. Wikinews interviewed him for May's Interview of the "
        "Month (IOTM) on May 18, 2006.\n\n"
        "Some may not know exactly what Stardust or Stardust @ home is. Can you explain more about it for us?\n\n"
        "Stardust is a NASA mission that collected samples of comet dust and interstellar dust and returned them.\n\n"
        "How many samples do you anticipate being found during the course of the project?\n\n"
        "Great question. The short answer is that we don't know. The long answer is a bit more complicated."
    )
    answers = _interview_answers(rules, text, "stardust")
    assert answers.get("Stardust is a ") == "Andrew Westphal" and answers.get("Great question") == "Andrew Westphal"


def test_a_quotation_shouted_during_a_deed_leaves_the_deed_in_the_authors_voice(rules: Pipeline) -> None:
    # ptc/train 774007496 (gold dev): Malek shouted the words; the stabbing is the author's telling, not Malek's
    text = "In May, Malek, a Syrian refugee, stabbed three people in The Hague while shouting, “Allahu Akbar.”"
    stabbed = one(relations(rules, text), "perpetrate")
    assert stabbed["trigger"]["text"] == "stabbed" and stabbed["voice"] == "author"


def test_a_line_without_a_full_stop_keeps_its_own_speaker(rules: Pipeline) -> None:
    # ptc/dev 761722669 (gold dev): the parser ran the unpunctuated line into the next, whose "he declared" then
    # claimed Lewinsky's words for Clinton
    text = (
        "Bill Clinton insists he doesn't owe Monica Lewinsky an apology\n\n"
        "Former President Bill Clinton insisted in a weekend interview that he doesn't owe a personal apology.\n"
        "The former president carried on a lengthy affair with Lewinsky.\n"
        "Her too: Lewinsky has emerged as an anti-bullying activist and now says Clinton engaged in a 'gross abuse "
        "of power' by seducing her\n"
        "'A lot of the facts have been omitted to make the story work,' he declared.\n"
        "'Nobody believes that I got out of that for free,' he said.\n"
        "Clinton complained in the interview that he left the presidency financially ruined."
    )
    r = next(r for r in relations(rules, text) if r["trigger"]["text"] == "engaged")
    assert r["holder"] == "Monica Lewinsky"


def test_a_claim_of_responsibility_is_the_claimers(rules: Pipeline) -> None:
    # ptc/train 723823436 (gold dev) has "taking credit for the mass shooting"; the claimer, not the writer, holds
    # that the deed was theirs (constructed: the article's own sentences name the claimer by a pronoun)
    r = one(relations(rules, "ISIS claimed responsibility for the attack on Sunday."), "blame")
    assert r["voice"] == "attributed" and r["holder"] == "ISIS"


@pytest.mark.parametrize(
    ("title", "intro"),
    [
        # gum_interview_ants (gold dev, sixth round): the title says the person tells Wikinews
        ("Biologist Nick Bos tells Wikinews about 'self-medicating' ants Tuesday, September 1, 2015", ""),
        # gum_interview_stardust (gold dev, sixth round): the introduction says Wikinews interviewed him
        (
            "Keep your eyes peeled for cosmic debris: Nick Bos about Stardust @ home",
            "Wikinews interviewed him for May's Interview of the Month on May 18, 2006.\\n\\n",
        ),
    ],
)
def test_a_wikinews_interview_is_known_by_its_title_or_introduction(rules: Pipeline, title: str, intro: str) -> None:
    text = (
        f"{title}\n\n{intro}"
        "What first attracted you to ants?\n\n"
        "We infected the ants with a fungus and then drilled a tunnel into each nest.\n\n"
        "Did the ants choose the food?\n\n"
        "Infected ants chose food laced with hydrogen peroxide, whereas healthy ants avoided it."
    ).replace("\\n", "\n")
    answers = _interview_answers(rules, text, "ants")
    assert answers["We infected th"] == "Nick Bos" and answers["Infected ants "] == "Nick Bos"
