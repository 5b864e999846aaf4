"""Links the rules used to miss, on original sentences of real articles (PTC train/dev, GUM Wikinews).

Each case is a class of relation the real-article gold set (``gold/real/dev``, with the nine articles annotated
blind in the third round) marks and the rules missed, fixed in the rules rather than per article, with the false
alarms the new rule must not raise beside it (found on PTC articles outside the gold set).  None of these sentences
comes from an article of the gold test split.
"""

from __future__ import annotations

import pytest

from unspin import Pipeline

from .test_real_sentences import one, relations
from .test_real_sentences import rules as rules  # the module fixture, shared

pytestmark = pytest.mark.slow


@pytest.mark.parametrize(
    ("text", "cause", "effect"),
    [
        # ptc/train 789121265
        ("“She knew this would have a huge effect on her life and she was incredibly brave.”", "this", "her life"),
        # gum_news_iodine: the quantity word the parser makes the object ("all sorts of … effects upon")
        (
            "So that may have all sorts of pernicious effects upon normal function in life.",
            "that",
            "normal function",
        ),
        # gum_news_iodine: "the effects of X are Y"
        ("The most well known effects of IDD are visible goiter and cretinism.", "IDD", "goiter"),
    ],
)
def test_an_effect_had_on_something_is_a_cause(rules: Pipeline, text: str, cause: str, effect: str) -> None:
    r = one(relations(rules, text), "cause")
    assert cause in r["cause"]["text"] and effect in r["effect"]["text"] and not r["negated"]


def test_almost_no_effect_is_an_effect_denied(rules: Pipeline) -> None:
    # ptc/train 729700539
    text = "Scientists say the phase has almost no effect on global warming."
    r = one(relations(rules, text), "cause")
    assert r["negated"] and "global warming" in r["effect"]["text"]


def test_a_fraction_of_an_effect_is_no_effect_stated(rules: Pipeline) -> None:
    # ptc/train 729700539: "the effect of X is only a fraction of …" says how big, not what it did
    text = "The cooling effect of a grand minimum is only a fraction of the warming effect."
    assert [r for r in relations(rules, text) if r["type"] == "cause"] == []


@pytest.mark.parametrize(
    ("text", "cause", "effect"),
    [
        # ptc/train 774007496
        ("The German authorities said the attack had nothing to do with Islam.", "Islam", "the attack"),
        # ptc/dev 788273361
        ("Monahan went on to say that her story has nothing to do with politics.", "politics", "her story"),
    ],
)
def test_nothing_to_do_with_denies_a_cause(rules: Pipeline, text: str, cause: str, effect: str) -> None:
    r = one(relations(rules, text), "cause")
    assert r["cause"]["text"] == cause and r["effect"]["text"] == effect and r["negated"]


@pytest.mark.parametrize(
    "text",
    [
        # ptc/train 789121265: a refusal, not a denied cause
        "“They would have nothing to do with it.",
        # ptc/train 700551604: an actor's denial of involvement is left out (which way it points is unclear)
        "The media starts with the assumption that the CIA had nothing to do with the assassination.",
    ],
)
def test_an_actor_having_nothing_to_do_with_it_is_left_out(rules: Pipeline, text: str) -> None:
    assert [r for r in relations(rules, text) if r["type"] == "cause"] == []


def test_at_the_hands_of_names_the_doer(rules: Pipeline) -> None:
    # ptc/dev 778358096
    text = "It is very sad that a little boy lost his life, possibly at the hands of his Islamic father and others."
    r = one(relations(rules, text), "perpetrate")
    assert "father" in r["cause"]["text"] and "boy" in r["effect"]["text"]


def test_paving_the_way_allows(rules: Pipeline) -> None:
    # ptc/train 790665855
    text = "He helped to uphold the Patriot Act which of course paved the way for the Indefinite Detention provisions."
    r = one(relations(rules, text), "allow")
    assert "Patriot Act" in r["c"] and "Indefinite Detention" in r["effect"]["text"]


@pytest.mark.parametrize(
    "text",
    [
        # ptc/train 741802985: a door, opened
        "But when they opened the doors to the minivan they found five propane tanks.",
        # ptc/train 701933838: what paved the way is the order, not the one ordered removed
        "In September, he was ordered removed by an immigration judge, paving the way for his deportation.",
        # ptc/dev 789370998: the parser takes the date for what "which" stands for
        "With Anthony Kennedy’s retirement July 31, which cleared the way for Kavanaugh’s nomination, there were "
        "eight justices.",
    ],
)
def test_no_way_cleared_by_a_door_a_subject_borrowed_or_a_date(rules: Pipeline, text: str) -> None:
    assert [r for r in relations(rules, text) if r["type"] == "allow"] == []


def test_an_unknown_cause_is_shown_and_joined_to_nothing(rules: Pipeline) -> None:
    # ptc/train 758385628 and 758477392: the text says the cause is unknown; that is what it holds
    text = (
        "The embassy said it does not know what caused the symptoms. "
        "They added that they are not sure what has caused the employee's symptoms."
    )
    rels = [r for r in relations(rules, text) if r["type"] == "cause"]
    assert [r["cause"]["text"] for r in rels] == ["what", "what"]
    assert all(r["cause"]["entity_id"] is None for r in rels)
    # two unknown causes are not one cause: no chain may join them
    assert rels[0]["cause"]["node"] != rels[1]["cause"]["node"]


@pytest.mark.parametrize(
    ("text", "cause", "effect"),
    [
        # ptc/train 721890296
        ("Orban's border wall reduced illegal immigration by 99%!", "border wall", "illegal immigration"),
        # gum_news_warming
        (
            "However, global warming also increases probability of extreme crops-damaging weather events.",
            "global warming",
            "probability",
        ),
        # ptc/train 727569885
        (
            "Obama’s near messianic zealotry in his interactions with the mullahs weakened America’s image.",
            "zealotry",
            "image",
        ),
    ],
)
def test_a_thing_that_raises_or_lowers_something_causes_it(rules: Pipeline, text: str, cause: str, effect: str) -> None:
    r = one(relations(rules, text), "cause")
    assert cause in r["cause"]["text"] and effect in r["effect"]["text"]


@pytest.mark.parametrize(
    "text",
    [
        # ptc/train 725498022: an act of office
        "Following an appeal by Coccopalmerio, Francis reduced the priest’s penalty to a “lifetime of prayer.”",
        # ptc/train 754348478: people at work
        "A team was sent by the WHO and Doctors Without Borders over the weekend to strengthen coordination.",
        # ptc/train 789512681
        "That way, Ellison said, the union can increase its power base.",
    ],
)
def test_an_actor_raising_or_lowering_something_acts_and_causes_nothing(rules: Pipeline, text: str) -> None:
    assert [r for r in relations(rules, text) if r["type"] == "cause"] == []


def test_every_coordinated_passive_takes_the_agent_of_the_last(rules: Pipeline) -> None:
    # ptc/train 795379208 (gold dev)
    text = (
        "Turkish officials have said the 60-year-old contributor to the Washington Post opinion pages was "
        "interrogated, tortured and killed by Saudi intelligence officers."
    )
    rels = [r for r in relations(rules, text) if r["type"] == "perpetrate"]
    assert sorted(r["trigger"]["text"] for r in rels) == ["killed", "tortured"]
    assert all("officers" in r["cause"]["text"] and "contributor" in r["effect"]["text"] for r in rels)


@pytest.mark.parametrize(
    ("text", "negated"),
    [
        # ptc/train 723823436 (gold dev)
        ("If you recall, the Islamic State has never claimed responsibility for attacks.", True),
        ("ISIS said they were taking credit for the mass shooting in Las Vegas.", False),
    ],
)
def test_claiming_a_deed_is_owning_it(rules: Pipeline, text: str, negated: bool) -> None:
    r = one(relations(rules, text), "blame")
    assert r["negated"] is negated and ("attacks" in r["effect"]["text"] or "shooting" in r["effect"]["text"])


def test_credit_for_something_good_is_no_blame(rules: Pipeline) -> None:
    # constructed: credit taken for no harm
    assert [r for r in relations(rules, "The governor took credit for the new bridge.") if r["type"] == "blame"] == []


def test_the_one_who_goes_on_to_say_it_holds_it(rules: Pipeline) -> None:
    # ptc/dev 788273361 (gold dev): "went to reiterate that …" is Monahan's
    text = (
        "Karen Monahan said she had been abused. "
        "Monahan went to reiterate that her story has nothing to do with politics."
    )
    r = one(relations(rules, text), "cause")
    assert r["holder"] == "Karen Monahan" and r["voice"] == "attributed"


@pytest.mark.parametrize(
    ("text", "backer", "backed"),
    [
        # ptc/train 730149656
        ("Zakkout is also an ardent supporter of the terrorist organization Hamas.", "Zakkout", "organization"),
        # ptc/train 790665855
        (
            "While Kavanaugh may be an ostensible supporter of the Second Amendment, he cannot stand the Fourth.",
            "Kavanaugh",
            "Second Amendment",
        ),
    ],
)
def test_a_supporter_of_something_supports_it(rules: Pipeline, text: str, backer: str, backed: str) -> None:
    r = one(relations(rules, text), "support")
    assert backer in r["c"] and backed in r["effect"]["text"]


def test_a_supporter_named_by_what_someone_called_it_is_left_to_the_name(rules: Pipeline) -> None:
    # ptc/train 795379208 (gold dev): "what" is no backer; the parser hangs the name on "terrorism", so abstain
    text = "Pompeo urged Americans to be mindful of what he called the world’s largest supporter of terrorism, Iran."
    assert [r for r in relations(rules, text) if r["type"] == "support"] == []


@pytest.mark.parametrize(
    ("text", "culprit", "outcome"),
    [
        # ptc/train 706777811 (gold dev)
        (
            "The bubonic form of the plague, responsible for the Black Death in the 14th century, strikes the "
            "country each year.",
            "The bubonic form of the plague",
            "Black Death",
        ),
        # ptc/train 111111131
        (
            "Trump stressed a personal bond with Kim, a brutal dictator responsible for the deaths of his own "
            "citizens.",
            "a brutal dictator",
            "deaths",
        ),
    ],
)
def test_responsible_after_its_noun_blames_the_noun(rules: Pipeline, text: str, culprit: str, outcome: str) -> None:
    r = one(relations(rules, text), "blame")
    assert r["cause"]["text"] == culprit and outcome in r["effect"]["text"]


def test_responsible_before_its_noun_blames_no_one(rules: Pipeline) -> None:
    # constructed: "the responsible authorities" are in charge, not at fault
    assert relations(rules, "The responsible authorities were notified on Monday.") == []


@pytest.mark.parametrize(
    ("text", "backer", "backed"),
    [
        # ptc/train 795379208 (gold dev)
        (
            "Pompeo offered that support hours after President Donald Trump had mounted an even stronger defense "
            "for the Saudi rulers.",
            "Donald Trump",
            "Saudi rulers",
        ),
        # ptc/train 731762731 (gold dev)
        ("O’Malley denounced the pope’s controversial defense of the Chilean bishop.", "pope", "Chilean bishop"),
    ],
)
def test_a_defense_of_someone_backs_them(rules: Pipeline, text: str, backer: str, backed: str) -> None:
    r = one(relations(rules, text), "support")
    assert backer in r["cause"]["text"] and backed in r["effect"]["text"]


def test_support_for_a_claim_backs_no_one(rules: Pipeline) -> None:
    # ptc/train 769427494
    text = "He didn’t provide any support for his claim, which is contrary to evidence presented to Congress."
    assert [r for r in relations(rules, text) if r["type"] == "support"] == []


@pytest.mark.parametrize(
    ("text", "rtype", "doer", "harmed"),
    [
        # ptc/train 696735702
        (
            "It should be clear by now that the official narrative surrounding the Las Vegas shooting that left 59 "
            "people dead and hundreds injured is false.",
            "perpetrate",
            "shooting",
            "59 people",
        ),
        # ptc/train 111111132
        ("Bypassing the class left her vulnerable to bullying.", "cause", "the class", "her"),
    ],
)
def test_what_leaves_someone_harmed_did_it(rules: Pipeline, text: str, rtype: str, doer: str, harmed: str) -> None:
    r = one(relations(rules, text), rtype)
    assert r["pattern"] == "left-harmed" and doer in r["cause"]["text"] and harmed in r["effect"]["text"]


def test_leaving_something_as_it_was_is_no_harm(rules: Pipeline) -> None:
    # constructed
    assert relations(rules, "The committee left the door open to a second vote.") == []


def test_lives_lost_in_an_outbreak(rules: Pipeline) -> None:
    # ptc/train 706777811 (gold dev)
    text = "Officials said 165 people have now lost their lives in the worst outbreak in 50 years."
    r = one(relations(rules, text), "perpetrate")
    assert "outbreak" in r["cause"]["text"] and r["effect"]["text"] == "165 people"


@pytest.mark.parametrize(
    ("text", "founder", "founded"),
    [
        # ptc/train 706777811 (gold dev)
        ("Richard Conroy, the founder of Sick Holiday, has sent a chilling warning.", "Richard Conroy", "Sick Holiday"),
        # ptc/train 999000155
        ("Sinema, a co-founder of the activist group Local to Global Justice, invited people.", "Sinema", "group"),
    ],
)
def test_the_founder_of_something_created_it(rules: Pipeline, text: str, founder: str, founded: str) -> None:
    r = one(relations(rules, text), "create")
    assert founder in r["c"] and founded in r["effect"]["text"]


def test_the_one_turned_into_something_is_the_object(rules: Pipeline) -> None:
    # ptc/train 777488669 and the gold's "turn X into Y": X becomes Y, whoever turns it
    text = "The rebels transformed the militia into a political party."
    r = one(relations(rules, text), "become")
    assert r["cause"]["text"] == "the militia" and "party" in r["effect"]["text"]


@pytest.mark.parametrize(
    ("text", "cause", "state", "negated"),
    [
        # ptc/train 712382330 (gold dev)
        (
            "The guidelines say that “concrete circumstances” make it difficult to renounce their adulterous state.",
            "circumstances",
            "difficult",
            False,
        ),
        # ptc/dev 790499380 (gold dev)
        ("Of course, accusations does not make one guilty for Ellison.", "accusations", "guilty", True),
        # ptc/train 762340819
        ("Yes, the doughface Presidents made the Civil War inevitable.", "Presidents", "inevitable", False),
    ],
)
def test_what_makes_something_so_causes_it(rules: Pipeline, text: str, cause: str, state: str, negated: bool) -> None:
    r = one(relations(rules, text), "cause")
    assert cause in r["cause"]["text"] and state in r["effect"]["text"] and r["negated"] is negated


@pytest.mark.parametrize(
    "text",
    [
        # constructed: idioms of "make"
        "He made it clear that he would run again.",
        "The governor made the report public on Monday.",
        # ptc/train 783702663
        "I can only conclude by making my own these closing words of the archbishop.",
        # ptc/train 778664280: a discourse idiom
        "To make matters worse (if that is even possible), evidence has surfaced that a bishop knew.",
        # ptc/train 794344513: a pseudo-cleft names its cause after "is"
        "What makes this recent purge from Facebook and Twitter so egregious is that the pages were legitimate.",
    ],
)
def test_idioms_of_make_cause_nothing(rules: Pipeline, text: str) -> None:
    assert [r for r in relations(rules, text) if r["type"] == "cause"] == []


@pytest.mark.parametrize(
    ("text", "cause", "victim"),
    [
        # ptc/train 111111123 (gold dev)
        (
            "The Ellison accusations have put Democrats in an uncomfortable position.",
            "The Ellison accusations",
            "Democrats",
        ),
        # ptc/train 795079843
        ("The current crisis has put those broader goals at risk.", "The current crisis", "goals"),
    ],
)
def test_what_puts_someone_at_risk_causes_it(rules: Pipeline, text: str, cause: str, victim: str) -> None:
    r = one(relations(rules, text), "cause")
    assert r["cause"]["text"] == cause and victim in r["effect"]["text"]


def test_putting_someone_in_positions_is_no_plight(rules: Pipeline) -> None:
    # ptc/train 707772906
    assert relations(rules, "I put her in various positions and take pictures of her.") == []


@pytest.mark.parametrize(
    ("text", "event"),
    [
        # ptc/train 723823436 (gold dev)
        ("He has evidence that they may actually have been involved in the deadly attack.", "attack"),
        # ptc/dev 786004130
        ("As a four-year veteran of the force, she was also involved in the shooting of another suspect.", "shooting"),
    ],
)
def test_involved_in_an_attack_took_part_in_it(rules: Pipeline, text: str, event: str) -> None:
    r = one(relations(rules, text), "perpetrate")
    assert r["pattern"] == "involved-in" and event in r["effect"]["text"]


def test_involved_in_a_project_did_no_harm(rules: Pipeline) -> None:
    # ptc/dev 778358096 (gold dev: the gold counts it as a cause; a training is no attack)
    text = "The documents suggest all the adults were involved in the training."
    assert [r for r in relations(rules, text) if r["type"] == "perpetrate"] == []


@pytest.mark.parametrize(
    ("text", "culprit", "deed"),
    [
        # ptc/train 757964238 (gold dev)
        (
            "Please sign the petition to bring Bundy Ranch prosecutor Steven Myhre to justice for his crimes.",
            "Steven Myhre",
            "crimes",
        ),
        ("The patriarch in the family and his son went to jail for setting fires.", "patriarch", "setting fires"),
    ],
)
def test_punished_for_a_deed_is_blamed_for_it(rules: Pipeline, text: str, culprit: str, deed: str) -> None:
    r = one(relations(rules, text), "blame")
    assert culprit in r["cause"]["text"] and deed in r["effect"]["text"]


def test_the_group_behind_an_attack_did_it(rules: Pipeline) -> None:
    # constructed on the copula rule's real cases ("the militia was behind the bombing")
    r = one(relations(rules, "The group behind the attack fled across the border."), "perpetrate")
    assert r["cause"]["text"] == "The group" and r["effect"]["text"] == "the attack"


def test_the_story_behind_her_killing_names_no_killer(rules: Pipeline) -> None:
    # ptc/train 111111113: a story is behind nothing, and "her killing" is the killing of her
    text = "Her death became a flashpoint in the immigration debate — here's the story behind her killing."
    assert [r for r in relations(rules, text) if r["type"] == "perpetrate"] == []


@pytest.mark.parametrize(
    ("text", "cause", "effect"),
    [
        # ptc/train 698719689 (gold dev, fourth round)
        ("So far, the plague has claimed 57 lives and infected more than 680 others.", "plague", "57 lives"),
        # ptc/train 707566605
        ("The black death outbreak has so far claimed at least 165 lives.", "outbreak", "165 lives"),
    ],
)
def test_claiming_lives_takes_them(rules: Pipeline, text: str, cause: str, effect: str) -> None:
    r = next(r for r in relations(rules, text) if r["trigger"]["text"] == "claimed")
    assert r["type"] == "perpetrate" and cause in r["cause"]["text"] and effect in r["effect"]["text"]


def test_infecting_and_pummelling_are_deeds(rules: Pipeline) -> None:
    # ptc/train 698719689 and 771254016 (gold dev, fourth round)
    found = relations(rules, "So far, the plague has claimed 57 lives and infected more than 680 others.")
    assert any(r["type"] == "perpetrate" and r["trigger"]["text"] == "infected" for r in found)
    r = one(relations(rules, "Traore called Halimi a demon as he was pummeling her."), "perpetrate")
    assert r["trigger"]["text"] == "pummeling"


@pytest.mark.parametrize(
    ("text", "killer", "victim"),
    [
        # ptc/train 771254016 (gold dev, fourth round): a headline
        ("French Jewish woman’s killer found unfit to stand trial", "killer", "woman"),
        # constructed: the killer is the one the noun is said of
        ("He is the murderer of the physician.", "He", "physician"),
    ],
)
def test_a_killer_of_someone_did_it(rules: Pipeline, text: str, killer: str, victim: str) -> None:
    r = one(relations(rules, text), "perpetrate")
    assert killer in r["cause"]["text"] and victim in r["effect"]["text"]


def test_a_killer_of_a_thing_kills_no_one(rules: Pipeline) -> None:
    # constructed: a figure of speech names no victim
    assert relations(rules, "Debt is the silent killer of our economy.") == []


@pytest.mark.parametrize(
    ("text", "trigger", "victim"),
    [
        # ptc/train 769752554 (gold dev, fifth round): a thing thrown at a person, hair pulled
        ("The man says nothing and then throws the drink in the face of a 16-year-old boy.", "throws", "boy"),
        ("The boy, Hunter Richard, said the man also pulled his hair while taking the hat.", "pulled", "his hair"),
        # ptc/train 771406408 (gold dev, fifth round)
        (
            "The man was heard shouting “Allahu Akbar” shortly before throwing her out the window of her apartment.",
            "throwing",
            "her",
        ),
    ],
)
def test_throwing_at_someone_and_pulling_their_hair_are_deeds(
    rules: Pipeline, text: str, trigger: str, victim: str
) -> None:
    r = next(r for r in relations(rules, text) if r["trigger"]["text"] == trigger)
    assert r["type"] == "perpetrate" and victim in r["effect"]["text"]


@pytest.mark.parametrize(
    "text",
    [
        # constructed: things thrown at things, a party thrown, a plug pulled
        "The video shows the man throwing his fountain drink at the table.",
        "They threw a party for the volunteers.",
        "He pulled the plug on the deal.",
    ],
)
def test_throwing_or_pulling_a_thing_is_no_deed(rules: Pipeline, text: str) -> None:
    assert [r for r in relations(rules, text) if r["type"] == "perpetrate"] == []


def test_a_confession_blames_the_one_who_confesses(rules: Pipeline) -> None:
    # ptc/train 771406408 (gold dev, fifth round)
    r = one(relations(rules, "The 28-year-old Muslim man confessed to the killing."), "blame")
    assert "man" in r["cause"]["text"] and "killing" in r["effect"]["text"]


def test_hit_with_charges_is_charged(rules: Pipeline) -> None:
    # ptc/train 771406408 (gold dev, fifth round): the charges, not a blow
    r = one(relations(rules, "Kobili Traore was hit with hate crimes charges."), "blame")
    assert r["trigger"]["text"] == "charges" and r["c"] == "Kobili Traore"
    assert [
        x for x in relations(rules, "Kobili Traore was hit with hate crimes charges.") if x["type"] == "perpetrate"
    ] == []


@pytest.mark.parametrize(
    ("text", "trigger"),
    [
        # ptc/train 776616374 (gold dev, fifth round)
        ("Their government was considered to be jeopardized by communist aggression.", "jeopardized"),
    ],
)
def test_endangering_is_a_cause(rules: Pipeline, text: str, trigger: str) -> None:
    r = one(relations(rules, text), "cause")
    assert r["trigger"]["text"] == trigger and "aggression" in r["cause"]["text"]


def test_a_headline_killer_of_someone_did_it(rules: Pipeline) -> None:
    # ptc/train 771406408 (gold dev, fifth round): the headline's capitals make "Killer" a proper noun
    r = one(relations(rules, "France Gives Muslim Killer of Elderly Jewish Woman a Pass"), "perpetrate")
    assert "Woman" in r["effect"]["text"]


@pytest.mark.parametrize(
    ("text", "trigger", "cause", "effect"),
    [
        # gum_news_questionnaire (gold dev): a thing driven is a trend brought about, not a car or a person moved
        (
            "Labour would target the criminal gangs driving dangerous small boat crossings.",
            "driving",
            "gangs",
            "crossings",
        ),
        (
            "Sunak said our deals with Albania and France are already yielding benefits.",
            "yielding",
            "deals",
            "benefits",
        ),
        # ptc/dev 999001259 (gold dev): a thing that sways or changes something brings it about
        ("Cortes said these uncounted provisional ballots could sway the election.", "sway", "ballots", "election"),
        # ptc/dev 761722669 (gold dev): a feeling brought about
        ("She's still traumatized by the aftermath.", "traumatized", "aftermath", "She"),
        # ptc/train 716469423: a feeling brought about
        ("This warning will infuriate environmental campaigners.", "infuriate", "warning", "campaigners"),
    ],
)
def test_things_that_drive_yield_sway_or_anger_cause(
    rules: Pipeline, text: str, trigger: str, cause: str, effect: str
) -> None:
    r = next(r for r in relations(rules, text) if r["trigger"]["text"] == trigger)
    assert r["type"] == "cause" and cause in r["cause"]["text"] and effect in r["effect"]["text"]


def test_a_change_denied_and_a_condoning_denied(rules: Pipeline) -> None:
    # ptc/dev 999001259 and ptc/train 769682854 (gold dev)
    r = one(relations(rules, "Totenberg’s order doesn’t change the Tuesday deadline for counties."), "cause")
    assert r["negated"] and "deadline" in r["effect"]["text"]
    r = one(relations(rules, "We certainly don’t condone this type of customer behavior in our restaurants."), "allow")
    assert r["negated"]


def test_a_drink_tossed_in_someones_direction_is_thrown_at_them(rules: Pipeline) -> None:
    # ptc/train 769682854 (gold dev)
    text = "The man is heard saying it after tossing a large drink in the direction of the person filming the video."
    r = next(r for r in relations(rules, text) if r["trigger"]["text"] == "tossing")
    assert r["type"] == "perpetrate" and "person" in r["effect"]["text"]
