"""Score what ``unspin analyze`` reports on real articles against the real-article gold set.

The gold is :mod:`unspin.evaluation.real_gold` (guideline ``docs/annotation.md``).  The scorer reads JSON reports,
so it measures the integrated output a user sees, not one component.

**Matching.**  A predicted relation matches a gold one when their triggers overlap (or the gold trigger lies inside
the predicted relation's own span, in the same sentence) and their types are of one family: blame; cause / compel /
allow; create / arm / fund / train / support; become; perpetrate.  Pairs are matched one to one, best overlap first.

* **Lenient**: matched, and each argument the gold gives is the predicted argument in the same role (so a reversed
  direction fails): their words overlap, or the prediction names the gold actor, or the gold marks a relative pronoun
  and the prediction is the noun just before it; a pronoun left unresolved still counts.
* **Strict**: lenient, and each argument whose gold names an actor is resolved to that actor: the predicted entity's
  name or one of its aliases matches the gold name (:func:`same_actor`), or, when no entity was resolved, the
  argument's own words name it (a pronoun does not).
* **Blame**: gold and predicted relations of type blame, matched leniently.
* **Voice, support, holder** accuracy on leniently matched pairs; the holder accuracy counts the pairs whose gold
  holder is not the author, and is right when the predicted source's name matches the gold holder.
* **Speculation misattributed**: pairs whose gold support is speculative in someone's voice other than the
  predicted holder's (the tool credited the speculation to someone the speaker only speculated about).
* **Chains**: a gold chain is found when a predicted chain blames the same actor; an article whose gold holds a
  blame conclusion is *covered* when its report shows a chain or a blame relation.
* **Dates**: gold relative dates matched to predicted dates by overlap; of those the tool resolved (non-null value),
  the share whose value equals the gold (a gold null makes any value wrong).

Limits: one gold annotator per file with a second pass by the same annotator, no adjudication; the matching lets a
predicted trigger that covers more words than the gold count (the span rule), which is lenient on long phrases.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

from ..causal.chains import READER, UNRESOLVED_PRONOUNS
from ..components.relation_confidence import PRIOR_WEIGHT, ConfidenceTable, relation_key
from .real_gold import GoldArticle, GoldRelation

__all__ = [
    "FAMILIES",
    "ArticleResult",
    "Counts",
    "EvalResult",
    "Pair",
    "cross_validate_confidence",
    "fit_confidence",
    "same_actor",
    "score_article",
    "score_articles",
]

FAMILIES: dict[str, str] = {
    "blame": "blame",
    **dict.fromkeys(("cause", "compel", "allow"), "cause"),
    **dict.fromkeys(("create", "arm", "fund", "train", "support"), "agency"),
    "become": "become",
    "perpetrate": "perpetrate",
}
_DROP = frozenset({"the", "a", "an", "mr", "mrs", "ms", "dr", "sen", "senator", "president", "of", "and"})


def _words(name: str) -> list[str]:
    name = re.sub(r"[’']s\b", "", name.casefold())
    return [w for w in re.findall(r"[\w-]+", name) if w not in _DROP]


def same_actor(names: Iterable[str], gold: str | None) -> bool:
    """Whether one of ``names`` names the gold actor: equal words, or every word of the shorter name in the longer
    one ("Obama" and "Barack Obama"; "the EU" and "EU").  Titles and articles are ignored."""
    if not gold:
        return False
    g = _words(gold)
    if not g:
        return False
    for n in names:
        w = _words(n)
        if not w:
            continue
        short, long_ = (w, g) if len(w) <= len(g) else (g, w)
        if all(x in long_ for x in short):
            return True
    return False


def _overlap(a: Sequence[int] | None, b: Sequence[int] | None) -> int:
    if a is None or b is None:
        return 0
    return max(0, min(a[1], b[1]) - max(a[0], b[0]))


def _span(d: Mapping[str, Any] | None) -> tuple[int, int] | None:
    if not d or d.get("start") is None:
        return None
    return int(d["start"]), int(d["end"])


@dataclass
class Counts:
    tp: int = 0
    pred: int = 0
    gold: int = 0

    @property
    def precision(self) -> float:
        return self.tp / self.pred if self.pred else 0.0

    @property
    def recall(self) -> float:
        return min(1.0, self.tp / self.gold) if self.gold else 0.0

    @property
    def f1(self) -> float:
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0

    def add(self, other: Counts) -> None:
        self.tp += other.tp
        self.pred += other.pred
        self.gold += other.gold


@dataclass
class Pair:
    gold: GoldRelation
    pred: Mapping[str, Any]
    lenient: bool
    strict: bool
    voice_ok: bool
    support_ok: bool
    holder_ok: bool | None
    speculation_misattributed: bool
    pred_holder: str | None = None


@dataclass
class ArticleResult:
    name: str
    pairs: list[Pair] = field(default_factory=list)
    missed: list[GoldRelation] = field(default_factory=list)
    false: list[Mapping[str, Any]] = field(default_factory=list)
    predicted: int = 0
    blame: Counts = field(default_factory=Counts)
    chains_gold: int = 0
    chains_pred: int = 0
    chains_found: int = 0
    needs_blame: bool = False
    blame_shown: bool = False
    dates_gold: int = 0
    dates_resolved: int = 0
    dates_right: int = 0
    date_errors: list[tuple[str, str | None, str | None]] = field(default_factory=list)


@dataclass
class EvalResult:
    articles: list[ArticleResult]

    def _sum(self, pick: Any) -> int:
        return sum(pick(a) for a in self.articles)

    def _relations(self, right: Any) -> Counts:
        """Counts over all relations, a pair being right by ``right(pair)``."""
        return Counts(
            self._sum(lambda a: sum(bool(right(p)) for p in a.pairs)),
            self._sum(lambda a: a.predicted),
            self._sum(lambda a: len(a.pairs) + len(a.missed)),
        )

    @property
    def lenient(self) -> Counts:
        return self._relations(lambda p: p.lenient)

    @property
    def strict(self) -> Counts:
        return self._relations(lambda p: p.strict)

    @property
    def explicit(self) -> Counts:
        """Recall on explicit gold relations (predicate and both arguments in one sentence), lenient; precision as
        :attr:`lenient`."""
        return Counts(
            self._sum(lambda a: sum(p.lenient for p in a.pairs if p.gold.explicit)),
            self._sum(lambda a: a.predicted),
            self._sum(lambda a: sum(p.gold.explicit for p in a.pairs) + sum(g.explicit for g in a.missed)),
        )

    @property
    def blame(self) -> Counts:
        total = Counts()
        for a in self.articles:
            total.add(a.blame)
        return total

    def accuracy(self, what: str) -> tuple[int, int]:
        """(right, counted) of ``voice``, ``support`` or ``holder`` over leniently matched pairs."""
        right = counted = 0
        for a in self.articles:
            for p in a.pairs:
                if not p.lenient:
                    continue
                ok = {"voice": p.voice_ok, "support": p.support_ok, "holder": p.holder_ok}[what]
                if ok is None:
                    continue
                counted += 1
                right += bool(ok)
        return right, counted

    @property
    def speculation_misattributed(self) -> int:
        return self._sum(lambda a: sum(p.speculation_misattributed for p in a.pairs))

    @property
    def chains(self) -> tuple[int, int, int]:
        """(gold chains, predicted chains, gold chains found)."""
        return (
            self._sum(lambda a: a.chains_gold),
            self._sum(lambda a: a.chains_pred),
            self._sum(lambda a: a.chains_found),
        )

    @property
    def blame_coverage(self) -> tuple[int, int]:
        """(articles with a blame conclusion whose report shows a chain or blame relation, such articles)."""
        return (
            self._sum(lambda a: a.needs_blame and a.blame_shown),
            self._sum(lambda a: a.needs_blame),
        )

    @property
    def dates(self) -> tuple[int, int, int]:
        """(gold relative dates, of them resolved by the tool, of those right)."""
        return (
            self._sum(lambda a: a.dates_gold),
            self._sum(lambda a: a.dates_resolved),
            self._sum(lambda a: a.dates_right),
        )

    def summary(self) -> dict[str, Any]:
        """The figures as plain data (``unspin relations eval --json``)."""

        def prf(c: Counts) -> dict[str, Any]:
            return {
                "tp": c.tp,
                "pred": c.pred,
                "gold": c.gold,
                "precision": round(c.precision, 3),
                "recall": round(c.recall, 3),
                "f1": round(c.f1, 3),
            }

        def acc(what: str) -> dict[str, Any]:
            r, n = self.accuracy(what)
            return {"right": r, "counted": n, "accuracy": round(r / n, 3) if n else None}

        cg, cp, cf = self.chains
        bc, bn = self.blame_coverage
        dg, dr, dok = self.dates
        return {
            "articles": len(self.articles),
            "relations_lenient": prf(self.lenient),
            "relations_strict": prf(self.strict),
            "relations_explicit": prf(self.explicit),
            "blame": prf(self.blame),
            "voice": acc("voice"),
            "support": acc("support"),
            "attributed_to": acc("holder"),
            "speculation_misattributed": self.speculation_misattributed,
            "chains": {"gold": cg, "predicted": cp, "found": cf},
            "blame_coverage": {"covered": bc, "articles": bn},
            "dates": {"gold": dg, "resolved": dr, "right": dok, "accuracy": round(dok / dr, 3) if dr else None},
        }


# -- one article -------------------------------------------------------------------------------------------------


class _Names:
    """Names of entities and sources in one report."""

    def __init__(self, report: Mapping[str, Any]) -> None:
        self.entity: dict[str, list[str]] = {
            str(e["id"]): [str(e.get("name", "")), *map(str, e.get("aliases", []) or [])]
            for e in report.get("entities", [])
        }
        self.source: dict[str, list[str]] = {}
        for s in report.get("sources", []):
            names = [str(s.get("name", ""))]
            if s.get("entity_id"):
                names += self.entity.get(str(s["entity_id"]), [])
            self.source[str(s["id"])] = names

    def argument(self, arg: Mapping[str, Any] | None) -> list[str]:
        if not arg:
            return []
        eid = arg.get("entity_id")
        if eid:
            return self.entity.get(str(eid), [])
        if arg.get("node") == READER:
            return ["the reader"]  # "you" in the author's words (docs/annotation.md)
        words = str(arg.get("text", ""))
        if words.casefold().strip() in UNRESOLVED_PRONOUNS:
            return []
        return [words]

    def holder(self, source_id: Any) -> list[str]:
        return self.source.get(str(source_id), []) if source_id else []


def _arg_ok(
    gold: tuple[int, int] | None, pred: Mapping[str, Any] | None, actor: str | None, names: _Names, text: str
) -> bool:
    """The predicted argument is the gold one: their words overlap, or the prediction names the gold actor, or the
    gold marks a relative pronoun and the prediction is the noun right before it ("the gang who killed")."""
    if gold is None:
        return True
    ps = _span(pred)
    if _overlap(gold, ps) > 0:
        return True
    if actor and same_actor(names.argument(pred), actor):
        return True
    relative = text[gold[0] : gold[1]].casefold() in ("who", "which", "that", "whom")
    return relative and ps is not None and 0 <= gold[0] - ps[1] <= 3


def _strict_ok(names: _Names, gold_span: tuple[int, int] | None, actor: str | None, pred: Any) -> bool:
    if gold_span is None or not actor:
        return True
    return same_actor(names.argument(pred), actor)


def _pair(names: _Names, g: GoldRelation, p: Mapping[str, Any], text: str) -> Pair:
    lenient = _arg_ok(g.cause, p.get("cause"), g.cause_actor, names, text) and _arg_ok(
        g.effect, p.get("effect"), g.effect_actor, names, text
    )
    strict = (
        lenient
        and _strict_ok(names, g.cause, g.cause_actor, p.get("cause"))
        and _strict_ok(names, g.effect, g.effect_actor, p.get("effect"))
    )
    holder_names = names.holder(p.get("attributed_to"))
    holder_ok: bool | None = None
    if g.attributed_to and g.voice != "author":
        holder_ok = same_actor(holder_names, g.attributed_to)
    misattributed = (
        g.support == "speculative" and bool(p.get("attributed_to")) and not same_actor(holder_names, g.attributed_to)
    )
    return Pair(
        gold=g,
        pred=p,
        lenient=lenient,
        strict=strict,
        voice_ok=p.get("voice") == g.voice,
        support_ok=p.get("support") == g.support,
        holder_ok=holder_ok,
        speculation_misattributed=misattributed,
        pred_holder=holder_names[0] if holder_names else None,
    )


def _match_score(g: GoldRelation, p: Mapping[str, Any]) -> int:
    if FAMILIES.get(g.type) != FAMILIES.get(str(p.get("type"))):
        return 0
    trig = _span(p.get("trigger")) or (int(p["start"]), int(p["end"]))
    score = _overlap(g.trigger, trig)
    if score:
        return 1000 + score
    inside = int(p["start"]) <= g.trigger[0] and g.trigger[1] <= int(p["end"])
    same_sentence = _overlap(g.sentence, (int(p["start"]), int(p["end"]))) > 0
    return 1 if inside and same_sentence else 0


def shown(report: Mapping[str, Any], *, candidates: bool = False) -> list[Mapping[str, Any]]:
    """The relations a report shows (those that cleared its threshold), or all of them with ``candidates``."""
    rels = list(report.get("relations", []))
    if candidates:
        rels += list(report.get("relation_candidates", []))
    return rels


def score_article(gold: GoldArticle, report: Mapping[str, Any], *, candidates: bool = False) -> ArticleResult:
    """Score one report against one gold article."""
    names = _Names(report)
    preds = shown(report, candidates=candidates)
    res = ArticleResult(gold.name, predicted=len(preds))
    scored = sorted(
        ((s, gi, pi) for gi, g in enumerate(gold.relations) for pi, p in enumerate(preds) if (s := _match_score(g, p))),
        reverse=True,
    )
    used_g: set[int] = set()
    used_p: set[int] = set()
    for _, gi, pi in scored:
        if gi in used_g or pi in used_p:
            continue
        used_g.add(gi)
        used_p.add(pi)
        res.pairs.append(_pair(names, gold.relations[gi], preds[pi], gold.text))
    res.missed = [g for i, g in enumerate(gold.relations) if i not in used_g]
    res.false = [p for i, p in enumerate(preds) if i not in used_p]
    res.blame = Counts(
        tp=sum(1 for p in res.pairs if p.lenient and p.gold.type == "blame" and p.pred.get("type") == "blame"),
        pred=sum(1 for p in preds if p.get("type") == "blame"),
        gold=sum(1 for g in gold.relations if g.type == "blame"),
    )
    # chains
    chains = list(report.get("chains", []))
    res.chains_gold = len(gold.chains)
    res.chains_pred = len(chains)
    for c in gold.chains:
        if any(same_actor([str(p.get("blamed", ""))], c.blamed) for p in chains):
            res.chains_found += 1
    res.needs_blame = gold.has_blame_conclusion
    res.blame_shown = bool(chains) or any(p.get("type") == "blame" for p in preds)
    # dates
    pdates = [d for d in report.get("dates", []) if d.get("kind") in ("relative", "weekday", None)]
    for d in gold.dates:
        res.dates_gold += 1
        match = max(pdates, key=lambda p: _overlap(d.span, (p["start"], p["end"])), default=None)
        if match is None or _overlap(d.span, (match["start"], match["end"])) == 0 or match.get("value") is None:
            continue
        res.dates_resolved += 1
        if match.get("value") == d.value:
            res.dates_right += 1
        else:
            res.date_errors.append((gold.text[d.span[0] : d.span[1]], d.value, match.get("value")))
    return res


def score_articles(
    golds: Sequence[GoldArticle], reports: Sequence[Mapping[str, Any]], *, candidates: bool = False
) -> EvalResult:
    """Score reports (in the order of ``golds``) against their gold articles."""
    return EvalResult([score_article(g, r, candidates=candidates) for g, r in zip(golds, reports, strict=True)])


# -- confidence ------------------------------------------------------------------------------------------------


def fit_confidence(
    golds: Sequence[GoldArticle], reports: Sequence[Mapping[str, Any]], *, min_precision: float = 0.75
) -> ConfidenceTable:
    """The confidence table of :mod:`unspin.components.relation_confidence`, measured on ``golds``.

    Every relation the reports hold (shown and candidates) counts as right when it matches a gold relation
    leniently.  The threshold is the confidence that gives the best lenient F1 among those whose precision reaches
    ``min_precision`` (else the one with the best precision): choose it on dev, report test.
    """
    rows: list[tuple[str, str, bool]] = []
    for g, r in zip(golds, reports, strict=True):
        res = score_article(g, r, candidates=True)
        for p in res.pairs:
            rows.append((*relation_key(p.pred), p.lenient))
        for f in res.false:
            rows.append((*relation_key(f), False))
    if not rows:
        raise ValueError("no relations found in the reports: nothing to calibrate")
    overall = sum(ok for *_, ok in rows) / len(rows)
    by_pattern: dict[str, float] = {}
    by_key: dict[str, float] = {}
    for pattern in sorted({p for p, _, _ in rows}):
        hits = [ok for p, _, ok in rows if p == pattern]
        by_pattern[pattern] = (sum(hits) + PRIOR_WEIGHT * overall) / (len(hits) + PRIOR_WEIGHT)
    for pattern, kind in sorted({(p, k) for p, k, _ in rows}):
        hits = [ok for p, k, ok in rows if p == pattern and k == kind]
        if len(hits) >= 2:
            prior = by_pattern[pattern]
            by_key[f"{pattern}|{kind}"] = (sum(hits) + PRIOR_WEIGHT * prior) / (len(hits) + PRIOR_WEIGHT)
    table = ConfidenceTable(0.0, overall, by_pattern, by_key)
    gold_total = sum(len(g.relations) for g in golds)
    scored = [(table.score(p, k), ok) for p, k, ok in rows]
    best: tuple[float, float, float] | None = None  # (meets, f1 or precision, threshold)
    for t in sorted({c for c, _ in scored}):
        kept = [ok for c, ok in scored if c >= t]
        tp = sum(kept)
        prec = tp / len(kept) if kept else 0.0
        rec = tp / gold_total if gold_total else 0.0
        f1 = 2 * prec * rec / (prec + rec) if prec + rec else 0.0
        cand = (1.0 if prec >= min_precision else 0.0, f1 if prec >= min_precision else prec, -t)
        if best is None or cand > best:
            best = cand
    threshold = -best[2] if best is not None else 0.0
    return ConfidenceTable(round(threshold, 4), round(overall, 4), _rounded(by_pattern), _rounded(by_key))


def rethreshold(report: Mapping[str, Any], table: ConfidenceTable) -> dict[str, Any]:
    """``report`` with its relations and candidates split again by ``table``'s confidence and threshold."""
    every = [*report.get("relations", []), *report.get("relation_candidates", [])]
    keep = [r for r in every if table.confidence(r) >= table.threshold]
    held = [r for r in every if table.confidence(r) < table.threshold]
    return {**report, "relations": keep, "relation_candidates": held}


def cross_validate_confidence(
    golds: Sequence[GoldArticle], reports: Sequence[Mapping[str, Any]], *, folds: int = 5, min_precision: float = 0.75
) -> EvalResult:
    """Article-level k-fold estimate of what calibration buys on unseen articles: fit the table and threshold on
    all folds but one, split that fold's relations by it, and score every article so.  ``reports`` must hold every
    relation (analysed at threshold 0)."""
    if not 2 <= folds <= len(golds):
        raise ValueError(f"folds must lie between 2 and the number of gold articles ({len(golds)})")
    results: list[ArticleResult | None] = [None] * len(golds)
    for k in range(folds):
        train = [i for i in range(len(golds)) if i % folds != k]
        table = fit_confidence([golds[i] for i in train], [reports[i] for i in train], min_precision=min_precision)
        for i in range(k, len(golds), folds):
            results[i] = score_article(golds[i], rethreshold(reports[i], table))
    return EvalResult([r for r in results if r is not None])


def _rounded(d: Mapping[str, float]) -> dict[str, float]:
    return {k: round(v, 4) for k, v in d.items()}
