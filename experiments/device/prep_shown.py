"""A names-shown copy of the slim device data (here, after prep.py and prep_news.py): PTC train articles, sentence
rows and dev articles with every name as written, and ``data["shown"]``, the train articles' word pieces for the
masked-word passes.  Written to .devdata/shown/ (carry that folder and set DEVDATA to it).  What it measures:
how much of the dev SI gap the even-handedness choice (names hidden, README "Persuasion techniques") costs once
the encoder is adapted; the package never ships a model that reads names."""

import dataclasses
import gzip
import pickle
import shutil
import sys
from pathlib import Path

sys.path.insert(0, "src")
sys.path.insert(0, str(Path(__file__).resolve().parent))
from rows import save_rows

from unspin.corpora.ptc import load_articles, load_labels, split_paths
from unspin.data_home import corpus_path
from unspin.models import techniques as T
from unspin.training import techniques as TT

out = Path(".devdata/shown")
out.mkdir(parents=True, exist_ok=True)
tok = T.cached_tokenizer()
with gzip.open(".devdata/data.pkl.gz", "rb") as fh:
    data = pickle.load(fh)
train_articles, train_labels = (
    load_articles(split_paths("train", corpus_path("ptc"))[0]),
    load_labels(split_paths("train", corpus_path("ptc"))[1]),
)
dev_articles, dev_labels = (
    load_articles(split_paths("dev", corpus_path("ptc"))[0]),
    load_labels(split_paths("dev", corpus_path("ptc"))[1]),
)
ids = sorted(a for a in train_articles if a in train_labels)
arts = TT.prepare_articles(tok, {a: train_articles[a] for a in ids}, train_labels, False)
data["arts"] = [dataclasses.replace(a, text="", lower="", tokens=T.Tokens(a.tokens.ids, [])) for a in arts]
data["sent"] = {
    "train": TT.sentence_rows(train_articles, train_labels, False),
    "dev": TT.sentence_rows(dev_articles, dev_labels, False),
}
data["dev_names"] = {a: [] for a in data["dev_text"]}
data["dev_tokens"] = dict(data["dev_raw"])
data["shown"] = [a.tokens.ids for a in arts]
for k in ("tapt", "news"):
    data.pop(k, None)
used = set(data["used"])
for d in data["shown"]:
    used.update(d)
for split in ("train", "dev"):
    for s, _ in data["sent"][split]:
        used.update(tok(s, add_special_tokens=False)["input_ids"])
data["used"] = sorted(used)
slim = {k: v for k, v in data.items() if k != "dev_tokens"}
with gzip.open(out / "data.pkl.gz", "wb") as fh:
    pickle.dump(slim, fh, protocol=5)
with gzip.open(out / "data_full.pkl.gz", "wb") as fh:  # for evalsi here (not carried)
    pickle.dump(data, fh, protocol=5)
save_rows(data["used"], out / "minilm16.pt")
shutil.copytree(".devdata/minilm", out / "minilm", dirs_exist_ok=True)
print(f"shown: {len(arts)} train articles, {sum(map(len, data['shown']))} word pieces, {len(used)} embedding rows")
