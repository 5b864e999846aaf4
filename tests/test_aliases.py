"""Alias grouping on hand-built mentions (no model)."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from unspin.components.aliases import Mention, group_mentions, load_alias_table, normalise, text_stated_seats
from unspin.errors import ConfigError

TABLE = load_alias_table()


def mentions_in(text: str, spec: list[tuple[str, str, bool]]) -> list[Mention]:
    """Mentions of each (surface, label, locative) at successive occurrences."""
    out, pos = [], 0
    for surface, label, loc in spec:
        start = text.index(surface, pos)
        pos = start + len(surface)
        out.append(Mention(start, pos, surface, label, loc))
    return out


def names(groups: list) -> list[tuple[str, list[str]]]:
    return [(g.name, [m.text for m in g.mentions]) for g in groups]


@pytest.mark.parametrize(
    ("raw", "key"),
    [("the U.S.", "us"), ("US", "us"), ("The United States", "united states"), ("Valdoria's", "valdoria")],
)
def test_normalise(raw: str, key: str) -> None:
    assert normalise(raw) == key


def test_us_names_and_seat_join_when_the_text_supports_it() -> None:
    text = "The U.S. said the US and the United States agree. Washington armed them. A summit in Washington."
    ms = mentions_in(
        text,
        [
            ("U.S.", "GPE", False),
            ("US", "GPE", False),
            ("United States", "GPE", False),
            ("Washington", "GPE", False),
            ("Washington", "GPE", True),  # "in Washington" is a place
        ],
    )
    groups = group_mentions(ms, TABLE, text)
    assert names(groups) == [
        ("United States", ["U.S.", "US", "United States", "Washington"]),
        ("Washington", ["Washington"]),
    ]


def test_seat_alone_is_not_merged_with_an_unnamed_country() -> None:
    text = "Washington armed the militia."
    groups = group_mentions(mentions_in(text, [("Washington", "GPE", False)]), TABLE, text)
    assert names(groups) == [("Washington", ["Washington"])]


def test_acronym_and_short_forms() -> None:
    text = "The Financial Times wrote. The FT said. Mara Lind spoke; Lind added. The Meridian Ledger and the Ledger."
    ms = mentions_in(
        text,
        [
            ("Financial Times", "ORG", False),
            ("FT", "ORG", False),
            ("Mara Lind", "PERSON", False),
            ("Lind", "PERSON", False),
            ("Meridian Ledger", "ORG", False),
            ("Ledger", "ORG", False),
        ],
    )
    assert names(group_mentions(ms, TABLE, text)) == [
        ("Financial Times", ["Financial Times", "FT"]),
        ("Mara Lind", ["Mara Lind", "Lind"]),
        ("Meridian Ledger", ["Meridian Ledger", "Ledger"]),
    ]


def test_ambiguous_surname_stays_apart() -> None:
    text = "Anna Lind and Mara Lind met. Lind left."
    ms = mentions_in(text, [("Anna Lind", "PERSON", False), ("Mara Lind", "PERSON", False), ("Lind", "PERSON", False)])
    assert len(group_mentions(ms, TABLE, text)) == 3


def test_a_name_without_its_middle_name_is_the_same_person() -> None:
    # ptc/train 787668628 names "Christine Ford" first, "Christine Blasey Ford" later, then "Ford"
    text = "Christine Ford is an activist. Christine Blasey Ford wrote. Ford said it. Anna Ford and Mara Blasey met."
    ms = mentions_in(
        text,
        [
            ("Christine Ford", "PERSON", False),
            ("Christine Blasey Ford", "PERSON", False),
            ("Ford", "PERSON", False),
            ("Anna Ford", "PERSON", False),
            ("Mara Blasey", "PERSON", False),
        ],
    )
    groups = names(group_mentions(ms, TABLE, text))
    assert groups[0] == ("Christine Blasey Ford", ["Christine Ford", "Christine Blasey Ford"])
    # "Ford" now fits two people (Christine Blasey Ford, Anna Ford): it stays apart; a different first name joins
    # nobody
    assert ("Ford", ["Ford"]) in groups and ("Anna Ford", ["Anna Ford"]) in groups
    ms = ms[:3]
    assert names(group_mentions(ms, TABLE, text[:58])) == [
        ("Christine Blasey Ford", ["Christine Ford", "Christine Blasey Ford", "Ford"])
    ]


def test_a_surname_tagged_as_an_organisation_joins_its_person() -> None:
    # ptc/dev 788271400: "O’Rourke" (ORG) and "O'Rourke" (ORG) are the "Beto O’Rourke" (PERSON) of the article
    text = "Beto O’Rourke spoke. O’Rourke said it. Cruz answered O'Rourke. The Rourke Group stayed out."
    ms = mentions_in(
        text,
        [("Beto O’Rourke", "PERSON", False), ("O’Rourke", "ORG", False), ("O'Rourke", "ORG", False)],
    )
    groups = group_mentions(ms, TABLE, text)
    assert names(groups) == [("Beto O’Rourke", ["Beto O’Rourke", "O’Rourke", "O'Rourke"])]
    assert groups[0].label == "PERSON"
    # an organisation whose name ends in the word keeps the short form, as before
    text = "Beto Lind spoke. The Meridian Lind sold. Lind said it."
    ms = mentions_in(text, [("Beto Lind", "PERSON", False), ("Meridian Lind", "ORG", False), ("Lind", "ORG", False)])
    assert names(group_mentions(ms, TABLE, text))[1] == ("Meridian Lind", ["Meridian Lind", "Lind"])


def test_a_surname_tagged_as_a_place_joins_its_person_unless_used_as_a_place() -> None:
    # ptc/dev 111111115: spaCy's small model tags "Franken" alone as a GPE, thirteen times
    text = "Sen. Al Franken resigned. Franken denied it. Voters in Franken were surprised."
    ms = mentions_in(text, [("Al Franken", "PERSON", False), ("Franken", "GPE", False), ("Franken", "GPE", True)])
    groups = names(group_mentions(ms, TABLE, text))
    assert groups[0] == ("Al Franken", ["Al Franken", "Franken"])
    assert ("Franken", ["Franken"]) in groups  # "in Franken" is a place, kept apart


def test_text_stated_capital() -> None:
    text = "Valdoria's capital, Kestrov, insists. Kestrov paid. Ostrenia denies."
    assert text_stated_seats(text) == {"kestrov": "valdoria"}
    ms = mentions_in(
        text,
        [("Valdoria", "GPE", False), ("Kestrov", "GPE", False), ("Kestrov", "GPE", False), ("Ostrenia", "GPE", False)],
    )
    assert names(group_mentions(ms, TABLE, text)) == [
        ("Valdoria", ["Valdoria", "Kestrov", "Kestrov"]),
        ("Ostrenia", ["Ostrenia"]),
    ]


RENAME = {"United States": "Russia", "Russia": "United States", "Washington": "Moscow", "Moscow": "Washington"}
RENAME.update({"CIA": "FSB", "FSB": "CIA"})
_SWAP = re.compile("|".join(re.escape(k) for k in sorted(RENAME, key=len, reverse=True)))


def swap(s: str) -> str:
    """Exchange every pair of names at once."""
    return _SWAP.sub(lambda m: RENAME[m.group(0)], s)


def test_grouping_is_even_handed_under_swapping_actors() -> None:
    text = (
        "The United States blamed Russia. Washington said the CIA knew. Moscow said the FSB did not. In Moscow, calm."
    )
    spec = [
        ("United States", "GPE", False),
        ("Russia", "GPE", False),
        ("Washington", "GPE", False),
        ("CIA", "ORG", False),
        ("Moscow", "GPE", False),
        ("FSB", "ORG", False),
        ("Moscow", "GPE", True),
    ]
    a = group_mentions(mentions_in(text, spec), TABLE, text)
    b = group_mentions(mentions_in(swap(text), [(swap(s), lab, loc) for s, lab, loc in spec]), TABLE, swap(text))
    shape_a = sorted((swap(g.name), len(g.mentions), g.label) for g in a)
    assert shape_a == sorted((g.name, len(g.mentions), g.label) for g in b)
    assert ("Russia", 2, "GPE") in shape_a and ("United States", 2, "GPE") in shape_a


def test_user_alias_file_extends_and_reports_errors(tmp_path: Path) -> None:
    good = tmp_path / "aliases.yaml"
    good.write_text("- {name: Valdoria, aliases: [Valdorian Republic, VR], seats: [Kestrov]}\n", encoding="utf-8")
    table = load_alias_table(good)
    text = "The Valdorian Republic spoke. Valdoria agreed. Kestrov paid."
    ms = mentions_in(
        text, [("Valdorian Republic", "GPE", False), ("Valdoria", "GPE", False), ("Kestrov", "GPE", False)]
    )
    assert names(group_mentions(ms, table, text)) == [("Valdoria", ["Valdorian Republic", "Valdoria", "Kestrov"])]
    bad = tmp_path / "bad.yaml"
    bad.write_text("- {aliases: [x]}\n", encoding="utf-8")
    with pytest.raises(ConfigError, match=r"bad\.yaml: entry 1 needs a .name."):
        load_alias_table(bad)
