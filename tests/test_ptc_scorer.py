"""PTC (SemEval-2020 Task 11) loaders and scorers: hand-computed cases; the corpus tests need ../shared/data/ptc."""

from __future__ import annotations

from pathlib import Path

import pytest

from unspin.corpora.ptc import (
    PRF,
    TECHNIQUES,
    Label,
    full_scores,
    load_articles,
    load_labels,
    per_technique,
    read_article,
    read_labels,
    si_scores,
    split_paths,
    tc_scores,
    write_labels,
)
from unspin.errors import ConfigError, UnspinError

PTC = Path(__file__).resolve().parents[2] / "shared" / "data" / "ptc"

LL = "Loaded_Language"
NC = "Name_Calling,Labeling"
DOUBT = "Doubt"


def spans(article: str, *items: tuple[int, int] | tuple[str, int, int]) -> list[Label]:
    """Labels of one article; (start, end) gets technique Loaded_Language."""
    out = []
    for item in items:
        if len(item) == 2:
            out.append(Label(article, LL, item[0], item[1]))
        else:
            out.append(Label(article, item[0], item[1], item[2]))
    return out


def prf(result: PRF) -> tuple[float, float, float]:
    return result.precision, result.recall, result.f1


def approx(values: tuple[float, float, float]) -> object:
    return pytest.approx(values, abs=1e-12)


# ------------------------------------------------------------------------------------------------ SI


def test_si_partial_overlap() -> None:
    gold = {"1": spans("1", (10, 20))}
    pred = {"1": spans("1", (15, 25))}
    # shared [15, 20) = 5 chars; P = 5/|[15,25)| = 5/10, R = 5/|[10,20)| = 5/10; F1 = 0.5
    result = si_scores(pred, gold)
    assert prf(result) == approx((0.5, 0.5, 0.5))
    assert (result.n_pred, result.n_gold) == (1, 1)


def test_si_merges_overlapping_predictions_first() -> None:
    gold = {"1": spans("1", (10, 20))}
    pred = {"1": spans("1", (0, 12), (8, 15))}
    # predicted [0,12) and [8,15) overlap -> one span [0,15), |s| = 15; shared with [10,20): [10,15) = 5
    # P = (5/15) / 1 = 1/3; R = (5/10) / 1 = 1/2; F1 = 2·(1/3)(1/2)/(1/3 + 1/2) = (1/3)/(5/6) = 2/5
    result = si_scores(pred, gold)
    assert prf(result) == approx((1 / 3, 1 / 2, 2 / 5))
    assert result.n_pred == 1
    # unmerged, [0,12) would give 2/12 and [8,15) 5/7: P = (2/12 + 5/7)/2 -- not what we get
    assert result.precision != pytest.approx((2 / 12 + 5 / 7) / 2)


def test_si_merges_gold_and_ignores_techniques() -> None:
    gold = {"1": spans("1", (LL, 0, 10), (NC, 5, 20))}
    pred = {"1": spans("1", (DOUBT, 0, 20))}
    # gold merged to [0,20) whatever the techniques; pred [0,20) covers it: P = R = 20/20 = 1
    result = si_scores(pred, gold)
    assert prf(result) == approx((1.0, 1.0, 1.0))
    assert (result.n_pred, result.n_gold) == (1, 1)


def test_si_touching_spans_are_not_merged() -> None:
    gold = {"1": spans("1", (0, 10))}
    pred = {"1": spans("1", (0, 5), (5, 10))}
    # [0,5) and [5,10) share no character -> stay two spans
    # P = (5/5 + 5/5) / 2 = 1; R = (5/10 + 5/10) / 1 = 1
    result = si_scores(pred, gold)
    assert prf(result) == approx((1.0, 1.0, 1.0))
    assert result.n_pred == 2


def test_si_one_prediction_over_two_gold_spans() -> None:
    gold = {"1": spans("1", (0, 10), (20, 30))}
    pred = {"1": spans("1", (5, 25))}
    # |s| = 20; shared with [0,10): 5, with [20,30): 5
    # P = (5/20 + 5/20) / 1 = 1/2; R = (5/10 + 5/10) / 2 = 1/2; F1 = 1/2
    assert prf(si_scores(pred, gold)) == approx((0.5, 0.5, 0.5))


def test_si_micro_over_two_articles() -> None:
    gold = {"1": spans("1", (10, 20)), "2": spans("2", (0, 4), (10, 14))}
    pred = {"1": spans("1", (15, 25)), "2": spans("2", (0, 4))}
    # article 1: P-sum 5/10, R-sum 5/10; article 2: [0,4) exact -> P-sum 1, R-sum 1 ([10,14) missed -> 0)
    # P = (0.5 + 1) / 2 predicted = 3/4; R = (0.5 + 1) / 3 gold = 1/2; F1 = 2·(3/4)(1/2)/(5/4) = 3/5
    # (a macro average over articles would give P = (0.5 + 1)/2, R = (0.5 + 0.5)/2 -- different)
    result = si_scores(pred, gold)
    assert prf(result) == approx((3 / 4, 1 / 2, 3 / 5))
    assert (result.n_pred, result.n_gold) == (2, 3)


def test_si_article_missing_from_predictions_predicts_nothing() -> None:
    gold = {"1": spans("1", (0, 10)), "2": spans("2", (0, 10))}
    pred = {"1": spans("1", (0, 10))}
    # P = 1/1; R = 1/2 (article 2's span missed); F1 = 2·1·(1/2)/(3/2) = 2/3
    assert prf(si_scores(pred, gold)) == approx((1.0, 0.5, 2 / 3))


def test_si_empty_predictions() -> None:
    gold = {"1": spans("1", (0, 10))}
    empty: tuple[dict[str, list[Label]], ...] = ({}, {"1": []})
    for pred in empty:
        # no predicted span: P = 0 (0/0 taken as 0), R = 0/1 = 0, F1 = 0
        result = si_scores(pred, gold)
        assert prf(result) == (0.0, 0.0, 0.0)
        assert (result.n_pred, result.n_gold) == (0, 1)


def test_si_no_gold() -> None:
    gold: dict[str, list[Label]] = {"1": []}
    pred = {"1": spans("1", (0, 10))}
    # P = 0/1 = 0 (nothing to hit), R = 0 (no gold: 0/0 taken as 0), F1 = 0
    result = si_scores(pred, gold)
    assert prf(result) == (0.0, 0.0, 0.0)
    assert (result.n_pred, result.n_gold) == (1, 0)


def test_si_all_empty_follows_the_official_scorer() -> None:
    # neither predicted nor gold spans: P = R = 0 (empty denominators) but F1 = 1, as the official
    # compute_prec_rec_f1 does (nothing to find, nothing found)
    empty: tuple[dict[str, list[Label]], ...] = ({}, {"1": []})
    for gold in empty:
        result = si_scores({}, gold)
        assert prf(result) == (0.0, 0.0, 1.0)
        assert (result.n_pred, result.n_gold) == (0, 0)
    assert prf(full_scores({}, {"1": []})) == (0.0, 0.0, 1.0)


def test_si_rejects_predictions_for_unknown_articles() -> None:
    with pytest.raises(ConfigError, match="not in the gold: 9"):
        si_scores({"9": spans("9", (0, 1))}, {"1": []})


def test_scorers_reject_bad_spans_and_keys() -> None:
    gold = {"1": spans("1", (0, 10))}
    with pytest.raises(ConfigError, match=r"article 1 span \[5, 5\) is empty"):
        si_scores({"1": [Label("1", LL, 5, 5)]}, gold)
    with pytest.raises(ConfigError, match="filed under 1"):
        si_scores({"1": [Label("2", LL, 0, 5)]}, gold)
    with pytest.raises(ConfigError, match="unknown technique 'Loaded Language'"):
        full_scores({"1": [Label("1", "Loaded Language", 0, 5)]}, gold)


# ------------------------------------------------------------------------------------------ full task


def test_full_technique_disagreement_gives_no_overlap() -> None:
    gold = {"1": spans("1", (LL, 10, 20))}
    pred = {"1": spans("1", (NC, 10, 20))}
    # same span, other technique: |s ∩ t| counts 0 -> P = 0/1, R = 0/1, F1 = 0; SI ignores techniques -> 1
    assert prf(full_scores(pred, gold)) == (0.0, 0.0, 0.0)
    assert prf(si_scores(pred, gold)) == approx((1.0, 1.0, 1.0))


def test_full_merges_only_within_a_technique() -> None:
    gold = {"1": spans("1", (LL, 0, 10), (NC, 5, 15))}
    pred = {"1": spans("1", (LL, 0, 10), (NC, 5, 10), (NC, 8, 15))}
    # gold: LL [0,10), NC [5,15) -- overlapping but different techniques: not merged, 2 gold spans
    # pred: NC [5,10) and [8,15) merge to NC [5,15); LL [0,10) stays: 2 predicted spans
    # LL [0,10) vs LL [0,10): 10/10 both ways; NC [5,15) vs NC [5,15): 10/10 both ways;
    # cross-technique pairs ([0,10) vs [5,15): 5 chars) count 0  ->  P = 2/2, R = 2/2
    result = full_scores(pred, gold)
    assert prf(result) == approx((1.0, 1.0, 1.0))
    assert (result.n_pred, result.n_gold) == (2, 2)


def test_full_partial_and_per_technique() -> None:
    gold = {"1": spans("1", (LL, 0, 10), (NC, 20, 30)), "2": spans("2", (LL, 0, 4))}
    pred = {"1": spans("1", (LL, 5, 15), (NC, 20, 30), (DOUBT, 40, 50))}
    # LL: pred [5,15) vs gold [0,10): 5 shared -> P-sum 5/10, R-sum 5/10; gold "2" [0,4) missed
    #     P_LL = 0.5/1, R_LL = 0.5/2 = 1/4, F1_LL = 2·(1/2)(1/4)/(3/4) = 1/3
    # NC: exact -> P-sum 1, R-sum 1; P_NC = R_NC = F1_NC = 1
    # Doubt: predicted, no gold -> P = 0/1, R = 0 (no gold), F1 = 0
    # overall: P = (0.5 + 1 + 0) / 3 = 1/2; R = (0.5 + 1) / 3 = 1/2; F1 = 1/2
    assert prf(full_scores(pred, gold)) == approx((0.5, 0.5, 0.5))
    per = per_technique(pred, gold)
    assert list(per) == list(TECHNIQUES)
    assert prf(per[LL]) == approx((0.5, 0.25, 1 / 3))
    assert (per[LL].n_pred, per[LL].n_gold) == (1, 2)
    assert prf(per[NC]) == approx((1.0, 1.0, 1.0))
    assert prf(per[DOUBT]) == (0.0, 0.0, 0.0)
    assert (per[DOUBT].n_pred, per[DOUBT].n_gold) == (1, 0)
    # neither predicted nor annotated: P = R = 0, F1 = 1 (official convention)
    assert prf(per["Slogans"]) == (0.0, 0.0, 1.0)


def test_per_technique_recall_uses_the_recall_sum() -> None:
    gold = {"1": spans("1", (LL, 0, 4))}
    pred = {"1": spans("1", (LL, 0, 8))}
    # shared 4: P-sum 4/8 = 1/2, R-sum 4/4 = 1  ->  P = 1/2, R = 1 (the official per-technique line would
    # print R = 1/2, reusing the precision sum), F1 = 2·(1/2)·1/(3/2) = 2/3
    assert prf(per_technique(pred, gold)[LL]) == approx((0.5, 1.0, 2 / 3))
    assert prf(full_scores(pred, gold)) == approx((0.5, 1.0, 2 / 3))


# ------------------------------------------------------------------------------------------------ TC


def test_tc_duplicate_spans_in_any_order() -> None:
    gold = {"1": spans("1", (LL, 0, 10), (NC, 0, 10))}
    pred = {"1": spans("1", (NC, 0, 10), (LL, 0, 10))}
    # gold {LL, NC}, predicted {NC, LL} on the same span: multiset intersection = 2 -> 2/2 correct
    result = tc_scores(pred, gold)
    assert (result.correct, result.n, result.accuracy) == (2, 2, 1.0)
    assert result.f1 == result.precision == result.recall == 1.0


def test_tc_duplicate_spans_partial() -> None:
    gold = {"1": spans("1", (LL, 0, 10), (LL, 0, 10))}
    pred = {"1": spans("1", (NC, 0, 10), (LL, 0, 10))}
    # gold {LL, LL}, predicted {NC, LL} (LL listed second): intersection {LL} -> 1 of 2 correct
    result = tc_scores(pred, gold)
    assert (result.correct, result.n, result.accuracy) == (1, 2, 0.5)
    # LL: predicted 1, gold 2, correct 1 -> P = 1, R = 1/2, F1 = 2·1/(1+2) = 2/3
    # NC: predicted 1, gold 0, correct 0 -> P = 0, R = 0, F1 = 0
    assert prf(result.per_technique[LL]) == approx((1.0, 0.5, 2 / 3))
    assert prf(result.per_technique[NC]) == (0.0, 0.0, 0.0)
    assert result.correct_by_technique[LL] == 1


def test_tc_one_wrong() -> None:
    gold = {
        "1": spans("1", (LL, 0, 10), (NC, 20, 30), (DOUBT, 40, 50)),
        "2": spans("2", (LL, 5, 9)),
    }
    pred = {
        "1": spans("1", (DOUBT, 40, 50), (LL, 0, 10), (LL, 20, 30)),  # [20,30) wrong: LL for NC
        "2": spans("2", (LL, 5, 9)),
    }
    # 3 of 4 rows right: accuracy = micro P = R = F1 = 3/4
    result = tc_scores(pred, gold)
    assert (result.correct, result.n) == (3, 4)
    assert result.accuracy == pytest.approx(0.75)
    # LL: predicted 3, gold 2, correct 2 -> P = 2/3, R = 1, F1 = 2·2/(3+2) = 4/5
    # NC: predicted 0, gold 1 -> P = 0, R = 0, F1 = 0;  Doubt: 1/1/1 -> 1, 1, 1
    per = result.per_technique
    assert prf(per[LL]) == approx((2 / 3, 1.0, 4 / 5))
    assert (per[LL].n_pred, per[LL].n_gold) == (3, 2)
    assert prf(per[NC]) == (0.0, 0.0, 0.0)
    assert prf(per[DOUBT]) == approx((1.0, 1.0, 1.0))
    assert prf(per["Slogans"]) == (0.0, 0.0, 0.0)  # absent everywhere: 0 (scikit-learn convention)


def test_tc_predictions_must_cover_exactly_the_gold_spans() -> None:
    gold = {"1": spans("1", (LL, 0, 10), (NC, 0, 10))}
    with pytest.raises(ConfigError, match=r"not in the gold: 1 \[3, 7\)"):
        tc_scores({"1": spans("1", (LL, 0, 10), (NC, 3, 7))}, gold)
    with pytest.raises(ConfigError, match=r"without a prediction: 1 \[0, 10\)"):
        tc_scores({"1": spans("1", (LL, 0, 10))}, gold)  # the span is there once, twice in the gold
    with pytest.raises(ConfigError, match=r"not in the gold: 2 \[0, 1\)"):
        tc_scores({**gold, "2": spans("2", (LL, 0, 1))}, gold)
    with pytest.raises(ConfigError, match="unknown technique"):
        tc_scores({"1": spans("1", ("Loaded", 0, 10), (NC, 0, 10))}, gold)


def test_tc_empty() -> None:
    result = tc_scores({}, {"1": []})
    assert (result.accuracy, result.n, result.correct) == (0.0, 0, 0)


# ------------------------------------------------------------------------------------------- loaders


def test_techniques_match_the_corpus_list() -> None:
    assert len(TECHNIQUES) == 14 == len(set(TECHNIQUES))
    names = PTC / "techniques-semeval2020task11.txt"
    if names.is_file():
        assert tuple(names.read_text(encoding="utf-8").split("\n")[:14]) == TECHNIQUES


def test_labels_round_trip(tmp_path: Path) -> None:
    labels = {
        "111": [Label("111", NC, 30, 40), Label("111", LL, 5, 9), Label("111", DOUBT, 5, 9)],
        "222": [],
    }
    write_labels(tmp_path, labels)
    assert sorted(p.name for p in tmp_path.iterdir()) == ["article111.labels", "article222.labels"]
    # sorted by start (then end, technique); TC format; empty file for no labels
    assert (tmp_path / "article111.labels").read_text(encoding="utf-8") == (
        "111\tDoubt\t5\t9\n111\tLoaded_Language\t5\t9\n111\tName_Calling,Labeling\t30\t40\n"
    )
    assert (tmp_path / "article222.labels").read_bytes() == b""
    assert read_labels(tmp_path / "article111.labels") == sorted(labels["111"], key=lambda x: (x.start, x.technique))
    assert read_labels(tmp_path / "article222.labels") == []
    loaded = load_labels(tmp_path)
    assert loaded == {"111": read_labels(tmp_path / "article111.labels"), "222": []}


def test_write_labels_rejects_bad_input(tmp_path: Path) -> None:
    with pytest.raises(ConfigError, match="not a number"):
        write_labels(tmp_path, {"1": [Label("1", LL, 0, 3)], "abc": []})  # checked before anything is written
    with pytest.raises(ConfigError, match="unknown technique"):
        write_labels(tmp_path, {"1": [Label("1", "Propaganda", 0, 3)]})
    assert list(tmp_path.iterdir()) == []


@pytest.mark.parametrize(
    ("content", "line", "message"),
    [
        ("1\tDoubt\t0\t5\n1\tDoubt\t3\n", 2, "expected 4 TAB-separated fields"),
        ("1\t0\t5\n", 1, "found 3"),
        ("1\tDoubt\t0\t5\n\n1\tPropaganda\t0\t5\n", 3, "unknown technique 'Propaganda'"),
        ("1\tDoubt\tzero\t5\n", 1, "start 'zero' is not a non-negative integer"),
        ("1\tDoubt\t-1\t5\n", 1, "start '-1' is not a non-negative integer"),
        ("1\tDoubt\t2\t2.5\n", 1, r"end '2\.5' is not"),
        ("1\tDoubt\t5\t5\n", 1, "start 5 is not before end 5"),
        ("x1\tDoubt\t0\t5\n", 1, "article id 'x1' is not a number"),
    ],
)
def test_read_labels_errors_name_file_and_line(tmp_path: Path, content: str, line: int, message: str) -> None:
    path = tmp_path / "article1.labels"
    path.write_text(content, encoding="utf-8")
    with pytest.raises(ConfigError, match=message) as info:
        read_labels(path)
    assert info.value.message.startswith(f"{path}:{line}: ")


def test_si_labels_file_gets_a_hint(tmp_path: Path) -> None:
    path = tmp_path / "article1.labels"
    path.write_text("1\t0\t5\n", encoding="utf-8")
    with pytest.raises(ConfigError) as info:
        read_labels(path)
    assert info.value.hint is not None and "labels-si" in info.value.hint


def test_load_labels_checks_ids_and_folders(tmp_path: Path) -> None:
    (tmp_path / "article1.labels").write_text("2\tDoubt\t0\t5\n", encoding="utf-8")
    with pytest.raises(ConfigError, match="names article 2, the file is article 1"):
        load_labels(tmp_path)
    with pytest.raises(ConfigError, match="no such folder"):
        load_labels(tmp_path / "missing")
    with pytest.raises(ConfigError, match="no txt files"):
        load_articles(tmp_path)


def test_read_article_keeps_bom_and_newlines(tmp_path: Path) -> None:
    raw = "\ufeffTitle\r\n\nA 😀 line.\n"
    (tmp_path / "article42.txt").write_bytes(raw.encode("utf-8"))
    (tmp_path / "notes.txt").write_text("ignored", encoding="utf-8")
    assert read_article(tmp_path / "article42.txt") == raw
    assert load_articles(tmp_path) == {"42": raw}
    assert raw[0] == "\ufeff" and raw.index("😀") == 11  # the BOM is character 0; code points, not UTF-16 units
    (tmp_path / "article43.txt").write_bytes(b"\xff\xfe")
    with pytest.raises(ConfigError, match=r"article43\.txt: not UTF-8"):
        load_articles(tmp_path)

    # a folder run carries on: the bad file is reported and left out, the others are read
    skipped: list[UnspinError] = []
    assert load_articles(tmp_path, skipped.append) == {"42": raw}
    assert len(skipped) == 1 and "article43.txt: not UTF-8" in skipped[0].line() and "re-save" in skipped[0].line()


def test_an_oversized_article_is_refused_before_it_is_read(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    import unspin.corpora.ptc as ptc

    (tmp_path / "article1.txt").write_text("x" * 200, encoding="utf-8")
    monkeypatch.setattr(ptc, "MAX_ARTICLE_BYTES", 100)
    with pytest.raises(ConfigError, match=r"article1\.txt: .* over the .* limit for one article"):
        read_article(tmp_path / "article1.txt")


def test_load_labels_can_skip_bad_files(tmp_path: Path) -> None:
    (tmp_path / "article1.labels").write_text("1\tDoubt\t0\t5\n", encoding="utf-8")
    (tmp_path / "article2.labels").write_text("2\tDoubt\t0\n", encoding="utf-8")
    (tmp_path / "article3.labels").write_text("4\tDoubt\t0\t5\n", encoding="utf-8")
    skipped: list[UnspinError] = []
    assert list(load_labels(tmp_path, skipped.append)) == ["1"]
    assert [x.line().split(":")[0] for x in skipped] == [
        str(tmp_path / "article2.labels"),
        str(tmp_path / "article3.labels"),
    ]


def test_split_paths() -> None:
    root = Path("/data/ptc")
    assert split_paths("dev", root) == (root / "dev" / "articles", root / "dev" / "labels")
    assert split_paths("train", root) == (root / "train" / "articles", root / "train" / "labels")
    assert split_paths("dev")[0] == Path("../shared/data/ptc/dev/articles")
    with pytest.raises(ConfigError, match="no public gold"):
        split_paths("test", root)
    with pytest.raises(ConfigError, match="unknown PTC split 'validation'"):
        split_paths("validation", root)


# ------------------------------------------------------------------------------------------- the corpus


@pytest.mark.data
def test_dev_split_loads_and_scores_itself_perfectly() -> None:
    if not PTC.is_dir():
        pytest.skip("../shared/data/ptc not present")
    articles_dir, labels_dir = split_paths("dev", PTC)
    articles = load_articles(articles_dir)
    gold = load_labels(labels_dir)
    assert len(articles) == 75
    assert set(gold) == set(articles)
    assert sum(len(v) for v in gold.values()) == 1063  # README-PTC / SOURCE.md counts
    assert gold["730081389"] == []  # the one dev article without annotations
    for article, labels in gold.items():
        for x in labels:
            assert x.article == article
            assert 0 <= x.start < x.end <= len(articles[article]), x
    for result in (si_scores(gold, gold), full_scores(gold, gold)):
        assert prf(result) == (1.0, 1.0, 1.0)
    assert si_scores(gold, gold).n_gold == 940  # merged spans = the SI gold rows
    assert tc_scores(gold, gold).accuracy == 1.0
    assert all(p.f1 == 1.0 for p in per_technique(gold, gold).values())

    # the SI gold (labels-si/, span-only) covers the same merged spans as the TC gold
    si_gold: dict[str, list[Label]] = {}
    for path in sorted((PTC / "dev" / "labels-si").glob("article*.labels")):
        article = path.name.removeprefix("article").removesuffix(".labels")
        rows = [line.split("\t") for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]
        si_gold[article] = [Label(article, "", int(r[1]), int(r[2])) for r in rows]
    assert prf(si_scores(si_gold, gold)) == (1.0, 1.0, 1.0)
