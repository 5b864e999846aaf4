"""Analysed articles kept beside the ACH cases (``unspin serve``): each report whole, found by its SHA-256,
and listed by what analysts search for (words of the title or text, outlet, who is blamed, technique).

The documents live in the cases' database (the same :class:`~unspin.ach.store.CaseStore` engine and Alembic
migrations), so evidence can link to a passage of a stored article.  Adding the same text again returns the
stored document: a document is its text.  Limits: the blamed actor and technique filters read JSON lists in
Python after the SQL filters, which is fine for thousands of documents, not millions (``unspin corpus`` is for
those).
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any

from sqlalchemy import func, insert, or_, select

from ..errors import StoreError
from ..reports.summary import blamed_actors
from . import tables as t
from .store import CaseStore

__all__ = ["DocumentInfo", "DocumentStore"]


@dataclass(frozen=True)
class DocumentInfo:
    """A stored document as the list shows it."""

    id: int
    doc_id: str
    sha256: str
    title: str | None
    outlet: str | None
    published: str | None
    words: int
    blamed: tuple[str, ...]
    techniques: tuple[str, ...]
    created_at: datetime


def _info(row: Any) -> DocumentInfo:
    return DocumentInfo(
        int(row.id),
        str(row.doc_id),
        str(row.sha256),
        row.title,
        row.outlet,
        row.published,
        int(row.words),
        tuple(row.blamed or ()),
        tuple(row.techniques or ()),
        row.created_at,
    )


_LIST_COLUMNS = (
    t.documents.c.id,
    t.documents.c.doc_id,
    t.documents.c.sha256,
    t.documents.c.title,
    t.documents.c.outlet,
    t.documents.c.published,
    t.documents.c.words,
    t.documents.c.blamed,
    t.documents.c.techniques,
    t.documents.c.created_at,
)


class DocumentStore:
    """The documents of the database at ``url`` (as :class:`~unspin.ach.store.CaseStore` takes it)."""

    def __init__(self, url: str | None = None, cases: CaseStore | None = None) -> None:
        self.cases = cases or CaseStore(url)

    def add(self, report: Mapping[str, Any]) -> tuple[int, bool]:
        """Store an analysed article's JSON report; returns its number and whether it is new (the same text
        stored before returns that one)."""
        doc = report.get("document") or {}
        sha = str(doc.get("sha256") or "")
        if len(sha) != 64:
            raise StoreError("the report has no document.sha256", "store reports made by unspin analyze")
        with self.cases._write() as conn:
            found = conn.execute(select(t.documents.c.id).where(t.documents.c.sha256 == sha)).first()
            if found is not None:
                return int(found.id), False
            techniques = sorted({str(x.get("technique")) for x in report.get("techniques", []) if x.get("technique")})
            result = conn.execute(
                insert(t.documents).values(
                    sha256=sha,
                    doc_id=str(doc.get("id") or sha[:12]),
                    title=doc.get("title"),
                    outlet=doc.get("outlet") or doc.get("source"),
                    published=doc.get("published"),
                    words=int(doc.get("words") or 0),
                    text=str(report.get("text") or ""),
                    blamed=blamed_actors(report),
                    techniques=techniques,
                    report=dict(report),
                    created_at=datetime.now(UTC),
                )
            )
            key = result.inserted_primary_key
            if key is None:  # pragma: no cover - every supported database returns it
                raise StoreError("the database did not return the new document's id", "report this")
            return int(key[0]), True

    def get(self, number: int) -> tuple[DocumentInfo, dict[str, Any]]:
        """The document and its JSON report."""
        if not 0 < number < 2**63:  # the database's integers; another number names no document
            raise StoreError(f"no document {number}", "see the document list")
        with self.cases.engine.connect() as conn:
            row = conn.execute(select(*_LIST_COLUMNS, t.documents.c.report).where(t.documents.c.id == number)).first()
        if row is None:
            raise StoreError(f"no document {number}", "see the document list")
        return _info(row), dict(row.report)

    def search(
        self,
        q: str | None = None,
        outlet: str | None = None,
        blamed: str | None = None,
        technique: str | None = None,
        limit: int = 200,
        since: str | None = None,
        until: str | None = None,
    ) -> list[DocumentInfo]:
        """Newest first: ``q`` in the title or text (case-insensitive), the outlet, an actor the document
        blames, a technique it uses, published on or after ``since`` and on or before ``until`` (ISO dates:
        2024, 2024-05 or 2024-05-31; a document without a date is left out by a date filter)."""
        query = select(*_LIST_COLUMNS).order_by(t.documents.c.id.desc())
        if q:
            like = f"%{q.lower()}%"
            query = query.where(
                or_(func.lower(t.documents.c.title).like(like), func.lower(t.documents.c.text).like(like))
            )
        if outlet:
            query = query.where(t.documents.c.outlet == outlet)
        if since:
            query = query.where(t.documents.c.published >= since)
        if until:
            # "2024-05" means up to the end of May: everything that starts with it, or sorts before it
            query = query.where(t.documents.c.published < until + "\uffff")
        with self.cases.engine.connect() as conn:
            rows = conn.execute(query).all()
        out = [_info(r) for r in rows]
        if blamed:
            out = [d for d in out if any(blamed.lower() == b.lower() for b in d.blamed)]
        if technique:
            out = [d for d in out if technique in d.techniques]
        return out[:limit]

    def facets(self) -> dict[str, list[str]]:
        """The outlets, blamed actors and techniques there are, for the list's filters."""
        with self.cases.engine.connect() as conn:
            rows = conn.execute(select(t.documents.c.outlet, t.documents.c.blamed, t.documents.c.techniques)).all()
        return {
            "outlet": sorted({r.outlet for r in rows if r.outlet}),
            "blamed": sorted({b for r in rows for b in (r.blamed or [])}),
            "technique": sorted({x for r in rows for x in (r.techniques or [])}),
        }
