"""Rewrite the golden reports, after a change that is meant to change what reports say.

    .venv/bin/python tests/golden/regenerate.py

The bundled example's JSON, HTML and Markdown reports are stored whole; the three PTC dev articles' reports
(whose text may not be committed) only as the SHA-256 digest of their JSON with the models' scores left out
(:func:`without_scores`: the last digits of a score differ between CPUs that compute in bfloat16 and those that do
not; which spans the models find does not).  Read the diff of the example's files before you
commit them: they are what `tests/test_golden.py` holds every later change to.
"""

from __future__ import annotations

import hashlib
import json
import sys
from pathlib import Path

HERE = Path(__file__).parent
sys.path.insert(0, str(HERE.parent.parent / "src"))

from unspin import Document, build_report, load_pipeline  # noqa: E402
from unspin.data_home import corpus_path  # noqa: E402
from unspin.examples import example_path  # noqa: E402
from unspin.reports import render  # noqa: E402

#: PTC dev articles of the real-article gold set: a killing and its blame, accusations, an arrest.
PTC_DEV = ("788271400", "790499380", "730246508")


def example_report() -> dict:
    text = example_path().read_text(encoding="utf-8")
    return build_report(load_pipeline()(Document(text, id="example", source="station_bombing.md")))


def ptc_report(article: str) -> dict:
    path = corpus_path("ptc", "dev", "articles", f"article{article}.txt")
    return build_report(load_pipeline()(Document(path.read_text(encoding="utf-8"), id=article)))


#: The models' probabilities in a report: compared only by what they decide.
SCORES = frozenset({"score", "span_score", "checkworthy", "confidence"})


def without_scores(report: object) -> object:
    """``report`` with every model score replaced by a mark (what was found stays, how sure the model was goes)."""
    if isinstance(report, dict):
        return {k: ("·" if k in SCORES and isinstance(v, float) else without_scores(v)) for k, v in report.items()}
    if isinstance(report, list):
        return [without_scores(v) for v in report]
    return report


def digests(report: dict) -> dict[str, str]:
    text = json.dumps(without_scores(json.loads(render(report, "json"))), sort_keys=True, ensure_ascii=False)
    return {"json": hashlib.sha256(text.encode("utf-8")).hexdigest()}


def main() -> None:
    report = example_report()
    for fmt in ("json", "html", "md"):
        (HERE / f"example.{fmt}").write_text(render(report, fmt), encoding="utf-8")
    ptc = {article: digests(ptc_report(article)) for article in PTC_DEV}
    (HERE / "ptc_dev.json").write_text(json.dumps(ptc, indent=1) + "\n", encoding="utf-8")
    print(f"wrote {HERE}/example.{{json,html,md}} and ptc_dev.json")


if __name__ == "__main__":
    main()
