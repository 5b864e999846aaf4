"""The coreference yardsticks (GUM and LitBank): the readers of both formats, how a pronoun decision and a quotation's
speaker are scored, the limit on how far back the one person who fits may have been named, and the figures on real
documents."""

from __future__ import annotations

from pathlib import Path

import pytest
from typer.testing import CliRunner

from unspin.cli import app
from unspin.components.parse import parsed_chunks
from unspin.components.relation_args import token_offsets
from unspin.components.relation_nodes import RECENT, Resolver, person_pronoun
from unspin.document import Document
from unspin.evaluation.coref import (
    LAYERS,
    CorefDocument,
    PronounDecision,
    coref_documents,
    pronoun_decisions,
    read_coref_conllu,
    read_litbank,
    summarise_decisions,
)
from unspin.evaluation.litbank_quotes import SpeakerResult, read_litbank_quotes, score_speakers
from unspin.pipeline import Pipeline

from .conftest import DATA

CONLLU = """# newdoc id = GUM_test_x
# newpar
# sent_id = x-1
# text = Ann Lee met Bo. She didn't stay.
1\tAnn\tAnn\tPROPN\tNNP\t_\t3\tnsubj\t_\tEntity=(1-person-new-x-x-1-coref
2\tLee\tLee\tPROPN\tNNP\t_\t1\tflat\t_\tEntity=1)
3\tmet\tmeet\tVERB\tVBD\t_\t0\troot\t_\t_
4\tBo\tBo\tPROPN\tNNP\t_\t3\tobj\t_\tEntity=(2-person-new-x-x-1-sgl)|SpaceAfter=No
5\t.\t.\tPUNCT\t.\t_\t3\tpunct\t_\t_
6\tShe\tshe\tPRON\tPRP\t_\t8\tnsubj\t_\tEntity=(1-person-giv-x-x-1-ana)
7-8\tdidn't\t_\t_\t_\t_\t_\t_\t_\t_
7\tdid\tdo\tAUX\tVBD\t_\t9\taux\t_\t_
8\tn't\tnot\tPART\tRB\t_\t9\tadvmod\t_\t_
9\tstay\tstay\tVERB\tVB\t_\t3\tconj\t_\tSpaceAfter=No
10\t.\t.\tPUNCT\t.\t_\t3\tpunct\t_\t_

# newpar
# sent_id = x-2
# text = Her stay ended.
1\tHer\ther\tPRON\tPRP$\t_\t2\tnmod:poss\t_\tEntity=(3-event-new-x-x-1,2-sgl(1-person-giv-x-x-1-ana)
2\tstay\tstay\tNOUN\tNN\t_\t3\tnsubj\t_\tEntity=3)
3\tended\tend\tVERB\tVBD\t_\t0\troot\t_\tSpaceAfter=No
4\t.\t.\tPUNCT\t.\t_\t3\tpunct\t_\t_
"""


def test_conllu_text_and_mentions_are_rebuilt_with_multiword_tokens_and_nesting(tmp_path: Path) -> None:
    path = tmp_path / "GUM_test_x.conllu"
    path.write_text(CONLLU, encoding="utf-8")
    doc = read_coref_conllu(path)
    assert doc.text == "Ann Lee met Bo. She didn't stay. \n\nHer stay ended."
    found = [(doc.text[s:e], ent) for s, e, ent in doc.mentions]
    assert ("Ann Lee", "1") in found and ("Bo", "2") in found and ("She", "1") in found
    assert ("Her", "1") in found and ("Her stay", "3") in found  # nested: the possessive inside the event


def test_litbank_offsets_follow_its_sentence_and_token_indices(tmp_path: Path) -> None:
    (tmp_path / "text").mkdir()
    (tmp_path / "coref").mkdir()
    (tmp_path / "text" / "d_brat.txt").write_text("Sir Tom came .\nHe sat down .\n", encoding="utf-8")
    (tmp_path / "coref" / "d_brat.ann").write_text(
        "MENTION\tT1\t0\t0\t0\t1\tSir Tom\tPER\tPROP\nMENTION\tT2\t1\t0\t1\t0\tHe\tPER\tPRON\n"
        "COREF\tT1\tTom-0\nCOREF\tT2\tTom-0\n",
        encoding="utf-8",
    )
    doc = read_litbank(tmp_path, "d_brat")
    assert [(doc.text[s:e], ent) for s, e, ent in doc.mentions] == [("Sir Tom", "Tom-0"), ("He", "Tom-0")]


def test_a_missing_conllu_file_is_a_clear_error(tmp_path: Path) -> None:
    with pytest.raises(Exception, match="no such conllu file"):
        read_coref_conllu(tmp_path / "nothing.conllu")


@pytest.fixture(scope="module")
def layers() -> Pipeline:
    return Pipeline.from_names(LAYERS)


def _analysed(layers: Pipeline, text: str) -> Document:
    doc = Document(text, id="t")
    for comp in layers.components:
        comp(doc)
    return doc


FILLER = " It rained again on Tuesday, and it stayed mild and grey for the rest of that long week." * 9


def _resolve_he(layers: Pipeline, text: str, recent: int = RECENT) -> str | None:
    doc = _analysed(layers, text)
    res = Resolver(doc, recent=recent)
    base, sdoc = parsed_chunks(doc)[-1]
    he = [t for t in sdoc if t.lower_ == "he"][-1]
    who, _ = person_pronoun(res, base, he, frozenset(), lambda t: res.at(*token_offsets(t, base)), scored=True)
    return res.name.get(who) if who else None


def test_the_one_person_who_fits_is_taken_only_when_named_recently(layers: Pipeline) -> None:
    near = "John Smith visited the plant on Monday. Later he thanked the staff."
    assert _resolve_he(layers, near) == "John Smith"
    far = "John Smith visited the plant on Monday." + FILLER + " Later he thanked the staff."
    assert len(FILLER) > RECENT
    assert _resolve_he(layers, far) is None  # abstain: someone named since may have gone unrecognised
    assert _resolve_he(layers, far, recent=len(FILLER) + 100) == "John Smith"


def test_a_decision_is_right_when_the_chosen_entity_overlaps_the_gold_antecedent(layers: Pipeline) -> None:
    text = "Mary Jones praised John Smith on Monday. Later he thanked the committee."
    he = text.index(" he ") + 1
    right = CorefDocument("t", text, [(19, 29, "john"), (he, he + 2, "john"), (0, 10, "mary")])
    assert [(d.how, d.right) for d in pronoun_decisions(right, layers)] == [("pronoun", True)]
    wrong = CorefDocument("t", text, [(19, 29, "john"), (he, he + 2, "someone else")])
    assert [d.right for d in pronoun_decisions(wrong, layers)] == [False]
    unmarked = CorefDocument("t", text, [(19, 29, "john")])
    assert pronoun_decisions(unmarked, layers) == []  # only pronouns the corpus marks count


def _titled(layers: Pipeline, text: str, noun: str) -> str | None:
    doc = _analysed(layers, text)
    res = Resolver(doc)
    who = res.titled_person(noun, text.rindex(noun))
    return res.name.get(who) if who else None


@pytest.mark.parametrize(
    ("text", "noun", "who"),
    [
        # a title the recogniser took into the name (ptc/train 731762731)
        (
            "Pope Francis accused the victims of Fernando Karadima, of “slander” against Bishop Juan Barros, who the "
            "victims say was complicit in a cover up. Later O’Malley denounced the defense of the bishop.",
            "bishop",
            "Juan Barros",
        ),
        # a compound title before the name, and an apposition's head noun
        ("Supreme Court nominee Brett Kavanaugh spoke. Later the nominee left.", "nominee", "Brett Kavanaugh"),
        ("They met Hu Shih, the leader of the New Culture Movement, in May. The leader spoke.", "leader", "Hu Shih"),
        # GUM_bio_chao: a word in the apposition's tail is not a title ("the movement" is not Hu Shih)
        ("They met Hu Shih, the leader of the New Culture Movement, in May. The movement grew.", "movement", None),
        # a noun the name merely follows is no title ("in the final minute Ann Lee …")
        ("In the final minute Ann Lee scored. In the next minute, the visitors attacked.", "minute", None),
    ],
)
def test_a_description_takes_the_one_person_the_text_gave_that_title(
    layers: Pipeline, text: str, noun: str, who: str | None
) -> None:
    found = _titled(layers, text, noun)
    assert (found is None) if who is None else (found is not None and who in found), found


def test_description_decisions_are_listed_apart_from_the_pronouns(layers: Pipeline) -> None:
    text = "Supreme Court nominee Brett Kavanaugh spoke. Later the nominee left."
    at = text.rindex("nominee")
    gold = CorefDocument("t", text, [(22, 37, "bk"), (at - 4, at + 7, "bk")])
    ds = pronoun_decisions(gold, layers)
    assert [(d.how, d.right) for d in ds] == [("description (title)", True)]
    s = summarise_decisions(ds, far=600)
    assert s["pronouns"] == 0 and s["by_rule"]["description (title)"]["right"] == 1


def test_the_summary_counts_abstentions_in_coverage_and_far_decisions_apart() -> None:
    ds = [
        PronounDecision("d", "pronoun", True, 10),
        PronounDecision("d", "pronoun", False, 900),
        PronounDecision("d", "pronoun (topic)", True, 50),
        PronounDecision("d", "text", False, -1),
    ]
    s = summarise_decisions(ds, far=600)
    assert (s["pronouns"], s["resolved"], s["right"]) == (4, 3, 2)
    assert s["coverage"] == pytest.approx(0.75)
    assert s["by_rule"]["pronoun"] == {"resolved": 1, "right": 1, "precision": 1.0}
    assert s["by_rule"]["pronoun, named far back"]["precision"] == 0.0


def test_a_data_home_without_coreference_data_is_a_clear_error(tmp_path: Path) -> None:
    with pytest.raises(Exception, match="no GUM or LitBank"):
        coref_documents(tmp_path)
    result = CliRunner().invoke(app, ["relations", "pronoun-eval", "--data", str(tmp_path)])
    assert result.exit_code == 1 and "no GUM or LitBank" in result.output


@pytest.mark.skipif(not (DATA / "gum_coref" / "conllu").is_dir(), reason="GUM coreference data not present")
def test_the_rules_are_precise_on_gum_biographies(layers: Pipeline) -> None:
    """Real Wikipedia biographies (GUM train), never tuned on: the rules resolve some pronouns, and rightly."""
    docs = [read_coref_conllu(DATA / "gum_coref" / "conllu" / f"GUM_bio_{n}.conllu") for n in ("chao", "galois")]
    ds = [d for doc in docs for d in pronoun_decisions(doc, layers)]
    s = summarise_decisions(ds, far=RECENT)
    assert s["resolved"] >= 5
    assert s["precision"] >= 0.85


@pytest.mark.skipif(not (DATA / "gum_coref" / "index.tsv").is_file(), reason="GUM coreference data not present")
def test_the_gold_sets_gum_documents_and_the_held_out_ones_are_never_measured() -> None:
    exclude = ["GUM_interview_cocktail"]
    names = {d.name for docs in coref_documents(DATA, exclude).values() for d in docs}
    assert "GUM_interview_cocktail" not in names and "GUM_news_crane" not in names
    assert "GUM_bio_byron" in names


# -- LitBank quotation speakers ----------------------------------------------------------------------------------


def _litbank_folder(tmp_path: Path) -> Path:
    for sub in ("text", "coref", "quotations"):
        (tmp_path / sub).mkdir()
    (tmp_path / "text" / "d_brat.txt").write_text(
        "John Smith came in .\n“ It is late , ” said John Smith .\n“ Go home , ” said Mary Jones .\n", encoding="utf-8"
    )
    (tmp_path / "coref" / "d_brat.ann").write_text(
        "MENTION\tT1\t0\t0\t0\t1\tJohn Smith\tPER\tPROP\nMENTION\tT2\t1\t7\t1\t8\tJohn Smith\tPER\tPROP\n"
        "MENTION\tT3\t2\t7\t2\t8\tMary Jones\tPER\tPROP\nCOREF\tT1\tJohn-0\nCOREF\tT2\tJohn-0\nCOREF\tT3\tMary-1\n",
        encoding="utf-8",
    )
    # the second quotation is credited, on purpose, to John: a wrong speaker for the scorer to catch
    (tmp_path / "quotations" / "d_brat.ann").write_text(
        "QUOTE\tQ1\t1\t0\t1\t5\t“ It is late , ”\nATTRIB\tQ1\tJohn-0\nQUOTE\tQ2\t2\t0\t2\t4\t“ Go home , ”\n"
        "ATTRIB\tQ2\tJohn-0\n",
        encoding="utf-8",
    )
    (tmp_path / "fold0_dev.ids").write_text("d_brat\n", encoding="utf-8")
    return tmp_path


def test_litbank_quotations_are_read_at_their_offsets(tmp_path: Path) -> None:
    doc, quotes = read_litbank_quotes(_litbank_folder(tmp_path), "d_brat")
    assert [(doc.text[q.start : q.end], q.speaker) for q in quotes] == [
        ("“ It is late , ”", "John-0"),
        ("“ Go home , ”", "John-0"),
    ]


def test_a_speaker_is_right_only_when_it_is_the_gold_entity(layers: Pipeline, tmp_path: Path) -> None:
    doc, quotes = read_litbank_quotes(_litbank_folder(tmp_path), "d_brat")
    result = score_speakers(doc, quotes, layers)
    assert (result.quotes, result.found, result.named, result.right) == (2, 2, 2, 1)
    assert [(said, gold) for _, _, said, gold in result.wrong] == [("Mary Jones", "John-0")]


def test_the_speakers_command_prints_the_figures_and_refuses_a_bad_split(tmp_path: Path) -> None:
    folder = _litbank_folder(tmp_path)
    result = CliRunner().invoke(app, ["quotes", "speakers", "--data", str(folder), "--json"])
    assert result.exit_code == 0, result.output
    assert '"right": 1' in result.output and '"named": 2' in result.output
    bad = CliRunner().invoke(app, ["quotes", "speakers", "--data", str(folder), "--split", "test"])
    assert bad.exit_code == 1 and "use dev or train" in bad.output


@pytest.mark.skipif(not (DATA / "litbank" / "quotations").is_dir(), reason="LitBank data not present")
def test_speakers_named_on_litbank_dev_are_mostly_right(layers: Pipeline) -> None:
    """Held-out fiction dialogue: of the speakers unspin names, at least nine in ten are right."""
    folder = DATA / "litbank"
    total = SpeakerResult()
    for name in (folder / "fold0_dev.ids").read_text(encoding="utf-8").split():
        doc, quotes = read_litbank_quotes(folder, name if name.endswith("_brat") else f"{name}_brat")
        total.add(score_speakers(doc, quotes, layers))
    assert total.named >= 60
    assert total.right / total.named >= 0.9
