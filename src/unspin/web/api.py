"""The workbench's JSON API (OpenAPI 3 at ``/openapi.json``): documents, reports, cases and every change the
pages offer.

Every write to a case takes the version the client last saw, as ``If-Match: "N"`` or a ``version`` field; a
write against a case that moved on is refused with 409, the current version and the case as it is now, so
the client can redo its change (nothing is overwritten silently).  Changes go through
:mod:`unspin.ach.edits`, one transaction each.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Annotated, Any, Literal

from fastapi import APIRouter, Header, Query, Request
from fastapi.responses import PlainTextResponse, Response
from pydantic import BaseModel, Field

from ..ach import edits
from ..ach.case_file import case_from_dict, dump_case
from ..ach.evidence import evidence_from_report_data
from ..ach.export import matrix_csv, matrix_xlsx
from ..ach.model import case_to_dict
from ..ach.scoring import score_all
from ..errors import ConfigError, ConflictError
from .access import can, need
from .analyse import documents_from_upload

__all__ = ["EvidenceIn", "new_evidence", "router"]

router = APIRouter(prefix="/api")

Rating = Literal["CC", "C", "N", "I", "II", "NA"]


class NewDocument(BaseModel):
    text: str = Field(min_length=1, max_length=5_000_000, description="The article: plain text or Markdown.")
    title: str | None = None


class NewCase(BaseModel):
    name: str = Field(min_length=1, max_length=200, pattern=r"^\S+$", description="Case name, no spaces.")
    title: str = ""
    hypotheses: list[str] = Field(default_factory=list, description="Hypothesis texts; ids H1, H2, …")


class Versioned(BaseModel):
    version: int | None = Field(None, description="The case version this change was made on (or If-Match).")


class Cell(BaseModel):
    evidence: str
    hypothesis: str
    rating: Rating
    was: Rating | None = Field(
        None,
        description="The rating you saw in the cell (NA for none): with it, the write needs only that cell "
        "unchanged, not the whole case at your version.",
    )


class Cells(Versioned):
    cells: list[Cell] = Field(min_length=1)


class HypothesisIn(Versioned):
    text: str = Field(min_length=1)
    id: str | None = None


class SourceIn(Versioned):
    name: str = Field(min_length=1)
    reliability: Literal["A", "B", "C", "D", "E", "F"] = "F"
    id: str | None = None


class SourceEdit(Versioned):
    name: str | None = None
    reliability: Literal["A", "B", "C", "D", "E", "F"] | None = None


class PerspectiveIn(Versioned):
    name: str = Field(min_length=1)
    trust: dict[str, Literal["A", "B", "C", "D", "E", "F"]] = Field(default_factory=dict)
    id: str | None = None


class PerspectiveEdit(Versioned):
    name: str | None = None
    trust: dict[str, Literal["A", "B", "C", "D", "E", "F", "-"]] = Field(default_factory=dict)


class EvidenceIn(Versioned):
    text: str | None = Field(None, description="An item typed in by hand …")
    source: str | None = None
    credibility: Literal["1", "2", "3", "4", "5", "6"] = "6"
    relevance: Literal["high", "medium", "low"] = "medium"
    document: int | None = Field(None, description="… or passages of a stored document:")
    quotes: list[str] = Field(default_factory=list, description="quotation ids (Q1, …) of that document")
    claims: list[str] = Field(default_factory=list, description="claim ids (C1, …) of that document")


class EvidenceEdit(Versioned):
    text: str | None = None
    source: str | None = Field(None, description="a source id, or '' for none")
    credibility: Literal["1", "2", "3", "4", "5", "6"] | None = None
    relevance: Literal["high", "medium", "low"] | None = None
    likelihoods: dict[str, float] = Field(default_factory=dict, description="P(E|H); below 0 removes one")
    notes: str | None = Field(None, description="the analyst's notes ('' clears them)")


IfMatch = Annotated[str | None, Header(description='The case version, e.g. "4".')]


def _version(if_match: str | None, body: Versioned | None) -> int | None:
    if if_match:
        try:
            return int(if_match.strip().strip('W/"').strip('"'))
        except ValueError:
            raise ConfigError(f"If-Match {if_match!r} is not a case version", 'send e.g. If-Match: "4"') from None
    return body.version if body is not None else None


def _edit(request: Request, name: str, change: Any, version: int | None) -> dict[str, Any]:
    need(request, name, "editor")
    store = request.app.state.cases
    try:
        new, message = store.edit(name, change, expected_version=version)
    except ConflictError as exc:
        data, current = store.load(name)
        exc.extra = {"version": current, "case": data}  # type: ignore[attr-defined]
        raise
    return {"version": new, "message": message}


# -- documents ----------------------------------------------------------------------


def _doc_json(info: Any) -> dict[str, Any]:
    return {
        "id": info.id,
        "doc_id": info.doc_id,
        "sha256": info.sha256,
        "title": info.title,
        "outlet": info.outlet,
        "published": info.published,
        "words": info.words,
        "blamed": list(info.blamed),
        "techniques": list(info.techniques),
        "url": f"/documents/{info.id}",
    }


@router.get("/documents", summary="Search the analysed articles")
def list_documents(
    request: Request,
    q: str | None = None,
    outlet: str | None = None,
    blamed: str | None = None,
    technique: str | None = None,
    since: Annotated[str | None, Query(pattern=r"^\d{4}(-\d{2}){0,2}$", description="published on or after")] = None,
    until: Annotated[str | None, Query(pattern=r"^\d{4}(-\d{2}){0,2}$", description="published on or before")] = None,
    limit: Annotated[int, Query(ge=1, le=1000)] = 200,
) -> list[dict[str, Any]]:
    found = request.app.state.documents.search(q, outlet, blamed, technique, limit, since, until)
    return [_doc_json(d) for d in found]


@router.post("/documents", status_code=201, summary="Analyse an article and store its report")
def add_document(request: Request, body: NewDocument) -> dict[str, Any]:
    docs = documents_from_upload(body.text.encode("utf-8"), None, body.title)
    report = request.app.state.analyse(docs)[0]
    number, new = request.app.state.documents.add(report)
    return {"id": number, "new": new, "url": f"/documents/{number}"}


@router.get("/documents/{number}", summary="One document with its JSON report")
def get_document(request: Request, number: int) -> dict[str, Any]:
    info, report = request.app.state.documents.get(number)
    return {**_doc_json(info), "report": report}


# -- cases --------------------------------------------------------------------------


@router.get("/cases", summary="The cases")
def list_cases(request: Request) -> list[dict[str, Any]]:
    return [
        {"name": c.slug, "title": c.title, "version": c.version, "hypotheses": c.hypotheses, "evidence": c.evidence}
        for c in request.app.state.cases.list_cases()
        if can(request, c.slug, "viewer")
    ]


@router.post("/cases", status_code=201, summary="Create a case")
def new_case(request: Request, body: NewCase) -> dict[str, Any]:
    data = {
        "title": body.title,
        "hypotheses": [{"id": f"H{i}", "text": t} for i, t in enumerate(body.hypotheses, 1)],
        "sources": [],
        "evidence": [],
        "perspectives": [],
    }
    version = request.app.state.cases.create(body.name, data)
    if request.state.user is not None:
        request.app.state.accounts.share(body.name, request.state.user.name, "owner")
    return {"name": body.name, "version": version}


@router.get("/cases/{name}", summary="A case as a case-file dictionary, with its version (also the ETag)")
def get_case(request: Request, response: Response, name: str) -> dict[str, Any]:
    need(request, name, "viewer")
    data, version = request.app.state.cases.load(name)
    response.headers["ETag"] = f'"{version}"'
    return {"name": name, "version": version, "case": data}


@router.get("/cases/{name}/scores", summary="Scores under the base grades and every perspective")
def case_scores(request: Request, name: str, likelihoods_only: bool = False) -> dict[str, Any]:
    need(request, name, "viewer")
    data, version = request.app.state.cases.load(name)
    case = case_from_dict(data)
    scores = score_all(case, from_ratings=not likelihoods_only)
    return {
        "version": version,
        "base": scores[None].to_dict(),
        "perspectives": [s.to_dict() for k, s in scores.items() if k is not None],
    }


@router.put("/cases/{name}/cells", summary="Rate cells of the matrix (NA clears); all or none")
def rate(request: Request, name: str, body: Cells, if_match: IfMatch = None) -> dict[str, Any]:
    """With ``was`` on every cell, each cell must still hold what the writer saw (others may have changed
    other cells meanwhile); without, the whole case must be at the version given."""
    if all(c.was is not None for c in body.cells):
        need(request, name, "editor")
        seen = [(c.evidence, c.hypothesis, c.rating, str(c.was)) for c in body.cells]
        store = request.app.state.cases
        try:
            version = store.rate_as_seen(name, seen)
        except ConflictError as exc:
            data, current = store.load(name)
            exc.extra = {"version": current, "case": data}  # type: ignore[attr-defined]
            raise
        return {"version": version, "message": f"rated {len(seen)} cell(s)"}
    cells = [(c.evidence, c.hypothesis, c.rating) for c in body.cells]
    return _edit(request, name, lambda d: edits.rate_cells(d, cells), _version(if_match, body))


@router.post("/cases/{name}/hypotheses", status_code=201, summary="Add a hypothesis")
def add_hypothesis(request: Request, name: str, body: HypothesisIn, if_match: IfMatch = None) -> dict[str, Any]:
    return _edit(request, name, lambda d: edits.add_hypothesis(d, body.text, body.id), _version(if_match, body))


@router.patch("/cases/{name}/hypotheses/{hid}", summary="Reword a hypothesis")
def edit_hypothesis(
    request: Request, name: str, hid: str, body: HypothesisIn, if_match: IfMatch = None
) -> dict[str, Any]:
    return _edit(request, name, lambda d: edits.edit_hypothesis(d, hid, body.text), _version(if_match, body))


@router.post("/cases/{name}/sources", status_code=201, summary="Add a source")
def add_source(request: Request, name: str, body: SourceIn, if_match: IfMatch = None) -> dict[str, Any]:
    change = lambda d: edits.add_source(d, body.name, body.reliability, body.id)  # noqa: E731
    return _edit(request, name, change, _version(if_match, body))


@router.patch("/cases/{name}/sources/{sid}", summary="Rename or grade a source")
def edit_source(request: Request, name: str, sid: str, body: SourceEdit, if_match: IfMatch = None) -> dict[str, Any]:
    change = lambda d: edits.edit_source(d, sid, body.name, body.reliability)  # noqa: E731
    return _edit(request, name, change, _version(if_match, body))


@router.post("/cases/{name}/perspectives", status_code=201, summary="Add a perspective")
def add_perspective(request: Request, name: str, body: PerspectiveIn, if_match: IfMatch = None) -> dict[str, Any]:
    change = lambda d: edits.add_perspective(d, body.name, dict(body.trust), body.id)  # noqa: E731
    return _edit(request, name, change, _version(if_match, body))


@router.patch("/cases/{name}/perspectives/{pid}", summary="Rename a perspective or change its grades")
def edit_perspective(
    request: Request, name: str, pid: str, body: PerspectiveEdit, if_match: IfMatch = None
) -> dict[str, Any]:
    change = lambda d: edits.edit_perspective(d, pid, body.name, dict(body.trust))  # noqa: E731
    return _edit(request, name, change, _version(if_match, body))


def new_evidence(
    report: Mapping[str, Any] | None, data: dict[str, Any], body: EvidenceIn
) -> tuple[dict[str, Any], str]:
    """The case with the evidence ``body`` describes: an item typed in, or passages of ``report`` (the stored
    document ``body.document``'s, read before the case's write transaction begins)."""
    if body.document is None:
        if not body.text:
            raise ConfigError("no evidence given", "give text, or a document with quotes or claims")
        return edits.add_evidence(data, body.text, body.source, body.credibility, body.relevance)
    if not (body.quotes or body.claims):
        raise ConfigError(f"no passages of document {body.document} chosen", "give quote or claim ids")
    if report is None:
        raise ConfigError(f"document {body.document} is not at hand", "add its passages through the workbench")
    out, added, skipped = data, 0, 0
    for what, ids in (("quotes", body.quotes), ("claims", body.claims)):
        if ids:
            ref, where = f"document:{body.document}", f"document {body.document}"
            found = evidence_from_report_data(report, ref, out, what, set(ids), where=where)
            added, skipped = added + len(found.items), skipped + found.duplicates
            if found.items:
                out, _ = edits.add_found(out, found)
    if not added:
        raise ConfigError(f"all {skipped} passages are in the case already", "rate them in the matrix")
    return out, f"added {added} evidence item(s)" + (f", {skipped} already in the case" if skipped else "")


@router.post("/cases/{name}/evidence", status_code=201, summary="Add evidence: by hand or passages of a document")
def add_evidence(request: Request, name: str, body: EvidenceIn, if_match: IfMatch = None) -> dict[str, Any]:
    report = request.app.state.documents.get(body.document)[1] if body.document is not None else None
    return _edit(request, name, lambda d: new_evidence(report, d, body), _version(if_match, body))


@router.patch("/cases/{name}/evidence/{eid}", summary="Change an evidence item")
def edit_evidence(
    request: Request, name: str, eid: str, body: EvidenceEdit, if_match: IfMatch = None
) -> dict[str, Any]:
    def change(d: dict[str, Any]) -> tuple[dict[str, Any], str]:
        return edits.edit_evidence(
            d,
            eid,
            text=body.text,
            source=body.source,
            credibility=body.credibility,
            relevance=body.relevance,
            likelihoods=body.likelihoods,
            notes=body.notes,
        )

    return _edit(request, name, change, _version(if_match, body))


_REMOVE = {
    "hypotheses": edits.remove_hypothesis,
    "sources": edits.remove_source,
    "evidence": edits.remove_evidence,
    "perspectives": edits.remove_perspective,
}


@router.delete("/cases/{name}/{kind}/{item}", summary="Remove a hypothesis, source, evidence item or perspective")
def remove(
    request: Request,
    name: str,
    kind: Literal["hypotheses", "sources", "evidence", "perspectives"],
    item: str,
    if_match: IfMatch = None,
) -> dict[str, Any]:
    return _edit(request, name, lambda d: _REMOVE[kind](d, item), _version(if_match, None))


@router.get("/cases/{name}/export", summary="The case as a file: YAML, JSON, a CSV matrix or an Excel workbook")
def export(request: Request, name: str, format: Literal["yaml", "json", "csv", "xlsx"] = "yaml") -> Response:
    need(request, name, "viewer")
    data, _ = request.app.state.cases.load(name)
    case = case_from_dict(data)
    headers = {"Content-Disposition": f'attachment; filename="{name}.{format}"'}
    if format == "xlsx":
        scores = {k: s.to_dict() for k, s in score_all(case).items()} if case.hypotheses else {}
        xlsx = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
        return Response(matrix_xlsx(case_to_dict(case), scores), media_type=xlsx, headers=headers)
    media = {"yaml": "application/yaml", "json": "application/json", "csv": "text/csv"}[format]
    text = matrix_csv(case_to_dict(case)) if format == "csv" else dump_case(case, format)
    return PlainTextResponse(text, media_type=media, headers=headers)
