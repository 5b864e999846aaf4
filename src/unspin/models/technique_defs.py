"""What each persuasion technique means: a display name and a short definition per PTC label.

The keys are the 14 technique classes of SemEval-2020 Task 11 exactly as the corpus and the techniques layer
spell them (:data:`unspin.corpora.ptc.TECHNIQUES`; this module does not import it, so the reports can use
it without pulling in the evaluation code).  The definitions paraphrase the technique descriptions of the
Propaganda Techniques Corpus (Da San Martino et al., EMNLP 2019; README-PTC in ``../shared/data/ptc``) in
plain words for a report reader; three labels are merged classes of the corpus and their definitions cover
every technique merged into them.

Reports use :func:`display_name` and :func:`definition`, which also accept labels not in the list (a
technique model trained on another label set): the label itself, made readable, and no definition.
"""

from __future__ import annotations

from dataclasses import dataclass

__all__ = ["TECHNIQUE_DEFS", "TechniqueDef", "definition", "display_name"]


@dataclass(frozen=True)
class TechniqueDef:
    """One technique: its corpus label, a display name and a one- or two-sentence definition."""

    label: str
    name: str
    definition: str


_DEFS = (
    TechniqueDef(
        "Appeal_to_Authority",
        "Appeal to authority",
        "Presents a claim as true because an expert, official or other authority says so, "
        "with no further evidence offered.",
    ),
    TechniqueDef(
        "Appeal_to_fear-prejudice",
        "Appeal to fear or prejudice",
        "Seeks support for an idea by making the audience anxious or panicked about the alternative, "
        "or by playing on prejudices it already holds.",
    ),
    TechniqueDef(
        "Bandwagon,Reductio_ad_hitlerum",
        "Bandwagon or reductio ad Hitlerum",
        "Urges the audience to accept a position because everyone else supposedly does, "
        "or to reject it because a widely hated person or group holds it.",
    ),
    TechniqueDef(
        "Black-and-White_Fallacy",
        "Black-and-white fallacy",
        "Offers only two choices as if no others existed, usually one plainly good and one plainly bad. "
        "It includes telling the audience outright what to do as if nothing else were possible.",
    ),
    TechniqueDef(
        "Causal_Oversimplification",
        "Causal oversimplification",
        "Puts an outcome down to a single cause when several played a part, "
        "or loads all the blame onto one person or group without looking at the rest.",
    ),
    TechniqueDef(
        "Doubt",
        "Doubt",
        "Calls the credibility of a person, group or statement into question without backing the doubt up.",
    ),
    TechniqueDef(
        "Exaggeration,Minimisation",
        "Exaggeration or minimisation",
        "Makes something look larger, better or worse than it is, "
        "or plays it down so that it seems less important than it is.",
    ),
    TechniqueDef(
        "Flag-Waving",
        "Flag-waving",
        "Justifies a position by appealing to the audience's pride in a group it belongs to, "
        "such as a nation, faith or political camp.",
    ),
    TechniqueDef(
        "Loaded_Language",
        "Loaded language",
        "Uses words and phrases with strong emotional overtones, positive or negative, "
        "to sway the reader rather than to inform.",
    ),
    TechniqueDef(
        "Name_Calling,Labeling",
        "Name calling or labelling",
        "Pins a label on the subject that the audience fears, despises or admires, "
        "so that the label does the arguing instead of the facts.",
    ),
    TechniqueDef(
        "Repetition",
        "Repetition",
        "Repeats the same message or phrase again and again so that the audience comes to take it as given.",
    ),
    TechniqueDef(
        "Slogans",
        "Slogan",
        "A short, punchy phrase, often with labelling or stereotyping in it, that works as a rallying call "
        "rather than an argument.",
    ),
    TechniqueDef(
        "Thought-terminating_Cliches",
        "Thought-terminating cliché",
        "A stock phrase that cuts off discussion and discourages further thought, such as 'it is what it is'.",
    ),
    TechniqueDef(
        "Whataboutism,Straw_Men,Red_Herring",
        "Whataboutism, straw man or red herring",
        "Dodges the point: answers criticism by accusing the critic of hypocrisy, attacks a distorted "
        "version of the opposing view, or brings in something irrelevant to change the subject.",
    ),
)

#: Corpus label -> definition, in the corpus's (alphabetical) order.
TECHNIQUE_DEFS: dict[str, TechniqueDef] = {d.label: d for d in _DEFS}


def display_name(label: str) -> str:
    """The readable name of a technique label (an unknown label is shown with spaces for underscores)."""
    known = TECHNIQUE_DEFS.get(label)
    return known.name if known else label.replace("_", " ").replace(",", ", ")


def definition(label: str) -> str:
    """The definition of a technique label, or ``""`` for a label this module does not know."""
    known = TECHNIQUE_DEFS.get(label)
    return known.definition if known else ""
