"""Questions across a corpus dataset, answered by DuckDB over its Parquet files (``unspin corpus stats`` and
``unspin corpus sql``).

Each table of :data:`.tables.TABLES` (and ``errors``) is a view over ``CORPUS/batches/*/TABLE/**/*.parquet``
with its ``outlet`` and ``month`` partition columns, so any SQL works on them.  The standard questions:
who is blamed most and in whose reasoning, the strongest chains, technique rates per 1,000 words, the
most-quoted sources with their grades, the share of check-worthy claims without a source, findings per kind;
by outlet, month or both, filtered by outlet, months and blamed actor.  Each answer row carries the documents
behind it (their ids), so a view can link a figure to them.
"""

from __future__ import annotations

import os
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from ..errors import ConfigError
from .tables import KEYS, TABLES

__all__ = ["QUESTIONS", "connect", "corpus_sql", "corpus_stats", "report_links"]

_ERRORS = ("sha256", "where", "reason")


def connect(out: Path) -> Any:
    """An in-memory DuckDB connection with a view per table of the dataset at ``out``."""
    import duckdb

    if not (out / "manifest.json").is_file():
        raise ConfigError(f"{out}: not a corpus dataset (no manifest.json)", "make one with `unspin corpus run`")
    con = duckdb.connect()
    for table, columns in {**TABLES, "errors": ()}.items():
        pattern = out / "batches" / "*" / table / ("**/*.parquet" if table != "errors" else "*.parquet")
        if list(out.glob(str(pattern.relative_to(out)))):
            hive = "true" if table != "errors" else "false"
            source = f"read_parquet('{_quote(str(pattern))}', hive_partitioning={hive}, union_by_name=true)"
            con.execute(f'CREATE VIEW "{table}" AS SELECT * FROM {source}')
        else:  # no rows yet: an empty view with the table's columns
            cols = _ERRORS if table == "errors" else (*KEYS, *columns)
            select = ", ".join(f'CAST(NULL AS VARCHAR) AS "{c}"' for c in cols)
            con.execute(f'CREATE VIEW "{table}" AS SELECT {select} WHERE false')
    return con


def _quote(text: str) -> str:
    return text.replace("'", "''")


def corpus_sql(out: Path, sql: str) -> tuple[list[str], list[tuple[Any, ...]]]:
    """Run ``sql`` over the dataset; returns the column names and the rows."""
    import duckdb

    con = connect(out)
    try:
        cursor = con.execute(sql)
    except duckdb.Error as exc:
        raise ConfigError(f"SQL failed: {str(exc).splitlines()[0]}", "the tables: " + ", ".join(TABLES)) from None
    columns = [d[0] for d in cursor.description or []]
    return columns, cursor.fetchall()


_GROUP = {"outlet": ("outlet",), "month": ("month",), "outlet,month": ("outlet", "month"), "": ()}

#: question → (title, SQL with {group}, {where} and {group_by} to fill)
QUESTIONS: dict[str, tuple[str, str]] = {
    "blamed": (
        "Most blamed (blame chains)",
        "SELECT {group}blamed, count(*) AS chains, count(DISTINCT sha256) AS documents, "
        "string_agg(DISTINCT coalesce(attributed_to, 'the author'), '; ') AS by_whom, "
        "string_agg(DISTINCT doc_id, ' ') AS document_ids FROM chains WHERE blamed IS NOT NULL {where} "
        "GROUP BY {group_by}blamed ORDER BY chains DESC LIMIT 20",
    ),
    "chains": (
        "Strongest blame chains",
        "SELECT {group}blamed, outcome, round(strength, 3) AS strength, steps, "
        "coalesce(attributed_to, 'the author') AS reasoning, doc_id AS document_ids FROM chains "
        "WHERE strength IS NOT NULL {where} ORDER BY strength DESC LIMIT 20",
    ),
    "techniques": (
        "Persuasion techniques per 1,000 words",
        "WITH w AS (SELECT {group}sum(words) AS words FROM documents WHERE true {where} GROUP BY ALL) "
        "SELECT {tgroup}t.technique, count(*) AS spans, round(count(*) * 1000.0 / any_value(w.words), 3) "
        "AS per_1000_words, string_agg(DISTINCT t.doc_id, ' ') AS document_ids FROM techniques t {join} "
        "WHERE true {twhere} GROUP BY {tgroup_by}t.technique ORDER BY per_1000_words DESC",
    ),
    "sources": (
        "Most quoted sources",
        "SELECT {group}source_name AS source, count(*) AS quotes, count(DISTINCT sha256) AS documents, "
        "string_agg(DISTINCT doc_id, ' ') AS document_ids FROM quotes WHERE source_name IS NOT NULL "
        "AND NOT phrase {where} GROUP BY {group_by}source_name ORDER BY quotes DESC LIMIT 20",
    ),
    "unsourced": (
        "Check-worthy claims without a source",
        "WITH c AS (SELECT {group}count(*) AS claims FROM claims WHERE checkworthy >= 0.5 {where} GROUP BY ALL), "
        "u AS (SELECT {group}count(*) AS unsourced, string_agg(DISTINCT doc_id, ' ') AS document_ids FROM "
        "findings WHERE kind = 'unsourced_claim' {where} GROUP BY ALL) SELECT {cgroup}c.claims, "
        "coalesce(u.unsourced, 0) AS unsourced, round(coalesce(u.unsourced, 0) * 1.0 / nullif(c.claims, 0), 3) "
        "AS share, u.document_ids FROM c LEFT JOIN u {ujoin}",
    ),
    "findings": (
        "Findings per kind",
        "SELECT {group}kind, count(*) AS findings, count(DISTINCT sha256) AS documents, "
        "string_agg(DISTINCT doc_id, ' ') AS document_ids FROM findings WHERE true {where} "
        "GROUP BY {group_by}kind ORDER BY findings DESC",
    ),
}


def corpus_stats(
    out: Path,
    by: str = "",
    outlet: str | None = None,
    since: str | None = None,
    until: str | None = None,
    actor: str | None = None,
) -> dict[str, tuple[str, list[str], list[tuple[Any, ...]]]]:
    """Every standard question: question → (title, columns, rows), grouped ``by`` outlet, month or both,
    filtered by outlet, months (``YYYY-MM``, inclusive) and the actor a document blames."""
    if by not in _GROUP:
        raise ConfigError(f"--by {by!r} is not one of outlet, month, outlet,month", "e.g. --by outlet")
    con = connect(out)
    cols = _GROUP[by]
    conds, params = [], []
    if outlet:
        conds.append("outlet = ?")
        params.append(outlet)
    if since:
        conds.append("month >= ?")
        params.append(since)
    if until:
        conds.append("month <= ?")
        params.append(until)
    if actor:
        conds.append("sha256 IN (SELECT sha256 FROM chains WHERE lower(blamed) = lower(?))")
        params.append(actor)
    where = "".join(f" AND {c}" for c in conds)
    group = "".join(f"{c}, " for c in cols)
    fill = {
        "group": group,
        "group_by": group,
        "where": where,
        "tgroup": "".join(f"t.{c}, " for c in cols),
        "tgroup_by": "".join(f"t.{c}, " for c in cols),
        "twhere": where.replace("outlet", "t.outlet").replace("month", "t.month").replace("sha256 IN", "t.sha256 IN"),
        "join": ", w" if not cols else "JOIN w USING (" + ", ".join(cols) + ")",
        "cgroup": "".join(f"c.{c}, " for c in cols),
        "ujoin": "ON true" if not cols else "USING (" + ", ".join(cols) + ")",
    }
    answers: dict[str, tuple[str, list[str], list[tuple[Any, ...]]]] = {}
    for key, (title, template) in QUESTIONS.items():
        sql = template.format(**fill)
        n_params = sql.count("?")
        cursor = con.execute(sql, _repeat(params, n_params))
        answers[key] = (title, [d[0] for d in cursor.description or []], cursor.fetchall())
    return answers


def report_links(out: Path, page_dir: Path | None = None) -> dict[str, str]:
    """Document id → the address of its full JSON report (kept by ``corpus run --json-reports``), relative to
    ``page_dir`` where the page is written, else an absolute ``file:`` URI.  Documents whose report was not
    kept have no entry; where two documents share an id, the first report found is linked."""
    by_sha = {p.stem: p for p in sorted(out.glob("batches/*/reports/*.json"))}
    if not by_sha:
        return {}
    links: dict[str, str] = {}
    for doc_id, sha in connect(out).execute("SELECT doc_id, sha256 FROM documents ORDER BY doc_id").fetchall():
        path = by_sha.get(str(sha))
        if path is None or doc_id in links:
            continue
        if page_dir is None:
            links[str(doc_id)] = path.resolve().as_uri()
        else:
            links[str(doc_id)] = Path(os.path.relpath(path.resolve(), page_dir.resolve())).as_posix()
    return links


def _repeat(params: Sequence[Any], n: int) -> list[Any]:
    """The filter values for a query that uses the filter ``n // len(params)`` times."""
    if not params:
        return []
    return list(params) * (n // len(params))
