"""Device run: task-adaptive MLM pretraining (TAPT) of MiniLM on PTC train+test text, then taggers and sentence
classifiers on the pinned and on the TAPT weights (2 seeds each). `python3 experiments/device/run.py` orchestrates;
`python3 experiments/device/run.py JOB` runs one job. Env: OUT (results), DEV (cuda|cpu), QUICK=1 (tiny local check)."""

import gzip
import json
import math
import os
import pickle
import random
import subprocess
import sys
import time
import traceback
from pathlib import Path

D = Path(os.environ.get("DEVDATA", ".devdata"))  # a slimmer copy can be carried instead (64 MiB limit)
OUT = Path(os.environ.get("OUT", "/tmp/out"))
TMP = Path(os.environ.get("TMPJOBS", "/tmp/jobs"))
DEV = os.environ.get("DEV", "cuda")
QUICK = os.environ.get("QUICK") == "1"
TAPT_EPOCHS = int(os.environ.get("TAPT_EPOCHS", "60"))
TAPT_MAX_S = float(os.environ.get("TAPT_MAX_S", "210"))
DEADLINE = float(os.environ.get("DEADLINE", "520"))
sys.path.insert(0, "src")
sys.path.insert(0, str(Path(__file__).resolve().parent))


def log(msg):
    print(f"[{time.strftime('%H:%M:%S')}] {msg}", flush=True)


def setup():
    """The carried data and the carried pinned encoder, given to the library's training functions as arguments
    (the device has neither spaCy nor the pinned encoder package)."""
    import torch
    from bert import Bert

    from unspin.training.technique_data import TechniqueData

    if DEV == "cuda":
        torch.backends.cuda.matmul.allow_tf32 = True
        torch.backends.cudnn.allow_tf32 = True
    torch.set_default_device(DEV)
    with gzip.open(D / "data.pkl.gz", "rb") as fh:
        data = pickle.load(fh)
    sd = torch.load(D / "minilm16.pt", map_location="cpu")
    shape = sd.pop("word_shape").tolist()
    w = torch.zeros(shape, dtype=torch.float32, device="cpu")
    w[sd.pop("word_ids")] = sd.pop("word_rows").float()
    pinned = {k: v.float() for k, v in sd.items()}
    pinned["embeddings.word_embeddings.weight"] = w
    from transformers import AutoTokenizer

    base_tok = AutoTokenizer.from_pretrained(str(D / "minilm"), local_files_only=True)

    class Tok:
        def __call__(self, *a, **k):
            out = base_tok(*a, **k)
            return out.to(DEV) if k.get("return_tensors") == "pt" else out

        def __getattr__(self, name):
            return getattr(base_tok, name)

    tok = Tok()

    def pinned_encoder():
        enc = Bert(D / "minilm" / "config.json")
        enc.load_state_dict(pinned, strict=True)
        enc.eval()
        return tok, enc

    def tunable(cfg=None):  # as unspin.models.minilm.tunable_encoder: blocks trainable, embeddings frozen
        _, enc = pinned_encoder()
        for n, p in enc.named_parameters():
            p.requires_grad = not n.startswith("embeddings.")
        return tok, enc

    arts = data["arts"][:6] if QUICK else data["arts"]
    dev_ids = sorted(data["dev_text"])[:3] if QUICK else sorted(data["dev_text"])
    ptc = TechniqueData(
        arts,
        {a: data["dev_text"][a] for a in dev_ids},
        {a: data["dev_gold"][a] for a in dev_ids},
        {a: data["dev_names"][a] for a in dev_ids},
    )
    return torch, data, ptc, pinned_encoder, tunable, tok, pinned


def cpu(x):
    import torch

    if isinstance(x, torch.Tensor):
        return x.detach().cpu()
    if isinstance(x, dict):
        return {k: cpu(v) for k, v in x.items()}
    if isinstance(x, (list, tuple)):
        return type(x)(cpu(v) for v in x)
    return x


def tapt_delta(kind, tunable, pinned):
    """The adaptation job's blocks as the library's encoder change (relative to the pinned weights)."""
    import torch

    from unspin.models.minilm import encoder_delta

    t = torch.load(TMP / f"{kind}_blocks.pt", map_location="cpu")
    _, enc = tunable()
    enc.load_state_dict({**pinned, **{k: v.float() for k, v in t.items()}}, strict=True)
    return encoder_delta(enc, {k: v.to(DEV) for k, v in pinned.items() if not k.startswith("embeddings.")})


def job_tapt(kind="tapt"):
    """Masked-word passes: ``tapt`` over PTC train and test text, ``news`` over PTC train and the other
    corpora's text (prep_news.py), ``shown`` over PTC train text with names as written (prep_shown.py)."""
    torch, data, _ptc, _pinned_encoder, tunable, tok, pinned = setup()
    from torch import nn

    from unspin.models.minilm import encoder_delta

    torch.manual_seed(13)
    rng = random.Random(13)
    _, enc = tunable()
    emb = enc.embeddings.word_embeddings.weight  # frozen, tied decoder
    head = nn.Sequential(nn.Linear(384, 384), nn.GELU(), nn.LayerNorm(384, eps=1e-12))
    bias = nn.Parameter(torch.zeros(emb.shape[0]))
    used = torch.tensor(data["used"])
    docs = data[kind][:10] if QUICK else data[kind]
    size, bs = 254, 32
    cls_id, sep_id, pad_id, mask_id = tok.cls_token_id, tok.sep_token_id, tok.pad_token_id, tok.mask_token_id

    def wins(shift_rng):
        out = []
        for d in docs:
            sh = shift_rng.randrange(size // 2) if len(d) > size else 0
            for s in range(-sh, len(d), size):
                a, b = max(0, s), min(len(d), s + size)
                if b - a >= 16:
                    out.append(d[a:b])
        return out

    def batch(rows, r):
        width = max(len(x) for x in rows) + 2
        ids = torch.full((len(rows), width), pad_id, dtype=torch.long)
        am = torch.zeros((len(rows), width), dtype=torch.long)
        for i, x in enumerate(rows):
            ids[i, : len(x) + 2] = torch.tensor([cls_id, *x, sep_id])
            am[i, : len(x) + 2] = 1
        cand = am.bool().clone()
        cand[:, 0] = False
        cand[torch.arange(len(rows)), am.sum(1) - 1] = False
        g = torch.Generator(device=DEV)
        g.manual_seed(r)
        sel = (torch.rand(ids.shape, generator=g) < 0.15) & cand
        labels = ids[sel].clone()
        u = torch.rand(int(sel.sum()), generator=g)
        inp = ids.clone()
        masked = inp[sel]
        masked = torch.where(u < 0.8, torch.full_like(masked, mask_id), masked)
        rnd = used[torch.randint(len(used), (masked.shape[0],), generator=g)]
        masked = torch.where((u >= 0.8) & (u < 0.9), rnd, masked)
        inp[sel] = masked
        return inp, am, sel, labels

    def mlm_loss(inp, am, sel, labels):
        with torch.autocast(DEV, dtype=torch.bfloat16, enabled=DEV == "cuda"):
            h = enc(input_ids=inp, attention_mask=am).last_hidden_state
            z = head(h[sel]) @ emb.T + bias
        return nn.functional.cross_entropy(z.float(), labels)

    dev_docs = [t.ids for t in data["dev_raw"].values()][: 3 if QUICK else None]  # held-out check (raw ids)

    def dev_loss():
        enc.eval()
        tot, n = 0.0, 0
        with torch.no_grad():
            rows = []
            for d in dev_docs:
                rows += [d[s : s + size] for s in range(0, len(d), size) if len(d[s : s + size]) >= 16]
            for i in range(0, len(rows), 64):
                inp, am, sel, lab = batch(rows[i : i + 64], 999 + i)
                tot += float(mlm_loss(inp, am, sel, lab)) * len(lab)
                n += len(lab)
        enc.train()
        return tot / max(1, n)

    log(f"{kind}: {len(docs)} docs, {sum(map(len, docs))} tokens; dev MLM loss before {dev_loss():.3f}")
    started = time.time()
    steps_per = math.ceil(len(wins(random.Random(0))) / bs)
    warm = 20 if QUICK else 300
    total = warm + TAPT_EPOCHS * steps_per
    opt_h = torch.optim.AdamW([*head.parameters(), bias], lr=1e-3, weight_decay=0.01)
    opt_e = torch.optim.AdamW([p for p in enc.parameters() if p.requires_grad], lr=1e-4, weight_decay=0.01)
    step, done_epochs = 0, 0
    enc.train()
    # phase 1: the new head alone, so its random start does not disturb the blocks
    while step < warm:
        rows = wins(rng)
        rng.shuffle(rows)
        for i in range(0, len(rows), bs):
            if step >= warm:
                break
            loss = mlm_loss(*batch(rows[i : i + bs], step))
            opt_h.zero_grad()
            loss.backward()
            opt_h.step()
            step += 1
    log(f"tapt: head warm-up done, loss {float(loss):.3f}, dev {dev_loss():.3f}")
    main_steps = total - warm
    sched = torch.optim.lr_scheduler.LambdaLR(
        opt_e, lambda s: min(1.0, s / max(1, 0.06 * main_steps)) * max(0.0, 1 - s / max(1, main_steps))
    )
    for ep in range(TAPT_EPOCHS):
        rows = wins(rng)
        rng.shuffle(rows)
        run = 0.0
        for i in range(0, len(rows), bs):
            loss = mlm_loss(*batch(rows[i : i + bs], step))
            opt_h.zero_grad()
            opt_e.zero_grad()
            loss.backward()
            torch.nn.utils.clip_grad_norm_([p for p in enc.parameters() if p.requires_grad], 1.0)
            opt_h.step()
            opt_e.step()
            sched.step()
            step += 1
            run += float(loss)
        done_epochs = ep + 1
        if ep % 5 == 4 or ep == TAPT_EPOCHS - 1:
            log(
                f"tapt: epoch {ep + 1} train loss {run / max(1, math.ceil(len(rows) / bs)):.3f} dev {dev_loss():.3f} {time.time() - started:.0f}s"
            )
        if time.time() - started > TAPT_MAX_S:
            log(f"tapt: stopping after epoch {ep + 1} at {time.time() - started:.0f}s (time cap)")
            break
    blocks = {n: p.detach().float().cpu() for n, p in enc.named_parameters() if p.requires_grad}
    TMP.mkdir(parents=True, exist_ok=True)
    torch.save(blocks, TMP / f"{kind}_blocks.tmp")
    os.replace(TMP / f"{kind}_blocks.tmp", TMP / f"{kind}_blocks.pt")
    pinned_blocks = {k: v.to(DEV) for k, v in pinned.items() if not k.startswith("embeddings.")}
    delta = cpu(encoder_delta(enc, pinned_blocks))
    torch.save({"delta": delta, "epochs": done_epochs, "seconds": time.time() - started}, OUT / f"{kind}_delta.pt")
    log(f"tapt: saved after {done_epochs} epochs, {time.time() - started:.0f}s")


TAGGER_VARIANTS = {
    "": {},
    "w128": {"window": 128, "overlap": 16},
    "lr2e4": {"encoder_lr": 2e-4},
    "lr5e5": {"encoder_lr": 5e-5},
}
GATE_VARIANTS = {
    "": {},
    "lr5e4": {"lr": 5e-4},
    "lr2e3": {"lr": 2e-3},
    "ep5": {"epochs": 5},
    "r16": {"lora_r": 16, "lora_alpha": 32.0},
    "b16": {"batch_size": 16},
}


def job_tagger(kind, seed, variant="", probs_only=False):
    from unspin.models.techniques import TechConfig, _analyse, _load_member, _Parts
    from unspin.training.techniques import train_member

    torch, _data, ptc, _pinned_encoder, tunable, tok, pinned = setup()
    adapted = tapt_delta(kind, tunable, pinned) if kind != "base" else None
    cfg = TechConfig(seed=seed, threads=None, bf16=False, epochs=1 if QUICK else 3, **TAGGER_VARIANTS[variant])
    name = f"tagger {kind} {seed} {variant}"
    out = cpu(train_member(cfg, ptc, lambda m: log(f"{name}: {m}"), adapted, encoder=tunable))
    out["device_run"] = {"kind": kind, "seed": seed, "variant": variant}
    if not probs_only:
        for head in ("si_head", "tc_head"):
            out[head] = {k: v.half() for k, v in out[head].items()}
        torch.save(out, OUT / f"tagger_{kind}_s{seed}.pt")
    if probs_only or SAVE_PROBS:
        saved = {**out, "delta": {k: v.to(DEV) for k, v in out["delta"].items()}}
        member = _load_member(saved, Path("<run>"), tunable)  # the delta is relative to the pinned weights
        parts = _Parts(tok, [member], member.cfg)
        probs = {}
        for a, text in ptc.dev.items():
            an = _analyse(parts, text, names=ptc.dev_names[a])
            probs[a] = an.probs[:, 1:].detach().cpu().half()
        TMP.mkdir(parents=True, exist_ok=True)
        torch.save(
            {"probs": probs, "dev": out["dev"], "config": out["config"]}, TMP / f"probs_{kind}_{seed}_{variant}.pt"
        )
    log(f"{name}: saved, dev {json.dumps(out['dev'])[:400]}")


def job_gate(kind, seed, variant=""):
    from unspin.models.checkworthy import TrainConfig
    from unspin.training.checkworthy import train_sentence_classifier

    torch, data, _ptc, pinned_encoder, tunable, _tok, pinned = setup()
    adapted = tapt_delta(kind, tunable, pinned) if kind != "base" else None
    train, dev = data["sent"]["train"], data["sent"]["dev"]
    if QUICK:
        train, dev = train[:64], dev[:64]
    extra = dict(GATE_VARIANTS[variant])
    e = extra.pop("epochs", 3)
    sc = TrainConfig(seed=seed, epochs=1 if QUICK else e, max_tokens=128, **extra)
    logger = lambda m: log(f"gate {kind} {seed} {variant}: {m}")  # noqa: E731
    out = cpu(train_sentence_classifier(train, dev, sc, logger, adapted=adapted, encoder=pinned_encoder))
    out["hide_names"] = True
    out["device_run"] = {"kind": kind, "seed": seed, "variant": variant}
    TMP.mkdir(parents=True, exist_ok=True)
    torch.save(out, TMP / f"gate_{kind}_{seed}_{variant}.pt")
    log(f"gate {kind} {seed}: saved, dev {out['dev']}")


FIRST = [
    "tapt",
    "tagger_base_13",
    "tagger_base_14",
    "gate_base_13",
    "gate_base_14",
    "probs_base_15",
    "probs_base_16",
    "probs_base_13_w128",
    "gate_base_13_lr5e4",
    "gate_base_13_lr2e3",
    "gate_base_13_ep5",
    "gate_base_13_r16",
    "gate_base_13_b16",
    "probs_base_13_lr2e4",
    "probs_base_13_lr5e5",
]
AFTER_TAPT = [
    "tagger_tapt_13",
    "tagger_tapt_14",
    "gate_tapt_13",
    "gate_tapt_14",
    "probs_tapt_15",
    "probs_tapt_16",
    "probs_tapt_13_w128",
]
if os.environ.get("FIRST"):
    FIRST = os.environ["FIRST"].split(",")
    AFTER_TAPT = os.environ["AFTER"].split(",")
TRIGGER = os.environ.get("TRIGGER", "tapt")  # the adaptation job the AFTER jobs wait for
SAVE_PROBS = os.environ.get("SAVE_PROBS") == "1"  # tagger_* jobs also write their dev probabilities
MAX_RUNNING = int(os.environ.get("MAX_RUNNING", "12"))


def main():
    OUT.mkdir(parents=True, exist_ok=True)
    TMP.mkdir(parents=True, exist_ok=True)
    logf = open(OUT / "log.txt", "a")
    started = time.time()
    procs = {}
    queue = list(FIRST)
    later = list(AFTER_TAPT)

    def start(name):
        env = {**os.environ, "OMP_NUM_THREADS": "2", "MKL_NUM_THREADS": "2"}
        p = subprocess.Popen([sys.executable, __file__, name], stdout=logf, stderr=subprocess.STDOUT, env=env)
        procs[name] = (p, time.time())
        log(f"started {name} at {time.time() - started:.0f}s")

    while True:
        tapt = procs.get(TRIGGER, (None,))[0]
        if later and tapt is not None and tapt.poll() is not None:
            if tapt.returncode == 0:
                queue = later + queue  # the TAPT jobs go first
            later = []
        running = [n for n, (p, _) in procs.items() if p.poll() is None]
        while queue and len(running) < MAX_RUNNING:
            start(queue.pop(0))
            running.append("x")
        running = [n for n, (p, _) in procs.items() if p.poll() is None]
        if not running and not later and not queue:
            break
        if time.time() - started > DEADLINE:
            for n in running:
                procs[n][0].kill()
                log(f"killed {n} at the deadline")
            log(f"never started: {queue + later}")
            break
        time.sleep(2)
    import torch

    gates = {f.stem: torch.load(f, map_location="cpu") for f in sorted(TMP.glob("gate_*.pt"))}
    torch.save(gates, OUT / "gates.pt")
    variants = {f.stem: torch.load(f, map_location="cpu") for f in sorted(TMP.glob("probs_*.pt"))}
    torch.save(variants, OUT / "variants.pt")
    for n, (p, _t0) in procs.items():
        log(f"{n}: exit {p.returncode}")
    log(f"all done in {time.time() - started:.0f}s")
    logf.close()


if __name__ == "__main__":
    if len(sys.argv) == 1:
        main()
    else:
        name = sys.argv[1]
        try:
            if name in ("tapt", "news", "shown"):
                job_tapt(name)
            else:
                what, kind, seed, *rest = name.split("_")
                variant = rest[0] if rest else ""
                if what == "tagger":
                    job_tagger(kind, int(seed), variant)
                elif what == "probs":
                    job_tagger(kind, int(seed), variant, probs_only=True)
                else:
                    job_gate(kind, int(seed), variant)
        except Exception:
            traceback.print_exc()
            sys.exit(1)
