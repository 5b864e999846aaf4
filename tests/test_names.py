"""Hiding names from the encoders: word pieces and offsets built by hand, the real tokenizer, spaCy's finder."""

from __future__ import annotations

import pytest

from unspin.models.names import NAME_LABELS, find_names, hide_in_text, hide_in_tokens
from unspin.models.techniques import Tokens, _tokenizer, tokenize


def _pieces(tokens: Tokens) -> tuple[list[int], list[tuple[int, int]]]:
    return tokens.ids, tokens.offsets


class _Vocab:
    def convert_tokens_to_ids(self, word: str) -> int:
        return 1000 + sorted(set(NAME_LABELS.values())).index(word)


def test_the_pieces_of_a_name_collapse_into_one_neutral_piece_with_original_offsets() -> None:
    # "New York's mayor": pieces new, york, ', s, mayor
    tokens = Tokens([7, 8, 9, 10, 11], [(0, 3), (4, 8), (8, 9), (9, 10), (11, 16)])
    ids, offsets = hide_in_tokens(tokens.ids, tokens.offsets, [(0, 8, "GPE")], _Vocab())
    place = _Vocab().convert_tokens_to_ids("place")
    assert ids == [place, 9, 10, 11]
    assert offsets == [(0, 8), (8, 9), (9, 10), (11, 16)]


def test_no_names_leaves_the_pieces_alone_and_names_between_pieces_change_nothing() -> None:
    tokens = Tokens([1, 2, 3], [(0, 2), (3, 5), (6, 8)])
    assert hide_in_tokens(tokens.ids, tokens.offsets, [], _Vocab()) == ([1, 2, 3], [(0, 2), (3, 5), (6, 8)])
    assert hide_in_tokens(tokens.ids, tokens.offsets, [(2, 3, "PERSON")], _Vocab()) == (
        [1, 2, 3],
        [(0, 2), (3, 5), (6, 8)],
    )


def test_swapped_names_give_the_encoder_the_same_pieces() -> None:
    tok = _tokenizer()
    a = "Russia's corrupt regime, said Vladimir Putin."
    b = "The United States's corrupt regime, said Joe Biden."

    def at(text: str, name: str, label: str) -> tuple[int, int, str]:
        return (text.index(name), text.index(name) + len(name), label)

    names_a = [at(a, "Russia", "GPE"), at(a, "Vladimir Putin", "PERSON")]
    names_b = [at(b, "United States", "GPE"), at(b, "Joe Biden", "PERSON")]
    ids_a, off_a = hide_in_tokens(*_pieces(tokenize(a, tok)), names_a, tok)
    ids_b, off_b = hide_in_tokens(*_pieces(tokenize(b, tok)), names_b, tok)
    assert ids_a == ids_b[1:]  # b keeps its leading "The"
    assert len(tokenize(a, tok).ids) != len(tokenize(b, tok).ids) - 1  # without hiding they differ
    assert a[slice(*off_a[0])] == "Russia" and b[slice(*off_b[1])] == "United States"


def test_hiding_in_text_keeps_the_slice_and_skips_names_that_cross_it() -> None:
    text = "Moscow said so. Paris said no."
    names = [(0, 6, "GPE"), (16, 21, "GPE")]
    assert hide_in_text(text, names) == "place said so. place said no."
    assert hide_in_text(text, names, 16, len(text)) == "place said no."
    assert hide_in_text(text, names, 3, 15) == "cow said so."  # a name cut by the slice stays as it is


@pytest.mark.slow
def test_the_name_finder_types_mirrored_actors_alike() -> None:
    a = "Russia accused the United States of lying, and President Vladimir Putin said so in Moscow."
    b = "The United States accused Russia of lying, and President Joe Biden said so in Washington."
    labels = [[label for _, _, label in found] for found in find_names([a, b])]
    assert labels[0] == labels[1] and "GPE" in labels[0] and "PERSON" in labels[0]
