"""The Propaganda Techniques Corpus (PTC) of SemEval-2020 Task 11: loaders and the task's scorers.

Source: G. Da San Martino, A. Barrón-Cedeño, H. Wachsmuth, R. Petrov and P. Nakov, "SemEval-2020 Task 11:
Detection of Propaganda Techniques in News Articles", SemEval 2020; the corpus is described in Da San Martino
et al., "Fine-Grained Analysis of Propaganda in News Articles", EMNLP 2019.  The scorers re-implement the
definitions of the organizers' scorers (``tools/task-SI_scorer.py`` and ``tools/task-TC_scorer.py`` of the
competition release); no code was copied.  The full task (spans with techniques, the "FLC" task of the NLP4IF-2019
shared task, not scored at SemEval-2020) uses the technique-aware mode of the same span-scoring code.

Data
----
``articles/articleNNN.txt`` is UTF-8 text; offsets are Python ``str`` indices into the text decoded as UTF-8
with a byte-order mark kept as character 0 and no newline translation (:func:`read_article`).
``labels/articleNNN.labels`` is TSV ``article_id<TAB>technique<TAB>start<TAB>end``, start inclusive, end
exclusive, one row per annotation; the same span can occur on several rows (several techniques).  An empty file
means the article has no annotation.

Scores
------
All span scores are micro-averaged over a split.  Spans are half-open character intervals; ``|s ∩ t|`` is the
number of characters two spans share.  Two spans *overlap* when they share at least one character (``[0, 5)``
and ``[5, 9)`` touch but do not overlap).

SI (span identification, :func:`si_scores`), per article, technique ignored:

1. overlapping spans are merged, gold and predicted separately;
2. ``P = Σ_s Σ_t |s ∩ t| / |s|`` over predicted spans ``s`` and gold spans ``t`` of the same article, divided by
   the number of (merged) predicted spans;
3. ``R = Σ_t Σ_s |s ∩ t| / |t|`` divided by the number of (merged) gold spans;
4. ``F1 = 2PR / (P + R)``.

No predicted span gives ``P = 0``, no gold span ``R = 0``, and ``F1 = 0`` when ``P`` or ``R`` is 0, except that
with neither predicted nor gold spans the official scorer returns ``P = R = 0`` and ``F1 = 1`` (nothing to find,
nothing found); this module does the same (see :func:`_prf`).

Full task (span and technique, :func:`full_scores`, :func:`per_technique`): the same formula, but ``|s ∩ t|``
counts only for pairs with the same technique, and overlapping spans are merged only within one technique (the
organizers' ``check_annotation_spans_with_category_matching``).  Per technique ``c`` the sums and counts are
restricted to spans labelled ``c``.

TC (technique classification on the gold spans, :func:`tc_scores`): one predicted technique per gold row.  Rows
with the same ``(article, start, end)`` are matched so that agreement is maximal, i.e. the number correct on a
span is the size of the multiset intersection of gold and predicted techniques there.  Micro P = R = F1 =
accuracy = correct / rows.  Per technique ``c``: ``P = correct_c / predicted_c``, ``R = correct_c / gold_c``,
``F1 = 2·correct_c / (predicted_c + gold_c)``, each 0 when its denominator is 0 (scikit-learn's convention, as in
the official TC scorer).

Where this differs from the organizers' scripts
-----------------------------------------------
* SI: the official scorer merges gold spans always but *rejects* a submission with overlapping predicted spans
  unless run with ``-m`` (merge); :func:`si_scores` always merges, i.e. it behaves as the official scorer with
  ``-m``.  The full task is treated the same way, merging within one technique
  (``check_annotation_spans_with_category_matching``, shipped with the SI scorer).  The organizers' later span
  scorer (SemEval-2021 Task 6, ``compute_span_score``) merges nothing; on PTC gold this matters only for train,
  where a few same-technique spans overlap.
* Full task, per technique: the organizers' span scorers (``compute_score_pr``, ``compute_span_score``) use the
  *precision* numerator ``Σ |s ∩ t| / |s|`` also as the per-technique recall numerator (a slip: the recall
  numerator ``Σ |s ∩ t| / |t|`` is computed for the overall score but not used per technique).  Here
  per-technique recall uses the recall numerator, as its definition says.  The overall scores are unaffected.
* TC: the official scorer sorts rows by start offset and aligns the rows of one span greedily, which needs the
  submission to list spans in the gold order; here the matching is per ``(article, start, end)`` whatever the
  order, which gives the same counts whenever the official scorer accepts the submission.
* Predictions for articles that are not keys of the gold mapping raise :class:`~unspin.errors.ConfigError`
  (the official scorers report them as errors too).  Gold articles without predictions count as predicting
  nothing (SI, full task).
"""

from __future__ import annotations

import re
from collections import Counter, defaultdict
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TypeVar

from unspin.data_home import corpus_path
from unspin.errors import ConfigError, UnspinError
from unspin.files import write_atomic
from unspin.ingest.decode import DEFAULT_MAX_BYTES

__all__ = [
    "MAX_ARTICLE_BYTES",
    "PRF",
    "TECHNIQUES",
    "Label",
    "TCResult",
    "full_scores",
    "load_articles",
    "load_labels",
    "per_technique",
    "read_article",
    "read_labels",
    "si_scores",
    "split_paths",
    "tc_scores",
    "write_labels",
]

TECHNIQUES: tuple[str, ...] = (
    "Appeal_to_Authority",
    "Appeal_to_fear-prejudice",
    "Bandwagon,Reductio_ad_hitlerum",
    "Black-and-White_Fallacy",
    "Causal_Oversimplification",
    "Doubt",
    "Exaggeration,Minimisation",
    "Flag-Waving",
    "Loaded_Language",
    "Name_Calling,Labeling",
    "Repetition",
    "Slogans",
    "Thought-terminating_Cliches",
    "Whataboutism,Straw_Men,Red_Herring",
)
"""The 14 technique classes of SemEval-2020 Task 11, spelled as in the corpus (techniques-semeval2020task11.txt)."""

_KNOWN = frozenset(TECHNIQUES)
_ARTICLE_FILE = re.compile(r"article(\d+)\.txt")
_LABELS_FILE = re.compile(r"article(\d+)\.labels")
_DIGITS = re.compile(r"[0-9]+")
_SPLITS = ("train", "dev")
_T = TypeVar("_T")
_SHOW = 5  # how many offending items an error message names
MAX_ARTICLE_BYTES = DEFAULT_MAX_BYTES  # the limit of `unspin analyze`; PTC articles are under 50 kB


@dataclass(frozen=True)
class Label:
    """One annotation: a technique on ``article``'s characters ``[start, end)`` (start inclusive, end exclusive).

    For span identification the technique is ignored (any string will do).
    """

    article: str
    technique: str
    start: int
    end: int


@dataclass(frozen=True)
class PRF:
    """Precision, recall and F1 of a span score.

    ``n_pred`` and ``n_gold`` are the denominators of precision and recall: the numbers of predicted and gold
    spans after merging overlapping spans (TC: rows predicted / gold with the technique).
    """

    precision: float
    recall: float
    f1: float
    n_pred: int
    n_gold: int


@dataclass(frozen=True)
class TCResult:
    """Technique classification on gold spans.

    ``accuracy`` = ``correct / n`` over the ``n`` gold rows; it is also the micro precision, recall and F1.
    ``per_technique`` maps each of :data:`TECHNIQUES` to its P/R/F1 with ``n_pred`` / ``n_gold`` the rows
    predicted / annotated with it, and ``correct_by_technique`` to the rows where gold and prediction both say it.
    """

    accuracy: float
    n: int
    correct: int
    per_technique: dict[str, PRF]
    correct_by_technique: dict[str, int]

    @property
    def precision(self) -> float:
        """Micro precision (= accuracy: every row has exactly one prediction)."""
        return self.accuracy

    @property
    def recall(self) -> float:
        """Micro recall (= accuracy)."""
        return self.accuracy

    @property
    def f1(self) -> float:
        """Micro F1 (= accuracy)."""
        return self.accuracy


# ------------------------------------------------------------------------------------------------ loaders


def split_paths(split: str, root: Path | None = None) -> tuple[Path, Path]:
    """The articles folder and the TC labels folder (``labels/``) of ``split`` ("train" or "dev") under ``root``
    (default: the data home's ``ptc``)."""
    root = corpus_path("ptc") if root is None else root
    if split not in _SPLITS:
        extra = " (the test split has no public gold labels)" if split == "test" else ""
        raise ConfigError(
            f"unknown PTC split {split!r}{extra}",
            f"use one of: {', '.join(_SPLITS)}",
        )
    return root / split / "articles", root / split / "labels"


def read_article(path: Path) -> str:
    """The exact text of one article: its bytes decoded as UTF-8, byte-order mark kept, newlines untouched."""
    try:
        size = path.stat().st_size
        if size > MAX_ARTICLE_BYTES:
            raise ConfigError(
                f"{path}: {size / 1e6:.1f} MB, over the {MAX_ARTICLE_BYTES / 1e6:.0f} MB limit for one article",
                "split it into one file per article",
            )
        data = path.read_bytes()
    except OSError as exc:
        raise ConfigError(f"{path}: cannot read article ({exc.strerror})", "check the file's permissions") from None
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError as exc:
        raise ConfigError(
            f"{path}: not UTF-8 (byte {exc.start})", "PTC articles are UTF-8 text: re-save the file as UTF-8"
        ) from None


def _listing(folder: Path, pattern: re.Pattern[str], what: str) -> list[tuple[str, Path]]:
    if not folder.is_dir():
        raise ConfigError(
            f"{folder}: no such folder",
            f"expected a PTC {what} folder: pass --data DIR (the PTC folder) or set UNSPIN_DATA",
        )
    found = sorted((m.group(1), p) for p in folder.iterdir() if (m := pattern.fullmatch(p.name)) and p.is_file())
    if not found:
        raise ConfigError(f"{folder}: no {what} files (article<ID>.{what}) found", "check the PTC data folder")
    return found


def _each(
    found: Iterable[tuple[str, Path]], read: Callable[[str, Path], _T], skip: Callable[[UnspinError], None] | None
) -> dict[str, _T]:
    out: dict[str, _T] = {}
    for article, path in found:
        try:
            out[article] = read(article, path)
        except UnspinError as exc:
            if skip is None:
                raise
            skip(exc)
    return out


def load_articles(folder: Path, skip: Callable[[UnspinError], None] | None = None) -> dict[str, str]:
    """All ``article<ID>.txt`` files of ``folder``: article id (the digits after "article") -> exact text.

    A file that cannot be read raises its error; with ``skip`` it is left out and its error passed to ``skip``
    instead, so that a folder run carries on with the other articles.
    """
    return _each(_listing(folder, _ARTICLE_FILE, "txt"), lambda _, path: read_article(path), skip)


def read_labels(path: Path) -> list[Label]:
    """The rows of one TC-format labels file, in file order.

    Each non-blank line must be ``article_id<TAB>technique<TAB>start<TAB>end``: a numeric id, one of
    :data:`TECHNIQUES`, and integers with ``0 <= start < end``.  Anything else raises
    :class:`~unspin.errors.ConfigError` naming ``file:line``.
    """
    try:
        text = path.read_bytes().decode("utf-8")
    except OSError as exc:
        raise ConfigError(f"{path}: cannot read labels ({exc.strerror})", "check the PTC data folder") from None
    except UnicodeDecodeError as exc:
        raise ConfigError(f"{path}: not UTF-8 (byte {exc.start})", "labels files are UTF-8 TSV") from None
    labels: list[Label] = []
    for lineno, line in enumerate(text.split("\n"), 1):
        line = line.rstrip("\r")
        if not line.strip():
            continue
        where = f"{path}:{lineno}"
        fields = line.split("\t")
        if len(fields) != 4:
            hint = "span-only (SI) labels have 3 fields; read labels/, not labels-si/" if len(fields) == 3 else None
            raise ConfigError(
                f"{where}: expected 4 TAB-separated fields (article id, technique, start, end), found {len(fields)}",
                hint or "use the TC labels format: id<TAB>technique<TAB>start<TAB>end",
            )
        article, technique, start_s, end_s = fields
        if not _DIGITS.fullmatch(article):
            raise ConfigError(f"{where}: article id {article!r} is not a number", "ids are the digits of articleNNN")
        if technique not in _KNOWN:
            raise ConfigError(
                f"{where}: unknown technique {technique!r}",
                f"use one of the 14 SemEval-2020 Task 11 names: {', '.join(TECHNIQUES)}",
            )
        for name, value in (("start", start_s), ("end", end_s)):
            if not _DIGITS.fullmatch(value):
                raise ConfigError(f"{where}: {name} {value!r} is not a non-negative integer", "offsets are integers")
        start, end = int(start_s), int(end_s)
        if start >= end:
            raise ConfigError(f"{where}: start {start} is not before end {end}", "spans are [start, end), non-empty")
        labels.append(Label(article, technique, start, end))
    return labels


def _own_labels(article: str, path: Path) -> list[Label]:
    labels = read_labels(path)
    for label in labels:
        if label.article != article:
            raise ConfigError(
                f"{path}: a row names article {label.article}, the file is article {article}",
                "each labels file holds the rows of its own article",
            )
    return labels


def load_labels(folder: Path, skip: Callable[[UnspinError], None] | None = None) -> dict[str, list[Label]]:
    """All ``article<ID>.labels`` files of ``folder``: article id -> its labels (an empty file: no labels).

    Every row's article id must be the one in its file name.  A bad file raises its error; with ``skip`` it is
    left out and its error passed to ``skip``.
    """
    return _each(_listing(folder, _LABELS_FILE, "labels"), _own_labels, skip)


def write_labels(folder: Path, labels_by_article: Mapping[str, Sequence[Label]]) -> None:
    """Write one TC-format ``article<ID>.labels`` file per article into ``folder``, rows sorted by start.

    An article with no labels gets an empty file.  Each file is written atomically.
    """
    _check(labels_by_article, "labels to write", techniques=True)
    for article in labels_by_article:
        if not _DIGITS.fullmatch(article):
            raise ConfigError(f"article id {article!r} is not a number", "ids are the digits of articleNNN")
    for article, labels in labels_by_article.items():
        rows = sorted(labels, key=lambda x: (x.start, x.end, x.technique))
        text = "".join(f"{article}\t{x.technique}\t{x.start}\t{x.end}\n" for x in rows)
        write_atomic(folder / f"article{article}.labels", text)


# ------------------------------------------------------------------------------------------------ scorers


def _check(labels_by_article: Mapping[str, Sequence[Label]], who: str, *, techniques: bool) -> None:
    """Raise :class:`ConfigError` for a label under the wrong article key, an empty or negative span, or
    (``techniques``) an unknown technique."""
    for article, labels in labels_by_article.items():
        for x in labels:
            if x.article != article:
                raise ConfigError(f"{who}: a label of article {x.article} is filed under {article}", None)
            if not 0 <= x.start < x.end:
                raise ConfigError(
                    f"{who}: article {article} span [{x.start}, {x.end}) is empty or negative",
                    "spans are [start, end) with 0 <= start < end",
                )
            if techniques and x.technique not in _KNOWN:
                raise ConfigError(
                    f"{who}: article {article} span [{x.start}, {x.end}) has unknown technique {x.technique!r}",
                    f"use one of: {', '.join(TECHNIQUES)}",
                )


def _check_pair(pred: Mapping[str, Sequence[Label]], gold: Mapping[str, Sequence[Label]], *, techniques: bool) -> None:
    _check(gold, "gold", techniques=techniques)
    _check(pred, "predictions", techniques=techniques)
    unknown = sorted(a for a in pred if a not in gold)
    if unknown:
        more = f" (+{len(unknown) - _SHOW} more)" if len(unknown) > _SHOW else ""
        raise ConfigError(
            f"predictions for articles not in the gold: {', '.join(unknown[:_SHOW])}{more}",
            "score predictions against the gold of the same split",
        )


def _merge(spans: Iterable[tuple[int, int]]) -> list[tuple[int, int]]:
    """Merge spans that share a character (touching spans stay apart), as the official scorers do."""
    merged: list[tuple[int, int]] = []
    for start, end in sorted(spans):
        if merged and start < merged[-1][1]:
            merged[-1] = (merged[-1][0], max(merged[-1][1], end))
        else:
            merged.append((start, end))
    return merged


def _sums(pred: Sequence[tuple[int, int]], gold: Sequence[tuple[int, int]]) -> tuple[float, float]:
    """``(Σ_s Σ_t |s ∩ t| / |s|, Σ_t Σ_s |s ∩ t| / |t|)`` over predicted spans ``s`` and gold spans ``t``."""
    prec = rec = 0.0
    for ps, pe in pred:
        for gs, ge in gold:
            shared = min(pe, ge) - max(ps, gs)
            if shared > 0:
                prec += shared / (pe - ps)
                rec += shared / (ge - gs)
    return prec, rec


def _prf(prec_sum: float, n_pred: int, rec_sum: float, n_gold: int) -> PRF:
    """P/R/F1 with the official scorer's conventions for empty denominators.

    ``P = prec_sum / n_pred`` (0 when ``n_pred`` is 0), ``R = rec_sum / n_gold`` (0 when ``n_gold`` is 0),
    ``F1 = 2PR / (P + R)`` when both are positive, else 0 -- but 1 when ``n_pred == n_gold == 0``
    (``compute_prec_rec_f1`` in the official scorers).
    """
    p = prec_sum / n_pred if n_pred else 0.0
    r = rec_sum / n_gold if n_gold else 0.0
    if n_pred == 0 and n_gold == 0:
        f1 = 1.0
    elif p > 0 and r > 0:
        f1 = 2 * p * r / (p + r)
    else:
        f1 = 0.0
    return PRF(precision=p, recall=r, f1=f1, n_pred=n_pred, n_gold=n_gold)


def si_scores(pred: Mapping[str, Sequence[Label]], gold: Mapping[str, Sequence[Label]]) -> PRF:
    """Span identification P/R/F1, micro over all articles of ``gold`` (definition in the module docstring).

    Techniques are ignored.  Overlapping spans are merged per article, gold and predicted separately; ``n_pred``
    and ``n_gold`` are the merged counts.  Articles of ``gold`` missing from ``pred`` predict nothing; articles
    of ``pred`` missing from ``gold`` raise :class:`~unspin.errors.ConfigError`.
    """
    _check_pair(pred, gold, techniques=False)
    prec_sum = rec_sum = 0.0
    n_pred = n_gold = 0
    for article, gold_labels in gold.items():
        g = _merge((x.start, x.end) for x in gold_labels)
        p = _merge((x.start, x.end) for x in pred.get(article, ()))
        dp, dr = _sums(p, g)
        prec_sum, rec_sum = prec_sum + dp, rec_sum + dr
        n_pred, n_gold = n_pred + len(p), n_gold + len(g)
    return _prf(prec_sum, n_pred, rec_sum, n_gold)


def _by_technique(labels: Iterable[Label]) -> dict[str, list[tuple[int, int]]]:
    """Spans per technique, overlapping spans of one technique merged."""
    spans: defaultdict[str, list[tuple[int, int]]] = defaultdict(list)
    for x in labels:
        spans[x.technique].append((x.start, x.end))
    return {technique: _merge(s) for technique, s in spans.items()}


def _full_sums(
    pred: Mapping[str, Sequence[Label]], gold: Mapping[str, Sequence[Label]]
) -> dict[str, tuple[float, int, float, int]]:
    """Per technique: ``(precision sum, merged predicted spans, recall sum, merged gold spans)`` over all articles."""
    _check_pair(pred, gold, techniques=True)
    totals = {t: (0.0, 0, 0.0, 0) for t in TECHNIQUES}
    for article, gold_labels in gold.items():
        g = _by_technique(gold_labels)
        p = _by_technique(pred.get(article, ()))
        for technique in g.keys() | p.keys():
            gs, ps = g.get(technique, []), p.get(technique, [])
            dp, dr = _sums(ps, gs)
            prec_sum, n_pred, rec_sum, n_gold = totals[technique]
            totals[technique] = (prec_sum + dp, n_pred + len(ps), rec_sum + dr, n_gold + len(gs))
    return totals


def full_scores(pred: Mapping[str, Sequence[Label]], gold: Mapping[str, Sequence[Label]]) -> PRF:
    """Full-task (span and technique) P/R/F1, micro over all articles and techniques.

    As :func:`si_scores`, but a predicted and a gold span share characters only when their techniques are the
    same, and overlapping spans are merged only within one technique.  Unknown techniques raise
    :class:`~unspin.errors.ConfigError`.
    """
    totals = _full_sums(pred, gold).values()
    return _prf(
        sum(t[0] for t in totals), sum(t[1] for t in totals), sum(t[2] for t in totals), sum(t[3] for t in totals)
    )


def per_technique(pred: Mapping[str, Sequence[Label]], gold: Mapping[str, Sequence[Label]]) -> dict[str, PRF]:
    """Full-task P/R/F1 of each of :data:`TECHNIQUES` (in that order): the sums and counts of
    :func:`full_scores` restricted to one technique.  A technique neither predicted nor annotated gets
    ``P = R = 0`` and ``F1 = 1``, as in the official scorer."""
    return {t: _prf(*sums) for t, sums in _full_sums(pred, gold).items()}


def _span_list(items: Iterable[tuple[str, int, int]]) -> str:
    items = sorted(items, key=lambda x: (x[0], x[1], x[2]))
    shown = ", ".join(f"{a} [{s}, {e})" for a, s, e in items[:_SHOW])
    return shown + (f" (+{len(items) - _SHOW} more)" if len(items) > _SHOW else "")


def tc_scores(pred: Mapping[str, Sequence[Label]], gold: Mapping[str, Sequence[Label]]) -> TCResult:
    """Technique classification: one predicted technique for every gold row (definition in the module docstring).

    The predicted rows must cover exactly the gold rows, span by span and as many times as the gold has the
    span; spans predicted but not in the gold, or gold spans without a prediction, raise
    :class:`~unspin.errors.ConfigError` naming them.  With no gold rows the accuracy is 0.
    """
    _check(gold, "gold", techniques=True)
    _check(pred, "predictions", techniques=True)
    extra: list[tuple[str, int, int]] = []
    missing: list[tuple[str, int, int]] = []
    gold_spans: dict[str, dict[tuple[int, int], Counter[str]]] = {}
    pred_spans: dict[str, dict[tuple[int, int], Counter[str]]] = {}
    for source, target in ((gold, gold_spans), (pred, pred_spans)):
        for article, labels in source.items():
            spans = target.setdefault(article, defaultdict(Counter))
            for x in labels:
                spans[(x.start, x.end)][x.technique] += 1
    for article in sorted(gold_spans.keys() | pred_spans.keys()):
        g_counts = Counter({span: c.total() for span, c in gold_spans.get(article, {}).items()})
        p_counts = Counter({span: c.total() for span, c in pred_spans.get(article, {}).items()})
        extra += [(article, s, e) for (s, e), k in (p_counts - g_counts).items() for _ in range(k)]
        missing += [(article, s, e) for (s, e), k in (g_counts - p_counts).items() for _ in range(k)]
    if extra or missing:
        parts = []
        if extra:
            parts.append(f"{len(extra)} predicted span(s) not in the gold: {_span_list(extra)}")
        if missing:
            parts.append(f"{len(missing)} gold span(s) without a prediction: {_span_list(missing)}")
        raise ConfigError(
            "TC predictions must cover exactly the gold spans; " + "; ".join(parts),
            "predict one technique for every gold row (article, start, end)",
        )

    correct_by: Counter[str] = Counter()
    n_pred: Counter[str] = Counter()
    n_gold: Counter[str] = Counter()
    for article, spans in gold_spans.items():
        for span, g in spans.items():
            p = pred_spans[article][span]
            correct_by.update(g & p)  # multiset intersection: the best matching of duplicate rows
            n_gold.update(g)
            n_pred.update(p)
    n = n_gold.total()
    correct = correct_by.total()
    per: dict[str, PRF] = {}
    for t in TECHNIQUES:
        tp, np_, ng = correct_by[t], n_pred[t], n_gold[t]
        per[t] = PRF(
            precision=tp / np_ if np_ else 0.0,
            recall=tp / ng if ng else 0.0,
            f1=2 * tp / (np_ + ng) if np_ + ng else 0.0,
            n_pred=np_,
            n_gold=ng,
        )
    return TCResult(
        accuracy=correct / n if n else 0.0,
        n=n,
        correct=correct,
        per_technique=per,
        correct_by_technique={t: correct_by[t] for t in TECHNIQUES},
    )
