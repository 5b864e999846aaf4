"""The held-out part of train that every trainer chooses its thresholds on (dev is only reported)."""

from __future__ import annotations

from pathlib import Path

import pytest

from unspin.errors import ConfigError
from unspin.training.holdout import held_out, ptc_tuning_root, split_rows


def test_the_held_out_groups_do_not_depend_on_order_and_change_with_the_seed() -> None:
    groups = [f"doc{k}" for k in range(200)]
    tune = held_out(groups, 0.15, seed=13)
    assert len(tune) == 30 and tune <= set(groups)
    assert held_out(list(reversed(groups)), 0.15, seed=13) == tune
    assert held_out(groups, 0.15, seed=14) != tune


def test_rows_of_one_group_stay_together() -> None:
    rows = [(f"doc{k // 3}", k) for k in range(60)]  # three sentences per document
    fit, tune = split_rows(rows, lambda r: r[0], 0.2, seed=1)
    assert len(fit) + len(tune) == 60 and tune
    assert {d for d, _ in fit}.isdisjoint({d for d, _ in tune})
    assert all(sum(1 for d, _ in tune if d == doc) == 3 for doc in {d for d, _ in tune})


def test_two_groups_give_one_to_each_side_and_one_group_is_refused() -> None:
    assert len(held_out(["a", "b"], 0.15)) == 1
    with pytest.raises(ConfigError, match="at least two training documents"):
        held_out(["a", "a"], 0.15)
    with pytest.raises(ConfigError, match="between 0 and 1"):
        held_out(["a", "b"], 1.0)


def test_the_tuning_folder_holds_train_articles_only(tmp_path: Path) -> None:
    root = tmp_path / "ptc"
    for split in ("train", "dev"):
        (root / split / "articles").mkdir(parents=True)
        (root / split / "labels").mkdir(parents=True)
        for k in range(10):
            art = f"{split[0]}{k}"
            (root / split / "articles" / f"article{art}.txt").write_text(f"{split} {k}", encoding="utf-8")
            (root / split / "labels" / f"article{art}.labels").write_text("", encoding="utf-8")
    with ptc_tuning_root(root, 0.2, seed=13) as tuning:
        fit = {p.name for p in (tuning / "train" / "articles").iterdir()}
        tune = {p.name for p in (tuning / "dev" / "articles").iterdir()}
        assert len(tune) == 2 and len(fit) == 8 and fit.isdisjoint(tune)
        assert all(name.startswith("articlet") for name in fit | tune)  # nothing of the real dev split
        assert {p.name for p in (tuning / "dev" / "labels").iterdir()} == {n[:-4] + ".labels" for n in tune}
        assert (tuning / "dev" / "articles" / sorted(tune)[0]).read_text(encoding="utf-8").startswith("train ")
    assert not tuning.exists()
