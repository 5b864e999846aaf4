"""The real-article gold set: relations, blame, attribution, chains and dates on real news and opinion.

The guideline is ``docs/annotation.md``.  Gold files live in ``gold/real/{dev,test}/*.json`` and hold character
offsets into texts of ``../shared/data`` plus the annotators' judgements, never the texts: each file names its text
by path under the data folder and by SHA-256, and loading refuses a text that changed.

Annotators write an *authoring* file that locates every span by words instead of offsets (a unique snippet of the
sentence, then words inside it, ``"word#2"`` for the second occurrence in the snippet);
:func:`build_gold` turns it into the stored offset file and :func:`render_gold` prints a stored file back with its
words for the second-pass check.  Authoring files copy article text and stay out of the repository.
"""

from __future__ import annotations

import hashlib
import itertools
import json
import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from ..errors import InputError

__all__ = [
    "GOLD_SCHEMA",
    "RELATION_TYPES",
    "SUPPORTS",
    "VOICES",
    "GoldArticle",
    "GoldChain",
    "GoldDate",
    "GoldRelation",
    "build_gold",
    "load_gold",
    "load_gold_dir",
    "read_gold_text",
    "render_gold",
]

GOLD_SCHEMA = "unspin-real-gold/1"
RELATION_TYPES = frozenset(
    {"blame", "cause", "compel", "allow", "create", "arm", "fund", "train", "support", "become", "perpetrate"}
)
VOICES = frozenset({"author", "quoted", "attributed"})
SUPPORTS = frozenset({"question", "speculative", "hedged", "asserted", "sourced"})

Offsets = tuple[int, int]


@dataclass(frozen=True)
class GoldRelation:
    id: str
    type: str
    sentence: Offsets
    trigger: Offsets
    cause: Offsets | None
    effect: Offsets | None
    cause_actor: str | None
    effect_actor: str | None
    voice: str
    attributed_to: str | None
    support: str
    negated: bool = False
    explicit: bool = True
    effect_outcome: str | None = None


@dataclass(frozen=True)
class GoldChain:
    relations: tuple[str, ...]
    blamed: str | None
    outcome: str | None
    attributed_to: str | None


@dataclass(frozen=True)
class GoldDate:
    span: Offsets
    value: str | None


@dataclass(frozen=True)
class GoldArticle:
    name: str
    doc: str
    text: str
    genre: str
    relations: tuple[GoldRelation, ...]
    chains: tuple[GoldChain, ...] = ()
    dates: tuple[GoldDate, ...] = ()
    checked: int = 1
    extra: Mapping[str, Any] = field(default_factory=dict)

    @property
    def has_blame_conclusion(self) -> bool:
        return any(r.type == "blame" and not r.negated and r.support != "question" for r in self.relations)


def _sha(text: str) -> str:
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def read_gold_text(data: Path, rel: str, where: str) -> str:
    """The text ``rel`` under the data folder, or an :class:`InputError` naming ``where`` when it is missing."""
    path = data / rel
    if not path.is_file():
        raise InputError(
            where, f"its text {path} is missing", "pass --data with the folder that holds ptc/ and gum_wikinews/"
        )
    return path.read_text(encoding="utf-8")


# -- authoring → offsets ---------------------------------------------------------------------------------------


def _find(haystack: str, needle: str, base: int, where: str) -> Offsets:
    """Offsets of ``needle`` (``"words#n"``: its n-th occurrence) inside ``haystack`` starting at ``base``.

    Only whole-word occurrences count: "he" is not the "he" of "the"."""
    head, _, tail = needle.rpartition("#")
    words, n = (head, int(tail)) if head and tail.isdigit() else (needle, 1)
    pattern = re.compile(
        (r"(?<!\w)" if words[:1].isalnum() else "") + re.escape(words) + (r"(?!\w)" if words[-1:].isalnum() else "")
    )
    found = list(itertools.islice(pattern.finditer(haystack), n))
    if len(found) < n:
        raise InputError(where, f"{words!r} (occurrence {n}) is not in {haystack[:60]!r}…", "copy the words exactly")
    return base + found[-1].start(), base + found[-1].end()


def _sentence(text: str, snippet: str, where: str) -> Offsets:
    first = text.find(snippet)
    if first < 0:
        raise InputError(where, f"sentence snippet {snippet[:60]!r} is not in the text", "copy it exactly")
    if text.find(snippet, first + 1) >= 0:
        raise InputError(where, f"sentence snippet {snippet[:60]!r} occurs twice", "make it longer so it is unique")
    return first, first + len(snippet)


def _choice(value: Any, allowed: frozenset[str], name: str, where: str) -> str:
    if value not in allowed:
        raise InputError(where, f"{name} {value!r} is not one of {sorted(allowed)}", "see docs/annotation.md")
    return str(value)


def build_gold(authoring: Mapping[str, Any], text: str, *, where: str = "gold") -> dict[str, Any]:
    """The stored gold (offsets) of one authoring file over its ``text``; raises :class:`InputError` on a span it
    cannot place, an unknown type/voice/support, or a chain naming an unknown relation."""
    relations: list[dict[str, Any]] = []
    ids: set[str] = set()
    for k, r in enumerate(authoring.get("relations", []), 1):
        rid = str(r.get("id") or f"R{k}")
        w = f"{where}: relation {rid}"
        if rid in ids:
            raise InputError(w, "id used twice", "give every relation its own id")
        ids.add(rid)
        s, e = _sentence(text, str(r["sentence"]), w)
        snippet = text[s:e]
        out: dict[str, Any] = {
            "id": rid,
            "type": _choice(r.get("type"), RELATION_TYPES, "type", w),
            "sentence": [s, e],
            "trigger": list(_find(snippet, str(r["trigger"]), s, w)),
        }
        for role in ("cause", "effect"):
            words = r.get(role)
            out[role] = list(_find(snippet, str(words), s, w)) if words else None
            out[f"{role}_actor"] = r.get(f"{role}_actor")
        voice = _choice(r.get("voice", "author"), VOICES, "voice", w)
        holder = r.get("attributed_to")
        if voice != "author" and not holder:
            raise InputError(w, f"voice {voice} needs attributed_to", "name who holds it (docs/annotation.md)")
        out.update(
            voice=voice,
            attributed_to=holder if voice != "author" else None,
            support=_choice(r.get("support", "asserted"), SUPPORTS, "support", w),
            negated=bool(r.get("negated", False)),
            explicit=bool(r.get("explicit", bool(r.get("cause")) and bool(r.get("effect")))),
        )
        if r.get("effect_outcome"):
            out["effect_outcome"] = r["effect_outcome"]
        relations.append(out)
    chains = []
    for c in authoring.get("chains", []):
        missing = [x for x in c.get("relations", []) if x not in ids]
        if missing:
            raise InputError(where, f"chain names unknown relations {missing}", "use the ids of its relations")
        chains.append(
            {
                "relations": list(c["relations"]),
                "blamed": c.get("blamed"),
                "outcome": c.get("outcome"),
                "attributed_to": c.get("attributed_to"),
            }
        )
    dates = []
    for d in authoring.get("dates", []):
        w = f"{where}: date {d.get('text')!r}"
        s, e = _sentence(text, str(d["sentence"]), w)
        dates.append({"span": list(_find(text[s:e], str(d["text"]), s, w)), "value": d.get("value")})
    return {
        "schema": GOLD_SCHEMA,
        "doc": authoring["doc"],
        "sha256": _sha(text),
        "chars": len(text),
        "genre": authoring.get("genre", "news"),
        "checked": int(authoring.get("checked", 1)),
        "relations": relations,
        "chains": chains,
        "dates": dates,
    }


# -- loading ----------------------------------------------------------------------------------------------------


def _pair(v: Any) -> Offsets | None:
    return None if v is None else (int(v[0]), int(v[1]))


def load_gold(path: Path, data: Path) -> GoldArticle:
    """One stored gold file, with its text read from ``data`` and checked against the stored hash."""
    try:
        raw = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, json.JSONDecodeError) as exc:
        raise InputError(
            str(path), f"not a readable gold file ({exc})", "rebuild it with unspin relations gold build"
        ) from exc
    if raw.get("schema") != GOLD_SCHEMA:
        raise InputError(str(path), f"not a {GOLD_SCHEMA} file", "rebuild it with unspin relations gold build")
    text = read_gold_text(data, raw["doc"], str(path))
    if _sha(text) != raw["sha256"]:
        raise InputError(
            str(path), f"the text {raw['doc']} changed since it was annotated", "use the data it was made on"
        )
    rels = tuple(
        GoldRelation(
            id=r["id"],
            type=r["type"],
            sentence=_pair(r["sentence"]) or (0, 0),
            trigger=_pair(r["trigger"]) or (0, 0),
            cause=_pair(r["cause"]),
            effect=_pair(r["effect"]),
            cause_actor=r.get("cause_actor"),
            effect_actor=r.get("effect_actor"),
            voice=r["voice"],
            attributed_to=r.get("attributed_to"),
            support=r["support"],
            negated=bool(r.get("negated")),
            explicit=bool(r.get("explicit", True)),
            effect_outcome=r.get("effect_outcome"),
        )
        for r in raw.get("relations", [])
    )
    chains = tuple(
        GoldChain(tuple(c["relations"]), c.get("blamed"), c.get("outcome"), c.get("attributed_to"))
        for c in raw.get("chains", [])
    )
    dates = tuple(GoldDate(_pair(d["span"]) or (0, 0), d.get("value")) for d in raw.get("dates", []))
    return GoldArticle(
        name=path.stem,
        doc=raw["doc"],
        text=text,
        genre=raw.get("genre", "news"),
        relations=rels,
        chains=chains,
        dates=dates,
        checked=int(raw.get("checked", 1)),
    )


def load_gold_dir(folder: Path, data: Path) -> list[GoldArticle]:
    """Every ``*.json`` gold file of ``folder`` (sorted by name)."""
    if not folder.is_dir():
        raise InputError(str(folder), "no such gold folder", "pass --gold gold/real/dev (or gold/real/test)")
    files = sorted(folder.glob("*.json"))
    if not files:
        raise InputError(str(folder), "no gold files (*.json) in it", "pass --gold gold/real/dev (or gold/real/test)")
    return [load_gold(p, data) for p in files]


def render_gold(article: GoldArticle) -> str:
    """The gold file read back in words, one relation per block, for the second-pass check."""
    t = article.text

    def words(span: Sequence[int] | None) -> str:
        return "—" if span is None else repr(t[span[0] : span[1]])

    lines = [f"{article.name}  ({article.doc}, {article.genre}, checked {article.checked})"]
    for r in article.relations:
        lines.append(
            f"\n{r.id} {r.type}{' NEG' if r.negated else ''}  trigger {words(r.trigger)}"
            f"{'' if r.explicit else '  (implicit)'}\n"
            f"  cause  {words(r.cause)} → {r.cause_actor or '?'}\n"
            f"  effect {words(r.effect)} → {r.effect_actor or r.effect_outcome or '?'}\n"
            f"  {r.voice}{' of ' + r.attributed_to if r.attributed_to else ''}, {r.support}\n"
            f"  in: {t[r.sentence[0] : r.sentence[1]][:160]!r}"
        )
    for c in article.chains:
        lines.append(
            f"\nchain {' → '.join(c.relations)}: blames {c.blamed} for {c.outcome} ({c.attributed_to or 'author'})"
        )
    for d in article.dates:
        lines.append(f"\ndate {words(d.span)} = {d.value}")
    return "\n".join(lines)
