"""How well unspin's pronoun rules resolve "he" / "she" on two coreference corpora: GUM (Zeldes 2017, "The GUM
Corpus", LRE 51(3); Wikipedia biographies, academic prose, court transcripts, travel guides, interviews) and LitBank
(Bamman, Lewke and Mansoor 2020, LREC; fiction).

Each document is run through unspin's own first layers (parse, sentences, entities, quotes), and every third-person
singular pronoun the corpus marks as a mention is resolved as the relations component resolves a pronoun argument
(:func:`unspin.components.relation_nodes.person_pronoun`).  A resolution is right when one of the chosen entity's
mentions before the pronoun overlaps a mention of the pronoun's gold entity.  Definite descriptions the title rule
resolves ("the bishop" after "Bishop Juan Barros", :meth:`~unspin.components.relation_nodes.Resolver.titled_person`)
are scored the same way and listed apart; the "all" figures are the pronouns'.  The figures are precision (of the
pronouns resolved, how many rightly), coverage (of the pronouns, how many resolved), each by the rule that decided,
and for the one-person rule how often the person was named further back than
:data:`~unspin.components.relation_nodes.RECENT` characters (where it abstains) and how right that would have been.

Documents left out: every GUM document of unspin's real-article gold set (``gold/real``, so neither split is
measured here) and the four Wikinews documents kept for independent testing (crane, hackers, homeopathic, korea).
GUM's own test documents and LitBank's fold-0 test documents are not in ``../shared/data``.

Limits: a pronoun counts only when the corpus marks it as a mention; an entity the entity layer missed is never a
candidate, so in fiction (unusual names, long scenes) the one person the rules see is often not the one meant.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

from ..errors import InputError

if TYPE_CHECKING:
    from spacy.tokens import Token

__all__ = [
    "HELD_OUT_DOCS",
    "CorefDocument",
    "PronounDecision",
    "coref_documents",
    "litbank_span",
    "litbank_tokens",
    "pronoun_decisions",
    "read_coref_conllu",
    "read_litbank",
    "summarise_decisions",
]

#: Wikinews documents kept for independent testing of the whole tool: never measured on.
HELD_OUT_DOCS = frozenset({"GUM_news_crane", "GUM_news_hackers", "GUM_news_homeopathic", "GUM_news_korea"})

#: The layers the pronoun rules need.
LAYERS = ("parse.spacy.v1", "sentences.spacy.v1", "entities.spacy.v1", "quotes.rules.v1")

_PRONOUNS = frozenset({"he", "him", "his", "himself", "she", "her", "hers", "herself"})
_ENTITY = re.compile(r"\((\d+)-[^()]*(\))?|(\d+)\)")


@dataclass
class CorefDocument:
    """One document of a coreference corpus: its text and its mentions as ``(start, end, entity)``."""

    name: str
    text: str
    mentions: list[tuple[int, int, str]] = field(default_factory=list)


@dataclass(frozen=True)
class PronounDecision:
    """One pronoun the corpus marks: how the rules resolved it (``"text"`` where they abstained), whether rightly,
    and how far back (characters) the chosen entity was last named."""

    document: str
    how: str
    right: bool
    distance: int


def read_coref_conllu(path: Path) -> CorefDocument:
    """Text and coreference mentions of one CorefUD-style conllu file (GUM's ``Entity=`` notation).

    Tokens are joined by a space unless ``SpaceAfter=No``; paragraphs (``# newpar``) by a blank line."""
    if not path.is_file():
        raise InputError(str(path), "no such conllu file", "pass the folder GUM's SOURCE.md describes")
    parts: list[str] = []
    pos = 0
    open_: dict[str, list[int]] = {}
    mentions: list[tuple[int, int, str]] = []
    skip_to = 0
    span_of_word: dict[int, tuple[int, int]] = {}
    for line in path.read_text(encoding="utf-8").splitlines():
        if line.startswith("# newpar") and not line.startswith("# newpar_block") and parts:
            parts.append("\n\n")
            pos += 2
        if not line or line.startswith("#"):
            if not line:
                span_of_word.clear()
            continue
        cols = line.split("\t")
        if len(cols) < 10:
            raise InputError(str(path), "not a conllu line", "pass an unmodified GUM conllu file")
        ident, form, misc = cols[0], cols[1], cols[9]
        if "." in ident:
            continue
        if "-" in ident:  # a multi-word token: its surface form carries the text, its words the annotation
            lo, hi = (int(x) for x in ident.split("-"))
            parts.append(form)
            start, pos = pos, pos + len(form)
            for w in range(lo, hi + 1):
                span_of_word[w] = (start, pos)
            skip_to = hi
            if "SpaceAfter=No" not in misc:
                parts.append(" ")
                pos += 1
            continue
        word = int(ident)
        if word <= skip_to and word in span_of_word:
            start, end = span_of_word[word]
        else:
            skip_to = 0
            parts.append(form)
            start, end = pos, pos + len(form)
            pos = end
            if "SpaceAfter=No" not in misc:
                parts.append(" ")
                pos += 1
        for item in misc.split("|"):
            if item.startswith("Entity="):
                for m in _ENTITY.finditer(item[7:]):
                    if m.group(1) is not None:
                        if m.group(2):
                            mentions.append((start, end, m.group(1)))
                        else:
                            open_.setdefault(m.group(1), []).append(start)
                    elif open_.get(m.group(3)):
                        mentions.append((open_[m.group(3)].pop(), end, m.group(3)))
    return CorefDocument(path.stem, "".join(parts).rstrip(), sorted(mentions))


def read_litbank(folder: Path, doc_id: str) -> CorefDocument:
    """Text and coreference mentions of one LitBank document (``text/<id>.txt``, a sentence a line, tokens spaced;
    ``coref/<id>.ann``, mentions by sentence and inclusive token index, COREF lines giving their entity)."""
    text_path, ann_path = folder / "text" / f"{doc_id}.txt", folder / "coref" / f"{doc_id}.ann"
    if not text_path.is_file() or not ann_path.is_file():
        raise InputError(str(text_path), "no such LitBank document", "pass the LitBank folder its SOURCE.md describes")
    text = text_path.read_text(encoding="utf-8")
    tokens = litbank_tokens(text)
    spans: dict[str, tuple[int, int]] = {}
    entity: dict[str, str] = {}
    for row in ann_path.read_text(encoding="utf-8").splitlines():
        cols = row.split("\t")
        if cols[0] == "MENTION" and len(cols) >= 7:
            try:
                spans[cols[1]] = litbank_span(tokens, *(int(x) for x in cols[2:6]))
            except (ValueError, IndexError, TypeError) as exc:
                raise InputError(
                    str(ann_path), f"a mention outside the text ({row!r})", "pass unmodified LitBank files"
                ) from exc
        elif cols[0] == "COREF" and len(cols) >= 3:
            entity[cols[1]] = cols[2]
    mentions = sorted((s, e, entity[m]) for m, (s, e) in spans.items() if m in entity)
    return CorefDocument(doc_id, text, mentions)


def litbank_tokens(text: str) -> list[list[tuple[int, int]]]:
    """``[start, end)`` of every token of a LitBank text (a sentence a line, tokens separated by one space), by line."""
    out: list[list[tuple[int, int]]] = []
    pos = 0
    for line in text.split("\n"):
        row, at = [], pos
        for tok in line.split(" "):
            row.append((at, at + len(tok)))
            at += len(tok) + 1
        out.append(row)
        pos += len(line) + 1
    return out


def litbank_span(tokens: Sequence[Sequence[tuple[int, int]]], s1: int, t1: int, s2: int, t2: int) -> tuple[int, int]:
    """The characters from token ``t1`` of line ``s1`` to token ``t2`` of line ``s2`` (inclusive, LitBank's way)."""
    return tokens[s1][t1][0], tokens[s2][t2][1]


def _documents(folders: Sequence[Path], exclude: frozenset[str]) -> tuple[list[CorefDocument], list[CorefDocument]]:
    """(train, dev) documents of GUM's official split found in ``folders`` (each with ``conllu/`` and
    ``index.tsv``), less ``exclude`` and :data:`HELD_OUT_DOCS`."""
    train: list[CorefDocument] = []
    dev: list[CorefDocument] = []
    for folder in folders:
        index = folder / "index.tsv"
        if not index.is_file():
            raise InputError(str(index), "no GUM index here", "pass the gum_coref and gum_wikinews data folders")
        for line in index.read_text(encoding="utf-8").splitlines()[1:]:
            cols = line.split("\t")
            if len(cols) < 3 or cols[0] in exclude or cols[0] in HELD_OUT_DOCS:
                continue
            path = folder / "conllu" / f"{cols[0]}.conllu"
            if not path.is_file():
                continue
            (dev if cols[2] == "dev" else train).append(read_coref_conllu(path))
    return train, dev


def _litbank(folder: Path) -> tuple[list[CorefDocument], list[CorefDocument]]:
    """(train, dev) LitBank documents of fold 0 (its test documents are not in the data folder)."""

    def ids(split: str) -> list[str]:
        path = folder / f"fold0_{split}.ids"
        if not path.is_file():
            raise InputError(str(path), "no LitBank split list here", "pass the litbank data folder")
        return [x.strip() for x in path.read_text(encoding="utf-8").split() if x.strip()]

    def docs(split: str) -> list[CorefDocument]:
        return [read_litbank(folder, f"{x}_brat" if not x.endswith("_brat") else x) for x in ids(split)]

    return docs("train"), docs("dev")


def coref_documents(home: Path, exclude: Iterable[str] = ()) -> dict[str, list[CorefDocument]]:
    """GUM train and dev (``home/gum_coref`` and ``home/gum_wikinews``, less ``exclude`` and :data:`HELD_OUT_DOCS`)
    and LitBank fold-0 train and dev (``home/litbank``), by split name; a corpus whose folder is missing is left
    out, and none at all is an error."""
    out: dict[str, list[CorefDocument]] = {}
    folders = [home / "gum_coref", home / "gum_wikinews"]
    if any((f / "index.tsv").is_file() for f in folders):
        train, dev = _documents([f for f in folders if (f / "index.tsv").is_file()], frozenset(exclude))
        out["GUM train"], out["GUM dev"] = train, dev
    if (home / "litbank" / "fold0_train.ids").is_file():
        out["LitBank train"], out["LitBank dev"] = _litbank(home / "litbank")
    if not out:
        raise InputError(
            str(home), "no GUM or LitBank coreference data here", "pass --data with the folder holding gum_coref/"
        )
    return out


def pronoun_decisions(doc: CorefDocument, pipeline: Any, *, recent: int | None = None) -> list[PronounDecision]:
    """The rules' decision on every third-person singular pronoun ``doc`` marks as a mention; ``recent`` overrides
    :data:`~unspin.components.relation_nodes.RECENT` (how far back the one person who fits may have been named)."""
    from ..components.parse import parsed_chunks
    from ..components.relation_args import token_offsets
    from ..components.relation_nodes import RECENT, Resolver, person_pronoun
    from ..document import Document

    udoc = Document(doc.text, id=doc.name)
    for comp in pipeline.components:  # not pipeline(...): a finished document drops the parse read below
        comp(udoc)
    res = Resolver(udoc, recent=RECENT if recent is None else recent)
    entity_at = {(s, e): ent for s, e, ent in doc.mentions}
    out: list[PronounDecision] = []
    for base, sdoc in parsed_chunks(udoc):

        def named(t: Token, b: int = base) -> str | None:
            return res.at(*token_offsets(t, b))

        for tok in sdoc:
            if _description(tok):
                out += _description_decision(doc, res, base + tok.idx, tok)
            if tok.lower_ not in _PRONOUNS:
                continue
            pos = base + tok.idx
            ent = entity_at.get((pos, pos + len(tok.text)))
            if ent is None:
                continue
            who, how = person_pronoun(res, base, tok, frozenset(), named, scored=True)
            if who is None:
                out.append(PronounDecision(doc.name, "text", False, -1))
                continue
            gold = [(s, e) for s, e, x in doc.mentions if x == ent and e <= pos]
            mine = [(s, e) for s, e, x in res.mentions if x == who and e <= pos]
            right = any(min(m[1], g[1]) > max(m[0], g[0]) for m in mine for g in gold)
            out.append(PronounDecision(doc.name, how, right, pos - max((e for _, e in mine), default=pos)))
    return out


def _description(tok: Token) -> bool:
    """A definite description the relations component may resolve by title ("the bishop", "that nominee")."""
    return (
        tok.tag_ in ("NN", "NNP")
        and tok.text.islower()
        and any(c.lower_ in ("the", "this", "that") for c in tok.children)
    )


def _description_decision(doc: CorefDocument, res: Any, pos: int, tok: Token) -> list[PronounDecision]:
    """The title rule's decision on one description, when it resolves one (its abstentions are not counted: most
    descriptions never meant a person)."""
    who = res.titled_person(tok.lower_, pos)
    if who is None:
        return []
    end = pos + len(tok.text)
    inside = sorted((e - s, ent) for s, e, ent in doc.mentions if s <= pos and end <= e)
    gold = [(s, e) for s, e, x in doc.mentions if inside and x == inside[0][1] and e <= pos]
    mine = [(s, e) for s, e, x in res.mentions if x == who and e <= pos]
    right = any(min(m[1], g[1]) > max(m[0], g[0]) for m in mine for g in gold)
    return [PronounDecision(doc.name, "description (title)", right, pos - max((e for _, e in mine), default=pos))]


def summarise_decisions(decisions: Sequence[PronounDecision], *, far: int) -> dict[str, Any]:
    """Pronouns, resolved, right, precision and coverage overall and by rule; the one-person rule's decisions on a
    person named more than ``far`` characters back are counted apart (``"pronoun, named far back"``)."""
    resolved = [d for d in decisions if d.how != "text"]
    pronouns = [d for d in decisions if not d.how.startswith("description")]

    def rule(d: PronounDecision) -> str:
        return "pronoun, named far back" if d.how == "pronoun" and d.distance > far else d.how

    by: dict[str, dict[str, Any]] = {}
    for how in sorted({rule(d) for d in resolved}):
        sel = [d for d in resolved if rule(d) == how]
        right = sum(d.right for d in sel)
        by[how] = {"resolved": len(sel), "right": right, "precision": right / len(sel)}
    taken = [d for d in pronouns if d.how != "text"]
    right = sum(d.right for d in taken)
    return {
        "pronouns": len(pronouns),
        "resolved": len(taken),
        "right": right,
        "precision": right / len(taken) if taken else 0.0,
        "coverage": len(taken) / len(pronouns) if pronouns else 0.0,
        "by_rule": by,
    }
