"""Relative dates against EventStoryLine's normalised time expressions: the reader, the scorer, a dateline set in
capitals, and the figure on the real articles."""

from __future__ import annotations

from pathlib import Path

import pytest
from typer.testing import CliRunner

from unspin.cli import app
from unspin.evaluation.esl_dates import LAYERS, DateResult, esl_files, read_esl_article, score_dates
from unspin.pipeline import Pipeline

from .conftest import DATA

SENTENCES = [
    ["MONDAY", ",", "MAY", "23", ",", "2005"],
    ["The", "Sixers", "hired", "Maurice", "Cheeks", "today", "."],
    ["He", "met", "the", "owners", "yesterday", "."],
]


def _article(tmp_path: Path, dct: str | None = None) -> Path:
    tokens, tid = [], 0
    for n, words in enumerate(SENTENCES):
        for w in words:
            tid += 1
            tokens.append(f'<token t_id="{tid}" sentence="{n}" number="{tid}">{w}</token>')
    today, yesterday = 12, 18  # token ids of "today" and "yesterday"
    markables = [
        f'<TIME_DATE m_id="1" value="2005-05-23"><token_anchor t_id="{today}"/></TIME_DATE>',
        f'<TIME_DATE m_id="2" value="2005-05-22"><token_anchor t_id="{yesterday}"/></TIME_DATE>',
    ]
    if dct:
        markables.append(f'<TIME_DATE m_id="3" DCT="TRUE" value="{dct}" />')
    xml = f'<Document doc_name="t.xml">{"".join(tokens)}<Markables>{"".join(markables)}</Markables></Document>'
    folder = tmp_path / "dev" / "1"
    folder.mkdir(parents=True)
    path = folder / "1_1ecbplus.xml.xml"
    path.write_text(xml, encoding="utf-8")
    return path


def test_the_text_is_printed_as_a_newspaper_would_and_the_dates_located(tmp_path: Path) -> None:
    article = read_esl_article(_article(tmp_path, dct="2005-05-23"))
    assert article.text.split("\n")[0] == "MONDAY, MAY 23, 2005"
    assert article.created == "2005-05-23"
    assert [(article.text[s:e], v) for s, e, v in article.dates] == [
        ("today", "2005-05-23"),
        ("yesterday", "2005-05-22"),
    ]


def test_a_dateline_in_capitals_anchors_the_relative_dates(tmp_path: Path) -> None:
    result = score_dates(read_esl_article(_article(tmp_path)), Pipeline.from_names(LAYERS))
    assert (result.relative, result.resolved, result.right) == (2, 2, 2)


def test_a_folder_without_articles_is_a_clear_error(tmp_path: Path) -> None:
    with pytest.raises(Exception, match="no EventStoryLine articles"):
        esl_files(tmp_path)
    result = CliRunner().invoke(app, ["relations", "dates", "--data", str(tmp_path)])
    assert result.exit_code == 1 and "no EventStoryLine articles" in result.output


@pytest.mark.skipif(not (DATA / "esl_dev" / "dev").is_dir(), reason="EventStoryLine data not present")
def test_relative_dates_in_real_news_are_resolved_rightly() -> None:
    pipeline = Pipeline.from_names(LAYERS)
    total = DateResult()
    for f in esl_files(DATA / "esl_dev"):
        total.add(score_dates(read_esl_article(f), pipeline))
    assert total.resolved >= 20
    assert total.right / total.resolved >= 0.9
