"""Training and scoring the causal-sentence model (:mod:`unspin.models.causal` is the inference side).

:func:`train_causal` trains the adapter and heads on CNC V2 ``train`` and chooses the epoch and the thresholds on
``dev``; :func:`evaluate_causal` scores a model with the shared task's scorers (:mod:`unspin.corpora.cnc`).
"""

from __future__ import annotations

import copy
import json
import math
import random
import time
from collections.abc import Callable, Iterator, Mapping, Sequence
from dataclasses import asdict, dataclass
from pathlib import Path
from typing import Any

from ..corpora.cnc import (
    CausalSpan,
    CncSentence,
    Subtask1Result,
    Subtask2Result,
    load_split,
    mark,
    score_subtask1,
    score_subtask2,
)
from ..data_home import corpus_path
from ..errors import ConfigError
from ..models.causal import (
    _BC,
    _BE,
    _CE,
    _IC,
    _IE,
    _N_CE,
    _N_SIG,
    _SIG,
    WEIGHTS,
    CausalEval,
    CausalModel,
    TrainConfig,
    _encode,
    _forward,
    _network,
    _Out,
    _outputs,
    _pad,
    _Parts,
    decode_relation,
    load_causal,
    parts_from_state,
)
from ..models.minilm import lora_state
from ..models.names import Name, find_names
from .holdout import split_rows
from .loop import Evaluation, Loop, seed_everything, train_while_improving

__all__ = ["evaluate_causal", "train_causal", "train_causal_model"]


def _dev_scores(
    outs: Sequence[_Out], sentences: Sequence[CncSentence], thresholds: dict[str, float] | None = None
) -> tuple[dict[str, float], Subtask1Result, Subtask2Result]:
    """Score raw outputs; choose the causal and signal thresholds on them unless ``thresholds`` are given."""
    gold1 = [bool(s.label) for s in sentences]
    gold2 = [s.marked for s in sentences]
    probs = [o.prob for o in outs]

    def s2(t_sig: float) -> Subtask2Result:
        pred = [
            [mark(s.text, decode_relation(s.text, o.words, o.ce, o.sig, t_sig))] if s.marked else []
            for o, s in zip(outs, sentences, strict=True)
        ]
        return score_subtask2(gold2, pred)

    if thresholds is None:
        t_causal = max(
            (x / 100 for x in range(5, 96)),
            key=lambda t: (score_subtask1(gold1, [p >= t for p in probs]).f1, -abs(t - 0.5)),
        )
        t_sig = max((0.1, 0.15, 0.2, 0.25, 0.3, 0.4, 0.5, 0.6), key=lambda t: (s2(t).overall.f1, -abs(t - 0.5)))
        thresholds = {"causal": t_causal, "signal": t_sig}
    r1 = score_subtask1(gold1, [p >= thresholds["causal"] for p in probs])
    return thresholds, r1, s2(thresholds["signal"])


def evaluate_causal(split: str = "dev", root: Path | None = None, model: CausalModel | None = None) -> CausalEval:
    """Score ``model`` (default: the shipped one) on a CNC V2 split with its saved thresholds.

    Subtask 2 is scored on the sentences causal in the gold, with one predicted relation each, whatever the
    sentence head says (as the shared task scores it).
    """
    m = model or load_causal()
    sentences = load_split(split, root)
    parts = m._load()
    started = time.perf_counter()
    outs = _outputs(parts, [s.text for s in sentences], bf16=m.bf16)
    seconds = time.perf_counter() - started
    th = {"causal": m.threshold, "signal": parts.thresholds.get("signal", 0.5)}
    _, r1, r2 = _dev_scores(outs, sentences, th)
    return CausalEval(r1, r2, th["causal"], len(sentences), seconds, m.bf16)


# ------------------------------------------------------------------------------------------ training


@dataclass
class _Row:
    ids: list[int]
    label: float
    ce: list[list[float]] | None  # per piece soft targets over _CE (None: non-causal, no token loss)
    sig: list[list[float]] | None


def _targets(
    offsets: Sequence[tuple[int, int]], word_ids: Sequence[int | None], relations: Sequence[Sequence[CausalSpan]]
) -> tuple[list[list[float]], list[list[float]]]:
    """Mean one-hot BIO targets over the relations, per word piece (specials get all-zero rows: no loss)."""
    n = len(offsets)
    ce = [[0.0] * _N_CE for _ in range(n)]
    sig = [[0.0] * _N_SIG for _ in range(n)]
    share = 1.0 / len(relations)
    for rel in relations:
        ce_lab = [0] * n
        sig_lab = [0] * n
        for span in rel:
            inside = [
                t
                for t in range(n)
                if word_ids[t] is not None and offsets[t][0] < span.end and span.start < offsets[t][1]
            ]
            if not inside:
                continue
            if span.role == "signal":
                sig_lab[inside[0]] = 1
                for t in inside[1:]:
                    sig_lab[t] = 2
            else:
                b, i = (_BC, _IC) if span.role == "cause" else (_BE, _IE)
                ce_lab[inside[0]] = b
                for t in inside[1:]:
                    ce_lab[t] = i
        for t in range(n):
            if word_ids[t] is None:
                continue
            ce[t][ce_lab[t]] += share
            sig[t][sig_lab[t]] += share
    return ce, sig


def _rows(
    tokenizer: Any, sentences: Sequence[CncSentence], max_tokens: int, names: Sequence[Sequence[Name]]
) -> list[_Row]:
    out: list[_Row] = []
    for s, hidden in zip(sentences, names, strict=True):
        ids, offsets, word_ids = _encode(tokenizer, s.text, max_tokens, hidden)
        if s.relations:
            ce, sig = _targets(offsets, word_ids, s.relations)
            out.append(_Row(ids, 1.0, ce, sig))
        else:
            out.append(_Row(ids, 1.0 if s.label else 0.0, None, None))
    return out


def train_causal(
    root: Path | None = None,
    out: Path = WEIGHTS,
    config: TrainConfig | None = None,
    log: Callable[[str], None] = print,
) -> dict[str, Any]:
    """Train adapter + heads on ``root``'s train split less a held-out part (:mod:`.holdout`, by source
    document), choose the epoch and thresholds on that part, score dev with them (held out: dev chooses
    nothing), save to ``out``.

    Logs the data, every 50 steps, and both subtasks' scores on the held-out part after each epoch; the best epoch
    (subtask-1 F1 + subtask-2 F1 there) is saved atomically.  :func:`train_causal_model` does the training on
    sentences given.
    """
    import torch

    root = corpus_path("cnc", "V2") if root is None else root
    cfg = config or TrainConfig()
    train, dev = load_split("train", root), load_split("dev", root)
    if cfg.limit:
        train = train[: cfg.limit]
    if not train or not dev:
        raise ConfigError(f"{root}: training needs train and dev sentences", "check the CNC V2 folder")
    fit, tune = split_rows(train, _document, cfg.tune_fraction, cfg.seed)
    log(f"{len(fit)} train sentences to fit on, {len(tune)} held out (whole documents) to choose on")
    names = _names([s.text for s in [*fit, *tune, *dev]], cfg)
    state, _ = train_causal_model(fit, tune, cfg, log, names)
    parts = parts_from_state(state, out)
    th = state["thresholds"]
    _, r1, r2 = _dev_scores(_outputs(parts, [s.text for s in dev], names=[names[s.text] for s in dev]), dev, th)
    state["dev"] = _record(state["tune"]["epoch"], r1, r2)
    out.parent.mkdir(parents=True, exist_ok=True)
    tmp = out.with_suffix(".tmp")
    torch.save(state, tmp)
    tmp.replace(out)
    epoch = state["tune"]["epoch"]
    log(
        f"kept epoch {epoch}: dev (held out) subtask 1 F1 {r1.f1:.3f}, subtask 2 F1 {r2.overall.f1:.3f}; "
        f"thresholds {th}; {state['train_seconds']:.0f}s; saved {out} ({out.stat().st_size / 1e6:.2f} MB)"
    )
    return {
        "epoch": epoch,
        "subtask1": r1,
        "subtask2": r2,
        "thresholds": th,
        "seconds": state["train_seconds"],
        "size_bytes": out.stat().st_size,
    }


def _document(s: CncSentence) -> str:
    """The source document of a CNC sentence: its index less the sentence number (``train_01_10_2619``)."""
    return s.index.rsplit("_", 1)[0]


def _names(texts: Sequence[str], cfg: TrainConfig) -> dict[str, list[Name]]:
    """Each text's names when ``cfg.hide_names`` (else none), by text."""
    if not cfg.hide_names:
        return {t: [] for t in texts}
    distinct = sorted(set(texts))
    return dict(zip(distinct, find_names(distinct, batch_size=256, method=cfg.names_method), strict=True))


def _record(epoch: int, r1: Subtask1Result, r2: Subtask2Result) -> dict[str, Any]:
    return {
        "epoch": epoch,
        "subtask1": asdict(r1),
        "subtask2": {"overall": asdict(r2.overall), "micro": asdict(r2.micro)}
        | {k: asdict(v) for k, v in r2.per_role.items()},
    }


def train_causal_model(
    train: Sequence[CncSentence],
    tune: Sequence[CncSentence],
    config: TrainConfig | None = None,
    log: Callable[[str], None] = print,
    names: Mapping[str, Sequence[Name]] | None = None,
) -> tuple[dict[str, Any], tuple[Subtask1Result, Subtask2Result]]:
    """Train the adapter and heads on ``train`` with :func:`~.loop.train_while_improving`; choose the epoch
    and the thresholds on ``tune``.  ``names``: the names to hide in each text (by text; found with spaCy when
    ``config.hide_names`` and not given).  Returns the state to save and the kept epoch's ``tune`` results."""
    import torch

    cfg = config or TrainConfig()
    seed_everything(cfg.seed)
    if names is None:
        names = _names([s.text for s in [*train, *tune]], cfg)
    threads_before = torch.get_num_threads()
    if cfg.threads:
        torch.set_num_threads(cfg.threads)
    try:
        return _train(cfg, random.Random(cfg.seed), list(train), list(tune), log, names)
    finally:
        torch.set_num_threads(threads_before)


def _train(
    cfg: TrainConfig,
    rng: random.Random,
    train: list[CncSentence],
    tune: list[CncSentence],
    log: Callable[[str], None],
    names: Mapping[str, Sequence[Name]],
) -> tuple[dict[str, Any], tuple[Subtask1Result, Subtask2Result]]:
    import torch

    tokenizer, encoder, sent_head, token_head = _network(cfg)
    parts = _Parts(tokenizer, encoder, sent_head, token_head, cfg)
    rows = _rows(tokenizer, train, cfg.max_tokens, [names.get(s.text, []) for s in train])
    tune_names = [list(names.get(s.text, [])) for s in tune]
    lora_params = [p for p in encoder.parameters() if p.requires_grad]
    head_params = [*sent_head.parameters(), *token_head.parameters()]
    optim = torch.optim.AdamW(
        [{"params": lora_params, "lr": cfg.lr_lora}, {"params": head_params, "lr": cfg.lr_heads}], weight_decay=0.01
    )
    per_epoch = math.ceil(len(rows) / cfg.batch_size)
    steps = max(2, cfg.epochs * per_epoch)
    warm = max(1, steps // 10)
    sched = torch.optim.lr_scheduler.LambdaLR(  # linear warm-up over a tenth of the steps, then linear decay
        optim, lambda k: min((k + 1) / warm, max(0.0, (steps - k) / max(1, steps - warm)))
    )
    log(
        f"train {len(rows)} sentences ({sum(1 for r in rows if r.label)} causal, "
        f"{sum(len(s.relations) for s in train)} relations), held out {len(tune)}; {per_epoch} steps/epoch; "
        f"config {json.dumps(asdict(cfg))}"
    )

    def batches(epoch: int) -> Iterator[list[_Row]]:
        order = list(range(len(rows)))
        rng.shuffle(order)
        for i in range(0, len(order), cfg.batch_size):
            yield [rows[j] for j in order[i : i + cfg.batch_size]]

    def evaluate(epoch: int) -> Evaluation:
        thresholds, r1, r2 = _dev_scores(_outputs(parts, [s.text for s in tune], names=tune_names), tune)
        per = ", ".join(f"{k} {v.f1:.3f}" for k, v in r2.per_role.items())
        return Evaluation(
            r1.f1 + r2.overall.f1,
            f"held out: subtask 1 F1 {r1.f1:.3f} (P {r1.precision:.3f} R {r1.recall:.3f} "
            f"at {thresholds['causal']:.2f}), "
            f"subtask 2 F1 {r2.overall.f1:.3f} (P {r2.overall.precision:.3f} R {r2.overall.recall:.3f}; {per}; "
            f"signal at {thresholds['signal']:.2f})",
            (thresholds, r1, r2),
        )

    def snapshot() -> dict[str, Any]:
        return {
            "lora": {k: v.half() for k, v in lora_state(encoder).items()},
            "sent_head": copy.deepcopy(sent_head.state_dict()),
            "token_head": copy.deepcopy(token_head.state_dict()),
        }

    loop: Loop[list[_Row]] = Loop(
        modules=[encoder, sent_head, token_head],
        optimizers=[optim],
        batches=batches,
        loss=lambda batch: _loss(parts, batch, cfg),
        snapshot=snapshot,
        epochs=cfg.epochs,
        evaluate=evaluate,
        scheduler=sched,
        steps_per_epoch=per_epoch,
    )
    best = train_while_improving(loop, log)
    assert best.evaluation is not None
    thresholds, r1, r2 = best.evaluation.record
    cfg_dict = asdict(cfg)
    cfg_dict["lora_targets"] = list(cfg.lora_targets)
    state = {
        **best.state,
        "thresholds": thresholds,
        "config": cfg_dict,
        "labels": {"ce": list(_CE), "signal": list(_SIG)},
        "tune": _record(best.epoch, r1, r2),
        "train_seconds": best.seconds,
    }
    return state, (r1, r2)


def _loss(parts: _Parts, batch: Sequence[_Row], cfg: TrainConfig) -> tuple[Any, dict[str, float]]:
    """Sentence loss (smoothed binary cross-entropy) + ``span_weight`` × token loss (cause/effect and signal
    tags: soft cross-entropy over the word pieces of the relations)."""
    import torch

    ids, mask = _pad(parts.tokenizer, [r.ids for r in batch])
    sent, tok = _forward(parts, ids, mask, cfg.bf16)
    target = torch.tensor([r.label for r in batch]) * (1 - cfg.smoothing) + cfg.smoothing / 2
    loss_sent = torch.nn.functional.binary_cross_entropy_with_logits(sent, target)
    ce_t = torch.zeros((len(batch), ids.shape[1], _N_CE))
    sig_t = torch.zeros((len(batch), ids.shape[1], _N_SIG))
    for k, r in enumerate(batch):
        if r.ce is not None and r.sig is not None:
            ce_t[k, : len(r.ce)] = torch.tensor(r.ce)
            sig_t[k, : len(r.sig)] = torch.tensor(r.sig)
    n_tok = ce_t.sum(-1).sum().clamp(min=1.0)
    loss_ce = -(ce_t * torch.log_softmax(tok[..., :_N_CE], -1)).sum() / n_tok
    loss_sig = -(sig_t * torch.log_softmax(tok[..., _N_CE:], -1)).sum() / n_tok
    loss_tok = loss_ce + loss_sig
    return loss_sent + cfg.span_weight * loss_tok, {"sentence": loss_sent.item(), "token": loss_tok.item()}
