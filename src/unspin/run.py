"""Articles in, report files out: the library behind ``unspin analyze``.

:func:`plan_output` decides where reports go (standard output, one file, or one file per article and format in a
folder) and refuses plans that cannot work before anything is read; :class:`ReportWriter` writes each report
there (atomically, see :mod:`unspin.files`); :func:`analyse_inputs` reads the planned inputs, analyses them in
batches and writes their reports, carrying on past an article that fails.  The command line only parses its
options, shows progress and prints the summary.
"""

from __future__ import annotations

import os
import re
import tempfile
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Literal, TextIO

from .api import analyze_many
from .document import Document
from .errors import ConfigError, InputError, UnspinError
from .files import write_atomic
from .ingest import InputItem, InputPlan, ReadOptions, iter_documents
from .pipeline import Pipeline
from .reports import SUFFIXES, build_report, render, to_json, validate_report

__all__ = [
    "FORMATS",
    "OutputPlan",
    "ReportWriter",
    "RunSummary",
    "analyse_inputs",
    "check_output",
    "check_settings",
    "input_paths",
    "plan_output",
]

#: Report formats, in the order ``--format`` lists them (the renderers' formats).
FORMATS = tuple(SUFFIXES)
_SUFFIX_FORMATS = {suffix: fmt for fmt, suffix in SUFFIXES.items()} | {".htm": "html"}


@dataclass(frozen=True)
class OutputPlan:
    """Where reports go: ``stdout`` (one format), one ``file``, or a ``dir`` with a file per article and format."""

    mode: Literal["stdout", "file", "dir"]
    formats: tuple[str, ...]
    out: Path | None = None


def plan_output(out: Path | None, formats: list[str], multi: bool) -> OutputPlan:
    """The plan for ``--out``/``--format`` when ``multi`` (more than one article may come) or not."""
    fmts = [f.lower() for f in formats]
    bad = [f for f in fmts if f not in FORMATS]
    if bad:
        raise ConfigError(f"unknown format {bad[0]!r}", "use html, json or md")
    if out is None:
        fmts = fmts or ["json"]
        if len(fmts) > 1:
            raise ConfigError(
                "several --format values need --out DIR", "e.g. --format html --format json --out reports/"
            )
        if fmts[0] != "json" and multi:
            raise ConfigError(f"{fmts[0]} reports for several articles need --out DIR", "e.g. --out reports/")
        return OutputPlan("stdout", tuple(fmts))
    suffix_fmt = _SUFFIX_FORMATS.get(out.suffix.lower())
    if suffix_fmt and not out.is_dir():
        if multi:
            raise ConfigError(
                f"--out {out} names one file but several articles were given", "give a folder: --out reports/"
            )
        if fmts and fmts != [suffix_fmt]:
            raise ConfigError(
                f"--out {out} does not match --format {' '.join(fmts)}", "drop --format or fix the suffix"
            )
        return OutputPlan("file", (suffix_fmt,), out)
    if out.suffix and not out.is_dir():
        # "report.pdf" is a typo or a wish, not a folder to create
        raise ConfigError(
            f"--out {out}: unknown report suffix {out.suffix!r}",
            "name a .html, .json or .md file, or a folder (one that exists, or a name without a suffix)",
        )
    return OutputPlan("dir", tuple(fmts or ["html"]), out)


def input_paths(inputs: InputPlan) -> frozenset[Path]:
    """The real paths of the files a run reads (what its reports must never replace)."""
    return frozenset(Path(os.path.realpath(i.path)) for i in inputs.items if isinstance(i, InputItem) and i.path)


def check_output(output: OutputPlan, inputs: InputPlan) -> None:
    """Refuse, before anything is analysed, an output that would replace an input or cannot be written.

    A report file may not be one of the inputs.  The folder of the report (or the report folder) is made if
    need be (``x/../r`` makes no ``x``) and a file is tried in it.  Report names that would fall on an
    input inside the folder are avoided by :class:`ReportWriter`.
    """
    if output.out is None:
        return
    real = Path(os.path.realpath(output.out))
    if output.mode == "file" and real in input_paths(inputs):
        raise ConfigError(
            f"--out {output.out} is one of the inputs: the report would replace the article",
            "name another file, e.g. --out report.html",
        )
    folder = real.parent if output.mode == "file" else real
    try:
        folder.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise ConfigError(f"--out {output.out}: cannot make the folder ({exc.strerror})", "name another") from None
    try:
        with tempfile.TemporaryFile(dir=folder):
            pass
    except OSError as exc:
        raise ConfigError(
            f"--out {output.out}: cannot write in {folder} ({exc.strerror})", "check permissions, or name another"
        ) from None


def check_settings(sources: Path | None, perspective: str | None) -> None:
    """Settings that cannot work together, before the pipeline is built (files are read by its ``validate``)."""
    if perspective is not None and sources is None:
        raise ConfigError("--perspective needs --sources FILE", "the perspectives are defined in that file")


class ReportWriter:
    """Writes each article's report as an :class:`OutputPlan` says; ``written`` lists the files so far."""

    def __init__(self, plan: OutputPlan, stdout: TextIO, protected: frozenset[Path] = frozenset()) -> None:
        self.plan = plan
        self.stdout = stdout
        self.protected = protected  #: real paths never written over (the inputs, see :func:`input_paths`)
        self.written: list[Path] = []
        self._stems: set[str] = set()

    def _stem(self, doc_id: str) -> str:
        """A file name stem unique within the run (two folders may hold files of one name) whose reports fall on
        no protected file (an article in the report folder keeps its name: the report takes ``NAME-2``)."""
        assert self.plan.out is not None
        stem = re.sub(r"[^\w.\-]+", "_", doc_id).strip("._") or "article"
        folder = Path(os.path.realpath(self.plan.out))
        name, n = stem, 1
        while name in self._stems or any(folder / f"{name}{SUFFIXES[f]}" in self.protected for f in self.plan.formats):
            n += 1
            name = f"{stem}-{n}"
        self._stems.add(name)
        return name

    def write(self, report: dict[str, Any], doc_id: str) -> None:
        plan = self.plan
        if plan.mode == "stdout":
            fmt = plan.formats[0]
            self.stdout.write(to_json(report) + "\n" if fmt == "json" else render(report, fmt))
            self.stdout.flush()
            return
        assert plan.out is not None
        if plan.mode == "file":
            if self.written:
                raise ConfigError(
                    f"a second article arrived but --out {plan.out} names one file", "give a folder: --out reports/"
                )
            write_atomic(plan.out, render(report, plan.formats[0]))
            self.written.append(plan.out)
            return
        stem = self._stem(doc_id)
        for fmt in plan.formats:
            target = plan.out / f"{stem}{SUFFIXES[fmt]}"
            write_atomic(target, render(report, fmt))
            self.written.append(target)


@dataclass
class RunSummary:
    """What a run did: articles analysed and failed, their words, the seconds it took."""

    ok: int = 0
    failed: int = 0
    words: int = 0
    seconds: float = 0.0
    failures: list[str] = field(default_factory=list)  #: one line per failed input or article


def analyse_inputs(
    inputs: InputPlan,
    options: ReadOptions,
    pipeline: Pipeline,
    writer: ReportWriter,
    *,
    batch_size: int = 16,
    on_error: Callable[[str, UnspinError], None] | None = None,
    on_read: Callable[[int], None] | None = None,
) -> RunSummary:
    """Read, analyse and write every planned input; an input or article that fails costs only itself.

    ``on_error(line, error)`` hears of each failure as it happens (``line`` names the input and says what to do);
    ``on_read(n)`` of each ``n`` input bytes read, for a progress bar.
    """
    summary = RunSummary()
    started = time.perf_counter()

    def failed(line: str, exc: UnspinError) -> None:
        summary.failed += 1
        summary.failures.append(line)
        if on_error is not None:
            on_error(line, exc)

    def documents() -> Iterator[Document]:
        for loaded in iter_documents(inputs, options):
            if isinstance(loaded, InputError):
                failed(loaded.line(), loaded)
                continue
            if on_read is not None:
                on_read(loaded.consumed)
            if isinstance(loaded.result, InputError):
                failed(loaded.result.line(), loaded.result)
                continue
            yield loaded.result

    for doc, err in analyze_many(documents(), pipeline, batch_size=batch_size):
        if err is None:
            try:
                report = build_report(doc)
                validate_report(report)
                writer.write(report, doc.id)
            except UnspinError as exc:
                err = exc
        if err is not None:
            failed(f"{doc.source or doc.id}: {err.line()}", err)
            continue
        summary.ok += 1
        summary.words += doc.word_count
    summary.seconds = time.perf_counter() - started
    return summary
