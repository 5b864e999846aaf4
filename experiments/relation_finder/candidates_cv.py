"""Can a learned classifier find the relations the rules miss?  A measurement on the real-article dev gold.

Not part of the package and not run by the tests (needs scikit-learn, a development-only package here):

    .venv/bin/python experiments/relation_finder/candidates_cv.py

Candidates: every verb of a dev gold article where the rules found no relation, with a subject and an object (a
passive's agent and subject), read by the rules' own argument finders.  A candidate is right when a gold relation's
trigger overlaps the verb and its cause and effect overlap the two arguments.  Features: the verb's and the
object's lemma embedded by the pinned MiniLM encoder (mean-pooled, normalised), passive, negation, dependency
label, first preposition, entity types and parts of speech of both arguments.  A logistic regression is scored by
5-fold cross-validation over articles; the script prints how many of the top-ranked candidates are right.
"""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Any

import numpy as np

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT / "src"))

ENTS = ["PERSON", "ORG", "GPE", "NORP", ""]
DEPS = ["ROOT", "ccomp", "conj", "relcl", "advcl", "xcomp", "acl", "pcomp"]
PREPS = ["to", "in", "on", "for", "into", "with", "from", "of", "by", "against", "at"]
POS = ["PROPN", "PRON", "NOUN"]


def _overlaps(gold: tuple[int, int] | None, span: tuple[int, int]) -> bool:
    return gold is None or (gold[0] < span[1] and span[0] < gold[1])


def candidates(data: Path) -> list[dict[str, Any]]:
    """The candidate verbs of every dev gold article, with their features' raw values and a label."""
    from unspin.cli_relations import _analyse
    from unspin.components.relation_args import agent_of, arg, is_negated, is_passive, object, subject
    from unspin.evaluation.real_gold import load_gold_dir
    from unspin.models.spacy_pipeline import load_spacy

    golds = load_gold_dir(ROOT / "gold" / "real" / "dev", data)
    reports = _analyse(golds)
    nlp = load_spacy()
    rows: list[dict[str, Any]] = []
    for gold, report in zip(golds, reports, strict=True):
        found = [
            (r["trigger"]["start"], r["trigger"]["end"])
            for r in report["relations"] + report.get("relation_candidates", [])
            if r.get("trigger")
        ]
        sdoc = nlp(gold.text)
        for tok in sdoc:
            t0, t1 = tok.idx, tok.idx + len(tok.text)
            if tok.pos_ != "VERB" or any(a < t1 and t0 < b for a, b in found):
                continue
            passive = is_passive(tok)
            cause = agent_of(tok) if passive else subject(tok)[0]
            effect = subject(tok)[0] if passive else object(tok)
            if cause is None or effect is None:
                continue
            spans = []
            for t in (cause, effect):
                _, s, e = arg(t)
                spans.append((sdoc[s].idx, sdoc[e - 1].idx + len(sdoc[e - 1].text)))
            label = any(
                g.trigger[0] < t1
                and t0 < g.trigger[1]
                and _overlaps(g.cause, spans[0])
                and _overlaps(g.effect, spans[1])
                for g in gold.relations
            )
            prep = next((c.lower_ for c in tok.children if c.dep_ == "prep"), "")
            rows.append(
                {
                    "article": gold.name,
                    "lemma": tok.lemma_.lower(),
                    "e_lemma": effect.lemma_.lower(),
                    "flags": [
                        float(passive),
                        float(is_negated(tok)),
                        float(any(c.dep_ == "dobj" for c in tok.children)),
                    ],
                    "onehot": [tok.dep_ == d for d in DEPS]
                    + [prep == p for p in PREPS]
                    + [cause.ent_type_ == x for x in ENTS]
                    + [effect.ent_type_ == x for x in ENTS]
                    + [cause.pos_ == x for x in POS]
                    + [effect.pos_ == x for x in POS],
                    "label": label,
                }
            )
    return rows


def embed(words: list[str]) -> dict[str, np.ndarray]:
    import torch

    from unspin.models.minilm import load_encoder

    tokenizer, encoder = load_encoder()
    out: dict[str, np.ndarray] = {}
    with torch.no_grad():
        for i in range(0, len(words), 256):
            batch = words[i : i + 256]
            enc = tokenizer(batch, padding=True, return_tensors="pt")
            hidden = encoder(input_ids=enc["input_ids"], attention_mask=enc["attention_mask"]).last_hidden_state
            mask = enc["attention_mask"].unsqueeze(-1).float()
            vec = torch.nn.functional.normalize((hidden * mask).sum(1) / mask.sum(1), dim=-1)
            out.update(zip(batch, vec.numpy(), strict=True))
    return out


def main() -> None:
    from sklearn.linear_model import LogisticRegression

    rows = candidates(ROOT.parent / "shared" / "data")
    vectors = embed(sorted({r["lemma"] for r in rows} | {r["e_lemma"] for r in rows}))
    x = np.array([[*r["flags"], *map(float, r["onehot"]), *vectors[r["lemma"]], *vectors[r["e_lemma"]]] for r in rows])
    y = np.array([r["label"] for r in rows])
    articles = sorted({r["article"] for r in rows})
    np.random.RandomState(0).shuffle(articles)
    fold = np.array([articles.index(r["article"]) % 5 for r in rows])
    print(f"{len(rows)} candidates, {int(y.sum())} right ({y.mean():.3f})")
    for c in (0.3, 1.0, 3.0):
        scores = np.zeros(len(rows))
        for k in range(5):
            model = LogisticRegression(C=c, max_iter=2000).fit(x[fold != k], y[fold != k])
            scores[fold == k] = model.predict_proba(x[fold == k])[:, 1]
        ranked = y[np.argsort(-scores)]
        tops = ", ".join(f"top {n}: {int(ranked[:n].sum())} right" for n in (10, 20, 40, 80))
        print(f"C={c}: {tops}")


if __name__ == "__main__":
    main()
