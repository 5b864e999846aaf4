"""Here, on the CPU: dev SI of device-trained taggers alone and behind a sentence classifier, with the threshold
grid of unspin.models.techniques._dev_scores.  Usage: evalsi.py RUN1_DIR RUN2_DIR TAGGER+GATE ...
(tagger: shipped, tagger_base_s13, probs_tapt_15_, ...; gate: shipped, gate_tapt_13_, ...)."""

import gzip
import json
import os
import pickle
import sys
import time
from pathlib import Path

import torch

sys.path.insert(0, "src")
from unspin.corpora.ptc import Label, si_scores
from unspin.models import checkworthy as C
from unspin.models import minilm as M
from unspin.models import technique_text as X
from unspin.models import techniques as T
from unspin.models.names import hide_in_text

# the folders the two device runs came back in (first: taggers, gates, tapt_delta.pt; second: variants.pt)
R1, R2 = Path(sys.argv[1]), Path(sys.argv[2])
# DATA: prep.py's data (names hidden); prep_shown.py's data_full.pkl.gz for the names-shown run
data = pickle.load(gzip.open(os.environ.get("DATA", ".devdata/data.pkl.gz")))
texts, gold, names, toks = data["dev_text"], data["dev_gold"], data["dev_names"], data["dev_tokens"]
ids = sorted(texts)
CACHE = Path(os.environ.get("CACHE", ".devdata/cache"))
CACHE.mkdir(exist_ok=True)
real_load = M.load_encoder


def with_tapt(delta):
    def load():
        tok, enc = real_load()
        M.apply_delta(enc, delta, Path("tapt"), "x")
        return tok, enc

    return load


def gate_probs(key):
    f = CACHE / f"gate_{key}.pt"
    if f.exists():
        return torch.load(f)
    if key == "shipped":
        st = torch.load(T.WEIGHTS, map_location="cpu", weights_only=True)["sentence"][0]
    else:
        st = torch.load(R1 / "gates.pt", map_location="cpu")[key]
    for kind in ("tapt", "news", "shown"):
        if f"_{kind}_" in key:
            C.load_encoder = with_tapt(torch.load(R1 / f"{kind}_delta.pt")["delta"])
    g = C.CheckworthyModel.from_state(st, "<x>", "x")
    C.load_encoder = real_load
    out = {}
    for a in ids:
        sents = T.sentence_spans(texts[a])
        ps = g.predict_proba([hide_in_text(texts[a], names[a], s, e) for s, e in sents])
        out[a] = [(s, e, p) for (s, e), p in zip(sents, ps, strict=False)]
    torch.save(out, f)
    return out


def tagger_probs(key):
    f = CACHE / f"tagger_{key}.pt"
    if f.exists():
        return torch.load(f)
    if key.startswith("probs_"):
        v = torch.load(R2 / "variants.pt")[key]["probs"]
        out = {a: v[a].float().tolist() for a in ids}
    else:
        st = torch.load(T.WEIGHTS if key == "shipped" else R1 / f"{key}.pt", map_location="cpu", weights_only=True)
        st = st["members"][0] if key == "shipped" else st
        member = T._load_member(st, Path("x"))
        parts = T._Parts(T.cached_tokenizer(), [member], member.cfg)
        out = {}
        for a in ids:
            an = T._analyse(parts, texts[a], names=names[a])
            out[a] = an.probs[:, 1:].tolist()
    torch.save(out, f)
    return out


def grid(probs, every, gates=(0.0, 0.3, 0.4, 0.5, 0.55, 0.6, 0.65, 0.7)):
    best = {}
    for t in [x / 100 for x in range(10, 56, 5)]:
        for gap in (0, 2, 4, 8, 16):
            raw = {
                a: X.token_runs(texts[a], toks[a].offsets, [p[0] for p in probs[a]], [p[1] for p in probs[a]], t, gap)
                for a in ids
            }
            for mc in (1, 6, 12):
                for peak in (0.0, 0.4, 0.5, 0.6, 0.7):
                    if 0 < peak <= t:
                        continue
                    found = {
                        a: [(s, e, m) for s, e, m, top in v if e - s >= mc and top >= peak] for a, v in raw.items()
                    }
                    for g in gates if every else (0.0,):
                        spans = {a: T._gate(v, every[a], g) if every else v for a, v in found.items()}
                        si = si_scores({a: [Label(a, "x", s, e) for s, e, _ in v] for a, v in spans.items()}, gold)
                        k = "gated" if g > 0 else "alone"
                        if k not in best or si.f1 > best[k][0]:
                            best[k] = (si.f1, si.precision, si.recall, (t, gap, mc, peak, g))
    return best


if __name__ == "__main__":
    pairs = [tuple(x.split("+")) for x in sys.argv[3:]]
    for tk, gk in pairs:
        t0 = time.time()
        b = grid(tagger_probs(tk), gate_probs(gk))
        print(
            json.dumps(
                {
                    "tagger": tk,
                    "gate": gk,
                    **{k: [round(v[0], 4), round(v[1], 3), round(v[2], 3), v[3]] for k, v in b.items()},
                    "s": round(time.time() - t0),
                }
            ),
            flush=True,
        )
