"""The causal-relation model: decoding, a tiny end-to-end training run, and the shipped weights on CNC V2 dev."""

from __future__ import annotations

import json
import math
from pathlib import Path

import pytest
from typer.testing import CliRunner

from unspin.cli import app
from unspin.corpora.cnc import CausalSpan
from unspin.models.causal import WEIGHTS, decode_relation

from .conftest import DATA
from .test_cnc_eval import write_split

CNC_V2 = DATA / "cnc" / "V2"


def one_hot(k: int, n: int, p: float = 0.9) -> list[float]:
    return [p if i == k else (1 - p) / (n - 1) for i in range(n)]


def test_decode_relation_keeps_exactly_one_cause_and_one_effect() -> None:
    text = "The strike stopped the buses"
    words = [(0, 3), (4, 10), (11, 18), (19, 22), (23, 28)]
    # the tagger wants two causes and no effect; the decoder must return one of each, contiguous
    ce = [one_hot(1, 5), one_hot(2, 5), one_hot(0, 5), one_hot(1, 5), one_hot(2, 5)]
    ce[4] = [0.05, 0.05, 0.45, 0.05, 0.40]  # I-C 0.45 but I-E 0.40: the only place left for the effect
    sig = [one_hot(0, 3), one_hot(0, 3), one_hot(1, 3), one_hot(0, 3), one_hot(0, 3)]
    spans = decode_relation(text, words, ce, sig)
    roles = [s.role for s in spans]
    assert roles.count("cause") == 1 and roles.count("effect") == 1
    assert CausalSpan("signal", 11, 18) in spans
    cause = next(s for s in spans if s.role == "cause")
    effect = next(s for s in spans if s.role == "effect")
    assert cause.end <= effect.start or effect.end <= cause.start
    assert text[cause.start : cause.end] == "The strike"


def test_decode_relation_signal_runs_trimming_and_short_texts() -> None:
    text = "a b c d ,"
    words = [(0, 1), (2, 3), (4, 5), (6, 7), (8, 9)]
    ce = [one_hot(1, 5), one_hot(0, 5), one_hot(0, 5), one_hot(3, 5), one_hot(4, 5)]
    sig = [one_hot(0, 3), one_hot(1, 3), one_hot(2, 3), one_hot(1, 3), one_hot(0, 3)]  # B I then a new B
    spans = decode_relation(text, words, ce, sig)
    assert [s for s in spans if s.role == "signal"] == [CausalSpan("signal", 2, 5), CausalSpan("signal", 6, 7)]
    # the effect "d ," loses its trailing comma and blank
    assert CausalSpan("effect", 6, 7) in spans and CausalSpan("cause", 0, 1) in spans
    assert decode_relation("abcd", [(0, 4)], [one_hot(1, 5)], [one_hot(0, 3)]) == []
    # a high signal threshold keeps none
    assert [s for s in decode_relation(text, words, ce, sig, 0.99) if s.role == "signal"] == []


TINY = [
    ("<ARG1>Workers went on strike</ARG1> <SIG0>because</SIG0> <ARG0>wages were cut</ARG0> .", 1),
    ("<ARG1>Students marched</ARG1> <SIG0>after</SIG0> <ARG0>fees were raised</ARG0> .", 1),
    ("<ARG0>The fuel price rise</ARG0> <SIG0>sparked</SIG0> <ARG1>protests in the capital</ARG1> .", 1),
    ("<ARG1>Farmers blocked roads</ARG1> <SIG0>due to</SIG0> <ARG0>new import rules</ARG0> .", 1),
    ("The meeting took place on Monday .", 0),
    ("Police said the march was peaceful .", 0),
    ("The union has 4,000 members .", 0),
    ("Rain fell over the city all day .", 0),
]


def tiny_csvs(folder: Path) -> None:
    import re

    sub1 = ["\ufeffindex,text,label"]
    grouped = ["\ufeffcorpus,doc_id,sent_id,eg_id,index,text,causal_text_w_pairs,num_rs"]
    for k, (marked, label) in enumerate(TINY):
        text = re.sub(r"</?(ARG[01]|SIG\d)>", "", marked)
        rels = repr([marked]) if label else "[]"
        sub1.append(f'train_{k}_0_{k},"{text}",{label}')
        grouped.append(f'cnc,train_{k}_0,{k},0,cnc_train_{k}_0_{k}_0,"{text}","{rels}",{label}')
    for split in ("train", "dev"):
        write_split(folder, split, "\n".join(sub1) + "\n", "\n".join(grouped) + "\n")


@pytest.mark.slow
def test_training_loop_runs_end_to_end_on_a_tiny_set(tmp_path: Path) -> None:
    from unspin.models.causal import CausalModel, TrainConfig
    from unspin.training.causal import train_causal

    tiny_csvs(tmp_path / "V2")
    out = tmp_path / "causal.pt"
    cfg = TrainConfig(epochs=3, batch_size=4, lr_lora=2e-3, lr_heads=5e-3)
    result = train_causal(tmp_path / "V2", out, cfg, log=lambda m: None)
    assert out.is_file() and out.stat().st_size < 3_000_000
    assert 0.0 <= result["subtask1"].f1 <= 1.0 and 0.0 <= result["subtask2"].overall.f1 <= 1.0
    model = CausalModel(out)
    texts = ["Hundreds of nurses walked out because their pay was frozen.", "It rained.", ""]
    probs = model.predict_proba(texts)
    spans = model.predict_spans(texts)
    preds = model.predict(texts)
    assert len(probs) == len(spans) == len(preds) == 3
    assert all(0.0 <= p <= 1.0 and not math.isnan(p) for p in probs)
    for text, found, pred, p in zip(texts, spans, preds, probs, strict=True):
        assert pred.score == pytest.approx(p, abs=1e-6)
        assert pred.spans == (found if pred.causal else [])
        for s in found:
            assert 0 <= s.start < s.end <= len(text) and s.role in ("cause", "effect", "signal")
            assert text[s.start : s.end] == text[s.start : s.end].strip()
    roles = [s.role for s in spans[0]]
    assert roles.count("cause") == 1 and roles.count("effect") == 1
    assert spans[2] == []  # nothing to find in an empty text


@pytest.mark.slow
def test_shipped_model_gives_offsets_into_ordinary_prose() -> None:
    if not WEIGHTS.is_file():
        pytest.fail("the shipped causal model is missing; run `unspin causal train`")
    from unspin.models.causal import load_causal

    texts = [
        "Thousands of farmers blocked highways on Tuesday after the government cut fuel subsidies.",
        "The minister’s visit—announced last week—ended without incident.",
    ]
    preds = load_causal().predict(texts)
    assert preds[0].causal and preds[0].score > preds[1].score
    found = {(s.role, texts[0][s.start : s.end]) for s in preds[0].spans}
    assert ("cause", "the government cut fuel subsidies") in found, found
    assert any(role == "effect" and "blocked highways" in t for role, t in found), found


def test_predict_without_weights_says_what_to_do(tmp_path: Path) -> None:
    missing = tmp_path / "none.pt"
    result = CliRunner().invoke(app, ["causal", "predict", "--weights", str(missing)], input="A sentence.\n")
    assert result.exit_code == 1
    assert "no causal model" in result.output and "unspin causal train" in result.output


@pytest.mark.slow
def test_predict_command_output() -> None:
    if not WEIGHTS.is_file():
        pytest.fail("the shipped causal model is missing; run `unspin causal train`")
    text = "Workers went on strike because wages were cut.\n\nIt rained.\n"
    result = CliRunner().invoke(app, ["causal", "predict", "--all"], input=text)
    assert result.exit_code == 0, result.output
    rows = [json.loads(line) for line in result.stdout.splitlines()]
    assert [r["text"] for r in rows] == ["Workers went on strike because wages were cut.", "It rained."]
    for r in rows:
        assert 0.0 <= r["score"] <= 1.0 and isinstance(r["causal"], bool)
        for s in r["spans"]:
            assert r["text"][s["start"] : s["end"]] == s["text"]


@pytest.mark.slow
@pytest.mark.data
def test_dev_scores_meet_the_targets() -> None:
    if not (CNC_V2 / "dev_subtask1.csv").is_file():
        pytest.skip("../shared/data/cnc not present")
    result = CliRunner().invoke(app, ["causal", "eval", "--split", "dev", "--data", str(CNC_V2), "--json"])
    assert result.exit_code == 0, result.output
    scores = json.loads(result.stdout)
    assert scores["sentences"] == 340 and scores["subtask2"]["relations"] == 249
    assert scores["subtask1"]["f1"] >= 0.80, scores["subtask1"]
    assert scores["subtask2"]["overall"]["f1"] >= 0.50, scores["subtask2"]
