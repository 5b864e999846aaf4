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
