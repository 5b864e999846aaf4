"""``unspin techniques …``: train, predict and evaluate the persuasion-techniques model on PTC.

Method, source and limits of the model are in :mod:`unspin.models.techniques`; the scores are the
re-implemented SemEval-2020 Task 11 scorers of :mod:`unspin.corpora.ptc`.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any

import typer
from rich.table import Table

from .cli_common import App, Debug, data_dir
from .cli_common import err as _err
from .cli_common import error as _error
from .cli_common import fail as _fail
from .cli_common import out as _out
from .errors import ConfigError, UnspinError
from .models.techniques import TechConfig

if TYPE_CHECKING:
    from .models.techniques import TechniquesModel

__all__ = ["techniques_app"]

techniques_app = App(
    help=(
        "Persuasion techniques: the 14 PTC (SemEval-2020 Task 11) techniques located at character level by a "
        "MiniLM model.\n\nExample:\n\n    unspin techniques eval --split dev"
    ),
    no_args_is_help=True,
    rich_markup_mode=None,
)
DataDir = Annotated[
    Path | None,
    typer.Option(
        "--data",
        metavar="DIR",
        help="The PTC folder (with train/ and dev/). Default: ptc under $UNSPIN_DATA, else ../shared/data.",
    ),
]
NoGate = Annotated[
    bool, typer.Option("--no-gate", help="Without the sentence gate (what `unspin analyze --fast` runs).")
]
ArticlesDir = Annotated[
    Path | None, typer.Option("--articles", metavar="DIR", help="Any folder of article<ID>.txt instead.")
]
Weights = Annotated[
    Path | None, typer.Option("--weights", metavar="FILE", help="A model file (default: the shipped model).")
]


def _default(name: str) -> Any:
    """``TechConfig``'s default for ``name``: the options of `train` default to what the library does."""
    return TechConfig.__dataclass_fields__[name].default


def _model(weights: Path | None) -> TechniquesModel:
    from .models.techniques import WEIGHTS, load_techniques

    return load_techniques(weights or WEIGHTS)


@contextmanager
def _progress(what: str, total: int) -> Iterator[Callable[[int], None]]:
    """A progress bar on stderr while the block runs, when stderr is a terminal; yields ``advance(n)``."""
    if not _err.is_terminal or total < 2:
        yield lambda n: None
        return
    from rich.progress import BarColumn, Progress, TaskProgressColumn, TextColumn, TimeElapsedColumn

    with Progress(
        TextColumn(what), BarColumn(), TaskProgressColumn(), TimeElapsedColumn(), console=_err, transient=True
    ) as bar:
        task = bar.add_task(what, total=total)
        yield lambda n: bar.advance(task, n)


@techniques_app.command("train")
def train(
    data: DataDir = None,
    out: Annotated[
        Path | None, typer.Option("--out", metavar="FILE", help="Where to save (default: the shipped model).")
    ] = None,
    epochs: Annotated[int, typer.Option(min=1, help="Most passes over the training articles (tagger).")] = _default(
        "epochs"
    ),
    seed: Annotated[int, typer.Option(help="Random seed of the first model (the next ones add 1).")] = _default("seed"),
    members: Annotated[
        int, typer.Option(min=0, help="Taggers/classifiers to train and average (0: sentence classifiers only).")
    ] = _default("members"),
    sentence_models: Annotated[
        int, typer.Option(min=0, help="Sentence classifiers of the sentence gate (0: no gate).")
    ] = _default("sentence_models"),
    limit_articles: Annotated[
        int | None, typer.Option(min=1, metavar="N", help="Train on the first N training articles only.")
    ] = None,
    max_minutes: Annotated[
        float | None, typer.Option(min=1, metavar="MIN", help="Start no further epoch once it would end past MIN.")
    ] = None,
    outside_weight: Annotated[
        float,
        typer.Option(
            min=0.0,
            max=1.0,
            help="Tagging-loss weight of tokens on lines without a gold span (the sentence gate handles those).",
        ),
    ] = _default("outside_weight"),
    hide_names: Annotated[
        bool,
        typer.Option(
            "--hide-names/--show-names",
            help="Show tagger and sentence gate each name (person, group, place, organisation) as one neutral "
            "word, so that swapping the actors cannot change what is found (the default; runs spaCy's name "
            "finder). --show-names lets the models read names: higher dev scores, not even-handed.",
        ),
    ] = _default("hide_names"),
    adapt_epochs: Annotated[
        int,
        typer.Option(
            min=0,
            help="First adapt the encoder to the train articles' text with this many masked-word passes "
            "(task-adaptive pretraining; about 6 minutes a pass with 2 threads). 0: none.",
        ),
    ] = _default("adapt_epochs"),
    adapted: Annotated[
        Path | None,
        typer.Option(
            "--adapted",
            metavar="FILE",
            help="Start from an adaptation saved by `train --adapt-epochs N --members 0 --sentence-models 0`.",
        ),
    ] = None,
    window: Annotated[
        int,
        typer.Option(
            min=72,
            max=512,
            help="Word pieces per window of the tagger, in training and prediction ([CLS] and [SEP] included).",
        ),
    ] = _default("window"),
    threads: Annotated[int, typer.Option(min=1, help="CPU threads (1 keeps its speed beside other jobs).")] = _default(
        "threads"
    ),
    debug: Debug = False,
) -> None:
    """Train on PTC train less 15% of its articles, choose epochs and thresholds on those held-out articles, save
    and log.  Dev is not read: score it afterwards with `unspin techniques eval --split dev`.

    The shipped model trains one fine-tuned tagger/classifier (about 15 minutes on one core) and one sentence
    classifier (about 40 minutes); run it in the background with a log.  The two parts can train in parallel,
    joined by `unspin techniques combine` (how the shipped file was made).  --adapt-epochs 12 first adapts the
    encoder to the train text (masked words; about an hour more with two threads), which can be saved once and
    shared by the parts (--adapted).

    Example:

        nohup unspin techniques train > techniques-train.log 2>&1 &

    \b
        unspin techniques train --sentence-models 0 --out tagger.pt &
        unspin techniques train --members 0 --out sentences.pt &
        wait; unspin techniques combine tagger.pt sentences.pt
    """
    from .models.techniques import WEIGHTS
    from .training.techniques import train_techniques

    try:
        cfg = TechConfig(
            epochs=epochs,
            seed=seed,
            members=members,
            sentence_models=sentence_models,
            limit_articles=limit_articles,
            max_minutes=max_minutes,
            outside_weight=outside_weight,
            hide_names=hide_names,
            adapt_epochs=adapt_epochs,
            window=window,
            threads=threads,
        )
        result = train_techniques(
            data_dir(data, "ptc"), out or WEIGHTS, cfg, log=lambda m: _err.print(m, markup=False), adapted=adapted
        )
    except UnspinError as exc:
        raise _fail(exc, debug) from None
    _print_result(result)


def _print_result(result: dict[str, object]) -> None:
    si, full = result.get("si"), result.get("full")
    if si is None or full is None:
        what = "the adapted encoder" if result.get("adapted") else "sentence classifiers"
        _out.print(f"saved {what}; {result['seconds']:.0f} s", markup=False)
        return
    _out.print(
        f"held-out train articles: SI F1 {getattr(si, 'f1', 0.0):.3f}, TC micro-F1 {result['tc_micro_f1']:.3f}, "
        f"full-task F1 "
        f"{getattr(full, 'f1', 0.0):.3f}; {result['seconds']:.0f} s",
        markup=False,
    )


@techniques_app.command("combine")
def combine(
    files: Annotated[list[Path], typer.Argument(metavar="FILE...", help="Files saved by `techniques train`.")],
    data: DataDir = None,
    out: Annotated[
        Path | None, typer.Option("--out", metavar="FILE", help="Where to save (default: the shipped model).")
    ] = None,
    debug: Debug = False,
) -> None:
    """Join parts trained apart (taggers/classifiers and sentence classifiers) into one model and choose its
    thresholds on the train articles they were trained without.

    Example:

        unspin techniques combine tagger.pt sentences.pt --out techniques.pt
    """
    from .models.techniques import WEIGHTS
    from .training.techniques import combine_techniques

    try:
        result = combine_techniques(
            files, out or WEIGHTS, data_dir(data, "ptc"), log=lambda m: _err.print(m, markup=False)
        )
    except UnspinError as exc:
        raise _fail(exc, debug) from None
    _print_result(result)


@techniques_app.command("predict")
def predict(
    articles: Annotated[Path, typer.Argument(metavar="ARTICLES_DIR", help="Folder of article<ID>.txt files.")],
    out: Annotated[Path, typer.Option("--out", metavar="LABELS_DIR", help="Write article<ID>.labels here.")],
    spans: Annotated[
        Path | None,
        typer.Option(
            "--spans", metavar="GOLD_DIR", help="Classify the spans of these labels files instead (the TC task)."
        ),
    ] = None,
    weights: Weights = None,
    no_gate: NoGate = False,
    debug: Debug = False,
) -> None:
    """Write one TC-format labels file per article: id, technique, start, end (offsets are characters).

    A file that cannot be read (or, with --spans, a labels file that does not fit its article) is reported on
    one line and left out; the others are still written, and the exit status is then 1.

    Example:

        unspin techniques predict ../shared/data/ptc/dev/articles --out dev-pred/

        unspin techniques predict ../shared/data/ptc/dev/articles --spans ../shared/data/ptc/dev/labels --out tc/
    """
    from .corpora.ptc import Label, load_articles, load_labels, write_labels
    from .models.techniques import check_within

    problems: list[UnspinError] = []

    def skip(exc: UnspinError) -> None:
        problems.append(exc)
        _error(exc.line())

    labels: dict[str, list[Label]] = {}
    try:
        texts = load_articles(articles, skip)
        model = _model(weights)
        if spans:
            given = load_labels(spans, skip)
            rows: dict[str, list[Label]] = {}
            for article, found in given.items():
                try:
                    if article not in texts:
                        if (articles / f"article{article}.txt").exists():
                            continue  # there, but unreadable: already reported
                        raise ConfigError(
                            f"{spans / f'article{article}.labels'}: no article{article}.txt in {articles}",
                            "add the article or remove its labels file",
                        )
                    check_within(article, texts[article], found, str(spans / f"article{article}.labels"))
                    rows[article] = found
                except UnspinError as exc:
                    skip(exc)
            with _progress("classifying", len(rows)) as done:
                labels = model.classify_labels(texts, rows, done)
        else:
            with _progress("predicting", len(texts)) as done:
                labels = model.predict_labels(texts, gate=not no_gate, done=done)
        out.mkdir(parents=True, exist_ok=True)
        write_labels(out, labels)
    except UnspinError as exc:
        raise _fail(exc, debug) from None
    except OSError as exc:
        raise _fail(ConfigError(f"{out}: cannot write ({exc.strerror})", "check the folder"), debug) from None
    total = sum(len(v) for v in labels.values())
    _err.print(f"wrote {len(labels)} labels files ({total} rows) to {out}", markup=False)
    if problems:
        _err.print(f"{len(problems)} file(s) left out, see the errors above", markup=False)
        raise typer.Exit(1)


@techniques_app.command("eval")
def evaluate(
    split: Annotated[str, typer.Option(metavar="SPLIT", help="train or dev (nothing is chosen on dev).")] = "dev",
    data: DataDir = None,
    articles: ArticlesDir = None,
    gold: Annotated[
        Path | None, typer.Option("--gold", metavar="DIR", help="Its TC-format gold labels (with --articles).")
    ] = None,
    weights: Weights = None,
    no_gate: NoGate = False,
    int8: Annotated[
        bool, typer.Option("--int8", help="Run the encoders with int8 dynamic quantisation (see its F1 change).")
    ] = False,
    debug: Debug = False,
) -> None:
    """Print SI P/R/F1, TC micro-F1 on the gold spans, full-task P/R/F1 and a per-technique table.

    Example:

        unspin techniques eval --split dev

        unspin techniques eval --split dev --int8

        unspin techniques eval --articles my/articles --gold my/labels
    """
    from .corpora.ptc import TECHNIQUES, split_paths
    from .models.minilm import encoder_precision
    from .models.techniques import WEIGHTS, TechniquesModel
    from .training.techniques import evaluate_techniques

    try:
        if (articles is None) != (gold is None):
            raise ConfigError("--articles and --gold go together", "give both folders, or use --split")
        name = str(articles)
        if articles is None or gold is None:
            articles, gold = split_paths(split, data)
            name = split
        model = _model(weights) if not int8 else TechniquesModel(weights or WEIGHTS, int8=True)
        with _progress("scoring", len(list(gold.glob("article*.labels")))) as done:
            result, _ = evaluate_techniques(articles, gold, model, gate=not no_gate, done=done)
    except UnspinError as exc:
        raise _fail(exc, debug) from None
    table = Table("task", "P", "R", "F1", "predicted", "gold", title=f"persuasion techniques on {name}")
    for task, prf in (("SI (spans)", result.si), ("full (span + technique)", result.full)):
        table.add_row(
            task, f"{prf.precision:.3f}", f"{prf.recall:.3f}", f"{prf.f1:.3f}", str(prf.n_pred), str(prf.n_gold)
        )
    tc = result.tc
    table.add_row(
        "TC on gold spans (micro)", f"{tc.accuracy:.3f}", f"{tc.accuracy:.3f}", f"{tc.accuracy:.3f}", "", str(tc.n)
    )
    _out.print(table)
    per = Table("technique", "full P", "full R", "full F1", "pred", "gold", "TC F1", "TC gold", title="per technique")
    per.columns[0].min_width = max(len(t) for t in TECHNIQUES)
    for t in TECHNIQUES:
        f, c = result.per_technique[t], tc.per_technique[t]
        per.add_row(
            t,
            f"{f.precision:.3f}",
            f"{f.recall:.3f}",
            f"{f.f1:.3f}",
            str(f.n_pred),
            str(f.n_gold),
            f"{c.f1:.3f}",
            str(c.n_gold),
        )
    _out.print(per)
    per_k = result.seconds / max(1, result.words) * 1000
    _out.print(
        f"{result.articles} articles, {result.words} words: {result.seconds:.1f} s "
        f"({per_k:.2f} s per 1,000 words, spans and gold-span classification together; encoders in "
        f"{encoder_precision(int8, model._load().cfg.bf16)})"
    )


@techniques_app.command("swaps")
def swaps(
    split: Annotated[str, typer.Option(metavar="SPLIT", help="train or dev.")] = "dev",
    data: DataDir = None,
    articles: ArticlesDir = None,
    debug: Debug = False,
) -> None:
    """Even-handedness check: swap each article's two main actors of one type (the two most frequent one-word
    names spaCy finds at least twice) everywhere, and count the swaps that change what the technique models
    read with names hidden. An unchanged input gives the same spans, techniques and scores.

    Example:

        unspin techniques swaps --split dev
    """
    from .corpora.ptc import load_articles, split_paths
    from .evaluation.swaps import SWAP_LABELS, name_swaps

    try:
        folder = articles if articles is not None else split_paths(split, data)[0]
        texts = load_articles(folder)
        with _progress("swapping", len(texts)) as done:
            result = name_swaps(texts, done)
    except UnspinError as exc:
        raise _fail(exc, debug) from None
    table = Table("name type", "swaps", "input unchanged", "changed", title=f"actor swaps in {folder}")
    for label in (*SWAP_LABELS, "all"):
        n = result.total if label == "all" else result.swaps[label]
        bad = result.total_changed if label == "all" else result.changed[label]
        table.add_row(label, str(n), str(n - bad), str(bad))
    _out.print(table)
    for article, label, a, b in result.examples:
        _out.print(f"changed: {article} {label} {a} <-> {b}", markup=False, highlight=False)
