"""The Causal News Corpus (CNC V2, CASE 2023 shared task 3): loaders and the two subtasks' scorers.

Source: F. A. Tan et al., "The Causal News Corpus: Annotating Causal Relations in Event Sentences from News",
LREC 2022; "Event Causality Identification with Causal News Corpus -- Shared Task 3, CASE 2022"; and
"RECESS: Resource for Extracting Cause, Effect, and Signal Spans", IJCNLP-AACL 2023 (= CNC V2).  Data:
``../shared/data/cnc`` (CC0; see its SOURCE.md).  The scorers re-implement the definitions of the organisers'
scripts (``evaluation/subtask1`` and ``evaluation/subtask2`` of github.com/tanfiona/CausalNewsCorpus); no code was
copied.

Data
----
``V2/{train,dev}_subtask1.csv``: ``index,text,label`` (1 = causal).  ``V2/{train,dev}_subtask2_grouped.csv``: one
row per sentence; ``causal_text_w_pairs`` is a Python list literal of the sentence with one relation marked each,
``<ARG0>`` cause ``</ARG0>``, ``<ARG1>`` effect ``</ARG1>``, ``<SIG0>`` signal ``</SIG0>`` (``<SIG1>`` … for
further signals), empty for a non-causal sentence.  Files start with a UTF-8 byte-order mark; texts are tokenised
(words separated by single spaces, punctuation split off) and the markup sits inside the words, so removing the
tags gives the ``text`` column back exactly.  :func:`parse_marked` turns a marked string into character spans on
that text; :func:`mark` does the reverse for predictions (whole words, as a submission would).

Subtask 1 (:func:`score_subtask1`)
---------------------------------
Binary classification of sentences, scored on the causal class: ``P = tp/(tp+fp)``, ``R = tp/(tp+fn)``,
``F1 = 2PR/(P+R)`` (the official metric), accuracy, and Matthews' correlation coefficient
``(tp·tn − fp·fn) / sqrt((tp+fp)(tp+fn)(tn+fp)(tn+fn))``; a zero denominator gives 0 (scikit-learn's convention,
which the official script uses).

Subtask 2 (:func:`score_subtask2`)
---------------------------------
Cause, effect and signal spans, scored as seqeval (CoNLL) chunks on words:

1. **Only sentences causal in the gold** are scored; predictions for the others are ignored.
2. A sentence with ``k`` gold relations keeps only the **first** ``k`` predicted relations; missing ones are
   padded with the unmarked sentence (a relation with no spans).
3. Each relation string is cut at single spaces into words and tagged twice (:func:`word_tags`): once with
   ``B-C``/``I-C``/``B-E``/``I-E``/``O`` (cause and effect) and once with ``B-S``/``I-S``/``O`` (signals), so a
   signal may lie inside a cause or effect.  A word holding an opening tag starts a chunk, the words after it
   continue it up to the word holding the closing tag.
4. Chunks are read from the tags with the CoNLL rules (seqeval's default mode, :func:`chunks`): a chunk starts at
   ``B-X``, or at ``I-X`` after ``O`` or after another type, and ends before the next ``B``, ``O`` or change of
   type.  A predicted chunk counts only when its type, first and last word equal a gold chunk's: a partly
   overlapping span is one false positive and one false negative.
5. For a sentence with several gold relations, the predicted relations are paired with the gold ones by the
   permutation that maximises the sentence's F1 (the first such permutation in ``itertools.permutations`` order).
6. Per role (``Cause``, ``Effect``, ``Signal``): ``P = tp/predicted``, ``R = tp/gold``, ``F1 = 2PR/(P+R)``, counted
   over all scored relations; 0 where a denominator is 0.  The overall figure the organisers print is the
   **support-weighted mean** over the three roles of each of P, R and F1 (weights = gold chunks per role;
   :attr:`Subtask2Result.overall`); the seqeval micro average over all chunks is :attr:`Subtask2Result.micro`.

Where this differs from the organisers' scripts
-----------------------------------------------
* The word tagger follows the organisers' ``get_BIO``/``get_BIO_sig`` including a quirk: a cause or effect of a
  single word (``<ARG0>strikes</ARG0>``) is read as opening a chunk whose closing tag is never seen, so the chunk
  runs on until the next word holding an ``ARG`` tag (or the end of the sentence).  Gold and predictions are read
  the same way, so the quirk is kept (8 such spans in V2 dev, 70 in train).
* The 2022 script computes the multi-relation sentences' scores separately and merges them with weighted means
  (``combine_dicts``), and its permutation search accumulates every permutation into one metric; the 2023 script
  (V2, ``_evaluate.py``) counts the best permutation's chunks into the overall counts, which is what is done here.
  The 2023 script delegates counting to the ``hpi-dhc/FairEval`` package; here the counts are the plain
  seqeval (traditional) ones.
* Predicted relations must mark the same words as the gold sentence (same text after removing tags); otherwise
  :class:`~unspin.errors.ConfigError` (the official script would fail inside seqeval on a length mismatch).
"""

from __future__ import annotations

import ast
import csv
import itertools
import math
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Literal

from unspin.data_home import corpus_path
from unspin.errors import ConfigError

__all__ = [
    "ROLES",
    "ROLE_NAMES",
    "CausalSpan",
    "CncSentence",
    "Role",
    "RolePRF",
    "Subtask1Result",
    "Subtask2Result",
    "chunks",
    "load_split",
    "mark",
    "parse_marked",
    "read_subtask1",
    "read_subtask2_grouped",
    "score_subtask1",
    "score_subtask2",
    "split_paths",
    "word_tags",
    "words_of",
]

Role = Literal["cause", "effect", "signal"]
ROLES: tuple[Role, ...] = ("cause", "effect", "signal")
ROLE_NAMES: dict[str, str] = {"cause": "Cause", "effect": "Effect", "signal": "Signal"}
"""The scorer's names of the roles (its ``C``, ``E``, ``S`` chunk types)."""
_TYPE_ROLE = {"C": "cause", "E": "effect", "S": "signal"}
_TAG = re.compile(r"</?(ARG0|ARG1|SIG\d+)>")
_ANY_TAG = re.compile(r"</?[A-Z]+\d*>")
_SPLITS = ("train", "dev")


@dataclass(frozen=True)
class CausalSpan:
    """One argument of a causal relation on ``text[start:end]`` (character offsets, end exclusive)."""

    role: Role
    start: int
    end: int


@dataclass(frozen=True)
class CncSentence:
    """One CNC sentence: its subtask-1 label (None where unknown) and its relations' spans and markup."""

    index: str
    text: str
    label: bool | None
    relations: tuple[tuple[CausalSpan, ...], ...] = ()
    marked: tuple[str, ...] = ()


@dataclass(frozen=True)
class Subtask1Result:
    """Scores of the causal class; ``n`` sentences, ``n_causal`` of them causal in the gold."""

    precision: float
    recall: float
    f1: float
    accuracy: float
    mcc: float
    n: int
    n_causal: int


@dataclass(frozen=True)
class RolePRF:
    """Chunk precision, recall and F1: ``tp`` correct of ``n_pred`` predicted and ``n_gold`` gold chunks."""

    precision: float
    recall: float
    f1: float
    tp: int
    n_pred: int
    n_gold: int


@dataclass(frozen=True)
class Subtask2Result:
    """``overall``: support-weighted mean over the roles (the organisers' headline figure); ``micro``: over all
    chunks; ``per_role`` keyed ``Cause``/``Effect``/``Signal``; ``sentences`` and ``relations`` scored."""

    overall: RolePRF
    micro: RolePRF
    per_role: dict[str, RolePRF]
    sentences: int
    relations: int


# ------------------------------------------------------------------------------------------------ loading


def split_paths(split: str, root: Path | None = None) -> tuple[Path, Path]:
    """``(subtask1 CSV, subtask2 grouped CSV)`` of ``train`` or ``dev`` under ``root`` (a CNC ``V2`` folder;
    default: the data home's ``cnc/V2``)."""
    root = corpus_path("cnc", "V2") if root is None else root
    if split not in _SPLITS:
        raise ConfigError(f"unknown split {split!r}", "use train or dev (the test gold is not released)")
    paths = (root / f"{split}_subtask1.csv", root / f"{split}_subtask2_grouped.csv")
    for p in paths:
        if not p.is_file():
            raise ConfigError(
                f"{p}: no such file", "pass --data DIR (a CNC V2 folder), or set UNSPIN_DATA to a folder holding cnc/V2"
            )
    return paths


def _rows(path: Path) -> list[dict[str, str]]:
    try:
        with path.open(encoding="utf-8-sig", newline="") as fh:
            rows = list(csv.DictReader(fh))
    except OSError as exc:
        raise ConfigError(f"{path}: cannot read ({exc.strerror})", "check the path") from None
    except UnicodeDecodeError as exc:
        raise ConfigError(f"{path}: not UTF-8 (byte {exc.start})", "CNC files are UTF-8 CSV") from None
    return rows


def _need(path: Path, rows: list[dict[str, str]], columns: Iterable[str]) -> None:
    if not rows:
        raise ConfigError(f"{path}: no rows", "give a CNC CSV with a header line")
    missing = [c for c in columns if c not in rows[0]]
    if missing:
        raise ConfigError(f"{path}: no column {', '.join(missing)}", "give a CNC V2 CSV")


def read_subtask1(path: Path) -> list[CncSentence]:
    """Sentences of a subtask-1 CSV (``index,text[,label]``); a missing ``label`` column gives ``label=None``."""
    rows = _rows(path)
    _need(path, rows, ("index", "text"))
    out: list[CncSentence] = []
    for n, row in enumerate(rows, 2):
        raw = row.get("label")
        label: bool | None = None
        if raw is not None:
            if raw.strip() not in ("0", "1"):
                raise ConfigError(f"{path}:{n}: label {raw!r} is not 0 or 1", "fix that line")
            label = raw.strip() == "1"
        out.append(CncSentence(row["index"], row["text"], label))
    return out


def parse_marked(marked: str) -> tuple[str, tuple[CausalSpan, ...]]:
    """``(plain text, spans)`` of one marked relation: the tags removed, each ``<ARG0>…</ARG0>`` a cause,
    ``<ARG1>…</ARG1>`` an effect and ``<SIGn>…</SIGn>`` a signal, as character offsets into the plain text.

    Raises :class:`ConfigError` for an unclosed or unopened tag.
    """
    plain: list[str] = []
    pos = 0
    length = 0
    open_at: dict[str, int] = {}
    spans: list[CausalSpan] = []
    for m in _TAG.finditer(marked):
        piece = marked[pos : m.start()]
        plain.append(piece)
        length += len(piece)
        pos = m.end()
        name = m.group(1)
        if m.group(0).startswith("</"):
            if name not in open_at:
                raise ConfigError(f"closing tag {m.group(0)} without an opening one in {marked[:60]!r}…", None)
            start = open_at.pop(name)
            role: Role = "cause" if name == "ARG0" else "effect" if name == "ARG1" else "signal"
            if length > start:
                spans.append(CausalSpan(role, start, length))
        else:
            if name in open_at:
                raise ConfigError(f"tag <{name}> opened twice in {marked[:60]!r}…", None)
            open_at[name] = length
    if open_at:
        raise ConfigError(f"unclosed tag <{next(iter(open_at))}> in {marked[:60]!r}…", None)
    plain.append(marked[pos:])
    order = {r: k for k, r in enumerate(ROLES)}
    return "".join(plain), tuple(sorted(spans, key=lambda s: (s.start, order[s.role], s.end)))


def read_subtask2_grouped(path: Path) -> list[CncSentence]:
    """Sentences of a grouped subtask-2 CSV with their relations (``label`` = has a relation)."""
    rows = _rows(path)
    _need(path, rows, ("index", "text", "causal_text_w_pairs"))
    out: list[CncSentence] = []
    for n, row in enumerate(rows, 2):
        try:
            marked = ast.literal_eval(row["causal_text_w_pairs"] or "[]")
        except (ValueError, SyntaxError):
            raise ConfigError(
                f"{path}:{n}: causal_text_w_pairs is not a Python list literal", "fix that line"
            ) from None
        if not isinstance(marked, list) or not all(isinstance(m, str) for m in marked):
            raise ConfigError(f"{path}:{n}: causal_text_w_pairs is not a list of strings", "fix that line")
        relations = []
        for m in marked:
            try:
                plain, spans = parse_marked(m)
            except ConfigError as exc:
                raise ConfigError(f"{path}:{n}: {exc.message}", "fix that line") from None
            if plain != row["text"]:
                raise ConfigError(f"{path}:{n}: a marked relation does not match the text", "fix that line")
            relations.append(spans)
        if row.get("num_rs") not in (None, "") and int(row["num_rs"]) != len(marked):
            raise ConfigError(f"{path}:{n}: num_rs {row['num_rs']} but {len(marked)} relations", "fix that line")
        out.append(CncSentence(row["index"], row["text"], bool(marked), tuple(relations), tuple(marked)))
    return out


def load_split(split: str, root: Path | None = None) -> list[CncSentence]:
    """``train`` or ``dev``: the subtask-1 labels joined with the grouped subtask-2 relations (same rows, same
    order in the release; checked)."""
    p1, p2 = split_paths(split, root)
    s1, s2 = read_subtask1(p1), read_subtask2_grouped(p2)
    if len(s1) != len(s2):
        raise ConfigError(f"{p1} has {len(s1)} rows but {p2} has {len(s2)}", "use the files of one CNC release")
    out: list[CncSentence] = []
    for n, (a, b) in enumerate(zip(s1, s2, strict=True), 2):
        if a.text != b.text:
            raise ConfigError(f"{p2}:{n}: text differs from {p1}:{n}", "use the files of one CNC release")
        if a.label is not None and b.relations and not a.label:
            raise ConfigError(f"{p2}:{n}: relations on a sentence labelled non-causal in {p1}", None)
        out.append(CncSentence(a.index, a.text, a.label, b.relations, b.marked))
    return out


# ------------------------------------------------------------------------------------------------ markup


def words_of(text: str) -> list[tuple[int, int]]:
    """``[start, end)`` of the words of ``text`` cut at single spaces, as the scorer cuts them (an empty string
    between two spaces is a word too)."""
    out: list[tuple[int, int]] = []
    start = 0
    for piece in text.split(" "):
        out.append((start, start + len(piece)))
        start += len(piece) + 1
    return out


def mark(text: str, spans: Iterable[CausalSpan]) -> str:
    """``text`` with one relation's spans marked on whole words (``<ARG0>``, ``<ARG1>``, ``<SIG0>``, ``<SIG1>``…).

    A span covers every word it shares a character with.  Only the first cause and the first effect are marked
    (the scorer reads one of each per relation); a word already in a cause or effect is not given to the other
    argument.  Signals are marked in order and may lie inside a cause or effect; a signal word already in an
    earlier signal is skipped.
    """
    words = words_of(text)
    opening: list[list[str]] = [[] for _ in words]
    closing: list[list[str]] = [[] for _ in words]
    arg_taken = [False] * len(words)
    sig_taken = [False] * len(words)
    done: set[str] = set()
    n_sig = 0

    def covered(span: CausalSpan) -> list[int]:
        return [k for k, (a, b) in enumerate(words) if (a < span.end and span.start < b) or (a == b == span.start)]

    order = {r: k for k, r in enumerate(ROLES)}
    for span in sorted(spans, key=lambda s: (order[s.role], s.start, s.end)):
        ks = covered(span)
        if span.role in ("cause", "effect"):
            if span.role in done:
                continue
            ks = [k for k in ks if not arg_taken[k]]
            if not ks:
                continue
            ks = list(range(ks[0], next((k for k in range(ks[0], ks[-1] + 1) if arg_taken[k]), ks[-1] + 1)))
            tag = "ARG0" if span.role == "cause" else "ARG1"
            done.add(span.role)
            for k in ks:
                arg_taken[k] = True
        else:
            ks = [k for k in ks if not sig_taken[k]]
            if not ks:
                continue
            ks = list(range(ks[0], next((k for k in range(ks[0], ks[-1] + 1) if sig_taken[k]), ks[-1] + 1)))
            tag = f"SIG{n_sig}"
            n_sig += 1
            for k in ks:
                sig_taken[k] = True
        opening[ks[0]].append(f"<{tag}>")
        closing[ks[-1]].insert(0, f"</{tag}>")
    parts = []
    for k, (a, b) in enumerate(words):
        # cause/effect tags outside signal tags, as in the corpus: <ARG1><SIG0>word</SIG0></ARG1>
        opens = sorted(opening[k], key=lambda t: not t.startswith("<ARG"))
        closes = sorted(closing[k], key=lambda t: t.startswith("</ARG"))
        parts.append("".join(opens) + text[a:b] + "".join(closes))
    return " ".join(parts)


def word_tags(marked: str) -> tuple[list[str], list[str], list[str]]:
    """``(words, cause/effect tags, signal tags)`` of one marked relation, read as the organisers' scorer reads
    it (see the module docstring, including the single-word quirk)."""
    words: list[str] = []
    ce: list[str] = []
    sig: list[str] = []
    ce_tag = ce_next = "O"
    s_tag = s_next = "O"
    for tok in marked.split(" "):
        if "<ARG0>" in tok:
            ce_tag, ce_next = "B-C", "I-C"
        elif "</ARG0>" in tok:
            ce_tag, ce_next = "I-C", "O"
        elif "<ARG1>" in tok:
            ce_tag, ce_next = "B-E", "I-E"
        elif "</ARG1>" in tok:
            ce_tag, ce_next = "I-E", "O"
        if re.search(r"<SIG[A-Z0-9]*>", tok):
            s_tag, s_next = "B-S", "I-S"
            if re.search(r"</SIG[A-Z0-9]*>", tok):
                s_next = "O"
        elif re.search(r"</SIG[A-Z0-9]*>", tok):
            s_tag, s_next = "I-S", "O"
        words.append(_ANY_TAG.sub("", tok))
        ce.append(ce_tag)
        sig.append(s_tag)
        ce_tag, s_tag = ce_next, s_next
    return words, ce, sig


def chunks(tags: Sequence[str]) -> set[tuple[str, int, int]]:
    """``(type, first, last)`` word indices of the chunks of a BIO sequence, by the CoNLL rules (seqeval's default
    mode): a chunk starts at ``B-X`` or at ``I-X`` after ``O`` or another type, and ends before ``O``, ``B`` or a
    change of type."""
    out: set[tuple[str, int, int]] = set()
    kind: str | None = None
    start = 0
    for i, tag in enumerate([*tags, "O"]):
        prefix, _, typ = tag.partition("-")
        if prefix not in ("B", "I", "O"):
            raise ConfigError(f"tag {tag!r} is not B-X, I-X or O", None)
        if kind is not None and (prefix in ("B", "O") or typ != kind):
            out.add((kind, start, i - 1))
            kind = None
        if prefix != "O" and kind is None:
            kind, start = typ, i
    return out


# ------------------------------------------------------------------------------------------------ scores


def _ratio(a: float, b: float) -> float:
    return a / b if b else 0.0


def _f1(p: float, r: float) -> float:
    return 2 * p * r / (p + r) if p + r else 0.0


def score_subtask1(gold: Sequence[bool], pred: Sequence[bool]) -> Subtask1Result:
    """P, R, F1 of the causal class, accuracy and MCC (see the module docstring)."""
    if len(gold) != len(pred):
        raise ConfigError(f"{len(pred)} predictions for {len(gold)} sentences", "predict one label per sentence")
    tp = sum(1 for g, p in zip(gold, pred, strict=True) if g and p)
    fp = sum(1 for g, p in zip(gold, pred, strict=True) if not g and p)
    fn = sum(1 for g, p in zip(gold, pred, strict=True) if g and not p)
    tn = len(gold) - tp - fp - fn
    precision, recall = _ratio(tp, tp + fp), _ratio(tp, tp + fn)
    denom = math.sqrt((tp + fp) * (tp + fn) * (tn + fp) * (tn + fn))
    return Subtask1Result(
        precision,
        recall,
        _f1(precision, recall),
        _ratio(tp + tn, len(gold)),
        _ratio(tp * tn - fp * fn, denom),
        len(gold),
        tp + fn,
    )


def _relation_chunks(marked: str) -> tuple[list[str], set[tuple[str, int, int]]]:
    words, ce, sig = word_tags(marked)
    return words, chunks(ce) | chunks(sig)


def _counts(gold: set[tuple[str, int, int]], pred: set[tuple[str, int, int]]) -> dict[str, list[int]]:
    """Per chunk type: [tp, predicted, gold]."""
    out = {t: [0, 0, 0] for t in _TYPE_ROLE}
    for c in pred:
        out[c[0]][1] += 1
    for c in gold:
        out[c[0]][2] += 1
    for c in gold & pred:
        out[c[0]][0] += 1
    return out


def score_subtask2(gold: Sequence[Sequence[str]], pred: Sequence[Sequence[str]]) -> Subtask2Result:
    """Score predicted relations against the gold ones, sentence by sentence (see the module docstring).

    ``gold[i]`` and ``pred[i]`` are the marked relations of sentence ``i`` (``causal_text_w_pairs``; an empty gold
    list means non-causal, not scored).  Predicted relations are marked strings as well (:func:`mark`).
    """
    if len(gold) != len(pred):
        raise ConfigError(f"{len(pred)} predictions for {len(gold)} sentences", "predict for every sentence")
    totals = {t: [0, 0, 0] for t in _TYPE_ROLE}
    sentences = relations = 0
    for i, (g_rel, p_rel) in enumerate(zip(gold, pred, strict=True)):
        if not g_rel:
            continue
        sentences += 1
        relations += len(g_rel)
        g = [_relation_chunks(m) for m in g_rel]
        words = g[0][0]
        plain = " ".join(words)
        kept = list(p_rel[: len(g_rel)]) + [plain] * (len(g_rel) - len(p_rel))
        p = [_relation_chunks(m) for m in kept]
        for w, _ in p:
            if w != words:
                raise ConfigError(f"sentence {i + 1}: a predicted relation marks another text than the gold", None)
        best: dict[str, list[int]] | None = None
        best_f1 = -1.0
        for perm in itertools.permutations(range(len(g))):
            counts = {t: [0, 0, 0] for t in _TYPE_ROLE}
            for a, b in enumerate(perm):
                for t, (tp, n_p, n_g) in _counts(g[a][1], p[b][1]).items():
                    counts[t][0] += tp
                    counts[t][1] += n_p
                    counts[t][2] += n_g
            tp = sum(c[0] for c in counts.values())
            f1 = _f1(_ratio(tp, sum(c[1] for c in counts.values())), _ratio(tp, sum(c[2] for c in counts.values())))
            if f1 > best_f1:
                best, best_f1 = counts, f1
        assert best is not None
        for t, c in best.items():
            for k in range(3):
                totals[t][k] += c[k]
    per_role: dict[str, RolePRF] = {}
    for t, (tp, n_p, n_g) in totals.items():
        precision, recall = _ratio(tp, n_p), _ratio(tp, n_g)
        per_role[ROLE_NAMES[_TYPE_ROLE[t]]] = RolePRF(precision, recall, _f1(precision, recall), tp, n_p, n_g)
    tp, n_p, n_g = (sum(c[k] for c in totals.values()) for k in range(3))
    micro_p, micro_r = _ratio(tp, n_p), _ratio(tp, n_g)
    micro = RolePRF(micro_p, micro_r, _f1(micro_p, micro_r), tp, n_p, n_g)
    weight = sum(r.n_gold for r in per_role.values())
    overall = RolePRF(
        _ratio(sum(r.precision * r.n_gold for r in per_role.values()), weight),
        _ratio(sum(r.recall * r.n_gold for r in per_role.values()), weight),
        _ratio(sum(r.f1 * r.n_gold for r in per_role.values()), weight),
        tp,
        n_p,
        n_g,
    )
    return Subtask2Result(overall, micro, per_role, sentences, relations)
