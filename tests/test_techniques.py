"""Persuasion-techniques model: windows and offsets, the training loop, the component, the CLI and dev scores."""

from __future__ import annotations

import itertools
import shutil
from dataclasses import replace
from pathlib import Path

import pytest
from typer.testing import CliRunner

from unspin.corpora.ptc import TECHNIQUES, load_labels
from unspin.errors import ConfigError
from unspin.models.technique_text import decode_spans, generic_features, owners, tokenize, windows
from unspin.models.techniques import WEIGHTS

PTC = Path(__file__).resolve().parents[2] / "shared" / "data" / "ptc"

# Measured on dev (held out: nothing is chosen on it) with the shipped weights: SI F1 0.385, TC micro-F1 0.610 (full
# task 0.127); floors a little under
# (machines without bfloat16 run float32 and move the figures a little).
SI_F1_FLOOR = 0.37
TC_F1_FLOOR = 0.59
# the loop tests' tiny set-up: no adaptation unless a test asks for one
_SMALL = {
    "window": 24,
    "overlap": 8,
    "batch_size": 4,
    "lr": 5e-3,
    "bf16": False,
    "sentence_epochs": 1,
    "adapt_epochs": 0,
}


def test_windows_cover_every_token_and_owners_pick_the_most_central() -> None:
    assert windows(0, 6, 2) == []
    assert windows(5, 6, 2) == [(0, 5)]
    spans = windows(20, 6, 2)
    assert spans[0] == (0, 6) and spans[-1] == (14, 20)
    assert all(b - a == 6 for a, b in spans)
    assert all(b1 - a2 >= 2 for (_, b1), (a2, _) in itertools.pairwise(spans))
    own = owners(20, spans)
    for i, w in enumerate(own):
        a, b = spans[w]
        assert a <= i < b
        best = max(min(i - x, y - 1 - i) for x, y in spans if x <= i < y)
        assert min(i - a, b - 1 - i) == best
    with pytest.raises(Exception, match="larger than its overlap"):
        windows(10, 4, 4)


def test_offsets_stay_exact_with_a_bom_and_astral_characters_across_windows() -> None:
    text = "\ufeffFlags 🇺🇸 and 😀 everywhere\n\nThe 😀 disgraceful 𝒳 traitors lied again!\n"
    toks = tokenize(text)
    assert len(toks.ids) == len(toks.offsets) > 10
    for a, b in toks.offsets:
        assert 0 <= a < b <= len(text)
        assert "\ufeff" not in text[a:b]  # the BOM is character 0 and belongs to no token
    target = (text.index("disgraceful"), text.index(" lied"))  # "disgraceful 𝒳 traitors"
    truth = []  # (P(B), P(I)) per token
    for a, b in toks.offsets:
        inside = a < target[1] and target[0] < b
        truth.append((1.0, 0.0) if inside and a <= target[0] else (0.0, 1.0) if inside else (0.0, 0.0))
    n = len(toks.ids)
    for size, overlap in ((n, 0), (5, 2), (6, 2), (7, 3)):
        spans = windows(n, size, overlap)
        own = owners(n, spans)
        covered = [sum(a <= i < b for a, b in spans) for i in range(n)]
        # each window "predicts" the truth except on its edge tokens, where it is wrong; stitching must hide that
        per_window = [
            [
                (0.0, 1.0 - sum(truth[i])) if min(i - a, b - 1 - i) == 0 and covered[i] > 1 else truth[i]
                for i in range(a, b)
            ]
            for a, b in spans
        ]
        merged = [per_window[own[i]][i - spans[own[i]][0]] for i in range(n)]
        found = decode_spans(text, toks.offsets, [m[0] for m in merged], [m[1] for m in merged], 0.5)
        assert [(s, e) for s, e, _ in found] == [target], (size, overlap, found)
        assert text[found[0][0] : found[0][1]] == "disgraceful 𝒳 traitors"
    emoji = text.index("😀")
    assert (emoji, emoji + 1) in toks.offsets  # an astral character is one str index wide


def test_decoding_trims_punctuation_and_splits_at_a_begin() -> None:
    text = "a, bad deed. Worse."
    offsets = [(0, 1), (1, 2), (3, 6), (7, 11), (11, 12), (13, 18), (18, 19)]
    p_in = [0.0, 0.1, 0.0, 0.9, 0.9, 0.0, 0.9]
    p_b = [0.0, 0.8, 0.9, 0.0, 0.0, 0.9, 0.0]
    spans = [(s, e) for s, e, _ in decode_spans(text, offsets, p_b, p_in, 0.5)]
    assert spans == [(3, 11), (13, 18)]
    assert [text[s:e] for s, e in spans] == ["bad deed", "Worse"]


def test_generic_features_see_repetition() -> None:
    text = "Build the wall! They said build the wall."
    lower = text.lower()
    rep = generic_features(text, lower, 0, 14)
    once = generic_features(text, lower, 16, 20)
    assert rep[0] == 1.0 and once[0] == 0.0
    assert rep[4] == 0.0 and generic_features(text, lower, 0, 15)[4] == 1.0
    assert all(0.0 <= x <= 2.0 for x in rep + once)


def test_generic_features_measure_the_span_with_names_hidden() -> None:
    a, b = "Wake up, American patriots!", "Wake up, Russian patriots!"
    names_a, names_b = [(9, 17, "NORP")], [(9, 16, "NORP")]
    assert generic_features(a, a.lower(), 0, len(a)) != generic_features(b, b.lower(), 0, len(b))
    assert generic_features(a, a.lower(), 0, len(a), names_a) == generic_features(b, b.lower(), 0, len(b), names_b)


def _write_ptc(root: Path) -> None:
    docs = {
        "111": (
            "Traitors ruin the nation\n\nThe corrupt traitors lied again.\n"
            "Our glorious nation will stand forever.\nThe corrupt traitors lied again.\nNothing else happened today.\n"
        ),
        "222": (
            "\ufeffA quiet day 😀\n\nThe council met on Tuesday.\nThe disgusting thugs attacked everyone.\n"
            "They will destroy us all unless we act now!\nThe weather was mild.\n"
        ),
    }
    marks = {
        "111": [
            ("Loaded_Language", "corrupt traitors"),
            ("Repetition", "The corrupt traitors lied again"),
            ("Flag-Waving", "Our glorious nation will stand forever"),
        ],
        "222": [
            ("Name_Calling,Labeling", "disgusting thugs"),
            ("Appeal_to_fear-prejudice", "They will destroy us all unless we act now!"),
        ],
    }
    for split in ("train", "dev"):
        (root / split / "articles").mkdir(parents=True)
        (root / split / "labels").mkdir(parents=True)
        for art, text in docs.items():
            (root / split / "articles" / f"article{art}.txt").write_bytes(text.encode("utf-8"))
            rows = []
            for tech, phrase in marks[art]:
                start = text.index(phrase)
                rows.append(f"{art}\t{tech}\t{start}\t{start + len(phrase)}\n")
            (root / split / "labels" / f"article{art}.labels").write_text("".join(rows), encoding="utf-8")


@pytest.mark.slow
def test_training_loop_runs_end_to_end_on_two_tiny_articles(tmp_path: Path) -> None:
    from unspin.cli_techniques import techniques_app as app
    from unspin.models.techniques import TechConfig, TechniquesModel
    from unspin.training.techniques import train_techniques

    root = tmp_path / "ptc"
    _write_ptc(root)
    out = tmp_path / "tech.pt"
    # the shipped set-up in small: a fine-tuned tagger/classifier and a sentence classifier for the gate
    cfg = TechConfig(
        epochs=2, window=24, overlap=8, batch_size=4, lr=5e-3, bf16=False, sentence_models=1, adapt_epochs=0
    )
    cfg.sentence_epochs = 1
    result = train_techniques(root, out, cfg, log=lambda m: None)
    assert out.is_file() and out.stat().st_size < 30_000_000
    assert 0.0 <= result["si"].f1 <= 1.0 and 0.0 <= result["tc_micro_f1"] <= 1.0
    model = TechniquesModel(out)
    assert "sentence" in model.thresholds and len(model._load().sentence) == 1
    text = (root / "train" / "articles" / "article222.txt").read_bytes().decode("utf-8")
    for x in model.predict(text):
        assert 0 <= x.start < x.end <= len(text) and x.technique in TECHNIQUES and 0.0 <= x.score <= 1.0
    dist = model.classify(text, [(text.index("disgusting"), text.index(" attacked"))])
    assert abs(sum(dist[0].values()) - 1.0) < 1e-4
    # the CLI: full task and TC predictions in the PTC labels format
    runner = CliRunner()
    pred = tmp_path / "pred"
    arts = root / "dev" / "articles"
    res = runner.invoke(app, ["predict", str(arts), "--out", str(pred), "--weights", str(out)])
    assert res.exit_code == 0, res.output
    assert sorted(p.name for p in pred.iterdir()) == ["article111.labels", "article222.labels"]
    load_labels(pred)
    gold = root / "dev" / "labels"
    tc = tmp_path / "tc"
    res = runner.invoke(app, ["predict", str(arts), "--spans", str(gold), "--out", str(tc), "--weights", str(out)])
    assert res.exit_code == 0, res.output
    assert sum(len(v) for v in load_labels(tc).values()) == 5
    res = runner.invoke(app, ["eval", "--articles", str(arts), "--gold", str(gold), "--weights", str(out)])
    assert res.exit_code == 0, res.output
    assert "TC on gold spans" in res.stdout and "Loaded_Language" in res.stdout

    # a folder run carries on past a bad file: one error line for it, the other articles written, exit status 1
    mixed = tmp_path / "mixed"
    shutil.copytree(arts, mixed)
    (mixed / "article333.txt").write_bytes(b"\xff\xfe\x00 not text")
    pred2 = tmp_path / "pred2"
    res = runner.invoke(app, ["predict", str(mixed), "--out", str(pred2), "--weights", str(out)])
    assert res.exit_code == 1
    assert "article333.txt: not UTF-8" in res.output and "Traceback" not in res.output
    assert sorted(p.name for p in pred2.iterdir()) == ["article111.labels", "article222.labels"]
    # ... also with --spans: gold that does not fit its article is reported, the rest classified
    gold2 = tmp_path / "gold2"
    shutil.copytree(gold, gold2)
    (gold2 / "article111.labels").write_text("111\tDoubt\t0\t99999\n", encoding="utf-8")
    tc2 = tmp_path / "tc2"
    res = runner.invoke(app, ["predict", str(mixed), "--spans", str(gold2), "--out", str(tc2), "--weights", str(out)])
    assert res.exit_code == 1
    assert "article111.labels: span 0-99999 ends past" in res.output
    assert sorted(p.name for p in tc2.iterdir()) == ["article222.labels"]
    # eval needs only the articles with gold: the unreadable extra file does not stop it
    res = runner.invoke(app, ["eval", "--articles", str(mixed), "--gold", str(gold), "--weights", str(out)])
    assert res.exit_code == 0, res.output


def test_missing_weights_is_a_one_line_error(tmp_path: Path) -> None:
    from unspin.cli_techniques import techniques_app as app

    (tmp_path / "a").mkdir()
    (tmp_path / "a" / "article1.txt").write_text("Some text.", encoding="utf-8")
    res = CliRunner().invoke(
        app,
        [
            "predict",
            str(tmp_path / "a"),
            "--out",
            str(tmp_path / "o"),
            "--weights",
            str(tmp_path / "x.pt"),
        ],
    )
    assert res.exit_code == 1
    assert "no persuasion-techniques model" in res.output and "Traceback" not in res.output


@pytest.mark.slow
def test_component_adds_technique_spans_with_scores() -> None:
    if not WEIGHTS.is_file():
        pytest.skip("the techniques model is not trained yet (unspin techniques train)")
    from unspin.components.techniques import ModelTechniques
    from unspin.document import Document, Span

    text = "\ufeffThe corrupt, disgusting traitors 😀 will destroy our great nation unless we act now!\n"
    doc = Document(text, id="t")
    doc.add_spans("sentences", [Span(1, len(text) - 1, "sentence", "test")], component="test")
    ModelTechniques()(doc)
    spans = list(doc.spans("techniques"))
    for s in spans:
        assert s.label in TECHNIQUES and s.attrs["technique"] == s.label
        assert 0.0 <= s.attrs["score"] <= 1.0 and 0 <= s.start < s.end <= len(text)
    assert spans, "an obviously loaded sentence yields at least one technique"


@pytest.mark.slow
@pytest.mark.data
def test_dev_scores_meet_the_measured_floors() -> None:
    if not PTC.is_dir():
        pytest.skip("../shared/data/ptc not present")
    if not WEIGHTS.is_file():
        pytest.skip("the techniques model is not trained yet (unspin techniques train)")
    from unspin.corpora.ptc import split_paths
    from unspin.training.techniques import evaluate_techniques

    result, _ = evaluate_techniques(*split_paths("dev", PTC))
    assert result.articles == 75
    assert result.si.f1 >= SI_F1_FLOOR, result.si
    assert result.tc.accuracy >= TC_F1_FLOOR, result.tc.accuracy
    assert 0.0 < result.full.f1 <= result.si.f1


def test_a_span_cut_inside_a_word_grows_to_the_whole_word() -> None:
    text = "the Ostrenian army"
    offsets = [(0, 3), (4, 6), (6, 10), (10, 13), (14, 18)]  # word pieces: Os ##tren ##ian
    p_b = [0.0, 0.0, 0.9, 0.0, 0.0]
    p_in = [0.0, 0.0, 0.0, 0.9, 0.0]
    spans = [(s, e) for s, e, _ in decode_spans(text, offsets, p_b, p_in, 0.5)]
    assert [text[s:e] for s, e in spans] == ["Ostrenian"]


def test_an_encoder_delta_restores_the_fine_tuned_weights() -> None:
    import torch
    from torch import nn

    from unspin.models.minilm import apply_delta, encoder_delta

    torch.manual_seed(0)
    tuned = nn.Sequential(nn.Linear(16, 8), nn.LayerNorm(8))
    base = {n: p.detach().clone() for n, p in tuned.named_parameters()}
    with torch.no_grad():
        for p in tuned.parameters():
            p += 0.01 * torch.randn_like(p)
    delta = encoder_delta(tuned, base)
    assert delta["0.weight.q"].dtype == torch.int8 and delta["1.weight.d"].dtype == torch.float16
    fresh = nn.Sequential(nn.Linear(16, 8), nn.LayerNorm(8))
    fresh.load_state_dict(base)
    apply_delta(fresh, delta, Path("x.pt"), "retrain")
    for (name, p), q in zip(tuned.named_parameters(), fresh.parameters(), strict=True):
        change = (p - base[name]).abs().max().item()
        # int8 per row: off by at most half a step of the row's largest change
        assert (p - q).abs().max().item() <= change / 127 * 0.5 + 1e-5, name
    wrong = nn.Sequential(nn.Linear(16, 4), nn.LayerNorm(4))
    with pytest.raises(ConfigError, match="do not fit"):
        apply_delta(wrong, delta, Path("x.pt"), "retrain")


def test_a_later_occurrence_puts_repetition_first() -> None:
    from unspin.models.techniques import _ranked, repeats_earlier

    text = "Build the wall. An award went to the wall builders. Build the Wall!".lower()
    later = text.rindex("build the wall")
    assert repeats_earlier(text, later, later + len("build the wall"))
    assert not repeats_earlier(text, 0, len("build the wall"))  # the first occurrence
    war = text.index("wall builders")
    assert repeats_earlier(text, war, war + 4)  # "wall" stood alone before
    assert not repeats_earlier("an award. war", 10, 13)  # "war" inside "award" is not the same word
    dist = [0.0] * len(TECHNIQUES)
    dist[TECHNIQUES.index("Slogans")] = 0.9
    dist[TECHNIQUES.index("Repetition")] = 0.05
    first = _ranked(text, 0, 14, dist)
    again = _ranked(text, later, later + 14, dist)
    assert TECHNIQUES[first[0]] == "Slogans"
    assert TECHNIQUES[again[0]] == "Repetition" and TECHNIQUES[again[1]] == "Slogans"
    assert sorted(again) == list(range(len(TECHNIQUES)))


def test_sentences_are_lines_cut_after_end_punctuation() -> None:
    from unspin.models.technique_text import sentence_spans

    text = 'Title here\n\nHe said "No." Then left! 3 more.\nlast one'
    got = [text[a:b] for a, b in sentence_spans(text)]
    assert got == ["Title here", 'He said "No."', "Then left!", "3 more.", "last one"]


def test_the_sentence_gate_keeps_spans_in_likely_sentences_only() -> None:
    from unspin.models.techniques import _gate

    spans = [(0, 4, 0.9), (10, 14, 0.8), (18, 25, 0.7)]
    sentences = [(0, 8, 0.9), (9, 16, 0.1), (17, 30, 0.5)]
    assert _gate(spans, sentences, 0.0) == spans
    assert _gate(spans, sentences, 0.5) == [(0, 4, 0.9), (18, 25, 0.7)]
    assert _gate(spans, sentences, 0.95) == []
    assert _gate(spans, [], 0.5) == spans  # no sentence head: nothing is gated


@pytest.mark.slow
def test_parts_trained_apart_combine_into_one_model(tmp_path: Path) -> None:
    from unspin.cli_techniques import techniques_app as app
    from unspin.models.techniques import TechConfig, TechniquesModel
    from unspin.training.techniques import train_techniques

    root = tmp_path / "ptc"
    _write_ptc(root)
    small = _SMALL
    tagger, gate = tmp_path / "tagger.pt", tmp_path / "gate.pt"
    train_techniques(root, tagger, TechConfig(epochs=1, lora_r=8, sentence_models=0, **small), log=lambda m: None)
    train_techniques(root, gate, TechConfig(members=0, sentence_models=1, **small), log=lambda m: None)
    with pytest.raises(ConfigError, match="sentence classifiers only"):
        TechniquesModel(gate).predict("Some text.")
    res = CliRunner().invoke(app, ["combine", str(gate), "--data", str(root), "--out", str(tmp_path / "x.pt")])
    assert res.exit_code == 1 and "--members 1" in res.output and "Traceback" not in res.output
    both = tmp_path / "both.pt"
    res = CliRunner().invoke(app, ["combine", str(tagger), str(gate), "--data", str(root), "--out", str(both)])
    assert res.exit_code == 0, res.output
    assert "held-out train articles: SI F1" in res.stdout
    model = TechniquesModel(both)
    parts = model._load()
    assert len(parts.members) == 1 and len(parts.sentence) == 1
    assert parts.ungated["sentence"] == 0.0 and parts.thresholds["sentence"] >= 0.0
    text = (root / "dev" / "articles" / "article111.txt").read_text(encoding="utf-8")
    for gate in (True, False):
        for x in model.predict(text, gate=gate):
            assert 0 <= x.start < x.end <= len(text) and x.technique in TECHNIQUES
    from unspin.models.techniques import _analyse, _predict

    an = _analyse(parts, text)
    _predict(parts, an, gate=False)
    assert an.scored == {}  # without the gate no sentence is scored


def test_an_adapted_encoder_is_shared_by_parts_trained_apart(tmp_path: Path) -> None:
    import torch

    from unspin.cli_techniques import techniques_app as app
    from unspin.models.checkworthy import CheckworthyModel
    from unspin.models.techniques import TechConfig, TechniquesModel
    from unspin.training.techniques import train_techniques

    root = tmp_path / "ptc"
    _write_ptc(root)
    small = _SMALL
    adapted = tmp_path / "adapted.pt"
    only = ["--members", "0", "--sentence-models", "0"]
    res = CliRunner().invoke(app, ["train", "--data", str(root), "--adapt-epochs", "1", *only, "--out", str(adapted)])
    assert res.exit_code == 0, res.output
    assert "saved the adapted encoder" in res.stdout
    delta = torch.load(adapted, weights_only=True)["adapted"]
    assert delta and not any(k.startswith("embeddings.") for k in delta)  # the embeddings stay the pinned ones
    assert any(bool(v.any()) for k, v in delta.items() if k.endswith(".q"))  # the masked-word passes moved blocks

    tagger, gate, both = tmp_path / "tagger.pt", tmp_path / "gate.pt", tmp_path / "both.pt"
    train_techniques(root, tagger, TechConfig(epochs=1, sentence_models=0, **small), lambda m: None, adapted)
    train_techniques(root, gate, TechConfig(members=0, sentence_models=1, **small), lambda m: None, adapted)
    saved = torch.load(gate, weights_only=True)["sentence"][0]
    assert saved["config"] and "adapted" in saved  # the gate's adapter sits on the adapted blocks: they ship with it
    plain = {k: v for k, v in saved.items() if k != "adapted"}
    sentence = ["The corrupt traitors lied again."]
    on_adapted = CheckworthyModel.from_state(saved, "<gate>", "x").predict_proba(sentence)
    on_pinned = CheckworthyModel.from_state(plain, "<gate>", "x").predict_proba(sentence)
    assert on_adapted != on_pinned
    res = CliRunner().invoke(app, ["combine", str(tagger), str(gate), "--data", str(root), "--out", str(both)])
    assert res.exit_code == 0, res.output
    text = (root / "dev" / "articles" / "article111.txt").read_text(encoding="utf-8")
    for x in TechniquesModel(both).predict(text):
        assert 0 <= x.start < x.end <= len(text)

    with pytest.raises(ConfigError, match="adapted with names hidden"):
        train_techniques(root, tmp_path / "x.pt", TechConfig(hide_names=False, **small), lambda m: None, adapted)
    with pytest.raises(ConfigError, match="holds no adapted encoder"):
        train_techniques(root, tmp_path / "x.pt", TechConfig(**small), lambda m: None, tagger)
    with pytest.raises(ConfigError, match="not LoRA"):
        train_techniques(
            root, tmp_path / "x.pt", TechConfig(**{**small, "lora_r": 8, "adapt_epochs": 1}), lambda m: None
        )
    with pytest.raises(ConfigError, match="nothing to train"):
        train_techniques(
            root, tmp_path / "x.pt", TechConfig(members=0, sentence_models=0, adapt_epochs=0), lambda m: None
        )
    with pytest.raises(ConfigError, match="adapt_epochs"):
        TechConfig(adapt_epochs=-1)


def test_fast_pipelines_run_techniques_without_the_sentence_gate() -> None:
    from unspin.api import load_pipeline

    def gate(fast: bool) -> object:
        comps = {c.name: c for c in load_pipeline(fast=fast).components}
        return getattr(comps["techniques.minilm.v1"], "sentence_gate", None)

    assert gate(False) is True and gate(True) is False


def test_tokens_know_whether_a_gold_span_touches_their_line() -> None:
    from unspin.corpora.ptc import Label
    from unspin.models.technique_text import cached_tokenizer
    from unspin.training.technique_data import gold_lines, prepare_articles

    text = "Calm words here.\n\nThey are traitors, all of them.\nMore calm words."
    start = text.index("traitors")
    gold = [Label("1", "Name_Calling,Labeling", start, start + len("traitors"))]
    assert [(text[a:b], hit) for a, b, hit in gold_lines(text, gold)] == [
        ("Calm words here.", False),
        ("They are traitors, all of them.", True),
        ("More calm words.", False),
    ]
    (art,) = prepare_articles(cached_tokenizer(), {"1": text}, {"1": gold})
    on = [text[a:b] for (a, b), hit in zip(art.tokens.offsets, art.on_gold_line, strict=True) if hit]
    assert "".join(on).replace("#", "") == "Theyaretraitors,allofthem."
    assert art.tags.count(1) == 1  # one B tag on the gold span


def test_outside_weight_must_be_between_zero_and_one() -> None:
    from unspin.models.techniques import TechConfig

    with pytest.raises(ConfigError, match="outside_weight"):
        TechConfig(outside_weight=1.5)


def test_a_window_must_hold_its_overlaps_and_fit_the_encoder() -> None:
    from unspin.models.techniques import TechConfig

    assert TechConfig(window=128).window == 128
    with pytest.raises(ConfigError, match="window 64 does not fit"):
        TechConfig(window=64)  # two overlaps of 32 leave nothing of its own
    with pytest.raises(ConfigError, match="window 1024 does not fit"):
        TechConfig(window=1024)


@pytest.mark.slow
def test_a_model_trained_with_hidden_names_reads_swapped_actors_alike(tmp_path: Path) -> None:
    import torch

    from unspin.models.techniques import TechConfig, TechniquesModel, _analyse, _sentences
    from unspin.training.techniques import combine_techniques, train_techniques

    root = tmp_path / "ptc"
    _write_ptc(root)
    small = _SMALL
    tagger, gate, both = tmp_path / "tagger.pt", tmp_path / "gate.pt", tmp_path / "both.pt"
    cfg = TechConfig(epochs=1, sentence_models=0, hide_names=True, **small)
    train_techniques(root, tagger, cfg, log=lambda m: None)
    train_techniques(root, gate, replace(cfg, members=0, sentence_models=1), log=lambda m: None)
    plain = tmp_path / "plain.pt"
    train_techniques(root, plain, replace(cfg, members=0, sentence_models=1, hide_names=False), log=lambda m: None)
    with pytest.raises(ConfigError, match="hidden names"):
        combine_techniques([tagger, plain], tmp_path / "mixed.pt", root, log=lambda m: None)
    combine_techniques([tagger, gate], both, root, log=lambda m: None)
    parts = TechniquesModel(both)._load()
    assert parts.cfg.hide_names
    # names written inside sentences (the guarantee of the spelling rule; one only at a sentence start stays
    # visible, see test_swapping_the_actors_changes_no_technique_span)
    a = "Yesterday Russia armed the corrupt traitors.\nThen President Vladimir Putin lied again."
    b = "Yesterday America armed the corrupt traitors.\nThen President Joe Biden lied again."
    an_a, an_b = _analyse(parts, a), _analyse(parts, b)
    assert [a[x:y] for x, y, _ in an_a.names] == ["Russia", "President Vladimir Putin"]
    assert [(x, y) for x, y, _ in an_a.names] != [(x, y) for x, y, _ in an_b.names]  # other lengths, same places
    assert an_a.tokens.ids == an_b.tokens.ids
    assert torch.allclose(an_a.probs, an_b.probs)
    whole_a, whole_b = [(0, len(a), 1.0)], [(0, len(b), 1.0)]
    assert [p for *_, p in _sentences(parts, an_a, whole_a)] == [p for *_, p in _sentences(parts, an_b, whole_b)]


MIRROR = (
    "{X}'s corrupt regime has once again shown its true face. The criminals in {Xc} butchered innocent families, "
    "and only a fool would believe their lies.\n{Y} warned that {X} is destroying everything decent people hold "
    "dear.\nOfficials in {Yc} said the talks would resume on Tuesday.\nWake up, {Ya} patriots, before it is too late!"
)
SIDES = (
    {"X": "Russia", "Xc": "Moscow", "Y": "America", "Yc": "Washington", "Ya": "American"},
    {"X": "America", "Xc": "Washington", "Y": "Russia", "Yc": "Moscow", "Ya": "Russian"},
)


def _roles(text: str, names: dict[str, str]) -> str:
    """``text`` with each actor's name put back to its role in :data:`MIRROR` (longest name first)."""
    for role, name in sorted(names.items(), key=lambda kv: -len(kv[1])):
        text = text.replace(name, "{" + role + "}")
    return text


@pytest.mark.slow
@pytest.mark.xfail(
    strict=True,
    reason="names are found from their spelling, and here the second actor is written only at a line start, where "
    "every word is capitalised, so it stays visible (docs/even-handedness.md, limits); spaCy's recogniser found it",
)
def test_swapping_the_actors_changes_no_technique_span() -> None:
    # A model that reads names (``--show-names``) fails this: it called Russia's regime Name Calling and
    # America's Flag-Waving.  The shipped model hides names, so both sides are the same input.
    if not WEIGHTS.is_file():
        pytest.skip("the techniques model is not trained yet (unspin techniques train)")
    from unspin.models.techniques import TechniquesModel

    model = TechniquesModel()
    found = []
    for names in SIDES:
        text = MIRROR.format(**names)
        spans = model.predict(text)
        assert spans, "the loaded text yields technique spans on either side"
        found.append(sorted((x.technique, _roles(text[x.start : x.end], names), round(x.score, 4)) for x in spans))
    assert found[0] == found[1]


def test_a_config_saved_before_hidden_names_reads_names() -> None:
    from unspin.models.techniques import TechConfig, _config

    assert TechConfig().hide_names  # new models hide names
    assert not _config({"seed": 13}).hide_names  # an older file's models were trained on names as written
    assert _config({"seed": 13, "hide_names": True}).hide_names


def test_train_options_default_to_the_library_defaults() -> None:
    import inspect

    from unspin.cli_techniques import train
    from unspin.models.techniques import TechConfig

    params = inspect.signature(train).parameters
    for name in (
        "epochs",
        "seed",
        "members",
        "sentence_models",
        "outside_weight",
        "hide_names",
        "adapt_epochs",
        "threads",
    ):
        assert params[name].default == getattr(TechConfig(), name), name


def test_eval_refuses_gold_that_does_not_fit_its_article_before_loading_a_model(tmp_path: Path) -> None:
    from unspin.models.techniques import TechniquesModel
    from unspin.training.techniques import evaluate_techniques

    (tmp_path / "a").mkdir()
    (tmp_path / "g").mkdir()
    (tmp_path / "a" / "article1.txt").write_text("Short text.", encoding="utf-8")
    (tmp_path / "a" / "article2.txt").write_bytes(b"\xff\xfe not text, and no gold")
    (tmp_path / "g" / "article1.labels").write_text("1\tDoubt\t0\t500\n", encoding="utf-8")
    with pytest.raises(ConfigError, match=r"article1\.labels: span 0-500 ends past the 11 characters"):
        evaluate_techniques(tmp_path / "a", tmp_path / "g", TechniquesModel(tmp_path / "no-model.pt"))
    (tmp_path / "g" / "article3.labels").write_text("", encoding="utf-8")
    with pytest.raises(ConfigError) as info:
        evaluate_techniques(tmp_path / "a", tmp_path / "g", TechniquesModel(tmp_path / "no-model.pt"))
    assert "labels for articles not in" in info.value.message and info.value.hint
