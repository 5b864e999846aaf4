"""Hiding names from the encoders: word pieces and offsets built by hand, the real tokenizer, spaCy's finder."""

from __future__ import annotations

import pytest

from unspin.models.names import (
    NAME_LABELS,
    capitalised_names,
    consistent_names,
    find_names,
    hide_in_text,
    hide_in_tokens,
)
from unspin.models.technique_text import Tokens, cached_tokenizer, tokenize


def _pieces(tokens: Tokens) -> tuple[list[int], list[tuple[int, int]]]:
    return tokens.ids, tokens.offsets


class _Vocab:
    def convert_tokens_to_ids(self, word: str) -> int:
        return 1000 + sorted(set(NAME_LABELS.values())).index(word)


def test_the_pieces_of_a_name_collapse_into_one_neutral_piece_with_original_offsets() -> None:
    # "New York's mayor": pieces new, york, ', s, mayor
    tokens = Tokens([7, 8, 9, 10, 11], [(0, 3), (4, 8), (8, 9), (9, 10), (11, 16)])
    ids, offsets = hide_in_tokens(tokens.ids, tokens.offsets, [(0, 8, "GPE")], _Vocab())
    someone = _Vocab().convert_tokens_to_ids("someone")
    assert ids == [someone, 9, 10, 11]
    assert offsets == [(0, 8), (8, 9), (9, 10), (11, 16)]


def test_no_names_leaves_the_pieces_alone_and_names_between_pieces_change_nothing() -> None:
    tokens = Tokens([1, 2, 3], [(0, 2), (3, 5), (6, 8)])
    assert hide_in_tokens(tokens.ids, tokens.offsets, [], _Vocab()) == ([1, 2, 3], [(0, 2), (3, 5), (6, 8)])
    assert hide_in_tokens(tokens.ids, tokens.offsets, [(2, 3, "PERSON")], _Vocab()) == (
        [1, 2, 3],
        [(0, 2), (3, 5), (6, 8)],
    )


def test_swapped_names_give_the_encoder_the_same_pieces() -> None:
    tok = cached_tokenizer()
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
    assert hide_in_text(text, names) == "someone said so. someone said no."
    assert hide_in_text(text, names, 16, len(text)) == "someone said no."
    assert hide_in_text(text, names, 3, 15) == "cow said so."  # a name cut by the slice stays as it is


def test_every_type_becomes_the_same_word() -> None:
    # The recogniser's type for one name changes with its neighbours; a typed word would carry that change.
    assert set(NAME_LABELS.values()) == {"someone"}


def _at(text: str, name: str, label: str, nth: int = 0) -> tuple[int, int, str]:
    start = -1
    for _ in range(nth + 1):
        start = text.index(name, start + 1)
    return (start, start + len(name), label)


def test_a_name_found_once_is_hidden_wherever_it_occurs() -> None:
    text = "Pompeo spoke. Later Pompeo's aide said Pompeo was right, not Pompeon."
    found = [_at(text, "Pompeo", "PERSON", 1)]  # the recogniser found only the second one
    assert [text[a:b] for a, b, _ in consistent_names(text, found)] == ["Pompeo", "Pompeo", "Pompeo"]
    assert consistent_names(text, []) == []


def test_runs_of_name_words_join_and_glue_words_stay_visible() -> None:
    text = "The Washington Post's Greg Miller met Miller-Smith of Bank of America."
    found = [_at(text, "The Washington Post's Greg Miller", "ORG"), _at(text, "Smith", "PERSON")]
    found.append(_at(text, "Bank of America", "ORG"))
    got = [text[a:b] for a, b, _ in consistent_names(text, found)]
    # "The" and "of" are not names; "'s" ends a run; the hyphenated name is one run; "Bank" and "America" are
    # names of their own once found inside one.
    assert got == ["Washington Post", "Greg Miller", "Miller-Smith", "Bank", "America"]


def test_a_word_takes_the_label_most_of_its_occurrences_got() -> None:
    text = "Jordan said. Jordan left. Jordan won."
    found = [_at(text, "Jordan", "GPE", 0), _at(text, "Jordan", "PERSON", 1), _at(text, "Jordan", "PERSON", 2)]
    assert {label for _, _, label in consistent_names(text, found)} == {"PERSON"}
    tie = [_at(text, "Jordan", "GPE", 0), _at(text, "Jordan", "PERSON", 1)]
    assert {label for _, _, label in consistent_names(text, tie)} == {"PERSON"}  # fixed order, not first seen


def test_a_common_word_at_the_edge_of_a_name_is_not_a_name() -> None:
    text = "Later Pompeo spoke. He spoke later. Tillerson Out, said Tillerson, out of office."
    found = [_at(text, "Later Pompeo", "PERSON"), _at(text, "Tillerson Out", "PERSON")]
    got = [text[a:b] for a, b, _ in consistent_names(text, found)]
    assert got == ["Pompeo", "Tillerson", "Tillerson"]
    # without a lower-case use in the text, the edge word counts
    assert [text[a:b] for a, b, _ in consistent_names("Later Pompeo spoke.", [(0, 12, "PERSON")])] == ["Later Pompeo"]


def test_lower_case_slips_and_single_letters_are_not_names() -> None:
    text = "They say seminarians don't. A. Smith and the U.S. agreed."
    found = [_at(text, "seminarians", "NORP"), _at(text, "n't", "ORG"), _at(text, "A. Smith", "ORG")]
    found.append(_at(text, "U.S.", "GPE"))
    assert [text[a:b] for a, b, _ in consistent_names(text, found)] == ["Smith", "U.S."]


def test_a_headline_word_counts_as_a_name_only_if_it_occurs_below_the_headline() -> None:
    # In a title-case headline every word looks like a name, and the recogniser draws the boundary
    # differently once the names are swapped ("Mueller Submits" in one version, "Barr" in the other).
    text = "Mueller Submits His Russia Report to Justice\n\nRobert Mueller submitted a report to William Barr."
    found = [_at(text, "Mueller Submits", "PERSON"), _at(text, "Russia", "GPE")]
    got = [text[a:b] for a, b, _ in consistent_names(text, found)]
    # "Submits" occurs nowhere below the headline; a name of one word counts wherever it is found
    assert got == ["Mueller", "Russia", "Mueller"]
    # the same names in a first line that is a sentence, not a headline, count as found
    sentence = "Mueller Submits his report on the Russia inquiry today\n\nRobert Mueller left."
    found = [_at(sentence, "Mueller Submits", "PERSON"), _at(sentence, "Russia", "GPE")]
    got = [sentence[a:b] for a, b, _ in consistent_names(sentence, found)]
    assert got == ["Mueller Submits", "Russia", "Mueller"]
    # a text that is one line has no headline to tell apart
    headline = text.split("\n")[0]
    found = [_at(headline, "Mueller Submits", "PERSON")]
    assert [headline[a:b] for a, b, _ in consistent_names(headline, found)] == ["Mueller Submits"]


@pytest.mark.xfail(
    strict=True, reason="a first-line sentence made mostly of names looks like a headline to consistent_names"
)
def test_a_first_line_sentence_of_names_keeps_its_names_hidden() -> None:
    text = "Mike Pompeo met Greg Miller.\n\nLater Pompeo said Miller was wrong."
    found = [_at(text, "Mike Pompeo", "PERSON"), _at(text, "Greg Miller", "PERSON")]
    assert [text[a:b] for a, b, _ in consistent_names(text, found)][:2] == ["Mike Pompeo", "Greg Miller"]


@pytest.mark.slow
def test_swapping_two_actors_everywhere_leaves_the_hidden_names_in_place() -> None:
    a = (
        "Russia accused the United States of lying, and President Vladimir Putin said so in Moscow. "
        "Putin's aides repeated it. Later, the United States answered that Russia was lying."
    )
    b = a.replace("Russia", "\0").replace("the United States", "Russia").replace("\0", "the United States")
    b = b.replace("Vladimir Putin", "Joe Biden").replace("Putin", "Biden").replace("Moscow", "Washington")
    spans = [[(x, y) for x, y, _ in found] for found in find_names([a, b])]
    hidden = [hide_in_text(t, found) for t, found in zip((a, b), find_names([a, b]), strict=True)]
    assert hidden[0].replace("the someone", "someone") == hidden[1].replace("the someone", "someone")
    assert len(spans[0]) >= 6 and "Putin" not in hidden[0] and "Biden" not in hidden[1]


@pytest.mark.slow
def test_the_pipeline_hides_the_same_names_as_the_finder() -> None:
    # A model that finds names with the recogniser reuses the parse the pipeline already ran; it must hide what
    # the model's own finder would, or the pipeline and `unspin techniques predict` would disagree.
    from unspin.components.parse import SpacyParser, hidden_names
    from unspin.document import Document

    text = (
        "Mike Pompeo met with Greg Miller, who wrote about the meeting.\n\n"
        "Later Pompeo said Miller's story was false, and later Iran denied it."
    )
    doc = Document(text, id="d")
    SpacyParser()(doc)
    found = find_names([text], method="entities")[0]
    assert hidden_names(doc, "entities") == found
    assert [text[a:b] for a, b, _ in found] == ["Mike Pompeo", "Greg Miller", "Pompeo", "Miller", "Iran"]
    assert hidden_names(doc, "capitals") == find_names([text])[0] and hidden_names(doc, None) is None


def _capitalised(text: str) -> list[str]:
    return [text[a:b] for a, b, _ in capitalised_names(text)]


def test_a_word_capitalised_inside_a_sentence_and_never_in_lower_case_is_a_name_everywhere() -> None:
    text = "Former President George W. Bush met Barack Obama. Bush said the U.S. Senate would act on Monday."
    assert _capitalised(text) == ["President George W. Bush", "Barack Obama", "Bush", "U.S. Senate"]
    # a word the text also writes in lower case is a common word; titles, days and "I" are never names
    assert _capitalised("I think Trump and the president disagree, said Mr. Comey. The President left.") == [
        "Trump",
        "Comey",
    ]


def test_headline_words_count_only_as_the_body_writes_them() -> None:
    text = "Critics Attack Obama Over Spending Plans\nTRUMP BLASTS THE PRESS\n\nA spokesman for Trump said so."
    # the title-case words are capitalised only in headlines; "TRUMP" is Trump in capitals
    assert _capitalised(text) == ["TRUMP", "Trump"]


def test_capitalised_names_do_not_depend_on_which_names_they_are() -> None:
    from unspin.evaluation.swap_audit import Swapper

    text = (
        "TRUMP SAYS NO\nDonald J. Trump met Vladimir Putin in Helsinki. “Putin is strong,” Trump said. "
        "Critics said Donald Trump and the Kremlin agreed. Putin denied it."
    )
    twin = Swapper([("Trump", "Putin"), ("Donald", "Vladimir")]).swap(text)
    a, b = capitalised_names(text), capitalised_names(twin)
    assert [(x, y) for x, y, _ in a] != [] and hide_in_text(text, a) == hide_in_text(twin, b)
    assert "Putin" not in hide_in_text(text, a) and "TRUMP" not in hide_in_text(text, a)
    # the limit: a name written only where every word is capitalised (here a sentence start) stays visible
    assert _capitalised("Donald J. Trump met Putin.") == ["Trump", "Putin"]
