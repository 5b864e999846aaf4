"""Training the persuasion-techniques model (:mod:`unspin.models.techniques` is the inference side).

:func:`train_techniques` trains on PTC ``train`` less 15% of its articles and chooses the epoch, the decoding values
and the thresholds on those held-out articles (:mod:`.holdout`), so that ``dev`` stays unseen until it is
reported (``unspin techniques eval``).  The tagger's two losses (token cross-entropy + span cross-entropy on the
gold rows inside each window) are summed and trained jointly with a fixed seed, bfloat16 autocast and one CPU
thread (one thread keeps its speed when other jobs share the CPU); training windows start at a random shift
each epoch.  With
``adapt_epochs`` > 0 the blocks are first trained on masked words of the train articles' text
(:func:`adapt_encoder`, task-adaptive pretraining).  ``unspin techniques train`` reproduces
``weights/techniques.v1.pt``; its parts can be trained in parallel and joined by :func:`combine_techniques`;
:func:`tune_techniques` re-chooses only the thresholds of a saved model on its held-out articles;
:func:`evaluate_techniques` scores a model with the task's scorers (:mod:`unspin.corpora.ptc`).
"""

from __future__ import annotations

import copy
import json
import math
import random
import time
from collections.abc import Callable, Iterator, Mapping, Sequence
from dataclasses import asdict, replace
from pathlib import Path
from typing import TYPE_CHECKING, Any

from ..corpora.ptc import (
    PRF,
    TECHNIQUES,
    Label,
    full_scores,
    load_articles,
    load_labels,
    per_technique,
    read_article,
    si_scores,
    split_paths,
    tc_scores,
)
from ..errors import ConfigError
from ..models.minilm import apply_delta, autocast_bf16, encoder_delta, load_weights, lora_state
from ..models.technique_text import (
    cached_tokenizer,
    window_batch,
)
from ..models.techniques import (
    _THRESHOLDS,
    WEIGHTS,
    TechConfig,
    TechEval,
    TechniquesModel,
    _analyse,
    _config,
    _encoder,
    _heads,
    _load_member,
    _Member,
    _Parts,
    _predict,
    _span_vector,
    _tc_labels,
    check_within,
    load_techniques,
)
from .adapt import adapt_encoder
from .holdout import ptc_tuning_root
from .loop import Evaluation, Loop, seed_everything, train_while_improving
from .technique_data import Article, TechniqueData, load_technique_data, sentence_rows, train_windows
from .technique_decoding import choose_thresholds, decoding_scores, dev_record

if TYPE_CHECKING:
    import torch

__all__ = [
    "TechniqueData",
    "combine_techniques",
    "evaluate_techniques",
    "load_technique_data",
    "train_member",
    "train_techniques",
    "tune_techniques",
]


def evaluate_techniques(
    articles_dir: Path,
    gold_dir: Path,
    model: TechniquesModel | None = None,
    gate: bool = True,
    done: Callable[[int], None] | None = None,
) -> tuple[TechEval, dict[str, list[Label]]]:
    """Score ``model`` on a labelled PTC folder: SI, TC on the gold spans, the full task and per technique
    (``gate=False``: without the sentence gate).  ``done(1)`` after each article.

    Returns the scores and the full-task predictions.
    """
    m = model or load_techniques()
    # only the articles with gold are needed: an unreadable file without gold in the folder does not matter
    articles = load_articles(articles_dir, skip=lambda exc: None)
    gold = load_labels(gold_dir)
    for a in gold:
        if a not in articles and (articles_dir / f"article{a}.txt").exists():
            read_article(articles_dir / f"article{a}.txt")  # raises why it cannot be read
    missing = sorted(a for a in gold if a not in articles)
    if missing:
        raise ConfigError(
            f"{gold_dir}: labels for articles not in {articles_dir}: {', '.join(missing[:5])}",
            "add those articles or remove their labels files",
        )
    articles = {a: articles[a] for a in gold}
    for article, text in articles.items():  # before any model work: a wrong labels folder fails at once
        check_within(article, text, gold[article], str(gold_dir / f"article{article}.labels"))
    parts = m._load()
    started = time.perf_counter()
    pred: dict[str, list[Label]] = {}
    tc: dict[str, list[Label]] = {}
    for article, text in articles.items():
        an = _analyse(parts, text)
        pred[article] = [Label(article, x.technique, x.start, x.end) for x in _predict(parts, an, gate)]
        tc[article] = _tc_labels(parts, an, article, gold[article])
        if done is not None:
            done(1)
    seconds = time.perf_counter() - started
    words = sum(len(t.split()) for t in articles.values())
    result = TechEval(
        si_scores(pred, gold),
        tc_scores(tc, gold),
        full_scores(pred, gold),
        per_technique(pred, gold),
        len(articles),
        seconds,
        words,
    )
    return result, pred


# ------------------------------------------------------------------------------------------ training


def train_techniques(
    split_root: Path,
    out: Path = WEIGHTS,
    config: TechConfig | None = None,
    log: Callable[[str], None] = print,
    adapted: Path | None = None,
) -> dict[str, Any]:
    """Train ``config.members`` tagger/classifier models and ``config.sentence_models`` sentence classifiers on
    ``split_root/train`` less the ``config.tune_fraction`` of its articles held out (seeds ``seed``, ``seed + 1``,
    …), choose each model's epoch and then the thresholds of the whole on those held-out articles, save
    atomically to ``out``.  ``split_root/dev`` is not read: score it afterwards with :func:`evaluate_techniques`.

    Logs the data, every 50 steps, and the held-out scores after each epoch (logged as "dev": the trainers see
    the held-out articles as the dev split of a PTC folder, :func:`~.holdout.ptc_tuning_root`).  With ``members``
    0 only sentence classifiers are trained and saved (no thresholds); with ``sentence_models`` 0 there is no
    sentence gate.  Parts trained apart (in parallel, say) are joined by :func:`combine_techniques`, with the
    same result.

    With ``config.adapt_epochs`` > 0 the encoder is first adapted to the train articles' text
    (:func:`adapt_encoder`) and every part starts from the adapted weights; ``adapted`` names a file saved by an
    earlier run (with ``members`` and ``sentence_models`` 0 only the adaptation is trained and saved), so parts
    trained apart can share one adaptation.
    """
    import torch

    cfg = config or TechConfig()
    if cfg.members < 0 or cfg.sentence_models < 0:
        raise ConfigError(
            f"cannot train {cfg.members} members and {cfg.sentence_models} sentence models",
            "pass --members and --sentence-models of 0 or more",
        )
    if cfg.members + cfg.sentence_models == 0 and not (cfg.adapt_epochs and adapted is None):
        raise ConfigError(
            f"nothing to train: {cfg.members} members and {cfg.sentence_models} sentence models",
            "pass --members 1 or more, --sentence-models 1 or more, or --adapt-epochs 1 or more",
        )
    if cfg.lora_r and (cfg.adapt_epochs or adapted is not None):
        raise ConfigError("an adapted encoder needs fine-tuned blocks, not LoRA", "train with lora_r 0")
    threads_before = torch.get_num_threads()
    if cfg.threads:
        torch.set_num_threads(cfg.threads)
    started = time.perf_counter()
    try:
        with ptc_tuning_root(split_root, cfg.tune_fraction, cfg.seed) as tuning:
            state = _train_parts(cfg, tuning, log, adapted)
    finally:
        torch.set_num_threads(threads_before)
    state["train_seconds"] = time.perf_counter() - started
    return _save(state, out, log)


def _train_parts(cfg: TechConfig, split_root: Path, log: Callable[[str], None], adapted: Path | None) -> dict[str, Any]:
    """What :func:`train_techniques` saves, trained and chosen on ``split_root`` (a PTC folder whose dev is
    the held-out train articles)."""
    delta: dict[str, Any] | None = None
    if adapted is not None:
        delta, cfg = _load_adapted(adapted, cfg, log)
    needed = cfg.members or (adapted is None and cfg.adapt_epochs)
    data = None
    if needed:
        data = load_technique_data(split_root, cfg.hide_names, cfg.limit_articles, cfg.names_method)
    if adapted is None and cfg.adapt_epochs and data is not None:
        delta = adapt_encoder(cfg, data.train, log)
    if delta is not None and cfg.members + cfg.sentence_models == 0:
        return {"adapted": delta, "config": _cfg_dict(cfg)}
    members = []
    for k in range(cfg.members):
        assert data is not None  # read above whenever there are members
        log(f"tagger and classifier {k + 1} of {cfg.members} (seed {cfg.seed + k})")
        members.append(train_member(replace(cfg, seed=cfg.seed + k, members=1), data, log, delta))
    sentence = [_train_sentences(cfg, cfg.seed + k, split_root, log, delta) for k in range(cfg.sentence_models)]
    if not members:
        return {"sentence": sentence, "techniques": list(TECHNIQUES)}
    if len(members) == 1 and not sentence:
        return members[0]
    return _ensemble(members, sentence, split_root, log)


def _load_adapted(path: Path, cfg: TechConfig, log: Callable[[str], None]) -> tuple[dict[str, Any], TechConfig]:
    """The encoder change saved by an earlier ``--adapt-epochs N --members 0`` run, and ``cfg`` with its
    number of adaptation epochs."""
    saved = load_weights(path, "adapted-encoder", "unspin techniques train --adapt-epochs N")
    if "adapted" not in saved:
        raise ConfigError(f"{path}: holds no adapted encoder", "save one with --adapt-epochs N --members 0")
    if bool(saved["config"].get("hide_names")) != cfg.hide_names:
        raise ConfigError(
            f"{path}: adapted with names {'hidden' if cfg.hide_names is False else 'shown'}",
            "adapt again with the same --hide-names/--show-names as the parts",
        )
    cfg = replace(cfg, adapt_epochs=int(saved["config"]["adapt_epochs"]))
    log(f"starting from the encoder adapted in {path} ({cfg.adapt_epochs} epochs)")
    return saved["adapted"], cfg


def _train_sentences(
    cfg: TechConfig,
    seed: int,
    split_root: Path,
    log: Callable[[str], None],
    adapted: Mapping[str, Any] | None = None,
) -> dict[str, Any]:
    """One sentence classifier for the gate: "does this sentence hold a technique?" (threshold on dev)."""
    from ..models.checkworthy import TrainConfig
    from .checkworthy import train_sentence_classifier

    rows = {}
    for split in ("train", "dev"):
        articles_dir, labels_dir = split_paths(split, split_root)
        texts, labels = load_articles(articles_dir), load_labels(labels_dir)
        rows[split] = sentence_rows(texts, labels, cfg.hide_names, cfg.names_method)
    if cfg.limit_articles:
        rows["train"] = rows["train"][: cfg.limit_articles * 20]
    log(f"sentence classifier (seed {seed}): {len(rows['train'])} train and {len(rows['dev'])} dev sentences")
    sc = TrainConfig(seed=seed, epochs=cfg.sentence_epochs, max_tokens=cfg.sentence_tokens)
    state = train_sentence_classifier(rows["train"], rows["dev"], sc, log, adapted=adapted)
    state["hide_names"] = cfg.hide_names  # the gate must read sentences the way it was trained to
    return state


def combine_techniques(
    files: Sequence[Path], out: Path, split_root: Path, log: Callable[[str], None] = print
) -> dict[str, Any]:
    """Join models trained apart (``unspin techniques train --out`` files: taggers and classifiers, sentence
    classifiers, or both) into one, choose its thresholds on the train articles they were trained without and
    save it to ``out``."""
    members: list[dict[str, Any]] = []
    sentence: list[dict[str, Any]] = []
    for f in files:
        state = load_weights(f, "persuasion-techniques", "unspin techniques train")
        if "si_head" in state or "members" in state:
            members.extend(state.get("members", [state]))
        sentence.extend(state.get("sentence", [state] if "head" in state and "lora" in state else []))
    if not members:
        raise ConfigError("none of the files has a tagger and classifier", "add a file trained with --members 1")
    with _held_out_of(members[0]["config"], split_root, files[0]) as tuning:
        state = _ensemble(members, sentence, tuning, log)
    state["train_seconds"] = sum(float(m.get("train_seconds", 0.0)) for m in [*members, *sentence])
    return _save(state, out, log)


def _ensemble(
    members: Sequence[dict[str, Any]],
    sentence: Sequence[dict[str, Any]],
    split_root: Path,
    log: Callable[[str], None],
) -> dict[str, Any]:
    """Average the members' probabilities, gate with the sentence classifiers, choose the thresholds on dev."""
    from ..models.checkworthy import CheckworthyModel

    where, command = "<training>", "unspin techniques train"
    hide = {bool(m["config"].get("hide_names", False)) for m in members}
    hide |= {bool(x.get("hide_names", False)) for x in sentence}
    if len(hide) > 1:
        raise ConfigError(
            "some parts were trained with hidden names and some without",
            "train every part with --hide-names (the default), or every part with --show-names",
        )
    parts = _Parts(
        cached_tokenizer(),
        [_load_member(m, Path(where)) for m in members],
        _config(members[0]["config"]),
        sentence=[CheckworthyModel.from_state(x, where, command) for x in sentence],
    )
    articles_dir, labels_dir = split_paths("dev", split_root)
    texts, gold = load_articles(articles_dir), load_labels(labels_dir)
    ids = [a for a in sorted(gold) if a in texts]
    log(
        f"choosing the thresholds of {len(members)} tagger(s) and {len(sentence)} sentence classifier(s) "
        f"together on dev ({len(ids)} articles)"
    )
    chosen, _ = choose_thresholds(parts, {a: _analyse(parts, texts[a]) for a in ids}, {a: gold[a] for a in ids})
    cfg = dict(members[0]["config"])
    cfg["members"], cfg["sentence_models"] = len(members), len(sentence)
    return {
        "members": [{k: v for k, v in m.items() if k != "thresholds"} for m in members],
        "sentence": list(sentence),
        "config": cfg,
        "techniques": list(TECHNIQUES),
        **chosen,
    }


def _held_out_of(config: Mapping[str, Any], split_root: Path, where: Path) -> Any:
    """The held-out PTC folder (:func:`~.holdout.ptc_tuning_root`) of a model trained with ``config``; a model
    trained on all of train (saved before ``tune_fraction`` existed) has no articles left to choose on."""
    if "tune_fraction" not in config:
        raise ConfigError(
            f"{where}: trained on every train article, so its thresholds could only be chosen on dev",
            "retrain it with `unspin techniques train` (which holds out 15% of train to choose on)",
        )
    return ptc_tuning_root(split_root, float(config["tune_fraction"]), int(config["seed"]))


def _save(state: dict[str, Any], out: Path, log: Callable[[str], None]) -> dict[str, Any]:
    import torch

    out.parent.mkdir(parents=True, exist_ok=True)
    tmp = out.with_suffix(".tmp")
    torch.save(state, tmp)
    tmp.replace(out)
    if "adapted" in state and "sentence" not in state:
        log(f"saved the adapted encoder to {out} ({out.stat().st_size / 1e6:.2f} MB)")
        return {"seconds": state["train_seconds"], "size_bytes": out.stat().st_size, "adapted": True}
    if "dev" not in state:
        log(f"saved {len(state['sentence'])} sentence classifier(s) to {out} ({out.stat().st_size / 1e6:.2f} MB)")
        return {"seconds": state["train_seconds"], "size_bytes": out.stat().st_size}
    dev = state["dev"]
    log(
        f"held-out train articles: SI F1 {dev['si']['f1']:.3f}, TC micro-F1 {dev['tc_micro_f1']:.3f}, "
        f"full F1 {dev['full']['f1']:.3f}; "
        f"thresholds {state['thresholds']}; {state['train_seconds']:.0f}s; saved {out} "
        f"({out.stat().st_size / 1e6:.2f} MB); score dev with `unspin techniques eval`"
    )
    return {
        "epoch": dev["epoch"],
        "si": PRF(**dev["si"]),
        "tc_micro_f1": dev["tc_micro_f1"],
        "full": PRF(**dev["full"]),
        "thresholds": state["thresholds"],
        "seconds": state["train_seconds"],
        "size_bytes": out.stat().st_size,
    }


def train_member(
    cfg: TechConfig,
    data: TechniqueData,
    log: Callable[[str], None] = print,
    adapted: Mapping[str, Any] | None = None,
    encoder: Callable[[TechConfig], tuple[Any, Any]] | None = None,
) -> dict[str, Any]:
    """One tagger and classifier trained on ``data.train`` with :func:`~.loop.train_while_improving`, its epoch
    and decoding values chosen on ``data.dev``: its saved state (encoder change, heads, config, thresholds and
    dev scores).

    ``adapted``: an :func:`~.adapt.adapt_encoder` change to start from; what is saved is still the change to
    the pinned weights (adaptation and fine-tuning together), so a member loads the same way either way.
    ``encoder(cfg)`` gives the tokenizer and the pinned encoder to tune (default: the installed package's).
    """
    import torch

    rng = random.Random(cfg.seed)
    seed_everything(cfg.seed)
    tokenizer, model = (encoder or _encoder)(cfg)
    si_head, tc_head = _heads(int(model.config.hidden_size), cfg.hidden)
    arts = data.train
    full = cfg.lora_r == 0
    base = {n: p.detach().clone() for n, p in model.named_parameters() if p.requires_grad} if full else {}
    if adapted is not None:
        apply_delta(model, adapted, Path("<adapted encoder>"), "unspin techniques train --adapt-epochs N")
    lrs = [cfg.encoder_lr if full else cfg.lr, cfg.lr]  # the tuned encoder's, the heads'
    optim = _optimizer(lrs, [p for p in model.parameters() if p.requires_grad], [si_head, tc_head])
    size = cfg.window - 2
    per_epoch = math.ceil(len(train_windows(arts, size, random.Random(0))) / cfg.batch_size)
    steps = max(2, int(cfg.epochs * per_epoch * 1.05) + cfg.epochs)  # shifted windows vary the count a little
    log(
        f"train {len(arts)} articles, {sum(len(a.tokens.ids) for a in arts)} word pieces, "
        f"{sum(len(a.rows) for a in arts)} technique rows; dev {len(data.dev)} articles; "
        f"~{per_epoch} steps/epoch; config {json.dumps(asdict(cfg))}"
    )
    parts = _Parts(tokenizer, [_Member(model, si_head, tc_head, cfg)], cfg)
    names = data.dev_names or {}

    def batches(epoch: int) -> Iterator[list[tuple[int, int, int]]]:
        wins = train_windows(arts, size, rng)
        rng.shuffle(wins)
        for i in range(0, len(wins), cfg.batch_size):
            yield wins[i : i + cfg.batch_size]

    def evaluate(epoch: int) -> Evaluation:
        analyses = {a: _analyse(parts, t, names=names.get(a)) for a, t in data.dev.items()}
        scores = decoding_scores(parts, analyses, data.dev_gold)
        si = scores["si"]
        return Evaluation(
            si.f1 + scores["tc"].accuracy,
            f"dev SI F1 {si.f1:.3f} (P {si.precision:.3f} R {si.recall:.3f}, threshold {scores['span']:.2f}), "
            f"TC micro-F1 {scores['tc'].accuracy:.3f}, full F1 {scores['full'].f1:.3f} (gap {scores['gap']}, "
            f"min {scores['min_chars']} chars, peak {scores['peak']}, sentence gate {scores['sentence']}; "
            f"second technique at {scores['second']:.2f})",
            scores,
        )

    def snapshot() -> dict[str, Any]:
        return {
            ("delta" if full else "lora"): encoder_delta(model, base) if full else lora_state(model),
            "si_head": copy.deepcopy(si_head.state_dict()),
            "tc_head": copy.deepcopy(tc_head.state_dict()),
        }

    loop: Loop[list[tuple[int, int, int]]] = Loop(
        modules=[model, si_head, tc_head],
        optimizers=[optim],
        batches=batches,
        loss=lambda chunk: _loss(parts, arts, chunk),
        snapshot=snapshot,
        epochs=cfg.epochs,
        evaluate=evaluate,
        scheduler=torch.optim.lr_scheduler.OneCycleLR(optim, max_lr=lrs, total_steps=steps, pct_start=0.1),
        scheduler_steps=steps - 1,
        steps_per_epoch=per_epoch,
        max_minutes=cfg.max_minutes,
    )
    best = train_while_improving(loop, log)
    assert best.evaluation is not None
    sc = best.evaluation.record
    log(
        f"kept epoch {best.epoch}: dev SI F1 {sc['si'].f1:.3f}, TC micro-F1 {sc['tc'].accuracy:.3f}, "
        f"full F1 {sc['full'].f1:.3f}"
    )
    return {
        **best.state,
        "thresholds": {k: float(sc[k]) for k in _THRESHOLDS},
        "config": _cfg_dict(cfg),
        "techniques": list(TECHNIQUES),
        "dev": dev_record(sc, best.epoch),
        "train_seconds": best.seconds,
    }


def _optimizer(lrs: Sequence[float], tuned: Sequence[Any], heads: Sequence[Any]) -> Any:
    import torch

    head_params = [p for h in heads for p in h.parameters()]
    return torch.optim.AdamW(
        [{"params": list(tuned), "lr": lrs[0]}, {"params": head_params, "lr": lrs[1]}], lr=lrs[1], weight_decay=0.01
    )


def _loss(
    parts: _Parts, arts: Sequence[Article], chunk: Sequence[tuple[int, int, int]]
) -> tuple[Any, dict[str, float]]:
    """The tagger's loss over a batch of windows (token cross-entropy, tokens off the gold lines weighted by
    ``outside_weight``) + ``tc_weight`` × the classifier's (span cross-entropy over the gold rows mostly inside
    each window)."""
    import torch

    cfg, member = parts.cfg, parts.members[0]
    ids_t, mask = window_batch(parts.tokenizer, [arts[k].tokens.ids[a:b] for k, a, b in chunk])
    tags = torch.full(ids_t.shape, -100, dtype=torch.long)
    weight = torch.zeros(ids_t.shape)
    for r, (k, a, b) in enumerate(chunk):
        tags[r, 1 : 1 + b - a] = torch.tensor(arts[k].tags[a:b], dtype=torch.long)
        on = torch.tensor(arts[k].on_gold_line[a:b], dtype=torch.bool)
        weight[r, 1 : 1 + b - a] = torch.where(on, 1.0, cfg.outside_weight)
    with autocast_bf16(cfg.bf16):
        states = member.encoder(input_ids=ids_t, attention_mask=mask).last_hidden_state
    states = states.float()
    per_token = torch.nn.functional.cross_entropy(
        member.si_head(states).reshape(-1, 3), tags.reshape(-1), ignore_index=-100, reduction="none"
    )
    weight = weight.reshape(-1)
    loss_tags = (per_token * weight).sum() / weight.sum().clamp(min=1e-6)
    vecs: list[torch.Tensor] = []
    targets: list[int] = []
    for r, (k, a, b) in enumerate(chunk):
        for ra, rb, tech, feats in arts[k].rows:
            lo, hi = max(ra, a), min(rb, b)
            if hi <= lo or (hi - lo) * 2 < rb - ra:  # keep rows mostly inside this window
                continue
            v = _span_vector(states[r, 1 : 1 + b - a], states[r, 0], lo - a, hi - a, cfg.context)
            vecs.append(torch.cat([v, torch.tensor(feats)]))
            targets.append(tech)
    loss_tech = torch.zeros(())
    if vecs:
        loss_tech = torch.nn.functional.cross_entropy(member.tc_head(torch.stack(vecs)), torch.tensor(targets))
    return loss_tags + cfg.tc_weight * loss_tech, {"tag": loss_tags.item(), "technique": loss_tech.item()}


def _cfg_dict(cfg: TechConfig) -> dict[str, Any]:
    out = asdict(cfg)
    out["lora_targets"] = list(cfg.lora_targets)
    return out


def tune_techniques(split_root: Path, weights: Path = WEIGHTS, log: Callable[[str], None] = print) -> dict[str, Any]:
    """Choose the decoding thresholds of a saved model again on the train articles it was trained without
    (:func:`~.holdout.ptc_tuning_root`) and save them into it.

    The adapter and heads are not touched; only ``thresholds`` and the recorded held-out scores change.
    """
    import torch

    model = TechniquesModel(weights)
    parts = model._load()
    saved = torch.load(weights, map_location="cpu", weights_only=True)
    with _held_out_of(saved["config"], split_root, weights) as tuning:
        articles_dir, labels_dir = split_paths("dev", tuning)
        texts, gold = load_articles(articles_dir), load_labels(labels_dir)
    ids = [a for a in sorted(gold) if a in texts]
    started = time.perf_counter()
    chosen, sc = choose_thresholds(parts, {a: _analyse(parts, texts[a]) for a in ids}, {a: gold[a] for a in ids})
    state = torch.load(weights, map_location="cpu", weights_only=True)
    epoch = state.get("dev", {}).get("epoch")
    state.update(chosen)
    state["dev"]["epoch"] = epoch
    tmp = weights.with_suffix(".tmp")
    torch.save(state, tmp)
    tmp.replace(weights)
    log(
        f"held-out train articles: SI F1 {sc['si'].f1:.3f} (P {sc['si'].precision:.3f} "
        f"R {sc['si'].recall:.3f}), TC micro-F1 "
        f"{sc['tc'].accuracy:.3f}, full F1 {sc['full'].f1:.3f}; thresholds {state['thresholds']} "
        f"({time.perf_counter() - started:.0f}s); saved {weights}"
    )
    return {"thresholds": state["thresholds"], "si": sc["si"], "tc_micro_f1": sc["tc"].accuracy, "full": sc["full"]}
