"""GUM attribution gold loader and span scorers (scorers hand-computed; the corpus tests need ../shared/data)."""

from __future__ import annotations

from pathlib import Path

import pytest

from unspin.evaluation import PRF, GumDocument, corpus_prf, load_gum, span_prf

GUM = Path(__file__).resolve().parents[2] / "shared" / "data" / "gum_wikinews"


def approx(values: tuple[float, float, float]) -> object:
    return pytest.approx(values, abs=1e-9)


# ------------------------------------------------------------------------------------------- scorers


def test_overlap_counts_hits_not_characters() -> None:
    pred = [(0, 10), (20, 30), (40, 41)]
    gold = [(9, 12), (50, 60)]
    # P: only (0, 10) touches gold -> 1/3; R: only (9, 12) is found -> 1/2; F1 = 2PR/(P+R) = 0.4
    assert span_prf(pred, gold, "overlap") == approx((1 / 3, 1 / 2, 0.4))
    assert span_prf(pred, gold) == span_prf(pred, gold, "overlap")  # overlap is the default


def test_overlap_needs_a_shared_character() -> None:
    assert span_prf([(0, 5)], [(5, 9)], "overlap") == (0.0, 0.0, 0.0)  # touching is not overlapping
    assert span_prf([(0, 6)], [(5, 9)], "overlap") == (1.0, 1.0, 1.0)


def test_exact_and_whitespace_trimming() -> None:
    assert span_prf([(0, 5), (6, 9)], [(0, 5), (6, 10)], "exact") == approx((0.5, 0.5, 0.5))
    text = "hello world "
    assert span_prf([(0, 6)], [(0, 5)], "exact") == (0.0, 0.0, 0.0)
    assert span_prf([(0, 6)], [(0, 5)], "exact", text=text) == (1.0, 1.0, 1.0)
    assert span_prf([(5, 12)], [(6, 11)], "exact", text=text) == (1.0, 1.0, 1.0)


def test_proportional_semeval_style() -> None:
    # |s & t| = 5: P = 5/10, R = 5/10
    assert span_prf([(0, 10)], [(5, 15)], "proportional") == approx((0.5, 0.5, 0.5))
    # P = (4/10 + 0) / 2 = 0.2; R = (4/4) / 1 = 1; F1 = 2 * 0.2 / 1.2 = 1/3
    assert span_prf([(0, 10), (20, 30)], [(0, 4)], "proportional") == approx((0.2, 1.0, 1 / 3))
    # one prediction covering two gold spans: P = (2 + 3) / 10, R = (2/2 + 3/3) / 2
    assert span_prf([(0, 10)], [(0, 2), (7, 10)], "proportional") == approx((0.5, 1.0, 2 / 3))


def test_proportional_merges_overlapping_spans() -> None:
    assert span_prf([(0, 10), (5, 15)], [(0, 15)], "proportional") == (1.0, 1.0, 1.0)
    assert corpus_prf([([(0, 10), (5, 15)], [(0, 15)])], "proportional").n_pred == 1


@pytest.mark.parametrize("mode", ["overlap", "exact", "proportional"])
def test_empty_sides_score_zero(mode: str) -> None:
    assert span_prf([], [(0, 3)], mode) == (0.0, 0.0, 0.0)
    assert span_prf([(0, 3)], [], mode) == (0.0, 0.0, 0.0)
    assert span_prf([], [], mode) == (0.0, 0.0, 0.0)
    assert span_prf([(2, 2)], [(0, 3)], mode) == (0.0, 0.0, 0.0)  # empty spans are dropped
    assert corpus_prf([([], [])], mode) == PRF(0.0, 0.0, 0.0, 0, 0)
    assert corpus_prf([], mode) == PRF(0.0, 0.0, 0.0, 0, 0)


@pytest.mark.parametrize("mode", ["overlap", "exact", "proportional"])
def test_duplicates_count_once(mode: str) -> None:
    assert span_prf([(0, 5), (0, 5)], [(0, 5), (0, 5)], mode) == (1.0, 1.0, 1.0)
    assert span_prf([(0, 5), (0, 5), (7, 9)], [(0, 5)], mode) == approx((0.5, 1.0, 2 / 3))
    result = corpus_prf([([(0, 5), (0, 5)], [(0, 5)])], mode)
    assert (result.n_pred, result.n_gold) == (1, 1)


def test_corpus_is_micro_and_per_document() -> None:
    pairs = [([(0, 5)], [(0, 5)]), ([(0, 5), (10, 12)], [(20, 25)])]
    # doc 2's (0, 5) must not match doc 1's gold: P = 1/3, R = 1/2
    result = corpus_prf(pairs, "overlap")
    assert (result.precision, result.recall, result.f1) == approx((1 / 3, 0.5, 0.4))
    assert (result.n_pred, result.n_gold) == (3, 2)
    # proportional: P credits 0.5 over 1 prediction; R credits 1 + 0 over 2 gold spans
    prop = corpus_prf([([(0, 10)], [(0, 5)]), ([], [(0, 4)])], "proportional")
    assert (prop.precision, prop.recall, prop.n_pred, prop.n_gold) == (0.5, 0.5, 1, 2)


def test_corpus_with_texts() -> None:
    pairs = [([(0, 6)], [(0, 5)]), ([(1, 3)], [(0, 3)])]
    result = corpus_prf(pairs, "exact", texts=["hello world", " ab"])
    assert (result.precision, result.recall) == (1.0, 1.0)
    with pytest.raises(ValueError, match="texts"):
        corpus_prf(pairs, "exact", texts=["only one"])


def test_bad_mode_and_bad_spans() -> None:
    with pytest.raises(ValueError, match="mode"):
        span_prf([(0, 1)], [(0, 1)], "fuzzy")
    with pytest.raises(ValueError, match="invalid span"):
        span_prf([(5, 3)], [(0, 1)], "exact")
    with pytest.raises(ValueError, match="invalid span"):
        span_prf([(0, 30)], [(0, 1)], "exact", text="short")


# ------------------------------------------------------------------------------------ loader (synthetic)

RS4 = """<rst><header><relations>
<rel name="attribution-positive" type="rst"/><rel name="joint-list" type="multinuc"/>
<rel name="elaboration-additional" type="rst"/>
</relations></header><body>
<segment id="1" parent="2" relname="attribution-positive">Police said ,</segment>
<segment id="2" parent="5" relname="span">the road was closed</segment>
<segment id="3" parent="2" relname="elaboration-additional">for a day .</segment>
<segment id="4" parent="6" relname="joint-list">It rained ,</segment>
<segment id="7" parent="6" relname="joint-list">it snowed</segment>
<segment id="8" parent="6" relname="attribution-positive">- a forecaster .</segment>
<group id="5" type="span" parent="9" relname="joint-list"/>
<group id="6" type="multinuc" parent="9" relname="joint-list"/>
<group id="9" type="multinuc"/>
</body></rst>"""


def write_doc(tmp_path: Path, text: str) -> Path:
    (tmp_path / "rst_rs4").mkdir()
    (tmp_path / "text").mkdir()
    (tmp_path / "rst_rs4" / "doc.rs4").write_text(RS4, encoding="utf-8")
    (tmp_path / "text" / "doc.txt").write_bytes(text.encode("utf-8"))
    return tmp_path


def test_loader_on_a_small_tree(tmp_path: Path) -> None:
    text = "Police said, the road  was closed for a day.\n\nIt rained, it snowed - a forecaster.\n"
    (doc,) = load_gum(write_doc(tmp_path, text))
    assert doc.id == "doc" and doc.text == text
    found = [(text[a.content[0] : a.content[1]], text[a.source[0] : a.source[1]]) for a in doc.attributions if a.source]
    # the sister satellite "for a day." is not part of the content; a multinuc nucleus covers all its members
    assert found == [("the road  was closed", "Police said"), ("It rained, it snowed", "a forecaster")]
    assert {a.relation for a in doc.attributions} == {"attribution-positive"}


def test_loader_names_the_document_when_alignment_fails(tmp_path: Path) -> None:
    with pytest.raises(ValueError, match=r"doc: cannot align EDU 2"):
        load_gum(write_doc(tmp_path, "Police said, the street was closed for a day."))


# ------------------------------------------------------------------------------------------ the corpus


@pytest.fixture(scope="module")
def gum_docs() -> list[GumDocument]:
    if not GUM.is_dir():
        pytest.skip("../shared/data/gum_wikinews not present")
    return load_gum(GUM)


def find(doc: GumDocument, source: str) -> tuple[str, str]:
    for att in doc.attributions:
        if att.source is not None and doc.text[att.source[0] : att.source[1]] == source:
            return doc.text[att.content[0] : att.content[1]], att.relation
    raise AssertionError(f"no attribution with source {source!r} in {doc.id}")


@pytest.mark.data
def test_gum_counts(gum_docs: list[GumDocument]) -> None:
    assert len(gum_docs) == 22
    relations = [a.relation for d in gum_docs for a in d.attributions]
    # SOURCE.md: attribution-positive (220), attribution-negative (1)
    assert relations.count("attribution-positive") == 220
    assert relations.count("attribution-negative") == 1
    assert len(relations) == 221
    assert all(a.source is not None for d in gum_docs for a in d.attributions)


@pytest.mark.data
def test_gum_spans_are_inside_the_text(gum_docs: list[GumDocument]) -> None:
    for doc in gum_docs:
        raw = (GUM / "text" / f"{doc.id}.txt").read_bytes().decode("utf-8")
        assert doc.text == raw
        for att in doc.attributions:
            spans = [att.content] if att.source is None else [att.content, att.source]
            for start, end in spans:
                assert 0 <= start < end <= len(doc.text), (doc.id, att)
                assert doc.text[start:end].strip() == doc.text[start:end]
            if att.source is not None:  # source and content never overlap in a tree
                assert att.source[1] <= att.content[0] or att.content[1] <= att.source[0], (doc.id, att)


@pytest.mark.data
def test_gum_spot_examples(gum_docs: list[GumDocument]) -> None:
    docs = {d.id: d for d in gum_docs}
    afghan = docs["GUM_news_afghan"]
    content, relation = find(afghan, "According to Afghan Ambassador to the United States Hamdullah Mohib")
    assert relation == "attribution-positive"
    assert content.startswith("the participation of this team in this science competition shows progress")
    assert content.endswith("nearly two decades of military conflict.")
    # the corpus' single negative attribution
    assert find(afghan, "Citing privacy rules, U.S. officials have not said") == (
        "why the team was initially denied visas",
        "attribution-negative",
    )
    # source after the quote; sentence-final period trimmed from the source only
    assert find(afghan, "said Ambassador Mohib") == (
        '"Seventeen years ago, this would not have been possible at all,"',
        "attribution-positive",
    )
    # satellite attached to a span group: the content runs on past the first EDU
    content, _ = find(docs["GUM_news_flag"], "Professor Burrows also said")
    assert content.startswith("resources and kits would be accessible for schools and communities")
    assert "schools can run" in content
