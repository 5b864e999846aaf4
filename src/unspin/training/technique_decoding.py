"""Choosing a techniques model's decoding values on dev: the span threshold, the gap bridged between runs, the
shortest span, the peak a span needs, the sentence gate and the second-technique threshold (each by the task's
own scorer, :mod:`unspin.corpora.ptc`).  Used by :mod:`unspin.training.techniques` after each epoch and for
ensembles.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import asdict, replace
from typing import Any

from ..corpora.ptc import PRF, TECHNIQUES, Label, full_scores, si_scores, tc_scores
from ..models.technique_text import TAG_B, TAG_I, token_runs
from ..models.techniques import _THRESHOLDS, _Analysis, _classify, _gate, _Parts, _ranked, _sentences, _tc_labels

__all__ = ["choose_thresholds", "decoding_scores", "dev_record"]


def decoding_scores(
    parts: _Parts,
    analyses: Mapping[str, _Analysis],
    gold: Mapping[str, Sequence[Label]],
) -> dict[str, Any]:
    """Pick the span decoding (threshold, gap, minimum length; SI F1) and the second-technique threshold
    (full-task F1) on dev."""
    best: tuple[tuple[float, int, int, float, float], PRF] | None = None
    kept: dict[str, list[tuple[int, int, float]]] = {}
    tables = {a: an.probs.tolist() for a, an in analyses.items()}
    every = {a: _sentences(parts, an, [(0, len(an.text), 0.0)]) for a, an in analyses.items()}
    gates = (0.0, 0.3, 0.4, 0.5, 0.55, 0.6, 0.65, 0.7) if any(every.values()) else (0.0,)
    for t in [x / 100 for x in range(10, 56, 5)]:
        for gap in (0, 2, 4, 8, 16):
            raw = {
                a: token_runs(
                    an.text, an.tokens.offsets, [q[TAG_B] for q in tables[a]], [q[TAG_I] for q in tables[a]], t, gap
                )
                for a, an in analyses.items()
            }
            for min_chars in (1, 6, 12):
                for peak in (0.0, 0.4, 0.5, 0.6, 0.7):
                    if 0 < peak <= t:
                        continue
                    found = {
                        a: [(s, e, m) for s, e, m, top in v if e - s >= min_chars and top >= peak]
                        for a, v in raw.items()
                    }
                    for gate in gates:
                        spans = {a: _gate(v, every[a], gate) for a, v in found.items()}
                        si = si_scores({a: [Label(a, "x", s, e) for s, e, _ in v] for a, v in spans.items()}, gold)
                        if best is None or si.f1 > best[1].f1:
                            best, kept = ((t, gap, min_chars, peak, gate), si), spans
    assert best is not None
    (t_span, gap, min_chars, peak, gate), si = best
    tc = tc_scores({a: _tc_labels(parts, an, a, gold[a]) for a, an in analyses.items()}, gold)
    dists = {a: _classify(parts, an, [(s, e) for s, e, _ in kept[a]]) for a, an in analyses.items()}
    best_full: tuple[float, PRF] | None = None
    for t2 in (1.01, 0.5, 0.4, 0.3, 0.25, 0.2, 0.15):
        pred: dict[str, list[Label]] = {}
        for a in analyses:
            rows: list[Label] = []
            for (s, e, _), d in zip(kept[a], dists[a], strict=True):
                ranked = _ranked(analyses[a].lower, s, e, d)
                rows.append(Label(a, TECHNIQUES[ranked[0]], s, e))
                if d[ranked[1]] >= t2:
                    rows.append(Label(a, TECHNIQUES[ranked[1]], s, e))
            pred[a] = rows
        full = full_scores(pred, gold)
        if best_full is None or full.f1 > best_full[1].f1:
            best_full = (t2, full)
    assert best_full is not None
    return {
        "span": t_span,
        "gap": gap,
        "min_chars": min_chars,
        "peak": peak,
        "sentence": gate,
        "second": best_full[0],
        "si": si,
        "tc": tc,
        "full": best_full[1],
    }


def choose_thresholds(
    parts: _Parts, analyses: Mapping[str, _Analysis], gold: Mapping[str, Sequence[Label]]
) -> tuple[dict[str, Any], dict[str, Any]]:
    """``thresholds`` and ``dev`` (and, with sentence classifiers, ``thresholds_ungated`` and ``dev_ungated``
    for the tagger alone) chosen on dev, plus the gated scores."""
    sc = decoding_scores(parts, analyses, gold)
    out: dict[str, Any] = {"thresholds": {k: float(sc[k]) for k in _THRESHOLDS}, "dev": dev_record(sc, None)}
    if parts.sentence:
        alone = decoding_scores(replace(parts, sentence=[]), analyses, gold)
        out["thresholds_ungated"] = {k: float(alone[k]) for k in _THRESHOLDS}
        out["dev_ungated"] = dev_record(alone, None)
    return out, sc


def dev_record(sc: Mapping[str, Any], epoch: int | None) -> dict[str, Any]:
    return {"si": asdict(sc["si"]), "tc_micro_f1": sc["tc"].accuracy, "full": asdict(sc["full"]), "epoch": epoch}
