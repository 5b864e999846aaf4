"""Links the rules must not draw, on original sentences of real articles (PTC train, quoted exactly).

Each case is a class of false relation seen when reading what unspin shows on PTC train articles outside the gold
set (issue 21: precision first).  None of these sentences comes from an article of the gold test split.
"""

from __future__ import annotations

import pytest

from unspin import Pipeline

from .test_real_sentences import one, relations
from .test_real_sentences import rules as rules  # the module fixture, shared

pytestmark = pytest.mark.slow


@pytest.mark.parametrize(
    "text",
    [
        # ptc/train 999001188: an election won, told as a fight
        "He knocked out Crooked Hillary.",
        "He beat CNN at their own game, and their ratings are now circling the toilet.",
    ],
)
def test_a_contest_won_is_no_attack(rules: Pipeline, text: str) -> None:
    assert [r for r in relations(rules, text) if r["type"] == "perpetrate"] == []


def test_beating_someone_with_something_is_an_attack(rules: Pipeline) -> None:
    # constructed: the same verb with the words that make it a blow
    r = one(relations(rules, "Police beat Rodney King with batons."), "perpetrate")
    assert r["c"] == "Police" and r["e"] == "Rodney King"


def test_an_empty_it_lends_no_one_to_the_verb_after_it(rules: Pipeline) -> None:
    # ptc/train 999000565
    assert relations(rules, "It doesn’t take much to trigger these people.") == []


def test_evidence_backing_an_allegation_is_no_support(rules: Pipeline) -> None:
    # ptc/train 999000184
    text = (
        "Steinberg reports that Omar has “faced allegations -- soon backed by a remarkable amount of evidence -- "
        "that she had married her own brother in 2009, and was still legally his wife."
    )
    assert [r for r in relations(rules, text) if r["type"] == "support"] == []


def test_an_instrument_of_a_thing_names_no_backer(rules: Pipeline) -> None:
    # ptc/train 999000312
    text = "The press are not on the side of the people, they are an instrument of elite control."
    assert relations(rules, text) == []


def test_a_deed_is_not_the_one_held_accountable(rules: Pipeline) -> None:
    # ptc/train 795379208: the parser hangs the relative clause on "wrongdoing", not on "anyone"
    text = (
        "He said Saudi leaders made a commitment “to hold anyone connected to any wrongdoing that may be found "
        "accountable for that, whether they are a senior officer or official."
    )
    assert [r for r in relations(rules, text) if r["type"] == "blame"] == []


def test_a_headline_line_is_parsed_apart_from_the_sentence_after_it(rules: Pipeline) -> None:
    # ptc/train 999001033: the repeated headline, with no full stop, ran into the first sentence and "makes …
    # and admits campaign is lying" became "made the campaign lie" (a blank line after the title makes the
    # text's paragraphs blocks, so the headline and the sentence share one)
    headline = "Caught on video: Gillum staffer makes racist statements and admits campaign is lying to voters\n"
    text = (
        f"{headline}\n{headline}"
        "In the latest Project Veritas midterm election sting, staffers working for Florida Democratic candidate "
        "for governor Andrew Gillum are caught on camera revealing Gillum’s campaign promises are lies and making "
        "racist statements about Florida voters."
    )
    assert [r for r in relations(rules, text) if r["type"] == "compel"] == []


@pytest.mark.parametrize(
    "text",
    [
        # ptc/dev 782149032, 781672902: what is wrecked is no one and nowhere
        "They destroyed evidence, despite the fact that the investigation was new and ongoing.",
        "Such an extraordinary misrepresentation destroyed any remaining confidence the Russian government might have "
        "had in Washington’s veracity.",
    ],
)
def test_wrecking_an_abstraction_is_harm_done_not_an_attack(rules: Pipeline, text: str) -> None:
    # as "ruined my life" is a cause in the gold
    assert [r["type"] for r in relations(rules, text) if r["trigger"]["text"] == "destroyed"] == ["cause"]


def test_smashing_a_building_is_an_attack(rules: Pipeline) -> None:
    # ptc/dev 774007496
    text = (
        "In December of last year, Saleh Ali, a Syrian refugee wearing a keffiyah and waving a terrorist PLO flag, "
        "went up to a Jewish restaurant in Amsterdam, shouted “Allahu Akbar” and began smashing the windows."
    )
    r = one(relations(rules, text), "perpetrate")
    assert r["c"] == "Saleh Ali" and r["effect"]["text"] == "the windows"


def test_a_clause_with_its_own_subject_lends_no_object(rules: Pipeline) -> None:
    # ptc/dev 832913653: "transparency" is what the moment requires, not what was paid for
    text = "“We paid for it and this moment requires transparency.”"
    assert all(r["effect"]["text"] != "transparency" for r in relations(rules, text))


def test_the_one_allowed_is_the_subject_of_the_allowed_clause(rules: Pipeline) -> None:
    # ptc/dev 794141509: not "that barrier", the object of the verb before the "and"
    text = (
        "Cable news media controlled the narrative for most of modern history, but the internet has lowered that "
        "barrier to entry and allowed the average person to become the media themselves."
    )
    r = one(relations(rules, text), "allow")
    assert r["effect"]["text"] == "the average person"


def test_lets_is_a_suggestion_not_a_permission(rules: Pipeline) -> None:
    # ptc/dev 999001280 (a headline)
    text = (
        'Hey, Self Proclaimed "Fact Checkers" and Mainstream Media, Let\'s Not Let That Jim Acosta Propaganda '
        "You're Putting Out Go So Fast!"
    )
    assert all(r["effect"]["text"] not in ("'s", "’s") for r in relations(rules, text))


def test_leading_up_to_is_a_time_not_a_cause(rules: Pipeline) -> None:
    # ptc/dev 999001259
    text = (
        "Common Cause, a nonpartisan group, claimed in the suit that Kemp, while secretary of state, failed to "
        "maintain “the security of voter information despite known vulnerabilities” leading up to the midterm."
    )
    assert [r for r in relations(rules, text) if r["type"] == "cause"] == []


def test_driven_by_without_a_direction_is_a_cause(rules: Pipeline) -> None:
    # ptc/dev 832908978: what drives a witch hunt moves it; no one is forced to act
    text = (
        "The president, who has repeatedly claimed that the Mueller investigation is “illegal” and a “WITCH HUNT” "
        "driven by angry liberals, made clear to reporters at the White House earlier this week that the coming "
        "report was, of course, weighing on him."
    )
    rels = relations(rules, text)
    assert [r["type"] for r in rels if r["trigger"]["text"] == "driven"] == ["cause"]


def test_a_finite_clause_the_parser_left_without_subject_borrows_none(rules: Pipeline) -> None:
    # ptc/dev 777869943: "abducted" hung on "raided" would make the authorities the abductors
    text = (
        "Authorities raided the compound in Amalia, New Mexico, on Friday as part of their search for Abdul-Ghani, "
        "whose father, Siraj Wahhaj, allegedly abducted him from Georgia in November."
    )
    assert all(r["trigger"]["text"] != "abducted" or r["c"] != "Authorities" for r in relations(rules, text))


def test_behind_a_harm_is_its_cause(rules: Pipeline) -> None:
    # ptc/dev 758477392 (a dev-split gold article)
    text = "Investigators also speculated that a flawed spy device could be behind the victims' ailments in Cuba."
    r = one(relations(rules, text), "cause")
    assert "spy device" in r["cause"]["text"] and "ailments" in r["effect"]["text"]


def test_kicking_someone_out_is_no_attack(rules: Pipeline) -> None:
    # ptc/dev 999001419
    text = (
        "President Trump took CNN’s improbable court victory temporarily restoring CNN White House correspondent Jim "
        "Acosta’s “hard pass” media credential for the executive mansion in stride, vowing to kick Acosta out again "
        "in the future if he breaches White House protocol again."
    )
    assert [r for r in relations(rules, text) if r["type"] == "perpetrate"] == []


@pytest.mark.parametrize(
    ("text", "trigger"),
    [
        # ptc/train 697063039: time passing
        (
            "As the days have become weeks, the weeks will become months, and survival will get more difficult.",
            "become",
        ),
        # ptc/train 111111132: a fee paid funds no one
        (
            "She pays an out-of-state fee of several hundred dollars, but she no longer worries about her child being "
            "taunted.",
            "pays",
        ),
        # ptc/train 111111131: backing off is retreating
        (
            "By contrast, Trump appeared to back off a military footing on Tuesday, declaring the US will stop the "
            '"war games," an apparent reference to joint military exercises with South Korea that North Korea has '
            "long rebuked as provocative.",
            "back",
        ),
        # ptc/train 111111124: a review conducted is no attack conducted
        (
            "“When the President issues such an order, it triggers a declassification review process that is "
            "conducted by various agencies within the intelligence community, in conjunction with the White House "
            "Counsel, to seek to ensure the safety of America’s national security interests,” a Justice Department "
            "spokesperson said in a statement to Fox News.",
            "conducted",
        ),
        # ptc/train 697472447: helping something along backs no one
        (
            "Las Vegas Metro Police Undersheriff Kevin McMahill explained more about Campos’s actions the night of "
            "the shooting, helping fill in some of what happened ahead of the attack, but unfortunately, it only added "
            "more questions and gave little in the way of answers.",
            "helping",
        ),
        # ptc/train 111111131: a reputation built is no group created
        (
            "Trump's move to meet him attracted fierce criticism for normalizing a regime routinely called out for its "
            "human rights abuses, that over years has built an image of fearsome renegade regime, throwing around "
            "threats of nuclear war.",
            "built",
        ),
        # ptc/train 701837665: a deadline set by law founds no group
        (
            "On Thursday, the day of the deadline established by law for releasing the records, Trump granted the "
            "CIA’s request for continued secrecy, on grounds of “national security,” more than 50 years after the "
            "Kennedy assassination.",
            "established",
        ),
        # ptc/train 703821117: an agency given a task is charged with no crime
        (
            "(The year 1994 was during the tenure of the Assassination Records Review Board, the agency charged with "
            "securing the mandated release of JFK assassination records from the CIA and other federal agencies.",
            "charged",
        ),
        # ptc/train 698503276: only a group turns into another
        (
            "The Obama administration’s response was that the missiles had become a separate issue, to be dealt with "
            "under a new United Nations Security Council resolution endorsing the JCPOA.",
            "become",
        ),
        # ptc/train 723537899: a byline, not a culprit
        ("Patrick J. Buchanan is the author of", "author"),
        # ptc/train 723823436: a sum paid funds no one
        ("Reports indicated that some jihadis were paying as much as $50,000 to get across the border.", "paying"),
        # ptc/train 709732928: an interviewer taking a turn allows nothing
        ("HANNITY: Now let me go to Victoria.", "let"),
        # ptc/train 727869189: a thought that occurs
        (
            "It strikes me, however, that everybody — Catholic or not — has a dog in this fight, which is about more "
            "than communion and canon law.",
            "strikes",
        ),
        # ptc/train 727405181: delayed by how long, not by whom
        (
            "That's even after India's Chandrayaan-2 mission was delayed by three years after Russia backed out of "
            "designing and producing the mission's lander.",
            "delayed",
        ),
        # ptc/train 727634031: driving away drives no one, and borrows no object
        ("• In September, Paddock arrived at Haig's home, bought the tracer ammunition and drove away.", "drove"),
        # ptc/train 732708002: a plan ended, no one harmed
        (
            "In 2016, Francis officially killed the plan to create it, issuing a document that essentially called on "
            "using existing procedures to tackle the problem.",
            "killed",
        ),
        # ptc/train 732708002 (the headline): a blow to an institution
        ("Pope Francis' sexual abuse commission, hit by resignations and criticism, gets a reboot", "hit"),
    ],
)
def test_no_relation_at_these_words(rules: Pipeline, text: str, trigger: str) -> None:
    # idioms, figures of speech, time, tasks, sums and turns: no link at the trigger (nor of the type it names)
    assert [r for r in relations(rules, text) if trigger in (r["trigger"]["text"], r["type"])] == []


def test_the_one_ordered_to_act_is_the_doer(rules: Pipeline) -> None:
    # ptc/train 703821117: the court reporter destroys the notes, not the one who ordered it
    rels = relations(rules, "He also ordered the court reporter to destroy her notes of the meeting.")
    assert [r["cause"]["text"] for r in rels if r["trigger"]["text"] == "destroy"] == ["the court reporter"]


def test_helping_to_do_something_lends_no_object_from_the_verb_before(rules: Pipeline) -> None:
    # ptc/train 703821117: the Marines did not help the communists
    text = (
        "If Oswald was a genuine communist, why would he have joined the Marines in the 1950s, given that the "
        "Marines hated communists and had just helped kill millions of them in the Korean War?"
    )
    assert [r for r in relations(rules, text) if r["type"] == "support"] == []


def test_creating_a_state_of_affairs_is_a_cause(rules: Pipeline) -> None:
    # ptc/train 699142854
    r = one(relations(rules, "Friday, Trump created the possibility for such a strategy."), "cause")
    assert r["c"] == "Trump" and r["effect"]["text"] == "the possibility"


def test_driven_out_of_a_place_is_forced(rules: Pipeline) -> None:
    # ptc/train 723537899: a direction "out of" keeps the compelling reading
    text = (
        "As for Syria's Kurds casting their lot with the Americans, one wonders: Did they not observe what happened "
        "when their Iraqi cousins, after helping us drive ISIS out of Mosul, were themselves driven out of Kirkuk by "
        "the Iraqi army, as their U.S. allies watched?"
    )
    rels = relations(rules, text)
    assert [r["type"] for r in rels if r["trigger"]["text"] == "driven"] == ["compel"]


def test_what_they_were_killed_in_did_it(rules: Pipeline) -> None:
    # ptc/train 727174208: a reduced passive without agent, killed in an attack
    text = (
        "Meanwhile, the coroner in Las Vegas started releasing redacted autopsy records about the 58 people killed "
        "in the mass shooting at an outdoor concert."
    )
    r = one(relations(rules, text), "perpetrate")
    assert r["cause"]["text"] == "the mass shooting" and r["effect"]["text"] == "the 58 people"
    # ptc/dev 730246508 (a dev-split gold article)
    text = (
        "Smith, who allegedly had a Glock semi-automatic handgun, was also injured in the shooting and is in the "
        "hospital, authorities said."
    )
    r = one(relations(rules, text), "perpetrate")
    assert r["cause"]["text"] == "the shooting" and r["effect"]["text"] == "Smith"


def test_a_participle_joined_by_a_hyphen_names_the_backer(rules: Pipeline) -> None:
    # ptc/dev 784382409 (a dev-split gold article)
    text = (
        "Will the people not demand justice and vote a Communist-backed, Muslim, accused woman abuser into the "
        "office of prosecuting criminals?"
    )
    r = one(relations(rules, text), "support")
    assert r["cause"]["text"] == "Communist" and "abuser" in r["effect"]["text"]


def test_a_participle_coordinated_with_a_passive_shares_its_agent(rules: Pipeline) -> None:
    # ptc/dev 778358096 (a dev-split gold article)
    text = (
        "A New York mosque imam claims that after speaking with family members, the remains found earlier this week "
        "a New Mexico compound where children were being held by Muslims and trained to engage in mass school "
        "shootings, are those of his grandson."
    )
    r = one(relations(rules, text), "train")
    assert r["cause"]["text"] == "Muslims" and r["effect"]["text"] == "children"


def test_raising_a_problem_is_a_cause(rules: Pipeline) -> None:
    # ptc/dev 787668628 (a dev-split gold article)
    r = one(
        relations(rules, "But even the allegedly corroborating notes of the therapist raise a separate problem."),
        "cause",
    )
    assert r["effect"]["text"] == "a separate problem"


def test_a_dateline_does_nothing(rules: Pipeline) -> None:
    # ptc/train 730652769: the place of the dateline is not the subject of the first sentence
    text = (
        "RIO GRANDE CITY, Texas – In separate incidents, Border Patrol agents disrupt two stash houses resulting in "
        "the apprehension of 60 illegal aliens."
    )
    assert all("RIO GRANDE" not in r["cause"]["text"] for r in relations(rules, text))


@pytest.mark.parametrize(
    "text",
    [
        # ptc/train 731762731 (gold dev)
        "Survivors were appointed, but they were not identified to protect their privacy.",
        # ptc/train 757964238 (gold dev)
        "They went to jail for doing what ranchers do, setting fires to protect property and livestock.",
    ],
)
def test_protecting_a_thing_backs_no_one(rules: Pipeline, text: str) -> None:
    assert [r for r in relations(rules, text) if r["type"] == "support"] == []


def test_help_from_a_thing_is_a_cause_not_backing(rules: Pipeline) -> None:
    # ptc/dev 761722669 (gold dev): a schedule backs no one; it brought the fortune about
    text = "He's worth about $80 million today, aided by an aggressive schedule of speaking events."
    r = one(relations(rules, text), "cause")
    assert "schedule" in r["cause"]["text"]


def test_those_who_would_do_it_are_nobody_in_particular(rules: Pipeline) -> None:
    # ptc/train 731762731 (gold dev)
    text = "The commission will keep away those who would abuse children."
    assert [r for r in relations(rules, text) if r["type"] == "perpetrate"] == []


@pytest.mark.parametrize(
    "text",
    [
        # ptc/train 772947654: a free relative a copula equates with "this" is no unknown cause
        "This is what led me to write my new book.",
    ],
)
def test_a_free_relative_is_no_unknown_cause(rules: Pipeline, text: str) -> None:
    assert relations(rules, text) == []


def test_a_flashpoint_formed_is_a_cause(rules: Pipeline) -> None:
    # ptc/train 770877978: a state of affairs brought about, no group founded
    text = "The father and son's imprisonment formed a flashpoint."
    assert [r["type"] for r in relations(rules, text)] == ["cause"]


def test_killing_gun_control_is_no_killing(rules: Pipeline) -> None:
    # ptc/train 771879020
    text = "Wilson said his efforts have officially killed gun control."
    assert [r for r in relations(rules, text) if r["type"] == "perpetrate"] == []


@pytest.mark.parametrize(
    "text",
    [
        # gum_interview_onion (gold dev, fourth round): a set phrase in an aim
        "We give it to a headline editor to make it snappy.",
        # gum_interview_onion: an edit
        "The editors punch it up over the last couple of days.",
        # ptc/train 790483991: a plea
        "God help us.",
        # ptc/dev 999001259 (gold dev, fourth round): an advantage, no backing
        "She trailed by 5,000 votes tallied over the weekend that favored her.",
        # ptc/train 790483991: going to prison names no deed to blame
        "Pope Francis laicized him after he went to prison.",
    ],
)
def test_aims_pleas_edits_and_advantages_link_no_one(rules: Pipeline, text: str) -> None:
    assert relations(rules, text) == []


def test_people_aiding_someone_back_them(rules: Pipeline) -> None:
    # ptc/train 999000849: lawyers are people, so their aid is backing, not a thing's effect
    text = "Lawyers with the National Lawyers Guild are aiding the caravan migrants."
    assert [r["type"] for r in relations(rules, text)] == ["support"]


def test_a_deed_of_no_crime_is_denied(rules: Pipeline) -> None:
    # ptc/train 737194975
    text = "Fifthly, a U.S. citizen who has committed NO CRIME is denied his Natural right of self-defense for a year."
    r = one(relations(rules, text), "perpetrate")
    assert r["negated"]


def test_any_crime_with_nothing_to_license_it_is_no_deed(rules: Pipeline) -> None:
    # ptc/train 737194975: "any" outside a negation speaks of no deed that happened
    text = (
        "Five states have passed laws that allow police agencies to confiscate guns from someone deemed to be "
        "dangerous BEFORE the individual has committed any crime."
    )
    assert [r for r in relations(rules, text) if r["type"] == "perpetrate"] == []


def test_no_role_played_is_a_cause_denied(rules: Pipeline) -> None:
    # ptc/train 761546223
    text = "Government schools pretend religion played no significant role in history."
    r = one(relations(rules, text), "cause")
    assert r["negated"]


@pytest.mark.parametrize(
    "text",
    [
        # ptc/train 761897089: the second verb of an aim is the aim's too
        "The American people weren't promised pardons, we were promised a special counsel to dig into the "
        "Clintons and bring about justice.",
        # ptc/train 999000312
        "The government of Ecuador is releasing lies about Assange to curry favour with the security "
        "establishment, and to damage Assange’s support.",
    ],
)
def test_every_verb_of_an_aim_is_an_aim(rules: Pipeline, text: str) -> None:
    assert [r for r in relations(rules, text) if r["type"] == "cause"] == []


def test_a_thing_that_protects_people_backs_no_one(rules: Pipeline) -> None:
    # ptc/train 756114837: a vaccine is no ally; what it did is an effect
    text = "Dozens of experimental drugs exist, including a vaccine which has reportedly protected nearly 6,000 people."
    assert [r["type"] for r in relations(rules, text)] == ["cause"]


def test_what_one_failed_to_do_did_not_happen(rules: Pipeline) -> None:
    # ptc/train 771406408 (gold dev, fifth round)
    r = one(
        relations(rules, "Yet the police still failed to storm Sarah Halimi’s apartment and rescue her."), "perpetrate"
    )
    assert r["negated"]


def test_a_system_that_protects_someone_backs_them(rules: Pipeline) -> None:
    # ptc/train 771406408 (gold dev, fifth round): an institution is a doer
    text = "He is not mad. But the system that keeps on protecting him is."
    assert [r["type"] for r in relations(rules, text)] == ["support"]


@pytest.mark.parametrize(
    "text",
    [
        # ptc/train 711964584: a betrayal, no blow
        "Theresa May, who was the head of the Home Office when she banned us, threw us under the bus.",
        # ptc/train 704591553: sabotaging a chance is harm done to a thing
        "He was warned to keep his identity secret lest he sabotage his chances.",
    ],
)
def test_idioms_of_throwing_and_sabotage_of_a_thing_are_no_deeds(rules: Pipeline, text: str) -> None:
    assert [r for r in relations(rules, text) if r["type"] == "perpetrate"] == []


@pytest.mark.parametrize(
    "text",
    [
        # ptc/train 721890296 (gold dev): a border is no one backed
        "Hungary would defend its borders against the invasion.",
        # ptc/train 789370998 (gold dev): nor is a name
        "I look forward to testifying on Thursday about the truth, and defending my good name.",
    ],
)
def test_defending_a_border_or_a_name_backs_no_one(rules: Pipeline, text: str) -> None:
    assert [r for r in relations(rules, text) if r["type"] == "support"] == []


def test_conquering_an_abstraction_is_no_attack(rules: Pipeline) -> None:
    # gum_interview_peres (gold dev): a figure of speech
    assert relations(rules, "Armies cannot conquer science.") == []


@pytest.mark.parametrize(
    "text",
    [
        # ptc/train 741802985: a vehicle driven is no trend brought about
        "Kazi drove the Kia minivan through the front gate of the military base.",
        # ptc/train 729561658: a person changing something acts
        "After a period of review, the professor changed Arnold's grade to a B+.",
        # ptc/dev 999001211: the floor handed over
        "A journalist will ask a single question and then will yield the floor to other journalists.",
        # gum_news_iodine (gold dev): a feeling about something left unnamed
        "That alarms me.",
        # gum_news_flag (gold dev): a part of the citizens are people, whose wish changes nothing
        "A recent poll found only a quarter of citizens favoured changing the flag.",
    ],
)
def test_vehicles_people_floors_and_vague_feelings_give_no_cause(rules: Pipeline, text: str) -> None:
    assert [r for r in relations(rules, text) if r["type"] == "cause"] == []


@pytest.mark.parametrize(
    ("text", "rtype"),
    [
        # ptc/train 766942310: armed with something, by no one the hyphen names
        (
            "The North is developing submarines that can launch nuclear-armed missiles from underwater off America’s "
            "coasts.",
            "arm",
        ),
        # ptc/train 728972961: a defence of the moment, no one's
        (
            "This address also makes it absolutely clear that everything Archbishop Lefebvre did was part of an "
            "eleventh-hour defence of the Kingship of Christ (ignored completely by the Second Vatican Council).",
            "support",
        ),
    ],
)
def test_a_modifier_in_lower_case_names_no_backer(rules: Pipeline, text: str, rtype: str) -> None:
    assert [r for r in relations(rules, text) if r["type"] == rtype] == []


def test_a_participle_hung_on_the_target_is_the_shooters_deed(rules: Pipeline) -> None:
    # ptc/train 698780559: the parser hung "killing" on "a crowd"; the crowd killed no one
    rels = relations(rules, "Paddock allegedly opened fire on a crowd killing more than 50 and injuring nearly 500.")
    assert {r["trigger"]["text"]: r["c"] for r in rels if r["type"] == "perpetrate"} == {
        "killing": "Paddock",
        "injuring": "Paddock",
    }


def test_a_vehicle_driven_into_a_crowd_compels_no_one(rules: Pipeline) -> None:
    # constructed on the pattern of ptc/train 741802985: the truck is steered; the killing is the deed
    rels = relations(rules, "He drove a truck into a crowd of people killing eight.")
    assert [r["type"] for r in rels] == ["perpetrate"] and rels[0]["c"] == "He"


@pytest.mark.parametrize(
    "text",
    [
        # ptc/train 111111112: nothing contributes nothing
        "They've nothing to contribute to life in this country.",
        # ptc/train 700387229: help required is help needed; the gerund after it is no one made to act
        "Elhadj As Sy said that overcoming the epidemic would require long-term help, not “just intervening at the "
        "peak and then forgetting about it”.",
        # ptc/train 703698295: the one whose persecution it is suffers it
        "Weinandy’s persecution will be to demonstrate how a pastor of the Catholic Church is supposed to act.",
    ],
)
def test_nothing_a_need_and_a_persecution_suffered_are_no_links(rules: Pipeline, text: str) -> None:
    assert relations(rules, text) == []


def test_a_group_noun_with_words_of_its_own_is_no_anaphor(rules: Pipeline) -> None:
    # ptc/train 763440871: "the home-schooling movement" is a movement of its own, not the organisation named before
    text = (
        "The craziness over students who take a knee during the playing of the National Anthem is driving parents "
        "away. We here at The Remnant are always eager to promote the home-schooling movement, and this report helps "
        "illustrate why."
    )
    r = one(relations(rules, text), "support")
    assert r["e"] == "the home-schooling movement" and r["effect"]["entity_id"] is None


def test_a_reflexive_object_controls_nothing(rules: Pipeline) -> None:
    # ptc/train 762546428: those who arm themselves to defend their students are the teachers, not "themselves"
    text = (
        "Since teachers are not allowed to arm themselves to defend their students against the violence often "
        "perpetrated at schools simply because they are gun free zones, homeschooling takes care of that problem."
    )
    assert one(relations(rules, text), "support")["c"] == "teachers"
