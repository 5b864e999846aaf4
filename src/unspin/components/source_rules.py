"""Source kinds, source profiles (Admiralty grades) and discrediting language.

Pure rules over words; nothing here names a real outlet, party or country.

**Kinds** of a source noun phrase, first rule that fits:

* ``document`` — its head noun is a document word (report, paper, study,
  memo, cable, dossier, assessment, letter, analysis, briefing, …);
* ``unnamed`` — an indefinite or vague reference to people ("a person
  familiar with the talks", "sources close to the ministry", "one official");
* ``official`` — officials, diplomats, spokespeople, ministers, authorities,
  police… without a personal name ("U.S. officials", "Western diplomats");
* ``person`` — a person entity, or a person pronoun resolved to one;
* ``outlet`` — a news-medium word in the name or head (Times, Post, News,
  Journal, Ledger, Courier, Radio, TV, agency, newspaper, daily, …);
* ``organization`` — any other organisation, country or group entity;
* ``other`` otherwise.

**Profiles**: a user YAML file grades sources; nothing is graded by
default (reliability F, "cannot be judged")::

    sources:
      - {name: Meridian Ledger, aliases: [the Ledger], kind: outlet, reliability: B, notes: "…"}
    perspectives:
      - {id: P1, name: Trusts the Ledger, trust: {Meridian Ledger: A, Northgate Courier: E}}

**Discrediting**: :func:`find_discrediting` lists phrases that label or
doubt a source ("the house organ of …", "a paid mouthpiece", "if that outlet
can be believed at all"); the caller ties each to the source it describes.
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from ..errors import ConfigError
from .aliases import normalise

__all__ = [
    "DOCUMENT_WORDS",
    "OFFICIAL_WORDS",
    "OUTLET_WORDS",
    "Perspective",
    "SourceProfile",
    "SourceProfiles",
    "find_discrediting",
    "kind_of",
    "load_source_profiles",
]

DOCUMENT_WORDS = frozenset(
    "report paper study memo memorandum cable dossier assessment letter analysis briefing brief document "
    "documents survey review audit transcript minutes statement communique communiqué white-paper "
    "investigation inquiry".split()
)
OFFICIAL_WORDS = frozenset(
    "official officials diplomat diplomats spokesman spokeswoman spokesperson spokespeople minister "
    "ministers ministry authorities authority police prosecutor prosecutors government administration "
    "military army officer officers commander commanders envoy envoys ambassador embassy lawmakers "
    "senator senators department".split()
)
OUTLET_WORDS = frozenset(
    "times post news journal gazette herald tribune telegraph guardian ledger courier chronicle monde "
    "observer press radio tv television broadcasting broadcaster daily weekly magazine wire channel "
    "newspaper outlet tabloid network bulletin dispatch".split()
)
_ORGANIZATION_WORDS = frozenset(
    "agency institute institution foundation centre center council committee commission company group "
    "association union party movement".split()
)
_UNNAMED = re.compile(
    r"^(?:an?|one|some|several|two|three|many|other)\s+(?:\w+\s+){0,3}?"
    r"(?:person|people|source|sources|official|officials|insider|insiders|diplomat|diplomats|individual|"
    r"someone|figure|member|members|analyst|analysts|expert|experts)\b"
    r"|^(?:sources|insiders|people)\b",
    re.IGNORECASE,
)


def kind_of(phrase: str, head: str, entity_label: str | None) -> str:
    """The kind of a source, from its words and (optionally) its entity type."""
    h = head.casefold()
    words = {w.casefold().strip(".,'’") for w in phrase.split()}
    if h in DOCUMENT_WORDS or (h.endswith("s") and h[:-1] in DOCUMENT_WORDS):
        return "document"
    if _UNNAMED.search(phrase.strip()):
        return "unnamed"
    if entity_label == "PERSON":
        return "person"
    if h == "agency" and "news" in words:
        return "outlet"
    if h in _ORGANIZATION_WORDS:
        return "organization"
    if h in OFFICIAL_WORDS and entity_label not in ("ORG",):
        return "official"
    if words & OUTLET_WORDS:
        return "outlet"
    if entity_label in ("ORG", "GPE", "NORP", "FAC", "LOC"):
        return "organization"
    return "other"


# Labels and doubts an author attaches to a source.  Generic words only.
_DISCREDIT = re.compile(
    r"\b(?:"
    r"house organ|mouthpiece|propaganda (?:outlet|organ|arm|machine|sheet|channel|rag)|propagandists?"
    r"|mouth-piece|lapdog|shills?|stooges?|puppets?|rag\b|so-called|self-styled|self-proclaimed"
    r"|paid (?:by|for)|on the payroll of|discredited|notorious(?:ly)?|fake news|disinformation (?:outlet|site|arm)"
    r"|(?:if|assuming) (?:that|this|the|it|they|such an?) ?\w* (?:can|could|is to|are to) be (?:believed|trusted)"
    r"(?: at all)?"
    r"|(?:can|could) hardly be (?:believed|trusted)|hardly (?:a )?(?:reliable|credible|trustworthy)"
    r"|not exactly (?:a )?(?:reliable|credible|known for)|with a (?:large )?(?:grain|pinch) of salt"
    r"|would say that,? wouldn'?t (?:they|it|he|she)|supposedly independent|unreliable|untrustworthy"
    r")",
    re.IGNORECASE,
)


def find_discrediting(text: str, start: int = 0, end: int | None = None) -> Iterator[tuple[int, int]]:
    """Spans of discrediting words in ``text[start:end]`` (absolute offsets)."""
    for m in _DISCREDIT.finditer(text, start, len(text) if end is None else end):
        yield m.start(), m.end()


_RELIABILITY = ("A", "B", "C", "D", "E", "F")


@dataclass(frozen=True)
class SourceProfile:
    """The user's judgement of one source."""

    name: str
    aliases: tuple[str, ...] = ()
    kind: str | None = None
    reliability: str = "F"
    notes: str | None = None


@dataclass(frozen=True)
class Perspective:
    """A trust profile: reliability overrides for some sources."""

    id: str
    name: str
    trust: Mapping[str, str] = field(default_factory=dict)


@dataclass
class SourceProfiles:
    """Lookup of profiles by any of their names."""

    profiles: list[SourceProfile] = field(default_factory=list)
    perspectives: list[Perspective] = field(default_factory=list)

    def __post_init__(self) -> None:
        self._by_key: dict[str, SourceProfile] = {}
        for p in self.profiles:
            for n in (p.name, *p.aliases):
                self._by_key[normalise(n)] = p

    def find(self, *names: str) -> SourceProfile | None:
        for n in names:
            found = self._by_key.get(normalise(n))
            if found is not None:
                return found
        return None

    def perspective(self, pid: str) -> Perspective:
        for p in self.perspectives:
            if p.id == pid:
                return p
        known = ", ".join(p.id for p in self.perspectives) or "none defined"
        raise ConfigError(f"no perspective {pid!r} in the source profile file", f"known: {known}")

    def reliability(self, *names: str, perspective: str | None = None) -> str:
        """The grade under ``perspective`` (its override wins), else the profile's, else F."""
        profile = self.find(*names)
        if perspective is not None:
            trust = self.perspective(perspective).trust
            keys = {normalise(n) for n in names} | ({normalise(profile.name)} if profile else set())
            for name, grade in trust.items():
                if normalise(name) in keys:
                    return grade
        return profile.reliability if profile else "F"


def _grade(value: Any, where: str) -> str:
    grade = str(value).strip().upper()
    if grade not in _RELIABILITY:
        raise ConfigError(f"{where}: reliability {value!r} is not one of A–F", "A = reliable … F = cannot be judged")
    return grade


def load_source_profiles(path: str | Path | None) -> SourceProfiles:
    """Read a source profile YAML file; ``None`` gives the empty (all-F) profile."""
    if path is None:
        return SourceProfiles()
    from ..user_data import load_yaml

    p = Path(path)
    try:
        text = p.read_text(encoding="utf-8")
    except OSError as exc:
        raise ConfigError(f"{p}: cannot read source profiles ({exc.strerror})", "check the --sources path") from None
    except UnicodeDecodeError:
        raise ConfigError(f"{p}: the source profiles are not UTF-8 text", "save the file as UTF-8") from None
    data = load_yaml(text, str(p)) or {}
    if not isinstance(data, Mapping):
        raise ConfigError(
            f"{p}: expected keys 'sources' and 'perspectives'", "see docs/quotes.md for the format of a sources file"
        )
    profiles = []
    for i, item in enumerate(data.get("sources") or [], 1):
        where = f"{p}: sources entry {i}"
        if not isinstance(item, Mapping) or not isinstance(item.get("name"), str):
            raise ConfigError(f"{where} needs a 'name'", "e.g. - {name: Meridian Ledger, reliability: B}")
        aliases = item.get("aliases") or []
        if not isinstance(aliases, list):
            raise ConfigError(f"{where}: 'aliases' must be a list")
        profiles.append(
            SourceProfile(
                name=item["name"],
                aliases=tuple(str(a) for a in aliases),
                kind=item.get("kind"),
                reliability=_grade(item.get("reliability", "F"), where),
                notes=item.get("notes"),
            )
        )
    perspectives = []
    for i, item in enumerate(data.get("perspectives") or [], 1):
        where = f"{p}: perspectives entry {i}"
        if not isinstance(item, Mapping) or "id" not in item or not isinstance(item.get("trust", {}), Mapping):
            raise ConfigError(f"{where} needs an 'id' and a 'trust' mapping", "e.g. {id: P1, trust: {X: A}}")
        trust = {str(k): _grade(v, where) for k, v in (item.get("trust") or {}).items()}
        perspectives.append(Perspective(str(item["id"]), str(item.get("name", item["id"])), trust))
    return SourceProfiles(profiles, perspectives)
