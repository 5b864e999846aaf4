"""Causal News Corpus (CASE shared task 3) loaders and scorers: hand-computed cases; no data needed."""

from __future__ import annotations

from pathlib import Path

import pytest

from unspin.corpora.cnc import (
    CausalSpan,
    RolePRF,
    chunks,
    load_split,
    mark,
    parse_marked,
    read_subtask1,
    read_subtask2_grouped,
    score_subtask1,
    score_subtask2,
    split_paths,
    word_tags,
    words_of,
)
from unspin.errors import ConfigError


def prf(r: RolePRF) -> tuple[float, float, float]:
    return r.precision, r.recall, r.f1


def approx(values: tuple[float, ...]) -> object:
    return pytest.approx(values, abs=1e-12)


# ------------------------------------------------------------------------------------------------ markup


def test_parse_marked_gives_offsets_on_the_plain_text() -> None:
    text, spans = parse_marked("<ARG1>Workers struck</ARG1> <SIG0>after</SIG0> <ARG0>pay was cut</ARG0> .")
    assert text == "Workers struck after pay was cut ."
    assert spans == (CausalSpan("effect", 0, 14), CausalSpan("signal", 15, 20), CausalSpan("cause", 21, 32))
    assert [text[s.start : s.end] for s in spans] == ["Workers struck", "after", "pay was cut"]


def test_parse_marked_signal_inside_an_argument_and_two_signals() -> None:
    text, spans = parse_marked("<ARG0>anger</ARG0> <ARG1><SIG0>sparked</SIG0> weeks of protest</ARG1> <SIG1>so</SIG1>")
    assert text == "anger sparked weeks of protest so"
    got = {(s.role, text[s.start : s.end]) for s in spans}
    assert got == {("cause", "anger"), ("effect", "sparked weeks of protest"), ("signal", "sparked"), ("signal", "so")}


@pytest.mark.parametrize("bad", ["<ARG0>a b", "a </ARG1>", "<ARG0>a <ARG0>b</ARG0>"])
def test_parse_marked_rejects_broken_markup(bad: str) -> None:
    with pytest.raises(ConfigError):
        parse_marked(bad)


def test_mark_round_trips_and_widens_to_whole_words() -> None:
    marked = "<ARG1>Workers struck</ARG1> <SIG0>after</SIG0> <ARG0>pay was cut</ARG0> ."
    text, spans = parse_marked(marked)
    assert mark(text, spans) == marked
    # a span that starts or ends inside a word covers the whole word
    assert (
        mark("pro-independence rally held", [CausalSpan("cause", 4, 9)]) == "<ARG0>pro-independence</ARG0> rally held"
    )
    # signal inside the effect: cause/effect tags stay outside the signal tags
    t2, s2 = parse_marked("<ARG0>anger</ARG0> <ARG1><SIG0>sparked</SIG0> weeks</ARG1>")
    assert mark(t2, s2) == "<ARG0>anger</ARG0> <ARG1><SIG0>sparked</SIG0> weeks</ARG1>"


def test_mark_keeps_one_cause_one_effect_and_no_shared_words() -> None:
    text = "a b c d"
    spans = [CausalSpan("cause", 0, 3), CausalSpan("effect", 2, 7), CausalSpan("cause", 6, 7)]
    # the effect loses word "b" (already in the cause); the second cause is dropped
    assert mark(text, spans) == "<ARG0>a b</ARG0> <ARG1>c d</ARG1>"


def test_words_of_cuts_at_single_spaces() -> None:
    assert words_of("a bc  d") == [(0, 1), (2, 4), (5, 5), (6, 7)]


def test_word_tags_follow_the_scorer() -> None:
    words, ce, sig = word_tags("<ARG1>Workers struck</ARG1> <SIG0>after</SIG0> <ARG0>pay was cut</ARG0> .")
    assert words == ["Workers", "struck", "after", "pay", "was", "cut", "."]
    assert ce == ["B-E", "I-E", "O", "B-C", "I-C", "I-C", "O"]
    assert sig == ["O", "O", "B-S", "O", "O", "O", "O"]
    # a signal inside the effect is tagged in its own sequence
    _, ce, sig = word_tags("<ARG0>anger</ARG0> <ARG1><SIG0>sparked</SIG0> weeks</ARG1> .")
    assert ce == ["B-C", "B-E", "I-E", "O"]
    assert sig == ["O", "B-S", "O", "O"]


def test_word_tags_single_word_argument_runs_on_as_in_the_scorer() -> None:
    # <ARG1>Deadlock</ARG1> opens a chunk that is never closed: it runs on to the next ARG tag
    _, ce, _ = word_tags("<ARG1>Deadlock</ARG1> <SIG0>over</SIG0> <ARG0>the scheme</ARG0> persisted")
    assert ce == ["B-E", "I-E", "B-C", "I-C", "O"]
    _, ce, _ = word_tags("<ARG1>liable</ARG1> for <ARG0>damages</ARG0> caused .")
    assert ce == ["B-E", "I-E", "B-C", "I-C", "I-C"]


def test_chunks_follow_the_conll_rules() -> None:
    assert chunks(["B-C", "I-C", "O", "B-E"]) == {("C", 0, 1), ("E", 3, 3)}
    assert chunks(["O", "I-C", "I-C"]) == {("C", 1, 2)}  # I after O starts a chunk
    assert chunks(["B-C", "I-E", "I-E"]) == {("C", 0, 0), ("E", 1, 2)}  # a change of type ends one
    assert chunks(["B-S", "B-S"]) == {("S", 0, 0), ("S", 1, 1)}
    assert chunks(["O", "O"]) == set()
    with pytest.raises(ConfigError):
        chunks(["X-C"])


# ------------------------------------------------------------------------------------------------ subtask 1


def test_subtask1_scores() -> None:
    # tp 1, fp 1, fn 1, tn 1: P = R = F1 = accuracy = 1/2; MCC = (1·1 − 1·1)/sqrt(2·2·2·2) = 0
    r = score_subtask1([True, True, False, False], [True, False, True, False])
    assert (r.precision, r.recall, r.f1, r.accuracy, r.mcc) == approx((0.5, 0.5, 0.5, 0.5, 0.0))
    # tp 2, fn 1, tn 1, fp 0: P = 1, R = 2/3, F1 = 0.8, accuracy 3/4, MCC = (2·1 − 0)/sqrt(2·3·1·2) = 2/sqrt(12)
    r = score_subtask1([True, True, True, False], [True, True, False, False])
    assert (r.precision, r.recall, r.f1, r.accuracy, r.mcc) == approx((1.0, 2 / 3, 0.8, 0.75, 2 / 12**0.5))
    assert (r.n, r.n_causal) == (4, 3)
    # nothing predicted causal: P = 0 (0/0), MCC = 0 (zero denominator)
    r = score_subtask1([True, False], [False, False])
    assert (r.precision, r.recall, r.f1, r.accuracy, r.mcc) == approx((0.0, 0.0, 0.0, 0.5, 0.0))
    with pytest.raises(ConfigError):
        score_subtask1([True], [True, False])


# ------------------------------------------------------------------------------------------------ subtask 2

S1 = "<ARG1>a b</ARG1> <SIG0>because</SIG0> <ARG0>c d</ARG0> e"
S2 = "<ARG0>x y</ARG0> led to <ARG1>z</ARG1>"


def test_subtask2_exact_match() -> None:
    r = score_subtask2([[S1], [S2]], [[S1], [S2]])
    assert prf(r.overall) == (1.0, 1.0, 1.0) and prf(r.micro) == (1.0, 1.0, 1.0)
    assert (r.sentences, r.relations, r.micro.n_gold) == (2, 2, 5)


def test_subtask2_partial_span_is_a_miss() -> None:
    pred = "<ARG1>a b</ARG1> <SIG0>because</SIG0> <ARG0>c d e</ARG0>"  # cause one word too long
    r = score_subtask2([[S1]], [[pred]])
    # Cause: tp 0 of 1 predicted, 1 gold -> 0/0/0; Effect and Signal exact -> 1/1/1
    assert prf(r.per_role["Cause"]) == (0.0, 0.0, 0.0)
    assert prf(r.per_role["Effect"]) == (1.0, 1.0, 1.0) and prf(r.per_role["Signal"]) == (1.0, 1.0, 1.0)
    # weighted by gold chunks (1, 1, 1): P = R = F1 = 2/3; micro: tp 2 of 3 predicted and 3 gold -> 2/3
    assert prf(r.overall) == approx((2 / 3, 2 / 3, 2 / 3))
    assert prf(r.micro) == approx((2 / 3, 2 / 3, 2 / 3))


def test_subtask2_weighted_overall_differs_from_micro() -> None:
    wrong_signal = "<ARG0>x y</ARG0> <SIG0>led to</SIG0> <ARG1>z</ARG1>"  # gold has no signal here
    r = score_subtask2([[S1], [S2]], [[S1], [wrong_signal]])
    # Cause 2/2/2 and Effect 2/2/2 -> 1; Signal tp 1, predicted 2, gold 1 -> P 1/2, R 1, F1 2/3
    assert prf(r.per_role["Signal"]) == approx((0.5, 1.0, 2 / 3))
    # weighted by gold (2, 2, 1): P = (2 + 2 + 0.5)/5 = 0.9, R = 1, F1 = (2 + 2 + 2/3)/5 = 14/15
    assert prf(r.overall) == approx((0.9, 1.0, 14 / 15))
    # micro: tp 5, predicted 6, gold 5 -> P 5/6, R 1, F1 10/11
    assert prf(r.micro) == approx((5 / 6, 1.0, 10 / 11))


# words: p0 q1 caused2 r3 s4 which5 caused6 t7
R1 = "<ARG0>p q</ARG0> <SIG0>caused</SIG0> <ARG1>r s</ARG1> which caused t"
R2 = "p q caused <ARG0>r s</ARG0> which <SIG0>caused</SIG0> <ARG1>t</ARG1>"
SWAPPED = "<ARG1>p q</ARG1> caused <ARG0>r s</ARG0> which caused t"


def test_subtask2_multi_relation_alignment_is_the_best_permutation() -> None:
    r = score_subtask2([[R1, R2]], [[R2, R1]])  # predicted in the other order: still perfect
    assert prf(r.micro) == (1.0, 1.0, 1.0)
    # three predictions for two gold relations: the third (R1, correct) is dropped; of the kept [R2, SWAPPED]
    # pairing gold R1-R2 and R2-SWAPPED finds 1 chunk (r s as cause), gold R1-SWAPPED and R2-R2 finds 3: kept.
    r = score_subtask2([[R1, R2]], [[R2, SWAPPED, R1]])
    # Cause tp 1 / predicted 2 / gold 2; Effect tp 1 / 2 / 2; Signal tp 1 / 1 / 2
    assert (r.per_role["Cause"].tp, r.per_role["Cause"].n_pred, r.per_role["Cause"].n_gold) == (1, 2, 2)
    assert (r.per_role["Effect"].tp, r.per_role["Effect"].n_pred, r.per_role["Effect"].n_gold) == (1, 2, 2)
    assert prf(r.per_role["Signal"]) == approx((1.0, 0.5, 2 / 3))
    # micro: tp 3, predicted 5, gold 6 -> P 3/5, R 1/2, F1 6/11
    assert prf(r.micro) == approx((0.6, 0.5, 6 / 11))
    assert r.relations == 2


def test_subtask2_empty_prediction_and_non_causal_sentences() -> None:
    # a causal gold sentence without predictions is padded with the unmarked text: nothing found
    r = score_subtask2([[S1], []], [[], [S2]])  # the second sentence is not causal: its prediction is ignored
    assert prf(r.micro) == (0.0, 0.0, 0.0)
    assert (r.micro.n_pred, r.micro.n_gold, r.sentences) == (0, 3, 1)
    # one prediction for two gold relations: the best pairing finds R2's three chunks
    r = score_subtask2([[R1, R2]], [[R2]])
    assert prf(r.micro) == approx((1.0, 0.5, 2 / 3))


def test_subtask2_prediction_on_another_text_is_an_error() -> None:
    with pytest.raises(ConfigError, match="another text"):
        score_subtask2([[S1]], [["<ARG0>a</ARG0> b <ARG1>c</ARG1>"]])
    with pytest.raises(ConfigError):
        score_subtask2([[S1]], [])


def test_subtask2_scores_spans_marked_by_mark() -> None:
    text, spans = parse_marked(S1)
    assert score_subtask2([[S1]], [[mark(text, spans)]]).micro.f1 == 1.0


# ------------------------------------------------------------------------------------------------ loaders

SUB1 = '\ufeffindex,text,label\ntrain_0_0_1,"Workers struck after pay was cut .",1\ntrain_0_1_2,"It rained .",0\n'
GROUPED = (
    "\ufeffcorpus,doc_id,sent_id,eg_id,index,text,causal_text_w_pairs,num_rs\n"
    'cnc,train_0_0,1,0,cnc_train_0_0_1_0,"Workers struck after pay was cut .",'
    "\"['<ARG1>Workers struck</ARG1> <SIG0>after</SIG0> <ARG0>pay was cut</ARG0> .', "
    "'<ARG0>Workers struck</ARG0> after pay was cut <ARG1>.</ARG1>']\",2\n"
    'cnc,train_0_1,2,0,cnc_train_0_1_2_0,"It rained .",[],0\n'
)


def write_split(folder: Path, split: str, sub1: str = SUB1, grouped: str = GROUPED) -> None:
    folder.mkdir(parents=True, exist_ok=True)
    (folder / f"{split}_subtask1.csv").write_text(sub1, encoding="utf-8")
    (folder / f"{split}_subtask2_grouped.csv").write_text(grouped, encoding="utf-8")


def test_loaders_read_bom_csv_and_several_relations(tmp_path: Path) -> None:
    write_split(tmp_path, "train")
    s1 = read_subtask1(tmp_path / "train_subtask1.csv")
    assert [(s.index, s.label) for s in s1] == [("train_0_0_1", True), ("train_0_1_2", False)]
    s2 = read_subtask2_grouped(tmp_path / "train_subtask2_grouped.csv")
    assert s2[0].label is True and len(s2[0].relations) == 2 and s2[1].relations == ()
    rows = load_split("train", tmp_path)
    text = rows[0].text
    assert text == "Workers struck after pay was cut ."
    first = {(s.role, text[s.start : s.end]) for s in rows[0].relations[0]}
    assert first == {("effect", "Workers struck"), ("signal", "after"), ("cause", "pay was cut")}
    assert rows[0].marked[1] == "<ARG0>Workers struck</ARG0> after pay was cut <ARG1>.</ARG1>"
    assert rows[1].label is False and rows[1].marked == ()


def test_loader_errors_name_the_file_and_line(tmp_path: Path) -> None:
    write_split(tmp_path, "dev", sub1=SUB1.replace(",0\n", ",maybe\n"))
    with pytest.raises(ConfigError, match=r"dev_subtask1\.csv:3: label 'maybe'"):
        load_split("dev", tmp_path)
    write_split(tmp_path, "dev", grouped=GROUPED.replace("Workers struck</ARG1>", "Workers stuck</ARG1>"))
    with pytest.raises(ConfigError, match=r"grouped\.csv:2: a marked relation does not match the text"):
        load_split("dev", tmp_path)
    write_split(tmp_path, "dev", grouped=GROUPED.replace("[]", "[oops"))
    with pytest.raises(ConfigError, match=r"grouped\.csv:3: causal_text_w_pairs is not a Python list literal"):
        load_split("dev", tmp_path)


def test_missing_split_says_where_and_what_to_do(tmp_path: Path) -> None:
    with pytest.raises(
        ConfigError, match=r"dev_subtask1\.csv: no such file — pass --data DIR \(a CNC V2 folder\), or set UNSPIN_DATA"
    ):
        split_paths("dev", tmp_path)
    with pytest.raises(ConfigError, match="unknown split 'test'"):
        split_paths("test", tmp_path)
