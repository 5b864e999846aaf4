"""`unspin audit swap`: the swap, the way offsets and names are brought back, the comparison, the command."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
from typer.testing import CliRunner

from unspin.cli import app
from unspin.components.parse import names_within
from unspin.errors import ConfigError
from unspin.evaluation.swap_audit import Swapper, _OffsetMap, audit_reports, parse_pairs

from .conftest import DATA

TEXT = "Russia's army shelled Kyiv. The United States blamed Russia. States differ."


def test_pairs_swap_both_ways_at_once_longest_name_first() -> None:
    s = Swapper([("Russia", "United States"), ("Kyiv", "Moscow")])
    assert s.swap(TEXT) == "United States's army shelled Moscow. The Russia blamed United States. States differ."
    assert s.swap(s.swap(TEXT)) == TEXT
    assert not s.occurs("Russian troops") and s.occurs("in Kyiv.")


def test_offsets_of_the_twin_map_back_to_the_original() -> None:
    s = Swapper([("Russia", "United States")])
    twin, reps = s.swap_with_map(TEXT)
    back = _OffsetMap(reps)
    for word in ("army", "shelled Kyiv", "blamed", "differ"):
        a, b = twin.index(word), twin.index(word) + len(word)
        assert TEXT[back(a, False) : back(b, True)] == word
    a = twin.index("United States")  # a replaced name maps to the name it replaced, whole
    assert TEXT[back(a, False) : back(a + len("United States"), True)] == "Russia"
    assert TEXT[back(a + 3, False) : back(a + 5, True)] == "Russia"


def test_bad_pairs_are_refused_with_one_line() -> None:
    for bad, message in (("Russia", "not NAME=NAME"), ("A=A", "itself"), ("=B", "not NAME=NAME")):
        with pytest.raises(ConfigError, match=message):
            parse_pairs([bad])
    with pytest.raises(ConfigError, match="in two pairs"):
        parse_pairs(["A=B", "B=C"])


def _report(text: str, technique: str, score: float, blamed: str) -> dict[str, Any]:
    start = text.index("shelled")
    return {
        "sentences": [[0, text.index(".") + 1]],
        "techniques": [{"id": "T1", "start": start, "end": start + 7, "text": "shelled", "score": score}],
        "chains": [{"id": "CH1", "name": f"{blamed} → the shelling", "members": ["L1"], "blamed": blamed}],
        "claims": [{"id": "C1", "start": 0, "end": text.index(".") + 1, "label": technique}],
    }


def test_the_same_analysis_of_the_twin_is_identical_and_a_changed_one_is_not() -> None:
    s = Swapper([("Russia", "United States")])
    twin, reps = s.swap_with_map(TEXT)
    same = audit_reports(_report(TEXT, "x", 0.5012, "Russia"), _report(twin, "x", 0.4991, "United States"), s, reps)
    assert same.unchanged, same.as_dict()  # scores to two decimals, chain names brought back
    other = audit_reports(_report(TEXT, "x", 0.5, "Russia"), _report(twin, "y", 0.7, "Russia"), s, reps)
    by_layer = {c.layer: c for c in other.layers}
    assert not other.unchanged
    assert by_layer["sentences"].share == 1.0
    assert by_layer["techniques"].identical == 0 and by_layer["techniques"].only_swapped[0]["score"] == 0.7
    assert by_layer["chains"].only_swapped[0]["blamed"] == "United States"  # blamed the other side: a change
    assert by_layer["claims"].identical == 0


def test_names_within_sentences_are_relative_to_each() -> None:
    names = [(0, 6, "GPE"), (22, 26, "GPE"), (32, 45, "GPE"), (53, 59, "GPE")]
    assert names_within(names, [(0, 27), (28, 60), (61, 75)]) == [
        [(0, 6, "GPE"), (22, 26, "GPE")],
        [(4, 17, "GPE"), (25, 31, "GPE")],
        [],
    ]


def test_the_causal_model_reads_a_name_as_one_neutral_piece_with_the_names_offsets() -> None:
    from unspin.models.causal import _encode
    from unspin.models.technique_text import cached_tokenizer

    tok = cached_tokenizer()
    text = "Vladimir Putin blamed Washington for the protests ."
    ids, offsets, words = _encode(tok, text, 96, [(0, 14, "PERSON"), (22, 32, "GPE")])
    pieces = tok.convert_ids_to_tokens(ids)
    assert pieces[:5] == ["[CLS]", "someone", "blamed", "someone", "for"] and pieces[-1] == "[SEP]"
    assert text[slice(*offsets[1])] == "Vladimir Putin" and text[slice(*offsets[3])] == "Washington"
    assert words[1] != words[3] and words[0] is None and words[-1] is None
    other = _encode(tok, "Joe Biden blamed Moscow for the protests .", 96, [(0, 9, "PERSON"), (17, 23, "GPE")])
    assert other[0] == ids  # the encoder reads the same input
    cut = _encode(tok, text, 5, [(0, 14, "PERSON"), (22, 32, "GPE")])  # a name past the cut has no piece
    assert tok.convert_ids_to_tokens(cut[0]).count("someone") == 1 and cut[2][-1] is None


def test_the_command_refuses_an_article_without_the_names(tmp_path: Path) -> None:
    f = tmp_path / "a.txt"
    f.write_text("Nothing of the kind here.", encoding="utf-8")
    result = CliRunner().invoke(app, ["audit", "swap", str(f), "--swap", "Russia=America"])
    assert result.exit_code == 1 and "none of Russia, America occurs" in result.output
    result = CliRunner().invoke(app, ["audit", "swap", str(f), "--swap", "Russia"])
    assert result.exit_code == 1 and "not NAME=NAME" in result.output


#: Actor pairs of the PTC dev articles: the most frequent people (first and last names apart, so that "Donald J.
#: Trump" becomes "Barack J. Obama"), parties, countries and faiths, each swapped with its counterpart both ways
#: (the list names no side).
PTC_PAIRS = [
    "Donald=Barack",
    "Trump=Obama",
    "Clinton=Bush",
    "Democrats=Republicans",
    "Democratic=Republican",
    "Muslim=Christian",
    "Muslims=Christians",
    "Russia=China",
    "Russian=Chinese",
    "Mueller=Brennan",
]


@pytest.mark.slow
@pytest.mark.data
def test_swapping_the_actors_of_ptc_dev_articles_changes_techniques_claims_and_chains_only_by_the_names(
    tmp_path: Path,
) -> None:
    folder = DATA / "ptc" / "dev" / "articles"
    if not folder.is_dir():
        pytest.skip("../shared/data/ptc not present")
    swapper = Swapper(parse_pairs(PTC_PAIRS))
    chosen = [p for p in sorted(folder.glob("article*.txt")) if swapper.occurs(p.read_text(encoding="utf-8"))][:12]
    arts = tmp_path / "arts"
    arts.mkdir()
    for p in chosen:
        (arts / p.name).write_bytes(p.read_bytes())
    args = ["audit", "swap", str(arts), "--format", "json"]
    for pair in PTC_PAIRS:
        args += ["--swap", pair]
    result = CliRunner().invoke(app, args)
    assert result.exit_code == 0, result.output
    audit = json.loads(result.stdout)
    layers = {x["layer"]: x for x in audit["layers"]}
    assert audit["articles"] == len(chosen) == 12 and audit["replacements"] > 50
    assert layers["techniques"]["original"] > 20 and layers["claims"]["original"] > 50
    assert layers["techniques"]["share"] >= 0.98, layers["techniques"]
    assert layers["claims"]["share"] >= 0.98, layers["claims"]
    chains = layers["chains"]
    assert chains["identical"] == chains["original"] == chains["swapped"], chains
