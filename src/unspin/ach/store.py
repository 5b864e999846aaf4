"""ACH cases in a real database: SQLite by default, PostgreSQL by URL.

Cases are kept in six tables (:mod:`unspin.ach.tables`) created and upgraded
by Alembic migrations the first time a store is opened.  The location is, in
order: the ``url`` argument (``--db``), the ``UNSPIN_DB`` environment
variable, else ``cases.sqlite`` in the user data folder (platformdirs).  A
bare path means a SQLite file; ``postgresql://…`` uses psycopg 3.

**Nothing is lost.**  Every write is one transaction.  Writers take the case
row first (``BEGIN IMMEDIATE`` on SQLite, ``SELECT … FOR UPDATE`` on
PostgreSQL), so two writers of the same case run one after the other and
both changes land.  Each write bumps ``cases.version``; a caller that passes
``expected_version`` (because it showed the user that version) gets a
:class:`~unspin.errors.ConflictError` with a retry message when someone else
wrote in between, and nothing is written.  A process killed mid-write leaves
the case as it was: the database rolls the open transaction back.

Case contents travel as the case-file dictionary (see
:mod:`unspin.ach.model`), so import, export and storage share one format.
"""

from __future__ import annotations

import os
import sys
import time
from collections.abc import Callable, Iterator, Mapping, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from sqlalchemy import Connection, Engine, create_engine, delete, event, insert, select, update
from sqlalchemy.exc import OperationalError, SQLAlchemyError

from ..errors import ConflictError, StoreError
from . import tables as t

__all__ = ["DB_ENV", "CaseInfo", "CaseStore", "default_url", "normalise_url"]

DB_ENV = "UNSPIN_DB"
_PAUSE_ENV = "UNSPIN_TEST_PAUSE_BEFORE_COMMIT"  # test hook: seconds to wait inside a write
_MIGRATION_LOCK = 0x756E7370  # PostgreSQL advisory lock key ("unsp") held while the schema is migrated
_RATINGS = ("CC", "C", "N", "I", "II", "NA")


def default_url() -> str:
    from platformdirs import user_data_dir

    folder = Path(user_data_dir("unspin", appauthor=False))
    return f"sqlite:///{folder / 'cases.sqlite'}"


def normalise_url(url: str) -> str:
    """SQLAlchemy URL for ``url``: bare paths become SQLite, PostgreSQL uses psycopg 3."""
    if "://" not in url:
        return f"sqlite:///{Path(url).expanduser().resolve()}"
    for prefix in ("postgresql://", "postgres://", "postgresql+psycopg2://"):
        if url.startswith(prefix):
            return "postgresql+psycopg://" + url[len(prefix) :]
    return url


@dataclass(frozen=True)
class CaseInfo:
    slug: str
    title: str
    version: int
    hypotheses: int
    evidence: int
    updated_at: datetime


class CaseStore:
    """Cases in one database.  The constructor only stores the URL."""

    def __init__(self, url: str | None = None) -> None:
        self.url = normalise_url(url or os.environ.get(DB_ENV) or default_url())
        self._engine: Engine | None = None

    # -- connection ---------------------------------------------------------
    @property
    def is_sqlite(self) -> bool:
        return self.url.startswith("sqlite")

    @property
    def engine(self) -> Engine:
        if self._engine is None:
            self._engine = self._connect()
        return self._engine

    def _connect(self) -> Engine:
        if self.is_sqlite and self.url.startswith("sqlite:///"):
            folder = Path(self.url.removeprefix("sqlite:///")).parent
            try:
                folder.mkdir(parents=True, exist_ok=True)
            except OSError as exc:
                raise StoreError(f"{folder}: cannot create the database folder ({exc.strerror})", "use --db") from None
        try:
            engine = create_engine(self.url, connect_args={"timeout": 30} if self.is_sqlite else {})
        except (SQLAlchemyError, ImportError, ValueError) as exc:
            raise StoreError(f"cannot use database {self._shown()}: {exc}", "check the --db URL") from None
        if self.is_sqlite:

            @event.listens_for(engine, "connect")
            def _sqlite_connect(dbapi_connection: Any, _record: Any) -> None:
                # Let SQLAlchemy's "begin" below issue BEGIN IMMEDIATE itself.
                dbapi_connection.isolation_level = None
                dbapi_connection.execute("PRAGMA foreign_keys=ON")
                dbapi_connection.execute("PRAGMA journal_mode=WAL")

            @event.listens_for(engine, "begin")
            def _sqlite_begin(conn: Connection) -> None:
                conn.exec_driver_sql("BEGIN IMMEDIATE")

        self._migrate(engine)
        return engine

    def _shown(self) -> str:
        # Never print a password from the URL.
        head, sep, tail = self.url.partition("@")
        return f"{head.split('://')[0]}://…@{tail}" if sep else self.url

    def _migrate(self, engine: Engine) -> None:
        from alembic import command
        from alembic.config import Config

        cfg = Config()
        cfg.set_main_option("script_location", str(Path(__file__).parent / "migrations"))
        try:
            with engine.begin() as conn:
                if not self.is_sqlite:
                    # Two commands on a fresh PostgreSQL database would both create the tables (and one
                    # fail on a duplicate type); the lock queues them, and the second finds the head applied.
                    # SQLite needs none: BEGIN IMMEDIATE serialises the writers already.
                    conn.exec_driver_sql(f"SELECT pg_advisory_xact_lock({_MIGRATION_LOCK})")
                cfg.attributes["connection"] = conn
                command.upgrade(cfg, "head")
        except SQLAlchemyError as exc:
            raise StoreError(
                f"cannot open database {self._shown()}: {str(exc).splitlines()[0]}",
                "check that the server runs and the URL is right",
            ) from None

    @contextmanager
    def _write(self) -> Iterator[Connection]:
        try:
            with self.engine.begin() as conn:
                yield conn
                pause = os.environ.get(_PAUSE_ENV)
                if pause:
                    print("unspin: paused before commit", file=sys.stderr, flush=True)
                    time.sleep(float(pause))
        except OperationalError as exc:
            raise ConflictError(
                f"the case database is busy ({str(exc.orig).splitlines()[0]})", "try again in a moment"
            ) from None

    def _case_row(self, conn: Connection, slug: str, *, lock: bool) -> Any:
        query = select(t.cases).where(t.cases.c.slug == slug)
        if lock and not self.is_sqlite:
            query = query.with_for_update()
        row = conn.execute(query).first()
        if row is None:
            raise StoreError(f"no case {slug!r} in {self._shown()}", "see `unspin case list`")
        return row

    def _bump(self, conn: Connection, row: Any, expected_version: int | None) -> int:
        if expected_version is not None and row.version != expected_version:
            raise ConflictError(
                f"case {row.slug!r} changed while you worked on it (you had version {expected_version}, "
                f"it is now {row.version})",
                "reload it (`unspin case show`) and redo your change",
            )
        new = int(row.version) + 1
        done = conn.execute(
            update(t.cases)
            .where(t.cases.c.id == row.id, t.cases.c.version == row.version)
            .values(version=new, updated_at=datetime.now(UTC))
        )
        if done.rowcount != 1:
            raise ConflictError(f"case {row.slug!r} was changed by another writer", "run the command again")
        return new

    # -- reading ------------------------------------------------------------
    def list_cases(self) -> list[CaseInfo]:
        with self.engine.connect() as conn:
            rows = conn.execute(select(t.cases).order_by(t.cases.c.slug)).all()
            out = []
            for r in rows:
                n_h = len(conn.execute(select(t.hypotheses.c.hid).where(t.hypotheses.c.case_id == r.id)).all())
                n_e = len(conn.execute(select(t.evidence.c.eid).where(t.evidence.c.case_id == r.id)).all())
                out.append(CaseInfo(r.slug, r.title, r.version, n_h, n_e, r.updated_at))
            return out

    def exists(self, slug: str) -> bool:
        with self.engine.connect() as conn:
            return conn.execute(select(t.cases.c.id).where(t.cases.c.slug == slug)).first() is not None

    def load(self, slug: str) -> tuple[dict[str, Any], int]:
        """The case as a case-file dictionary, and its version."""
        with self.engine.connect() as conn:
            row = self._case_row(conn, slug, lock=False)
            return self._read(conn, row), int(row.version)

    def _read(self, conn: Connection, row: Any) -> dict[str, Any]:
        cid = row.id

        def rows(table: Any) -> Sequence[Any]:
            return conn.execute(select(table).where(table.c.case_id == cid).order_by(table.c.position)).all()

        ratings: dict[str, dict[str, str]] = {}
        for r in conn.execute(select(t.ratings).where(t.ratings.c.case_id == cid)).all():
            ratings.setdefault(r.eid, {})[r.hid] = r.rating
        data: dict[str, Any] = {"title": row.title}
        data["hypotheses"] = [{"id": h.hid, "text": h.text} for h in rows(t.hypotheses)]
        data["sources"] = [
            {"id": s.sid, "name": s.name, "reliability": s.reliability, **(s.extra or {})} for s in rows(t.sources)
        ]
        evidence = []
        order = [h["id"] for h in data["hypotheses"]]
        for e in rows(t.evidence):
            item = dict(e.body)
            given = ratings.get(e.eid, {})
            item["ratings"] = {h: given[h] for h in order if h in given}
            evidence.append(item)
        data["evidence"] = evidence
        if row.priors is not None:
            data["priors"] = row.priors
        data["perspectives"] = [{"id": p.pid, "name": p.name, "trust": p.trust} for p in rows(t.perspectives)]
        return data

    # -- writing ------------------------------------------------------------
    def create(self, slug: str, data: Mapping[str, Any]) -> int:
        """Store a new case; returns its version (1)."""
        _check_slug(slug)
        _validate(data, slug)
        now = datetime.now(UTC)
        with self._write() as conn:
            if conn.execute(select(t.cases.c.id).where(t.cases.c.slug == slug)).first() is not None:
                raise StoreError(f"a case {slug!r} already exists", "choose another name, or import with --replace")
            result = conn.execute(
                insert(t.cases).values(
                    slug=slug,
                    title=str(data.get("title", "")),
                    priors=data.get("priors"),
                    version=1,
                    created_at=now,
                    updated_at=now,
                )
            )
            key = result.inserted_primary_key
            if key is None:  # pragma: no cover - every supported database returns it
                raise StoreError("the database did not return the new case's id", "report this")
            self._write_contents(conn, int(key[0]), data)
        return 1

    def replace(self, slug: str, data: Mapping[str, Any], expected_version: int | None = None) -> int:
        """Replace a case's contents in one transaction; returns the new version."""
        _validate(data, slug)
        with self._write() as conn:
            row = self._case_row(conn, slug, lock=True)
            new = self._bump(conn, row, expected_version)
            self._rewrite(conn, row, data)
        return new

    def rate(self, slug: str, eid: str, hid: str, rating: str, expected_version: int | None = None) -> int:
        """Set one cell of the matrix (``NA`` clears it); returns the new version."""
        return self._rate(slug, [(eid, hid, rating, None)], expected_version)

    def edit(
        self,
        slug: str,
        change: Callable[[dict[str, Any]], tuple[dict[str, Any], str]],
        expected_version: int | None = None,
    ) -> tuple[int, str]:
        """Apply ``change`` (one of :mod:`unspin.ach.edits`) to the stored case in one transaction: read under
        the writer's lock, change, check, write.  Returns the new version and what changed."""
        with self._write() as conn:
            row = self._case_row(conn, slug, lock=True)
            if expected_version is not None and row.version != expected_version:
                self._bump(conn, row, expected_version)  # raises the conflict, naming both versions
            data, message = change(self._read(conn, row))
            _validate(data, slug)
            new = self._bump(conn, row, expected_version)
            self._rewrite(conn, row, data)
        return new, message

    def rate_as_seen(self, slug: str, cells: Sequence[tuple[str, str, str, str]]) -> int:
        """Rate cells (evidence, hypothesis, rating, the rating the writer saw; NA for none) in one transaction,
        each only if it still holds what its writer saw: a compare-and-set per cell, so two writers of
        different cells never conflict.  Returns the new version."""
        return self._rate(slug, list(cells), None)

    def _rate(self, slug: str, cells: Sequence[tuple[str, str, str, str | None]], expected_version: int | None) -> int:
        """Set cells (and check what their writer saw, where given), touching those cells only."""
        cells = [(e, h, r.upper(), None if w is None else w.upper()) for e, h, r, w in cells]
        for _, _, rating, seen in cells:
            for value in (rating, seen):
                if value is not None and value not in _RATINGS:
                    raise StoreError(
                        f"rating {value!r} is not one of {' '.join(_RATINGS)}", "e.g. CC, C, N, I, II or NA"
                    )
        with self._write() as conn:
            row = self._case_row(conn, slug, lock=True)
            eids = {r.eid for r in conn.execute(select(t.evidence.c.eid).where(t.evidence.c.case_id == row.id))}
            hids = {r.hid for r in conn.execute(select(t.hypotheses.c.hid).where(t.hypotheses.c.case_id == row.id))}
            for eid, hid, _, seen in cells:
                if eid not in eids or hid not in hids:
                    missing = f"evidence {eid!r}" if eid not in eids else f"hypothesis {hid!r}"
                    raise StoreError(f"case {slug!r} has no {missing}", "see `unspin case show`")
                if seen is None:
                    continue
                where = (t.ratings.c.case_id == row.id, t.ratings.c.eid == eid, t.ratings.c.hid == hid)
                now = conn.execute(select(t.ratings.c.rating).where(*where)).scalar()
                if (now or "NA") != seen:
                    raise ConflictError(
                        f"{eid} × {hid} was changed to {now or 'NA'} by someone else after you saw {seen}",
                        "look at the new rating and choose again",
                    )
            new = self._bump(conn, row, expected_version)
            for eid, hid, rating, _ in cells:
                where = (t.ratings.c.case_id == row.id, t.ratings.c.eid == eid, t.ratings.c.hid == hid)
                conn.execute(delete(t.ratings).where(*where))
                if rating != "NA":
                    conn.execute(insert(t.ratings).values(case_id=row.id, eid=eid, hid=hid, rating=rating))
        return new

    def delete(self, slug: str) -> None:
        with self._write() as conn:
            row = self._case_row(conn, slug, lock=True)
            for table in (t.ratings, t.hypotheses, t.sources, t.evidence, t.perspectives):
                conn.execute(delete(table).where(table.c.case_id == row.id))
            conn.execute(delete(t.cases).where(t.cases.c.id == row.id))

    def _rewrite(self, conn: Connection, row: Any, data: Mapping[str, Any]) -> None:
        """Replace every part of the case in ``row`` by ``data`` (inside the caller's transaction)."""
        for table in (t.ratings, t.hypotheses, t.sources, t.evidence, t.perspectives):
            conn.execute(delete(table).where(table.c.case_id == row.id))
        conn.execute(
            update(t.cases)
            .where(t.cases.c.id == row.id)
            .values(title=str(data.get("title", "")), priors=data.get("priors"))
        )
        self._write_contents(conn, row.id, data)

    def _write_contents(self, conn: Connection, cid: int, data: Mapping[str, Any]) -> None:
        for i, h in enumerate(data.get("hypotheses") or []):
            conn.execute(insert(t.hypotheses).values(case_id=cid, position=i, hid=h["id"], text=h.get("text", "")))
        for i, s in enumerate(data.get("sources") or []):
            extra = {k: v for k, v in s.items() if k not in ("id", "name", "reliability")} or None
            conn.execute(
                insert(t.sources).values(
                    case_id=cid,
                    position=i,
                    sid=s["id"],
                    name=s.get("name", s["id"]),
                    reliability=s.get("reliability", "F"),
                    extra=extra,
                )
            )
        self._write_evidence(conn, cid, list(data.get("evidence") or []), 0)
        for i, p in enumerate(data.get("perspectives") or []):
            conn.execute(
                insert(t.perspectives).values(
                    case_id=cid, position=i, pid=p["id"], name=p.get("name", p["id"]), trust=p.get("trust") or {}
                )
            )

    @staticmethod
    def _write_evidence(conn: Connection, cid: int, items: list[Mapping[str, Any]], start: int) -> None:
        for i, e in enumerate(items, start):
            body = {k: v for k, v in e.items() if k != "ratings"}
            conn.execute(insert(t.evidence).values(case_id=cid, position=i, eid=e["id"], body=body))
            for hid, rating in (e.get("ratings") or {}).items():
                if str(rating).upper() != "NA":
                    conn.execute(
                        insert(t.ratings).values(case_id=cid, eid=e["id"], hid=hid, rating=str(rating).upper())
                    )


def _check_slug(slug: str) -> None:
    if not slug or len(slug) > 200 or any(c.isspace() for c in slug):
        raise StoreError(f"case name {slug!r} must be 1–200 characters without spaces", "e.g. marvik-bombing")


def _validate(data: Mapping[str, Any], where: str) -> None:
    from .case_file import case_from_dict

    case_from_dict(dict(data), where=where)
