"""The real-article gold set and its scorer: gold files built by hand here, reports built by hand, no model."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from unspin.components.relation_confidence import ConfidenceTable, relation_key
from unspin.errors import InputError
from unspin.evaluation.real_gold import build_gold, load_gold, load_gold_dir, render_gold
from unspin.evaluation.relations_eval import (
    cross_validate_confidence,
    fit_confidence,
    same_actor,
    score_article,
    score_articles,
)
from unspin.reports.blame import unchained_blame

TEXT = (
    "Critics blamed the ministry for the flood. It armed the militia.\n"
    "If I were the mayor, I would blame the ministry.\n"
    "Three days later, the dam broke.\n"
)


def authoring(**over: Any) -> dict[str, Any]:
    base: dict[str, Any] = {
        "doc": "x/a.txt",
        "genre": "news",
        "checked": 2,
        "relations": [
            {
                "id": "R1",
                "sentence": "Critics blamed the ministry for the flood.",
                "type": "blame",
                "trigger": "blamed",
                "cause": "the ministry",
                "cause_actor": "Ministry",
                "effect": "the flood",
                "voice": "attributed",
                "attributed_to": "Critics",
                "support": "sourced",
            },
            {
                "id": "R2",
                "sentence": "It armed the militia.",
                "type": "arm",
                "trigger": "armed",
                "cause": "It",
                "cause_actor": "Ministry",
                "effect": "the militia",
                "voice": "author",
                "support": "asserted",
            },
            {
                "id": "R3",
                "sentence": "I would blame the ministry.",
                "type": "blame",
                "trigger": "blame",
                "cause": "the ministry",
                "cause_actor": "Ministry",
                "effect": None,
                "voice": "author",
                "support": "speculative",
                "explicit": False,
            },
        ],
        "chains": [],
        "dates": [{"sentence": "Three days later, the dam", "text": "Three days later", "value": None}],
    }
    base.update(over)
    return base


@pytest.fixture
def data(tmp_path: Path) -> Path:
    (tmp_path / "x").mkdir()
    (tmp_path / "x" / "a.txt").write_text(TEXT, encoding="utf-8")
    return tmp_path


def stored(data: Path, tmp_path: Path, raw: dict[str, Any] | None = None) -> Path:
    gold = build_gold(raw or authoring(), TEXT)
    out = tmp_path / "gold"
    out.mkdir(exist_ok=True)
    path = out / "a.json"
    path.write_text(json.dumps(gold), encoding="utf-8")
    return path


def loc(words: str, nth: int = 1) -> dict[str, Any]:
    pos = -1
    for _ in range(nth):
        pos = TEXT.index(words, pos + 1)
    return {"start": pos, "end": pos + len(words), "text": words}


def rel(rid: str, rtype: str, trigger: str, cause: dict[str, Any], effect: dict[str, Any], **kw: Any) -> dict[str, Any]:
    t = loc(trigger)
    start = min(cause["start"], t["start"], effect["start"])
    end = max(cause["end"], t["end"], effect["end"])
    return {
        "id": rid,
        "type": rtype,
        "start": start,
        "end": end,
        "text": TEXT[start:end],
        "trigger": t,
        "cause": cause,
        "effect": effect,
        "voice": kw.get("voice", "author"),
        "attributed_to": kw.get("attributed_to"),
        "support": kw.get("support", "asserted"),
        "pattern": kw.get("pattern", "active"),
    }


def report(relations: list[dict[str, Any]], **over: Any) -> dict[str, Any]:
    base: dict[str, Any] = {
        "text": TEXT,
        "entities": [{"id": "E1", "name": "the Ministry", "aliases": []}],
        "sources": [{"id": "S1", "name": "Critics"}, {"id": "S2", "name": "the mayor"}],
        "relations": relations,
        "chains": [],
        "dates": [
            {"start": TEXT.index("Three"), "end": TEXT.index("later") + 5, "value": "2020-01-04", "kind": "relative"}
        ],
    }
    base.update(over)
    return base


def test_build_stores_offsets_not_text(data: Path, tmp_path: Path) -> None:
    gold = build_gold(authoring(), TEXT)
    r1 = gold["relations"][0]
    assert TEXT[r1["trigger"][0] : r1["trigger"][1]] == "blamed"
    assert TEXT[r1["cause"][0] : r1["cause"][1]] == "the ministry"
    assert "Critics blamed" not in json.dumps(gold)  # no copy of the text
    art = load_gold(stored(data, tmp_path), data)
    assert art.has_blame_conclusion and len(art.relations) == 3
    shown = render_gold(art)
    assert "'blamed'" in shown and "attributed of Critics" in shown


@pytest.mark.parametrize(
    ("change", "message"),
    [
        ({"sentence": "the ministry"}, "occurs twice"),
        ({"trigger": "accused"}, "is not in"),
        ({"type": "praise"}, "not one of"),
        ({"voice": "quoted", "attributed_to": None}, "needs attributed_to"),
    ],
)
def test_build_refuses_what_it_cannot_place(change: dict[str, Any], message: str) -> None:
    raw = authoring()
    raw["relations"][0] = {**raw["relations"][0], **change}
    with pytest.raises(InputError, match=message):
        build_gold(raw, TEXT)


def test_a_changed_text_is_refused(data: Path, tmp_path: Path) -> None:
    path = stored(data, tmp_path)
    (data / "x" / "a.txt").write_text(TEXT.replace("flood", "fire!"), encoding="utf-8")
    with pytest.raises(InputError, match="changed since it was annotated"):
        load_gold(path, data)
    with pytest.raises(InputError, match="no such gold folder"):
        load_gold_dir(tmp_path / "nowhere", data)


@pytest.mark.parametrize(
    ("names", "gold", "same"),
    [
        (["Obama"], "Barack Obama", True),
        (["the EU"], "European Union", False),
        (["Mr. Clinton"], "Bill Clinton", True),
        (["Hillary Clinton"], "Bill Clinton", False),
        ([], "Bill Clinton", False),
    ],
)
def test_same_actor(names: list[str], gold: str, same: bool) -> None:
    assert same_actor(names, gold) is same


def test_scores_lenient_strict_voice_holder_and_blame(data: Path, tmp_path: Path) -> None:
    art = load_gold(stored(data, tmp_path), data)
    blame = rel(
        "L1",
        "blame",
        "blamed",
        {**loc("the ministry"), "entity_id": "E1"},
        loc("the flood"),
        voice="attributed",
        attributed_to="S1",
        support="sourced",
    )
    arm = rel("L2", "arm", "armed", {**loc("It"), "entity_id": None}, loc("the militia"))
    wrong = rel("L3", "perpetrate", "broke", loc("the dam"), loc("the dam"))
    res = score_article(art, report([blame, arm, wrong]))
    assert [p.gold.id for p in res.pairs] == ["R1", "R2"]
    assert all(p.lenient for p in res.pairs)
    # "It" left unresolved: right leniently, wrong strictly
    assert [p.strict for p in res.pairs] == [True, False]
    assert res.pairs[0].holder_ok is True and res.pairs[0].voice_ok
    assert [m.id for m in res.missed] == ["R3"] and len(res.false) == 1
    assert (res.blame.tp, res.blame.pred, res.blame.gold) == (1, 1, 2)
    total = score_articles([art], [report([blame, arm, wrong])]).summary()
    assert total["relations_lenient"]["precision"] == pytest.approx(2 / 3, abs=1e-3)
    assert total["relations_explicit"]["gold"] == 2  # R3 names no outcome in its sentence
    # the gold says "Three days later" cannot be resolved: any value is wrong
    assert total["dates"] == {"gold": 1, "resolved": 1, "right": 0, "accuracy": 0.0}


def test_a_reversed_direction_is_not_a_match(data: Path, tmp_path: Path) -> None:
    art = load_gold(stored(data, tmp_path), data)
    backwards = rel("L1", "blame", "blamed", loc("the flood"), {**loc("the ministry"), "entity_id": "E1"})
    (pair,) = score_article(art, report([backwards])).pairs
    assert not pair.lenient and not pair.strict


def test_speculation_credited_to_someone_is_counted(data: Path, tmp_path: Path) -> None:
    art = load_gold(stored(data, tmp_path), data)
    at = TEXT.index("blame the")
    spec = rel(
        "L1",
        "blame",
        "armed",  # placeholder trigger, replaced below by the second sentence's "blame"
        {**loc("the ministry", 2), "entity_id": "E1"},
        {"start": at, "end": at + 5, "text": "blame"},
        voice="attributed",
        attributed_to="S2",
        support="speculative",
    )
    spec["trigger"] = {"start": at, "end": at + 5, "text": "blame"}
    spec["start"], spec["end"] = at, spec["cause"]["end"]
    res = score_article(art, report([spec]))
    assert [p.gold.id for p in res.pairs] == ["R3"]
    assert res.pairs[0].speculation_misattributed


def test_only_shown_relations_count_unless_candidates_are_asked_for(data: Path, tmp_path: Path) -> None:
    art = load_gold(stored(data, tmp_path), data)
    arm = rel("L2", "arm", "armed", loc("It"), loc("the militia"))
    rep = report([], relation_candidates=[arm])
    assert score_article(art, rep).predicted == 0
    assert score_article(art, rep, candidates=True).predicted == 1


def test_fit_confidence_hides_the_way_that_is_always_wrong(data: Path, tmp_path: Path) -> None:
    art = load_gold(stored(data, tmp_path), data)
    good = rel("L1", "blame", "blamed", {**loc("the ministry"), "entity_id": "E1"}, loc("the flood"))
    good2 = rel("L2", "arm", "armed", {**loc("It"), "resolved_by": "pronoun"}, loc("the militia"))
    bad = rel("L3", "perpetrate", "broke", loc("the dam"), loc("the dam"), pattern="cnc-model")
    bad["method"] = "cnc-model"
    table = fit_confidence([art], [report([good, good2, bad])], min_precision=0.9)
    assert table.confidence(bad) < table.threshold <= min(table.confidence(good), table.confidence(good2))
    assert relation_key(good2) == ("active", "pronoun")
    assert ConfidenceTable.from_dict(table.to_dict()) == table
    with pytest.raises(ValueError):
        ConfidenceTable(threshold=1.5, overall=0.5)


def test_cross_validation_splits_each_article_by_a_table_fitted_without_it(data: Path, tmp_path: Path) -> None:
    art = load_gold(stored(data, tmp_path), data)
    good = rel("L1", "blame", "blamed", {**loc("the ministry"), "entity_id": "E1"}, loc("the flood"))
    bad = rel("L3", "perpetrate", "broke", loc("the dam"), loc("the dam"), pattern="cnc-model")
    bad["method"] = "cnc-model"
    # four copies of the article: the cnc-model way is always wrong on the other three, so each held-out copy
    # keeps its right relation and drops the wrong one
    cv = cross_validate_confidence([art] * 4, [report([good, bad])] * 4, folds=4, min_precision=0.9)
    assert (cv.lenient.tp, cv.lenient.pred) == (4, 4)
    with pytest.raises(ValueError):
        cross_validate_confidence([art], [report([good])], folds=2)


def test_unchained_blame_lists_blame_outside_chains() -> None:
    shown = {"id": "L1", "type": "blame", "support": "asserted"}
    chained = {"id": "L2", "type": "blame", "support": "asserted"}
    question = {"id": "L3", "type": "blame", "support": "question"}
    cand = {"id": "L4", "type": "blame", "support": "hedged", "confidence": 0.3}
    rep = {"relations": [shown, chained, question], "relation_candidates": [cand], "chains": [{"relation_ids": ["L2"]}]}
    assert [(r["id"], r["candidate"]) for r in unchained_blame(rep)] == [("L1", False), ("L4", True)]


GOLD = Path(__file__).resolve().parents[1] / "gold" / "real"
DATA = Path(__file__).resolve().parents[2] / "shared" / "data"
KEPT_APART = ("crane", "hackers", "homeopathic", "korea")


def test_the_shipped_gold_never_names_an_article_kept_for_independent_testing() -> None:
    files = sorted(GOLD.glob("*/*.json"))
    assert len(files) >= 40
    for f in files:
        doc = json.loads(f.read_text(encoding="utf-8"))["doc"]
        assert not doc.startswith("ptc/test/") and not any(k in doc for k in KEPT_APART), f
    dev = {f.stem for f in GOLD.glob("dev/*.json")}
    test = {f.stem for f in GOLD.glob("test/*.json")}
    assert dev and test and not dev & test


@pytest.mark.data
@pytest.mark.skipif(not DATA.is_dir(), reason="../shared/data is not beside the repository")
def test_the_shipped_gold_loads_against_its_texts() -> None:
    for split in ("dev", "test"):
        for art in load_gold_dir(GOLD / split, DATA):
            assert art.checked == 2, art.name
            for r in art.relations:
                assert r.sentence[0] <= r.trigger[0] < r.trigger[1] <= r.sentence[1], (art.name, r.id)


def test_cli_builds_shows_and_refuses_bad_authoring_files(data: Path, tmp_path: Path) -> None:
    from typer.testing import CliRunner

    from unspin.cli import app

    good = tmp_path / "good.json"
    good.write_text(json.dumps(authoring()), encoding="utf-8")
    bad = tmp_path / "bad.json"
    bad.write_text('{"doc": "x/a.txt",\n "relations": [', encoding="utf-8")
    out = tmp_path / "built"
    runner = CliRunner()
    res = runner.invoke(
        app, ["relations", "gold", "build", str(bad), str(good), "--out", str(out), "--data", str(data)]
    )
    assert res.exit_code == 1
    assert f"{bad}:2: not valid JSON" in res.output  # the bad file is named, the good one still built
    assert (out / "good.json").is_file() and not (out / "bad.json").exists()
    res = runner.invoke(app, ["relations", "gold", "show", str(out / "good.json"), "--data", str(data)])
    assert res.exit_code == 0 and "'blamed'" in res.output
    res = runner.invoke(app, ["relations", "eval", "--gold", str(tmp_path / "none"), "--data", str(data)])
    assert res.exit_code == 1 and "no such gold folder" in res.output


def test_no_test_is_built_from_an_article_of_the_held_out_split() -> None:
    # rules written to pass sentences of the test split would make its figures those of a tuned set
    root = Path(__file__).resolve().parents[1]
    held_out = {p.stem for p in (root / "gold" / "real" / "test").glob("*.json")}
    assert held_out, "gold/real/test is missing"
    ptc = {name.split("_", 1)[1] for name in held_out if name.startswith("ptc_")}
    gum = {name.split("_", 2)[2] for name in held_out if name.startswith("gum_")}
    cited = []
    for path in sorted((root / "tests").glob("test_*.py")):
        text = path.read_text(encoding="utf-8")
        cited += [f"{path.name}: PTC {a}" for a in sorted(ptc) if a in text]
        cited += [
            f"{path.name}: GUM {d}" for d in sorted(gum) if f"GUM_news_{d}" in text or f"GUM_interview_{d}" in text
        ]
    assert cited == []
