from __future__ import annotations

import hashlib

import pytest
from hypothesis import given
from hypothesis import strategies as st

from unspin import ComponentError, Document, Group, Span


def test_text_is_read_only_and_hashed() -> None:
    doc = Document("Valdoria armed the militia.", id="d")
    with pytest.raises(AttributeError):
        doc.text = "other"  # type: ignore[misc]
    assert doc.sha256 == hashlib.sha256(doc.text.encode("utf-8")).hexdigest()


@pytest.mark.parametrize(
    ("start", "end"),
    [(-1, 3), (0, 0), (5, 3), (0, 100), (3.0, 5)],
)
def test_bad_offsets_fail_naming_the_component(start: int, end: int) -> None:
    doc = Document("short text", id="d")
    with pytest.raises(ComponentError, match=r"layer\.x\.v1"):
        doc.add_spans("x", [Span(start, end, "lab", "layer.x.v1")], component="layer.x.v1")


def test_span_must_name_its_component() -> None:
    doc = Document("short text", id="d")
    with pytest.raises(ComponentError, match="claims to be made by"):
        doc.add_spans("x", [Span(0, 5, "lab", "other.v1")], component="layer.x.v1")


def test_a_layer_holds_spans_or_groups_not_both() -> None:
    doc = Document("short text", id="d")
    doc.add_spans("x", [Span(0, 5, "a", "c.x.v1")], component="c.x.v1")
    with pytest.raises(ComponentError, match="already holds spans"):
        doc.add_groups("x", [], component="c.x.v1")


def test_empty_layer_exists() -> None:
    doc = Document("short text", id="d")
    doc.add_spans("quotes", [], component="quotes.none.v1")
    assert doc.has("quotes") and doc.spans("quotes") == ()


texts = st.text(min_size=1, max_size=200)


@st.composite
def doc_with_spans(draw: st.DrawFn) -> tuple[str, list[tuple[int, int]]]:
    text = draw(texts)
    n = len(text)
    pairs = draw(
        st.lists(
            st.tuples(st.integers(0, n - 1), st.integers(1, n)).filter(lambda p: p[0] < p[1]),
            max_size=8,
        )
    )
    return text, pairs


@given(doc_with_spans())
def test_round_trip_keeps_text_offsets_and_layers(case: tuple[str, list[tuple[int, int]]]) -> None:
    text, pairs = case
    doc = Document(text, id="h", title="t", meta={"format": "txt"})
    doc.add_spans(
        "things",
        [Span(s, e, "thing", "things.test.v1", 0.5, f"t{i}", {"k": i}) for i, (s, e) in enumerate(pairs)],
        component="things.test.v1",
    )
    doc.add_groups(
        "groups",
        [Group("g1", "G", "name", "groups.test.v1", tuple(pairs))],
        component="groups.test.v1",
    )
    back = Document.from_dict(doc.to_dict())
    assert back.text == text
    assert back.sha256 == doc.sha256
    assert back.spans("things") == doc.spans("things")
    assert back.groups("groups") == doc.groups("groups")
    for span, (s, e) in zip(back.spans("things"), pairs, strict=True):
        assert back.text[span.start : span.end] == text[s:e]
