"""The benchmark reports a time for every component it ran."""

from __future__ import annotations

import pytest

from unspin.bench import run_bench
from unspin.examples import example_path

pytestmark = pytest.mark.slow


def test_bench_times_each_layer() -> None:
    result = run_bench([str(example_path())], limit=1)
    assert list(result.layer_seconds_per_1000_words) == result.pipeline
    assert all(v >= 0 for v in result.layer_seconds_per_1000_words.values())
    # the parse is real work on every article: it cannot take zero time
    assert result.layer_seconds_per_1000_words["parse.spacy.v1"] > 0
    assert sum(result.layer_seconds_per_1000_words.values()) <= result.seconds_per_article / result.words * 1000 * 1.5


def test_the_cold_start_table_shows_both_commands_medians() -> None:
    from rich.console import Console

    from unspin.cli_bench import start_table

    result = {"words": 901, "analyze": [6.0, 4.9, 5.1], "help": [0.9, 0.45, 0.47]}
    result |= {"analyze_median": 5.0, "help_median": 0.46}
    console = Console(width=120, record=True)
    console.print(start_table(result))
    printed = console.export_text()
    assert "unspin analyze FILE" in printed and "5.00" in printed
    assert "unspin --help" in printed and "0.46" in printed
