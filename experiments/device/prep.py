"""Prepare .devdata/ for run.py (here, on the CPU, in the repository root): the PTC train articles as the
tagger trains on them (names hidden), dev tokens and names, sentence rows, and the pinned weights in float16 with
only the word-piece rows the corpus uses (what travels to the device must stay under 64 MiB)."""

import gzip
import pickle
import shutil
import sys
from pathlib import Path

import torch

sys.path.insert(0, "src")
from unspin.corpora.ptc import load_articles, load_labels, split_paths
from unspin.data_home import corpus_path
from unspin.models import technique_text as T
from unspin.models.minilm import encoder_dir, load_encoder
from unspin.models.names import NAME_LABELS, find_names, hide_in_tokens
from unspin.training import technique_data as TT

out = Path(".devdata")
out.mkdir(exist_ok=True)
tok = T.cached_tokenizer()
tr_a, tr_l = [p for p in split_paths("train", corpus_path("ptc"))]
train_articles, train_labels = load_articles(tr_a), load_labels(tr_l)
dv_a, dv_l = split_paths("dev", corpus_path("ptc"))
dev_articles, dev_labels = load_articles(dv_a), load_labels(dv_l)
te_a = corpus_path("ptc") / "test" / "articles"
test_articles = load_articles(te_a)
ids = sorted(a for a in train_articles if a in train_labels)
arts = TT.prepare_articles(tok, {a: train_articles[a] for a in ids}, train_labels, True)
dev_ids = [a for a in sorted(dev_labels) if a in dev_articles]
dev_names = dict(zip(dev_ids, find_names([dev_articles[a] for a in dev_ids]), strict=True))
dev_tokens = {}
for a in dev_ids:
    t = T.tokenize(dev_articles[a], tok)
    dev_tokens[a] = T.Tokens(*hide_in_tokens(t.ids, t.offsets, dev_names[a], tok))
sent = {
    "train": TT.sentence_rows(train_articles, train_labels, True),
    "dev": TT.sentence_rows(dev_articles, dev_labels, True),
}
# TAPT text: train and test articles (never dev), names hidden, as word-piece ids
tapt = [a.tokens.ids for a in arts]
test_ids = sorted(test_articles)
for a, names in zip(test_ids, find_names([test_articles[x] for x in test_ids]), strict=True):
    t = T.tokenize(test_articles[a], tok)
    tapt.append(hide_in_tokens(t.ids, t.offsets, names, tok)[0])
data_raw = {a: T.tokenize(dev_articles[a], tok) for a in dev_ids}
used = set(tok.all_special_ids) | {int(tok.convert_tokens_to_ids(w)) for w in NAME_LABELS.values()}
for x in arts:
    used.update(x.tokens.ids)
for x in data_raw.values():
    used.update(x.ids)
for x in tapt:
    used.update(x)
for split in ("train", "dev"):
    for s, _ in sent[split]:
        used.update(tok(s, add_special_tokens=False)["input_ids"])
data = {
    "dev_raw": data_raw,
    "used": sorted(used),
    "arts": arts,
    "dev_text": {a: dev_articles[a] for a in dev_ids},
    "dev_gold": {a: dev_labels[a] for a in dev_ids},
    "dev_names": dev_names,
    "dev_tokens": dev_tokens,
    "sent": sent,
    "tapt": tapt,
}
with gzip.open(out / "data.pkl.gz", "wb") as fh:
    pickle.dump(data, fh, protocol=5)
_, enc = load_encoder()
sd = {k: v.half() for k, v in enc.state_dict().items() if not k.startswith("pooler.")}
w = sd.pop("embeddings.word_embeddings.weight")
idx = torch.tensor(data["used"])
sd["word_rows"], sd["word_ids"], sd["word_shape"] = w[idx].clone(), idx, torch.tensor(list(w.shape))
torch.save(sd, out / "minilm16.pt")
mdir = out / "minilm"
mdir.mkdir(exist_ok=True)
for f in ("config.json", "tokenizer.json", "tokenizer_config.json", "special_tokens_map.json", "vocab.txt"):
    shutil.copy(encoder_dir() / f, mdir / f)
print(
    "arts",
    len(arts),
    "tokens",
    sum(len(a.tokens.ids) for a in arts),
    "tapt docs",
    len(tapt),
    "tapt tokens",
    sum(map(len, tapt)),
    "sent",
    len(sent["train"]),
    len(sent["dev"]),
)
