"""Add a wider masked-word corpus to .devdata/ (here, after prep.py): ``data["news"]`` holds the PTC *train*
articles (names hidden, as the tagger reads them) and, as further unlabelled text of the same register, the
CheckThat! 2024 English sentences (political debates, train and dev files, consecutive ids joined into documents
of 40 sentences), the Causal News Corpus subtask-1 sentences (train and dev, 20 to a document) and the GUM
Wikinews texts, all with names hidden.  No PTC dev or test text.  The embedding rows these texts use are added
to minilm16.pt.  Used by the ``news`` job of run.py (domain- and task-adaptive pretraining together,
Gururangan et al. 2020)."""

import csv
import gzip
import pickle
import sys
from pathlib import Path

sys.path.insert(0, "src")
sys.path.insert(0, str(Path(__file__).resolve().parent))
from rows import save_rows

from unspin.data_home import get_data_home
from unspin.models import techniques as T
from unspin.models.names import find_names, hide_in_tokens

DATA = get_data_home()
tok = T.cached_tokenizer()
with gzip.open(".devdata/data.pkl.gz", "rb") as fh:
    data = pickle.load(fh)


def chunks(rows, n):
    return ["\n".join(rows[i : i + n]) for i in range(0, len(rows), n)]


texts: list[str] = []
ct = []
for f in sorted((DATA / "claims" / "ct24_en").glob("*.tsv")):
    with open(f, encoding="utf-8") as fh:
        for r in csv.DictReader(fh, delimiter="\t"):
            ct.append((int(r["Sentence_id"]), r["Text"]))
texts += chunks([t for _, t in sorted(ct)], 40)
cnc = []
for f in ("train_subtask1.csv", "dev_subtask1.csv"):
    with open(DATA / "cnc" / "V2" / f, encoding="utf-8-sig") as fh:
        cnc += [r["text"] for r in csv.DictReader(fh)]
texts += chunks(cnc, 20)
texts += [p.read_text(encoding="utf-8") for p in sorted((DATA / "gum_wikinews" / "text").glob("*.txt"))]
news = [a.tokens.ids for a in data["arts"]]
extra = 0
for text, names in zip(texts, find_names(texts), strict=True):
    t = T.tokenize(text, tok)
    ids = hide_in_tokens(t.ids, t.offsets, names, tok)[0]
    news.append(ids)
    extra += len(ids)
data["news"] = news
used = set(data["used"])
for d in news:
    used.update(d)
data["used"] = sorted(used)
with gzip.open(".devdata/data.pkl.gz", "wb") as fh:
    pickle.dump(data, fh, protocol=5)
save_rows(data["used"], Path(".devdata/minilm16.pt"))
ptc = sum(len(a.tokens.ids) for a in data["arts"])
print(f"news docs {len(news)}: PTC train {ptc} word pieces, other text {extra}; {len(used)} embedding rows")
