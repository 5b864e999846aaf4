"""``unspin relations …``: the real-article gold set and the scorer of relations, blame, attribution, chains and
dates against it (guideline: ``docs/annotation.md``; scorer: :mod:`unspin.evaluation.relations_eval`)."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Annotated, Any

import typer

from .cli_common import App, Debug, data_dir
from .cli_common import err as _err
from .cli_common import fail as _fail
from .cli_common import out as _out
from .errors import InputError, UnspinError

__all__ = ["relations_app"]

relations_app = App(
    help=(
        "Relations on real articles: score what unspin finds (relations, blame, attribution, chains, dates) "
        "against the annotated gold set, and build or check gold files.\n\nExample:\n\n"
        "    unspin relations eval --gold gold/real/dev"
    ),
    no_args_is_help=True,
    rich_markup_mode=None,
)
gold_app = App(help="Build gold files from authoring files and print them back in words.", no_args_is_help=True)
relations_app.add_typer(gold_app, name="gold")

DataDir = Annotated[
    Path | None,
    typer.Option(
        "--data",
        metavar="DIR",
        help="The data home the gold texts come from (holds ptc/, gum_wikinews/). Default: $UNSPIN_DATA, else "
        "../shared/data.",
    ),
]


@gold_app.command("build")
def gold_build(
    sources: Annotated[list[Path], typer.Argument(help="Authoring files (JSON, spans located by words).")],
    out: Annotated[Path, typer.Option("--out", metavar="DIR", help="Folder for the stored gold files.")],
    data: DataDir = None,
    debug: Debug = False,
) -> None:
    """Turn authoring files into stored gold files (offsets and judgements only, no article text).

    The format of an authoring file is in docs/annotation.md ("Authoring files").  A file that cannot be placed is
    named on one line and left out; the others are still built, and the exit status is then 1.

    Example:

    \b
        unspin relations gold build .devdata/authoring/a.json --out gold/real/dev
    """
    from .evaluation.real_gold import build_gold, read_gold_text
    from .files import write_atomic

    failed = 0
    out.mkdir(parents=True, exist_ok=True)
    for src in sources:
        try:
            try:
                raw = json.loads(src.read_text(encoding="utf-8"))
            except json.JSONDecodeError as exc:
                raise InputError(
                    f"{src}:{exc.lineno}", f"not valid JSON ({exc.msg})", "fix the authoring file"
                ) from exc
            if not isinstance(raw, dict) or not isinstance(raw.get("doc"), str):
                raise InputError(str(src), 'no "doc" path', "name the text under --data, e.g. ptc/train/articles/…")
            gold = build_gold(raw, read_gold_text(data_dir(data), raw["doc"], str(src)), where=str(src))
            write_atomic(out / (src.stem + ".json"), json.dumps(gold, indent=1, ensure_ascii=False) + "\n")
            _out.print(f"{src} → {out / (src.stem + '.json')}: {len(gold['relations'])} relations", markup=False)
        except (UnspinError, OSError, KeyError, ValueError) as exc:
            failed += 1
            _fail(exc, debug)
    if failed:
        raise typer.Exit(1)


@gold_app.command("show")
def gold_show(
    files: Annotated[list[Path], typer.Argument(help="Stored gold files.")],
    data: DataDir = None,
    debug: Debug = False,
) -> None:
    """Print stored gold files back in words, for the second-pass check.

    Example:

        unspin relations gold show gold/real/dev/ptc_789121265.json
    """
    from .evaluation.real_gold import load_gold, render_gold

    try:
        for f in files:
            _out.print(render_gold(load_gold(f, data_dir(data))), markup=False)
    except UnspinError as exc:
        raise _fail(exc, debug) from exc


#: The layers the scorer reads; the claims and techniques models are left out (they add nothing it scores).
EVAL_PIPELINE = (
    "parse.spacy.v1",
    "sentences.spacy.v1",
    "entities.spacy.v1",
    "quotes.rules.v1",
    "quantities.rules.v1",
    "dates.rules.v1",
    "consistency.rules.v1",
    "relations.rules.v1",
    "chains.rules.v1",
)


def _analyse(golds: list[Any], threshold: float | None = None) -> list[dict[str, Any]]:
    from rich.progress import track

    from .api import load_pipeline
    from .document import Document
    from .pipeline import Pipeline
    from .reports.json_report import build_report

    pipeline = (
        load_pipeline(EVAL_PIPELINE)
        if threshold is None
        else Pipeline.from_names(EVAL_PIPELINE, {"relations.rules.v1": {"threshold": threshold}})
    )
    return [
        build_report(pipeline(Document(g.text, id=g.name)))
        for g in track(golds, description="analysing", console=_err, transient=True)
    ]


def _ship(target: Path, payload: str) -> Path:
    """Write a table or weights file the components read, atomically; the path written."""
    from .files import write_atomic

    write_atomic(target, payload + "\n")
    return target


@relations_app.command("calibrate")
def calibrate(
    gold: Annotated[
        Path, typer.Option("--gold", metavar="DIR", help="The gold folder to measure on (the dev split).")
    ] = Path("gold/real/dev"),
    out: Annotated[
        Path | None, typer.Option("--out", metavar="FILE", help="Where to write the table (default: the shipped one).")
    ] = None,
    min_precision: Annotated[
        float, typer.Option(min=0.0, max=1.0, help="Precision the threshold must reach on the gold (lenient).")
    ] = 0.75,
    folds: Annotated[
        int,
        typer.Option(
            min=0, help="Also print a k-fold estimate (fit on k-1 folds of articles, score the one left out); 0: none."
        ),
    ] = 0,
    data: DataDir = None,
    debug: Debug = False,
) -> None:
    """Measure how often each way of finding a relation is right on the gold (dev) and choose the threshold
    reports show relations at; writes the confidence table the relations component reads.

    Run it after any change to the relation rules, on the dev split only (the test split stays held out).

    Example:

        unspin relations calibrate --gold gold/real/dev
        unspin relations calibrate --gold gold/real/dev --folds 5   # and what it buys on unseen dev articles
    """
    from .components.relation_confidence import CONFIDENCE_FILE, load_confidence
    from .evaluation.real_gold import load_gold_dir
    from .evaluation.relations_eval import cross_validate_confidence, fit_confidence

    try:
        golds = load_gold_dir(gold, data_dir(data))
        reports = _analyse(golds, threshold=0.0)
        table = fit_confidence(golds, reports, min_precision=min_precision)
        cv = cross_validate_confidence(golds, reports, folds=folds, min_precision=min_precision) if folds else None
        target = _ship(out or CONFIDENCE_FILE, json.dumps(table.to_dict(), indent=1))
        load_confidence.cache_clear()
    except (UnspinError, ValueError) as exc:
        raise _fail(exc, debug) from exc
    _out.print(
        f"{target}: threshold {table.threshold:.3f}, overall precision {table.overall:.3f}, "
        f"{len(table.by_pattern)} patterns",
        markup=False,
    )
    if cv is not None:
        _out.print(
            f"{folds}-fold over articles: lenient precision {cv.lenient.precision:.3f}, "
            f"recall {cv.lenient.recall:.3f}; explicit recall {cv.explicit.recall:.3f}",
            markup=False,
        )


@relations_app.command("first-names")
def first_names(
    gap: Annotated[
        Path | None,
        typer.Option(
            "--gap",
            metavar="FILE",
            help="GAP's development split (the validation split stays unseen). Default: gap/gap-development.tsv "
            "under the data home.",
        ),
    ] = None,
    out: Annotated[
        Path | None, typer.Option("--out", metavar="FILE", help="Where to write the table (default: the shipped one).")
    ] = None,
    debug: Debug = False,
) -> None:
    """Rebuild the given-name gender table the pronoun resolvers read (components/data/first_names.json) from the
    GAP coreference corpus: a "she" can then point at the one woman named before it.

    Example:

        unspin relations first-names --gap ../shared/data/gap/gap-development.tsv
    """
    from .components.name_gender import FIRST_NAMES_FILE, load_first_names
    from .training.first_names import build_first_names

    try:
        table = build_first_names(data_dir(gap, "gap", "gap-development.tsv"))
        target = _ship(out or FIRST_NAMES_FILE, json.dumps(table, indent=0, ensure_ascii=False, sort_keys=True))
        load_first_names.cache_clear()
    except (UnspinError, OSError) as exc:
        raise _fail(exc, debug) from exc
    _out.print(f"{target}: {len(table['names'])} given names", markup=False)


@relations_app.command("pronouns")
def pronouns(
    gap: Annotated[
        Path | None,
        typer.Option(
            "--gap",
            metavar="DIR",
            help="The GAP folder (gap-development.tsv, gap-validation.tsv). Default: gap under the data home.",
        ),
    ] = None,
    min_precision: Annotated[
        float, typer.Option(min=0.5, max=1.0, help="Precision the decision rule must reach in cross-validation.")
    ] = 0.9,
    out: Annotated[
        Path | None, typer.Option("--out", metavar="FILE", help="Where to write the weights (default: the shipped).")
    ] = None,
    debug: Debug = False,
) -> None:
    """Train the pronoun scorer on GAP development (5-fold cross-validation chooses its threshold and margin),
    score GAP validation once as held out, and write the weights the relations component reads (about 2 minutes).

    Example:

        unspin relations pronouns --gap ../shared/data/gap
    """
    from .models.pronouns import PRONOUNS_FILE, load_pronoun_scorer
    from .training.pronouns import train_pronouns

    try:
        with _err.status("parsing GAP and training (about 2 minutes)"):
            gap = data_dir(gap, "gap")
            table = train_pronouns(gap / "gap-development.tsv", gap / "gap-validation.tsv", min_precision=min_precision)
        target = _ship(out or PRONOUNS_FILE, json.dumps(table, indent=1))
        load_pronoun_scorer.cache_clear()
    except (UnspinError, OSError) as exc:
        raise _fail(exc, debug) from exc
    cv, held = table["cross_validated"], table["held_out"]
    _out.print(
        f"{target}: threshold {table['threshold']}, margin {table['margin']}\n"
        f"  5-fold on GAP development: precision {cv['precision']:.3f}, resolves {cv['coverage']:.3f} of rows\n"
        f"  held out, GAP validation:  precision {held['precision']:.3f}, resolves {held['coverage']:.3f} of rows",
        markup=False,
    )


@relations_app.command("pronoun-eval")
def pronoun_eval(
    data: Annotated[
        Path | None,
        typer.Option(
            "--data",
            metavar="DIR",
            help="The data home holding gum_coref/, gum_wikinews/ and litbank/. Default: $UNSPIN_DATA, else "
            "../shared/data.",
        ),
    ] = None,
    gold: Annotated[
        Path,
        typer.Option("--gold", metavar="DIR", help="The real-article gold set: its GUM documents are left out."),
    ] = Path("gold/real"),
    recent: Annotated[
        int | None,
        typer.Option(
            min=0,
            metavar="CHARS",
            help="How far back (characters) the one person who fits may have been named; default: the shipped "
            "setting. Try 1500 to see what the limit costs and saves.",
        ),
    ] = None,
    as_json: Annotated[bool, typer.Option("--json", help="Print the figures as JSON.")] = False,
    debug: Debug = False,
) -> None:
    """Measure the pronoun rules on the coreference layers of GUM and LitBank: of the "he" / "she" / "him" / "her"
    … each corpus marks, how many the rules resolve (coverage) and how many of those rightly (precision), by rule
    and by split (about a minute). Descriptions the title rule resolves ("the bishop" after "Bishop Juan Barros")
    are listed apart as "description (title)"; the "all" row counts pronouns only.

    The documents of the real-article gold set are left out. Example:

        unspin relations pronoun-eval --recent 1500
    """
    from rich.progress import track
    from rich.table import Table

    from .components.relation_nodes import RECENT
    from .evaluation.coref import LAYERS, coref_documents, pronoun_decisions, summarise_decisions
    from .pipeline import Pipeline

    exclude = sorted("GUM_" + f.stem[4:] for f in gold.glob("*/gum_*.json"))
    try:
        corpora = coref_documents(data_dir(data), exclude)
        pipeline = Pipeline.from_names(LAYERS)
        window = RECENT if recent is None else recent
        every = [(split, d) for split, docs in corpora.items() for d in docs]
        decisions: dict[str, list[Any]] = {split: [] for split in corpora}
        for split, d in track(every, description="resolving pronouns", console=_err, transient=True):
            decisions[split] += pronoun_decisions(d, pipeline, recent=window)
    except UnspinError as exc:
        raise _fail(exc, debug) from exc
    summary = {split: summarise_decisions(ds, far=RECENT) for split, ds in decisions.items()}
    if as_json:
        _out.print(json.dumps({"recent": window, "splits": summary}, indent=1), markup=False)
        return
    table = Table(title=f"pronoun rules on coreference corpora (one person taken if named ≤ {window} chars back)")
    for col in ("split", "rule", "resolved", "right", "precision", "coverage"):
        table.add_column(col, no_wrap=True)
    for split, s in summary.items():
        table.add_row(
            split,
            "all",
            str(s["resolved"]),
            str(s["right"]),
            f"{s['precision']:.3f}",
            f"{s['coverage']:.3f} of {s['pronouns']}",
        )
        for how, r in s["by_rule"].items():
            table.add_row("", how, str(r["resolved"]), str(r["right"]), f"{r['precision']:.3f}", "")
    _out.print(table)


@relations_app.command("dates")
def dates_eval(
    data: Annotated[
        Path | None,
        typer.Option(
            "--data",
            metavar="DIR",
            help="The EventStoryLine folder (dev/TOPIC/*.xml). Default: esl_dev under $UNSPIN_DATA, else "
            "../shared/data.",
        ),
    ] = None,
    verbose: Annotated[bool, typer.Option("--verbose", "-v", help="List every wrongly resolved date.")] = False,
    as_json: Annotated[bool, typer.Option("--json", help="Print the figures as JSON.")] = False,
    debug: Debug = False,
) -> None:
    """Score relative dates ("yesterday", "last month", "Tuesday") against the normalised time expressions of
    EventStoryLine's news articles: how many unspin resolves, and how many of those rightly (about 15 s).

    Example:

        unspin relations dates --data ../shared/data/esl_dev
    """
    from rich.progress import track

    from .evaluation.esl_dates import LAYERS, DateResult, esl_files, read_esl_article, score_dates
    from .pipeline import Pipeline

    total = DateResult()
    try:
        files = esl_files(data_dir(data, "esl_dev"))
        pipeline = Pipeline.from_names(LAYERS)
        for f in track(files, description="resolving dates", console=_err, transient=True):
            total.add(score_dates(read_esl_article(f), pipeline))
    except UnspinError as exc:
        raise _fail(exc, debug) from exc
    figures = total.as_dict()
    if as_json:
        _out.print(json.dumps(figures, indent=1), markup=False)
        return
    _out.print(
        f"EventStoryLine dev ({len(files)} articles): {figures['relative']} relative dates found, "
        f"{figures['resolved']} resolved, {figures['right']} right ({figures['accuracy_of_resolved']:.3f})",
        markup=False,
    )
    if verbose:
        for name, words, gold, said in total.wrong:
            _out.print(f"{name}: {words!r} is {gold}, resolved as {said}", markup=False)


def _sentence_of(text: str, start: int, end: int) -> str:
    a = max(text.rfind("\n", 0, start), 0)
    b = text.find("\n", end)
    return " ".join(text[a : b if b >= 0 else len(text)].split())[:200]


@relations_app.command("eval")
def evaluate(
    gold: Annotated[
        Path, typer.Option("--gold", metavar="DIR", help="A folder of gold files (gold/real/dev or gold/real/test).")
    ] = Path("gold/real/dev"),
    data: DataDir = None,
    as_json: Annotated[bool, typer.Option("--json", help="Print the figures as JSON.")] = False,
    verbose: Annotated[
        bool, typer.Option("--verbose", "-v", help="List every missed gold relation and every false one.")
    ] = False,
    candidates: Annotated[
        bool, typer.Option("--candidates", help="Score every relation found, not only those the report shows.")
    ] = False,
    debug: Debug = False,
) -> None:
    """Run unspin over the gold articles and print relation P/R/F1 (lenient and strict), blame P/R/F1, voice,
    holder and support accuracy, chains found, blame coverage and date accuracy.

    The texts come from --data (default: $UNSPIN_DATA, else ../shared/data); a text that changed since it was
    annotated is refused.

    Example:

        unspin relations eval --gold gold/real/test

        unspin relations eval --gold gold/real/dev --verbose --candidates
    """
    from .evaluation.real_gold import load_gold_dir
    from .evaluation.relations_eval import score_articles

    try:
        golds = load_gold_dir(gold, data_dir(data))
        reports = _analyse(golds)
    except UnspinError as exc:
        raise _fail(exc, debug) from exc
    result = score_articles(golds, reports, candidates=candidates)
    summary = result.summary()
    if as_json:
        _out.print(json.dumps(summary, indent=1), markup=False)
    else:
        _print_summary(summary, gold)
    if verbose:
        for g, a in zip(golds, result.articles, strict=True):
            for m in a.missed:
                _out.print(
                    f"{a.name}: MISSED {m.type} {g.text[m.trigger[0] : m.trigger[1]]!r}"
                    f"{'' if m.explicit else ' (implicit)'} in {_sentence_of(g.text, *m.sentence)!r}",
                    markup=False,
                )
            for f in a.false:
                _out.print(f"{a.name}: FALSE {f.get('type')} {f.get('text', '')!r} ({f.get('pattern')})", markup=False)
            for pair in a.pairs:
                if not pair.strict or not pair.voice_ok or pair.holder_ok is False or not pair.support_ok:
                    _out.print(
                        f"{a.name}: PAIR {pair.gold.type} {pair.pred.get('text', '')!r} lenient={pair.lenient} "
                        f"strict={pair.strict} voice {pair.pred.get('voice')}/{pair.gold.voice} "
                        f"holder {pair.pred_holder}/{pair.gold.attributed_to} "
                        f"support {pair.pred.get('support')}/{pair.gold.support} "
                        f"actors {pair.gold.cause_actor}/{pair.gold.effect_actor}",
                        markup=False,
                    )
            for words, want, got in a.date_errors:
                _out.print(f"{a.name}: DATE {words!r} gold {want} got {got}", markup=False)


def _print_summary(s: dict[str, Any], gold: Path) -> None:
    from rich.table import Table

    table = Table(title=f"unspin on {s['articles']} real articles ({gold})")
    for col in ("figure", "precision", "recall", "F1", "counts"):
        table.add_column(col, no_wrap=True)
    for key, label in (
        ("relations_lenient", "relations, lenient"),
        ("relations_strict", "relations, strict"),
        ("relations_explicit", "explicit relations, lenient"),
        ("blame", "blame statements"),
    ):
        c = s[key]
        table.add_row(
            label,
            f"{c['precision']:.3f}",
            f"{c['recall']:.3f}",
            f"{c['f1']:.3f}",
            f"{c['tp']} of {c['pred']} / {c['gold']}",
        )
    _out.print(table)
    for key, label in (
        ("voice", "voice"),
        ("attributed_to", "attributed_to (holder not the author)"),
        ("support", "support"),
    ):
        c = s[key]
        acc = "—" if c["accuracy"] is None else f"{c['accuracy']:.3f}"
        _out.print(f"{label}: {acc} ({c['right']} of {c['counted']} matched relations)", markup=False)
    _out.print(f"speculation credited to someone else: {s['speculation_misattributed']}", markup=False)
    ch = s["chains"]
    _out.print(f"chains: gold {ch['gold']}, predicted {ch['predicted']}, gold found {ch['found']}", markup=False)
    bc = s["blame_coverage"]
    _out.print(
        f"articles with a blame conclusion whose report shows a chain or blame: {bc['covered']} of {bc['articles']}",
        markup=False,
    )
    d = s["dates"]
    acc = "—" if d["accuracy"] is None else f"{d['accuracy']:.3f}"
    _out.print(
        f"relative dates: {d['gold']} in gold, {d['resolved']} resolved, {d['right']} right ({acc})", markup=False
    )
