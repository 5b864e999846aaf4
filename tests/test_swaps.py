"""The even-handedness check of the technique models' input: pairs of actors, the swap, and the count."""

from __future__ import annotations

import pytest

from unspin.evaluation.swaps import name_swaps, swap_pairs, swapped


def test_the_two_most_frequent_one_word_names_of_a_type_found_twice_are_paired() -> None:
    found = [("Pompeo", "PERSON")] * 3 + [("Miller", "PERSON")] * 2 + [("Bush", "PERSON")]
    found += [("Iran", "GPE")] * 2 + [("Mike Pompeo", "PERSON")] * 5 + [("Texas", "GPE"), ("May", "DATE")] * 2
    assert swap_pairs(found) == [("PERSON", "Pompeo", "Miller"), ("GPE", "Iran", "Texas")]
    assert swap_pairs([("Iran", "GPE")] * 4) == []  # one actor: nothing to swap


def test_the_swap_changes_whole_words_only_and_both_ways() -> None:
    text = "Iran blamed Iraq; Iraq blamed Iran. Iranian press and Iraqi press agreed."
    assert swapped(text, "Iran", "Iraq") == "Iraq blamed Iran; Iran blamed Iraq. Iranian press and Iraqi press agreed."
    assert swapped(swapped(text, "Iran", "Iraq"), "Iran", "Iraq") == text


@pytest.mark.slow
def test_swapping_the_main_actors_of_an_article_leaves_the_models_input_alone() -> None:
    text = (
        "Valdoria accused Ostrenia of lying about the dam.\n\n"
        "Minister Peter Lang said Ostrenia had poisoned the river, and Lang called its leaders criminals.\n\n"
        "Officials in Ostrenia said Valdoria wanted war, and President Tomas Harrow said Valdoria lies.\n\n"
        "Harrow and Lang will meet on Tuesday. Lang said he expects nothing, and Harrow said the same."
    )
    result = name_swaps({"a1": text})
    assert result.swaps["PERSON"] == 1 and result.swaps["GPE"] == 1
    assert result.total_changed == 0, result.examples
