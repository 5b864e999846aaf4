"""Group entity mentions that name the same actor (pure functions, no model).

Mentions are joined (union-find) when one of these holds, in order:

1. **Same name** after normalising: case, a leading "the", full stops
   ("U.S." = "US"), a trailing possessive ("Valdoria's"), curly apostrophes.
2. **Alias table**: both names belong to one entry of the alias table
   (built-in ``data/places.yaml`` plus the user's ``--aliases`` file):
   "the U.S." = "America" = "the United States".
3. **Acronym**: an all-capital mention of 2–6 letters equal to the initials
   of another mention's capitalised words, ignoring "of/and/the/for"
   ("FT" = "Financial Times", "USA" = "United States of America").
4. **Short form**: a person's name with a middle name left out ("Mara
   Lind" = "Mara K. Lind"); a one-word person mention equal to the last word of
   exactly one longer person name in the article ("Lind" = "Mara Lind"); a
   one-word mention of an organisation, group or place equal to the head of
   exactly one longer such name — its last word, or the word before "of"
   ("the Ledger" = "Meridian Ledger", "the Brotherhood" = "Brotherhood of
   the Ash").  A one-word organisation mention with no such name, or a
   one-word place mention not used as a place, joins the one person whose
   surname it is: the small model often tags a surname alone as an
   organisation or a place ("O’Rourke said", "Franken denied"); used as a
   place ("in Franken") it stays a place of its own.  With two candidates the
   short form stays apart; the group keeps the label of the mentions that
   give its name.
5. **Seat of government, only where the text supports it**: a capital or
   seat ("Washington", "the Kremlin"; from the table, or stated by the text
   itself: "Valdoria's capital, Kestrov", "Kestrov, the capital of
   Valdoria") joins its country only when (a) the country is named in the
   same article and (b) this mention is used as an actor, not as a place
   (the caller marks locative uses such as "in Washington").  Locative
   mentions stay a separate place entity.

Limits: no pronoun or "the latter" resolution; two different people sharing
a surname stay apart only when both full names appear; demonyms
("Valdorian officials") are kept as their own group.  The alias table treats
every country alike and grades none (see the even-handedness rule).
"""

from __future__ import annotations

import functools
import re
from collections import Counter
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from importlib import resources
from pathlib import Path
from typing import Any

from ..errors import ConfigError

__all__ = [
    "AliasEntry",
    "AliasTable",
    "EntityGroup",
    "Mention",
    "group_mentions",
    "initials",
    "is_country",
    "load_alias_table",
    "normalise",
    "same_name",
    "text_stated_seats",
]

_FUNCTION_WORDS = {"of", "and", "the", "for", "de", "du", "des", "la", "le", "&"}
_POSSESSIVE = re.compile(r"(?:['’]s|['’])$")
_LEADING_THE = re.compile(r"^the\s+", re.IGNORECASE)


def normalise(name: str) -> str:
    """The comparison key of a name: no case, leading 'the', stops, possessive."""
    s = " ".join(name.split())
    s = _LEADING_THE.sub("", s)
    s = _POSSESSIVE.sub("", s)
    s = s.replace(".", "").replace("\u2019", "'")  # "O’Rourke" and "O'Rourke" are one name
    return " ".join(s.split()).casefold()


def display_name(name: str) -> str:
    """A mention as shown in reports: trimmed, no leading 'the', no possessive."""
    s = " ".join(name.split())
    s = _LEADING_THE.sub("", s)
    return _POSSESSIVE.sub("", s).strip()


def initials(name: str) -> str:
    """The capital initials of a name of two words or more ("World Health Organisation" → "WHO"), else ""."""
    words = [w for w in re.split(r"[\s\-]+", display_name(name)) if w]
    if len(words) < 2:
        return ""
    return "".join(w[0] for w in words if w.casefold() not in _FUNCTION_WORDS and w[0].isupper()).upper()


def _acronym(name: str) -> str:
    s = display_name(name).replace(".", "")
    return s if 2 <= len(s) <= 6 and s.isalpha() and s.isupper() else ""


@dataclass(frozen=True)
class AliasEntry:
    """One actor of the alias table."""

    name: str
    aliases: tuple[str, ...] = ()
    seats: tuple[str, ...] = ()


@dataclass
class AliasTable:
    """Lookup from normalised names to alias entries."""

    entries: list[AliasEntry] = field(default_factory=list)

    def __post_init__(self) -> None:
        self.by_name: dict[str, int] = {}
        self.by_seat: dict[str, int] = {}
        for i, e in enumerate(self.entries):
            for n in (e.name, *e.aliases):
                self.by_name[normalise(n)] = i
            for n in e.seats:
                self.by_seat[normalise(n)] = i

    def extended(self, more: Iterable[AliasEntry]) -> AliasTable:
        """A new table where entries in ``more`` override same-named ones."""
        more = list(more)
        override = {normalise(e.name) for e in more}
        kept = [e for e in self.entries if normalise(e.name) not in override]
        return AliasTable(kept + more)


def _entries_from(data: Any, where: str) -> list[AliasEntry]:
    if not isinstance(data, list):
        raise ConfigError(f"{where}: the alias file must be a list of entries", "see data/places.yaml for the format")
    out = []
    for i, item in enumerate(data, 1):
        if not isinstance(item, Mapping) or not isinstance(item.get("name"), str):
            raise ConfigError(f"{where}: entry {i} needs a 'name' string", "e.g. - {name: Valdoria, aliases: [VR]}")
        for key in ("aliases", "seats"):
            value = item.get(key, [])
            if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
                raise ConfigError(f"{where}: entry {i} ({item['name']}): {key!r} must be a list of names")
        out.append(
            AliasEntry(str(item["name"]), tuple(item.get("aliases", []) or ()), tuple(item.get("seats", []) or ()))
        )
    return out


def load_alias_table(user_file: str | Path | None = None) -> AliasTable:
    """The built-in table, extended by a user YAML file when given."""
    import yaml

    builtin = resources.files("unspin.components").joinpath("data/places.yaml").read_text(encoding="utf-8")
    table = AliasTable(_entries_from(yaml.safe_load(builtin), "places.yaml"))
    if user_file is None:
        return table
    from ..user_data import load_yaml

    path = Path(user_file)
    try:
        text = path.read_text(encoding="utf-8")
    except OSError as exc:
        raise ConfigError(f"{path}: cannot read alias file ({exc.strerror})", "check the --aliases path") from None
    except UnicodeDecodeError:
        raise ConfigError(f"{path}: the alias file is not UTF-8 text", "save the file as UTF-8") from None
    data = load_yaml(text, str(path))
    return table.extended(_entries_from(data, str(path)))


@functools.cache
def _country_names() -> frozenset[str]:
    return frozenset(load_alias_table().by_name)


def is_country(name: str) -> bool:
    """Whether ``name`` is one of the names of a country in the built-in table (a seat is not: "the Moscow
    bombing" names where it happened)."""
    return normalise(name) in _country_names()


_NAME = r"[A-Z][\w\-]*(?:\s[A-Z][\w\-]*){0,3}"
_SEAT_PATTERNS = (
    re.compile(rf"(?P<country>{_NAME})['’]s capital,?\s(?P<seat>{_NAME})"),
    re.compile(rf"(?P<seat>{_NAME}),\s(?:the\s)?capital\sof\s(?:the\s)?(?P<country>{_NAME})"),
    re.compile(rf"[Tt]he\scapital\sof\s(?:the\s)?(?P<country>{_NAME}),\s(?P<seat>{_NAME})"),
)


def text_stated_seats(text: str) -> dict[str, str]:
    """Seats the text itself states: normalised seat → normalised country."""
    found: dict[str, str] = {}
    for pattern in _SEAT_PATTERNS:
        for m in pattern.finditer(text):
            found[normalise(m.group("seat"))] = normalise(m.group("country"))
    return found


@dataclass(frozen=True)
class Mention:
    """An entity mention as the grouping sees it."""

    start: int
    end: int
    text: str
    label: str
    locative: bool = False


@dataclass
class EntityGroup:
    """A set of mentions judged to name one actor."""

    name: str
    label: str
    mentions: list[Mention]
    aliases: list[str]


class _UnionFind:
    def __init__(self, n: int) -> None:
        self.parent = list(range(n))

    def find(self, i: int) -> int:
        while self.parent[i] != i:
            self.parent[i] = self.parent[self.parent[i]]
            i = self.parent[i]
        return i

    def union(self, a: int, b: int) -> None:
        ra, rb = self.find(a), self.find(b)
        if ra != rb:
            self.parent[max(ra, rb)] = min(ra, rb)


def group_mentions(mentions: Sequence[Mention], table: AliasTable | None = None, text: str = "") -> list[EntityGroup]:
    """Group ``mentions`` by the rules in the module docstring.

    Groups come out in order of first mention, so renaming actors in the
    text permutes nothing but names.
    """
    table = table or AliasTable()
    uf = _UnionFind(len(mentions))
    stated = text_stated_seats(text) if text else {}
    keys = []
    surnames = {normalise(m.text.split()[-1]) for m in mentions if m.label == "PERSON" and len(m.text.split()) >= 2}
    for m in mentions:
        key = normalise(m.text)
        # A seat used as a place is a different thing from the same seat
        # used as an actor, and so is a place that shares a person's surname ("in Washington"): keep them apart
        # from the start.
        if m.locative and (key in stated or key in table.by_seat or (m.label == "GPE" and key in surnames)):
            key = "place:" + key
        keys.append(key)
    first_by_key, entry_of, first_by_entry = _union_same_names(uf, keys, table)
    _union_acronyms(uf, mentions)
    _union_short_forms(uf, mentions, keys, first_by_key)
    # Seats of government, where the text supports it.
    seat_mentions: set[int] = set()
    for i, m in enumerate(mentions):
        if m.locative:
            continue
        target: int | None = None
        if keys[i] in stated and stated[keys[i]] in first_by_key:
            target = first_by_key[stated[keys[i]]]
        elif keys[i] in table.by_seat and table.by_seat[keys[i]] in first_by_entry:
            target = first_by_entry[table.by_seat[keys[i]]]
        if target is not None:
            uf.union(i, target)
            seat_mentions.add(i)
    members: dict[int, list[int]] = {}
    for i in range(len(mentions)):
        members.setdefault(uf.find(i), []).append(i)
    return [
        _group(mentions, idxs, table, entry_of, seat_mentions)
        for idxs in sorted(members.values(), key=lambda ix: min(mentions[i].start for i in ix))
    ]


def _union_same_names(
    uf: _UnionFind, keys: Sequence[str], table: AliasTable
) -> tuple[dict[str, int], dict[int, int], dict[int, int]]:
    """Mentions with the same normalised name, or names of the same alias entry, are one entity.  Returns the
    first mention of each name, each mention's alias entry, and the first mention of each entry."""
    first_by_key: dict[str, int] = {}
    entry_of: dict[int, int] = {}  # mention index -> alias entry
    for i, k in enumerate(keys):
        if k in first_by_key:
            uf.union(first_by_key[k], i)
        else:
            first_by_key[k] = i
        if k in table.by_name:
            entry_of[i] = table.by_name[k]
    first_by_entry: dict[int, int] = {}
    for i, e in entry_of.items():
        if e in first_by_entry:
            uf.union(first_by_entry[e], i)
        else:
            first_by_entry[e] = i
    return first_by_key, entry_of, first_by_entry


def _union_acronyms(uf: _UnionFind, mentions: Sequence[Mention]) -> None:
    by_initials: dict[str, set[int]] = {}
    for i, m in enumerate(mentions):
        ini = initials(m.text)
        if ini:
            by_initials.setdefault(ini, set()).add(i)
    for i, m in enumerate(mentions):
        acro = _acronym(m.text)
        for j in sorted(by_initials.get(acro, ())) if acro else ():
            uf.union(i, j)


def _union_short_forms(
    uf: _UnionFind, mentions: Sequence[Mention], keys: Sequence[str], first_by_key: Mapping[str, int]
) -> None:
    """Short forms: surnames of people, heads of organisation names, when exactly one longer name fits (or all
    that fit are already one person: "Christine Ford", "Christine Blasey Ford" … "Ford")."""
    _union_middle_names(uf, mentions, keys, first_by_key)
    long_by_head: dict[tuple[bool, str], set[str]] = {}
    for i, m in enumerate(mentions):
        words = display_name(m.text).split()
        if len(words) >= 2:
            for head in _heads(words, m.label == "PERSON"):
                long_by_head.setdefault((m.label == "PERSON", head), set()).add(keys[i])
    for i, m in enumerate(mentions):
        words = display_name(m.text).split()
        if len(words) == 1 and m.label != "NORP":
            head = normalise(words[0])
            fulls = long_by_head.get((m.label == "PERSON", head), set())
            if not fulls and (m.label == "ORG" or (m.label == "GPE" and not m.locative)):
                # the small model often tags a surname alone as an organisation or a place ("O’Rourke said",
                # "Franken denied"): it is the person's when one person has that surname, no organisation's or
                # place's name ends in it, and it is not used as a place ("in Franken")
                fulls = long_by_head.get((True, head), set())
            if len({uf.find(first_by_key[f]) for f in fulls}) == 1:
                uf.union(i, first_by_key[next(iter(fulls))])


def _union_middle_names(
    uf: _UnionFind, mentions: Sequence[Mention], keys: Sequence[str], first_by_key: Mapping[str, int]
) -> None:
    """A person's name with a middle name left out or added is the same person ("Christine Ford" and "Christine
    Blasey Ford"): same first and last word, the shorter's words in the longer in order.  Names of two different
    people that differ only so ("George Bush", "George W. Bush") are joined too; the text rarely keeps both apart
    by that alone."""
    names = sorted({keys[i] for i, m in enumerate(mentions) if m.label == "PERSON" and len(keys[i].split()) >= 2})
    for a in names:
        wa = a.split()
        for b in names:
            wb = b.split()
            if len(wa) < len(wb) and wa[0] == wb[0] and wa[-1] == wb[-1] and _in_order(wa, wb):
                uf.union(first_by_key[a], first_by_key[b])


def _in_order(short: list[str], long_: list[str]) -> bool:
    it = iter(long_)
    return all(w in it for w in short)


def _group(
    mentions: Sequence[Mention],
    idxs: Sequence[int],
    table: AliasTable,
    entry_of: Mapping[int, int],
    seat_mentions: set[int],
) -> EntityGroup:
    """One entity: its mentions in order, named by its alias entry or its longest, most frequent name."""
    ms = sorted((mentions[i] for i in idxs), key=lambda m: m.start)
    # The group is named after what it is, not after its seat.
    named = sorted((mentions[i] for i in idxs if i not in seat_mentions), key=lambda m: m.start) or ms
    entries = [entry_of[i] for i in idxs if i in entry_of]
    if entries:
        name = table.entries[Counter(entries).most_common(1)[0][0]].name
    else:
        counts = Counter(display_name(m.text) for m in named)
        name = max(counts, key=lambda s: (len(s.split()), counts[s], -_first(named, s)))
    # the label of the mentions that give the name ("Beto O’Rourke", a person, also tagged "O’Rourke", ORG)
    naming = [m.label for m in ms if display_name(m.text) == name] or [m.label for m in ms]
    label = Counter(naming).most_common(1)[0][0]
    aliases = sorted({display_name(m.text) for m in ms} - {name})
    return EntityGroup(name=name, label=label, mentions=ms, aliases=aliases)


def _heads(words: list[str], person: bool) -> set[str]:
    """Short forms a longer name may go by (see rule 4)."""
    heads = {normalise(words[-1])}
    if not person:
        lowered = [normalise(w) for w in words]
        if "of" in lowered[1:]:
            heads.add(lowered[lowered.index("of") - 1])
    return heads


_GENERIC_TAIL = re.compile(r"\s+(?:institute|institution|foundation|group|agency|newspaper|daily|centre|center)$")


def same_name(a: str, b: str, *, person: bool = False) -> bool:
    """Whether two names may name one actor by rules 1, 3 and 4 (no table).

    Used to join sources named in different ways ("the Ledger" and
    "Meridian Ledger", "FT" and "Financial Times", "the Chatham House
    Institute" and "Chatham House": a generic last word is ignored).
    """
    ka, kb = normalise(a), normalise(b)
    if not ka or not kb:
        return False
    if ka == kb or _GENERIC_TAIL.sub("", ka) == _GENERIC_TAIL.sub("", kb):
        return True
    for x, y in ((a, b), (b, a)):
        acro = _acronym(x)
        if acro and acro == initials(y):
            return True
        short, full = display_name(x).split(), display_name(y).split()
        if len(short) == 1 and len(full) >= 2 and short[0].casefold() in _heads(full, person):
            return True
    return False


def _first(ms: list[Mention], shown: str) -> int:
    return next(m.start for m in ms if display_name(m.text) == shown)
