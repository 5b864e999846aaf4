"""``unspin corpus``: analyse many articles on a Dask cluster into a Parquet dataset, and ask questions across
it with DuckDB.

:func:`run_corpus` (:mod:`.run`) writes the dataset; :mod:`.tables` says what each table holds;
:mod:`.stats` answers the standard questions and any SQL.
"""

from __future__ import annotations

from .run import RunSummary, run_corpus
from .stats import corpus_sql, corpus_stats
from .tables import TABLES, report_rows

__all__ = ["TABLES", "RunSummary", "corpus_sql", "corpus_stats", "report_rows", "run_corpus"]
