"""Check-worthiness model, claims component and the claims commands."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from typer.testing import CliRunner

from unspin.cli import app
from unspin.components.claims import DATELINE_SENTENCE, support_of
from unspin.errors import ConfigError
from unspin.models.checkworthy import f1_yes, read_ct24
from unspin.models.claims_branch import WEIGHTS, ClaimsBranchModel, pack_documents

from .conftest import DATA


@pytest.mark.parametrize(
    ("sentence", "quoted", "reported", "support"),
    [
        ("Kestrov supposedly stopped all payments in 2024.", False, False, "hedged"),
        ("The minister reportedly resigned.", False, False, "hedged"),
        ("If I were the minister, I would wonder whether the occupation did more harm.", False, False, "speculative"),
        ("What remains open to guesswork is who gave the order.", False, False, "speculative"),
        ("Do you see what that means?", False, False, "question"),
        ("The Brotherhood grew out of the Harrow Brigade.", True, False, "sourced"),
        ("Officials said 44 people had died.", False, True, "sourced"),
        ("The station reopened on Saturday.", False, False, "asserted"),
    ],
)
def test_support_rules(sentence: str, quoted: bool, reported: bool, support: str) -> None:
    assert support_of(sentence, quoted=quoted, reported=reported) == support


@pytest.mark.parametrize(
    ("sentence", "dateline"),
    [
        ("Published 9 June 2030.*", True),
        ("*Updated: March 3, 2018*", True),
        ("Published: Friday, July 21, 2017 at 2:16 pm ET", True),
        ("Posted by John Smith on May 3, 2018", True),
        ("Published reports say 40 people died in 2019.", False),
        ("Updated figures show unemployment rose to 9% in May.", False),
        ("Posted by the army: 40 killed on 3 May", False),
        ("The study was published in 2019.", False),
        ("Published 9 June 2030. Police said 41 died.", False),
    ],
)
def test_a_dateline_alone_is_told_from_a_sentence_about_something_published(sentence: str, dateline: bool) -> None:
    assert bool(DATELINE_SENTENCE.match(sentence)) is dateline


def test_the_examples_dateline_is_no_claim(example_report: dict[str, Any]) -> None:
    texts = [c["text"] for c in example_report["claims"]]
    assert texts and not any(t.startswith("Published 9 June 2030") for t in texts)


def test_f1_of_the_yes_class() -> None:
    # tp = 1, fp = 1, fn = 1 → P = R = F1 = 0.5; no positives predicted → 0s without dividing by zero.
    assert f1_yes([True, True, False, False], [True, False, True, False]) == (0.5, 0.5, 0.5)
    assert f1_yes([True], [False]) == (0.0, 0.0, 0.0)


def test_tsv_reader_errors_name_the_line(tmp_path: Path) -> None:
    f = tmp_path / "x.tsv"
    f.write_text("Sentence_id\tText\tclass_label\n1\tfine\tYes\n2\tbad\tMaybe\n", encoding="utf-8")
    with pytest.raises(Exception, match=r"x\.tsv:3: class_label 'Maybe'"):
        read_ct24(f)
    f.write_text('1\t"quoted ""inner"" text"\n', encoding="utf-8")
    assert read_ct24(f) == [("1", 'quoted "inner" text', None)]


def test_neighbouring_sentences_are_packed_within_the_budget() -> None:
    rows = [(1, "a b"), (2, "c d e"), (3, "f"), (5, "g h"), (6, "i j k l"), (7, "m")]
    # ids 1-3 are neighbours and fit 6 words; 4 is missing, so 5 starts a document; 5+6 fit, 7 does not
    assert pack_documents(rows, 6, lambda t: len(t.split())) == [[0, 1, 2], [3, 4], [5]]
    # a sentence larger than the budget is a document of its own
    assert pack_documents([(1, "a b c"), (2, "d")], 2, lambda t: len(t.split())) == [[0], [1]]


@pytest.mark.slow
def test_a_branch_trained_on_another_techniques_model_is_refused(tmp_path: Path) -> None:
    import torch

    bad = tmp_path / "claims.pt"
    torch.save({"trunk_sha256": "0" * 64, "config": {"shared": 3}}, bad)
    with pytest.raises(ConfigError, match=r"claims\.pt: trained on another techniques model"):
        _ = ClaimsBranchModel(bad).threshold
    torch.save({"lora": {}, "head": {}, "threshold": 0.5}, bad)  # a separate classifier's kind of file
    with pytest.raises(ConfigError, match=r"claims\.pt: not a claims branch"):
        _ = ClaimsBranchModel(bad).threshold


_TINY = [("The unemployment rate fell to 4 percent last year.", "Yes"), ("Thank you very much.", "No")]


def _tiny_tsv(tmp_path: Path, copies: int, step: int) -> Path:
    """A CheckThat! TSV of ``copies`` of :data:`_TINY`, ids ``step`` apart."""
    train = tmp_path / "train.tsv"
    rows = _TINY * copies
    train.write_text("".join(f"{step * i}\t{t}\t{lab}\n" for i, (t, lab) in enumerate(rows)), encoding="utf-8")
    return train


@pytest.mark.slow
def test_the_branch_trains_end_to_end_on_a_tiny_set(tmp_path: Path) -> None:
    from unspin.training.claims_branch import BranchConfig, train_claims_branch

    # ids two apart: every sentence is a document of its own, so the held-out part has both labels
    train = _tiny_tsv(tmp_path, copies=12, step=2)
    out = tmp_path / "claims.pt"
    cfg = BranchConfig(epochs=2, batch_size=4, lr=1e-3, head_lr=1e-2)
    result = train_claims_branch(train, train, out, cfg, log=lambda m: None)
    assert out.is_file() and out.stat().st_size < 8_000_000
    yes, no = ClaimsBranchModel(out).predict_rows([(1, _TINY[0][0]), (5, _TINY[1][0])])
    assert yes > no and result["tune"]["epoch"] in (1, 2)


@pytest.mark.slow
def test_the_techniques_component_decodes_the_claims_pass_as_its_own(example_report: dict[str, Any]) -> None:
    """One encoder pass serves both: the techniques found from the pass the claims component made (with the
    claims branch computed in it) are those of a pass of the techniques model alone."""
    from unspin.models.names import capitalised_names
    from unspin.models.techniques import load_techniques

    text = example_report["text"]
    alone = load_techniques().predict(text, True, capitalised_names(text))
    assert [(t["start"], t["end"], t["technique"]) for t in example_report["techniques"]] == [
        (x.start, x.end, x.technique) for x in alone
    ]


@pytest.mark.slow
def test_separate_classifier_training_runs_end_to_end_on_a_tiny_set(tmp_path: Path) -> None:
    from unspin.models.checkworthy import CheckworthyModel, TrainConfig
    from unspin.training.checkworthy import train_checkworthy

    train = _tiny_tsv(tmp_path, copies=8, step=1)
    out = tmp_path / "cw.pt"
    result = train_checkworthy(train, train, out, TrainConfig(epochs=2, batch_size=8, lr=5e-3), log=lambda m: None)
    assert out.is_file() and out.stat().st_size < 1_000_000
    model = CheckworthyModel(out)
    yes, no = model.predict_proba(["The unemployment rate fell to 4 percent last year.", "Thank you very much."])
    assert yes > no and 0.0 <= result["f1"] <= 1.0


@pytest.mark.slow
def test_example_claims_carry_voice_support_and_findings(example_report: dict[str, Any]) -> None:
    if not WEIGHTS.is_file():
        pytest.fail("the shipped check-worthiness model is missing; run `unspin claims train`")
    claims = example_report["claims"]
    assert claims, "the example article has check-worthy claims"
    text = example_report["text"]
    for c in claims:
        assert 0.0 <= c["checkworthy"] <= 1.0 and c["voice"] in ("author", "quoted")
    by_text = {text[c["start"] : c["end"]]: c for c in claims}
    hedged = by_text.get("Kestrov supposedly stopped all payments in 2024.")
    if hedged is not None:
        assert hedged["support"] == "hedged"
    kinds = [f["kind"] for f in example_report["findings"]]
    assert "speculation" in kinds
    spec = [f for f in example_report["findings"] if f["kind"] == "speculation"]
    assert any("If I were the Valdorian minister" in text[s:e] for f in spec for s, e in f["spans"])


@pytest.mark.slow
@pytest.mark.data
def test_dev_f1_meets_the_target() -> None:
    dev = DATA / "claims" / "ct24_en" / "CT24_checkworthy_english_dev.tsv"
    if not dev.is_file():
        pytest.skip("../shared/data/claims not present")
    result = CliRunner().invoke(app, ["claims", "eval", "--split", "dev", "--data", str(dev.parent)])
    assert result.exit_code == 0, result.output
    f1 = float(result.stdout.strip().splitlines()[-2].split("│")[-3])
    assert f1 >= 0.80, result.stdout
