"""The workbench's pages, rendered on the server (Jinja2, autoescaped): the document list and the analyse
form, a document with its summary and passages to take into a case, the full report, the case list and the
matrix editor.  Forms post back here and work without script; ``static/app.js`` only saves a rating the
moment it is chosen, through the JSON API.  A page only renders: what the report and scores mean comes from
the library (:mod:`unspin.reports.summary`, :mod:`unspin.ach.explain`)."""

from __future__ import annotations

import re
from collections.abc import Callable
from pathlib import Path
from typing import Any

from fastapi import APIRouter, Depends, Request, UploadFile
from fastapi.responses import HTMLResponse, RedirectResponse, Response
from starlette.concurrency import run_in_threadpool
from starlette.datastructures import FormData

from ..ach import edits
from ..ach.accounts import ROLES
from ..ach.case_file import case_from_dict
from ..ach.evidence import evidence_from_report_data, find_passage
from ..ach.explain import LINCHPIN, RATING_LEGEND, SCORE_HELP, rank_posterior_note
from ..ach.model import CREDIBILITIES, RELEVANCES, RELIABILITIES
from ..ach.scoring import score_all
from ..errors import ConfigError, ConflictError
from ..reports import render_html
from ..reports.summary import NO_BLAME, report_summary
from .access import SESSION_COOKIE, can, need
from .analyse import documents_from_upload
from .api import EvidenceIn, new_evidence
from .app import check_csrf

__all__ = ["error_page", "router"]

router = APIRouter(dependencies=[Depends(check_csrf)], include_in_schema=False)  # the API is under /api
_REPORT_CSP = "default-src 'none'; style-src 'unsafe-inline'; img-src data:; frame-ancestors 'none'"


def _render(request: Request, template: str, status_code: int = 200, **context: Any) -> HTMLResponse:
    templates = request.app.state.templates
    response: HTMLResponse = templates.TemplateResponse(
        request, template, {"csrf": request.state.csrf, **context}, status_code=status_code
    )
    return response


def error_page(request: Request, status: int, message: str, hint: str | None) -> HTMLResponse:
    return _render(request, "error.html", status, status=status, message=message, hint=hint)


def _see(url: str) -> RedirectResponse:
    return RedirectResponse(url, status_code=303)


# -- documents ----------------------------------------------------------------------


@router.get("/", response_class=HTMLResponse)
def documents_page(
    request: Request,
    q: str | None = None,
    outlet: str | None = None,
    blamed: str | None = None,
    technique: str | None = None,
    since: str | None = None,
    until: str | None = None,
) -> HTMLResponse:
    store = request.app.state.documents
    dates = {k: v.strip() for k, v in (("since", since), ("until", until)) if v and v.strip()}
    for key, value in dates.items():
        if not re.fullmatch(r"\d{4}(-\d{2}){0,2}", value):
            raise ConfigError(f"{key} {value!r} is not a date", "write it as 2024, 2024-05 or 2024-05-31")
    found = store.search(
        q or None, outlet or None, blamed or None, technique or None, since=dates.get("since"), until=dates.get("until")
    )
    filters = {"q": q or "", "outlet": outlet or "", "blamed": blamed or "", "technique": technique or ""}
    filters |= {"since": dates.get("since", ""), "until": dates.get("until", "")}
    files = _folder_files(request.app.state.folder)
    return _render(request, "documents.html", documents=found, facets=store.facets(), filters=filters, files=files)


_ARTICLE_SUFFIXES = (".txt", ".md", ".markdown", ".html", ".htm", ".jsonl")


def _folder_files(folder: Path | None, limit: int = 500) -> list[str]:
    """The articles of the server's folder, as paths relative to it (hidden files and folders left out)."""
    if folder is None:
        return []
    out = []
    for path in sorted(folder.rglob("*")):
        rel = path.relative_to(folder)
        if (
            path.is_file()
            and path.suffix.lower() in _ARTICLE_SUFFIXES
            and not any(p.startswith(".") for p in rel.parts)
        ):
            out.append(rel.as_posix())
            if len(out) >= limit:
                break
    return out


@router.post("/analyse-file")
async def analyse_file(request: Request) -> Response:
    folder: Path | None = request.app.state.folder
    if folder is None:
        raise ConfigError("the server was given no folder", "start it with unspin serve --folder DIR")
    form = await request.form()
    name = str(form.get("path") or "")
    path = (folder / name).resolve()
    if not path.is_relative_to(folder) or not path.is_file() or path.suffix.lower() not in _ARTICLE_SUFFIXES:
        raise ConfigError(f"{name!r} is not an article in the server's folder", "pick one from the list")
    docs = documents_from_upload(path.read_bytes(), path.name)
    reports = await run_in_threadpool(request.app.state.analyse, docs)  # never block the event loop
    numbers = [request.app.state.documents.add(r)[0] for r in reports]
    return _see(f"/documents/{numbers[0]}" if len(numbers) == 1 else "/")


@router.post("/analyse")
async def analyse(request: Request) -> Response:
    form = await request.form()
    upload = form.get("file")
    text = str(form.get("text") or "")
    if isinstance(upload, UploadFile) and upload.filename:
        docs = documents_from_upload(await upload.read(), upload.filename)
    elif text.strip():
        docs = documents_from_upload(text.encode("utf-8"), None, str(form.get("title") or "") or None)
    else:
        raise ConfigError("nothing to analyse", "paste an article or choose a file")
    reports = await run_in_threadpool(request.app.state.analyse, docs)  # never block the event loop
    numbers = [request.app.state.documents.add(r)[0] for r in reports]
    return _see(f"/documents/{numbers[0]}" if len(numbers) == 1 else "/")


@router.get("/documents/{number}", response_class=HTMLResponse)
def document_page(request: Request, number: int) -> HTMLResponse:
    info, report = request.app.state.documents.get(number)
    text = report.get("text", "")
    quotes = [
        {"id": q["id"], "words": text[q["start"] : q["end"]], "source": q.get("source_id")}
        for q in report.get("quotes", [])
        if not q.get("phrase") and q.get("id")
    ]
    names = {s.get("id"): s.get("name") for s in report.get("sources", [])}
    claims = [
        {"id": c["id"], "words": text[c["start"] : c["end"]], "support": c.get("support")}
        for c in report.get("claims", [])
        if c.get("id") and float(c.get("checkworthy", 0)) >= 0.5
    ]
    return _render(
        request,
        "document.html",
        doc=info,
        summary=report_summary(report),
        no_blame=NO_BLAME,
        quotes=quotes,
        claims=claims,
        names=names,
        cases=[c for c in request.app.state.cases.list_cases() if can(request, c.slug, "editor")],
    )


@router.get("/documents/{number}/report", response_class=HTMLResponse)
def report_page(request: Request, number: int) -> HTMLResponse:
    _, report = request.app.state.documents.get(number)
    return HTMLResponse(render_html(report), headers={"Content-Security-Policy": _REPORT_CSP})


@router.post("/documents/{number}/evidence")
async def take_passages(request: Request, number: int) -> Response:
    form = await request.form()
    name = str(form.get("case") or "")
    if not name:
        raise ConfigError("no case chosen", "pick a case, or create one first")
    body = EvidenceIn(
        document=number,
        quotes=[str(v) for v in form.getlist("quote")],
        claims=[str(v) for v in form.getlist("claim")],
    )
    need(request, name, "editor")
    _, report = request.app.state.documents.get(number)
    request.app.state.cases.edit(name, lambda d: new_evidence(report, d, body))
    return _see(f"/cases/{name}")


@router.get("/documents/{number}/passage", response_class=HTMLResponse)
def passage_page(request: Request, number: int) -> HTMLResponse:
    info, report = request.app.state.documents.get(number)
    cases = [c for c in request.app.state.cases.list_cases() if can(request, c.slug, "editor")]
    return _render(request, "passage.html", doc=info, text=report.get("text", ""), cases=cases)


@router.post("/documents/{number}/passage")
async def take_passage(request: Request, number: int) -> Response:
    form = await request.form()
    name = str(form.get("case") or "")
    if not name:
        raise ConfigError("no case chosen", "pick a case, or create one first")
    need(request, name, "editor")
    _, report = request.app.state.documents.get(number)
    near = str(form.get("near") or "0")
    span = find_passage(report.get("text", ""), str(form.get("words") or ""), int(near) if near.isdigit() else 0)

    def change(data: dict[str, Any]) -> tuple[dict[str, Any], str]:
        found = evidence_from_report_data(
            report, f"document:{number}", data, "passages", where=f"document {number}", passages=[span]
        )
        return edits.add_found(data, found)

    request.app.state.cases.edit(name, change)
    return _see(f"/cases/{name}")


# -- cases --------------------------------------------------------------------------


@router.get("/cases", response_class=HTMLResponse)
def cases_page(request: Request) -> HTMLResponse:
    mine = [c for c in request.app.state.cases.list_cases() if can(request, c.slug, "viewer")]
    return _render(request, "cases.html", cases=mine)


@router.post("/cases")
async def new_case(request: Request) -> Response:
    form = await request.form()
    name = str(form.get("name") or "").strip()
    hyps = [h.strip() for h in str(form.get("hypotheses") or "").splitlines() if h.strip()]
    data = {
        "title": str(form.get("title") or ""),
        "hypotheses": [{"id": f"H{i}", "text": t} for i, t in enumerate(hyps, 1)],
        "sources": [],
        "evidence": [],
        "perspectives": [],
    }
    request.app.state.cases.create(name, data)
    if request.state.user is not None:
        request.app.state.accounts.share(name, request.state.user.name, "owner")
    return _see(f"/cases/{name}")


def _case_context(request: Request, name: str) -> dict[str, Any]:
    need(request, name, "viewer")
    data, version = request.app.state.cases.load(name)
    case = case_from_dict(data)
    hyps = [h["id"] for h in data["hypotheses"]]
    scores: dict[str, Any] = {}
    notes: dict[str, str | None] = {}
    if hyps:
        for key, s in score_all(case).items():
            scores["base" if key is None else key] = s.to_dict()
            notes["base" if key is None else key] = rank_posterior_note(scores["base" if key is None else key])
    base = scores.get("base") or {}
    linchpins = {s["id"] for s in base.get("sensitivity", []) if s.get("changes_top")}
    diag = {e["id"]: e.get("diagnosticity", 0.0) for e in base.get("evidence", [])}
    return {
        "name": name,
        "case": data,
        "version": version,
        "hyps": hyps,
        "scores": scores,
        "notes": notes,
        "linchpins": linchpins,
        "diagnosticity": diag,
        "legend": RATING_LEGEND,
        "linchpin_help": LINCHPIN,
        "score_help": SCORE_HELP,
        "ratings": ("", "CC", "C", "N", "I", "II"),
        "credibilities": CREDIBILITIES,
        "relevances": RELEVANCES,
        "reliabilities": RELIABILITIES,
        "editable": can(request, name, "editor"),
        "owner": can(request, name, "owner") and not request.state.open,
        "access": request.app.state.accounts.access(name) if not request.state.open else [],
        "roles": ROLES,
    }


@router.get("/cases/{name}", response_class=HTMLResponse)
def case_page(request: Request, name: str) -> HTMLResponse:
    return _render(request, "case.html", **_case_context(request, name))


@router.get("/cases/{name}/scores", response_class=HTMLResponse)
def scores_fragment(request: Request, name: str) -> HTMLResponse:
    """The scores panel alone (the editor's script swaps it in after a rating)."""
    return _render(request, "scores.html", **_case_context(request, name))


def _matrix_change(form: FormData, data: dict[str, Any]) -> tuple[dict[str, Any], str]:
    """The cells and item fields of the matrix form that differ from the case as stored."""
    cells = []
    for key, value in form.multi_items():
        if key.startswith("cell:"):
            _, eid, hid = key.split(":", 2)
            item = next((e for e in data["evidence"] if e["id"] == eid), None)
            now = (item or {}).get("ratings", {}).get(hid, "")
            if item is not None and str(value) != now:
                cells.append((eid, hid, str(value) or "NA"))
    out, n = data, 0
    if cells:
        out, _ = edits.rate_cells(out, cells)
        n += len(cells)
    for e in data["evidence"]:
        eid = e["id"]
        cred, rel = form.get(f"credibility:{eid}"), form.get(f"relevance:{eid}")
        if (cred and cred != e.get("credibility")) or (rel and rel != e.get("relevance")):
            out, _ = edits.edit_evidence(out, eid, credibility=str(cred or ""), relevance=str(rel or "") or None)
            n += 1
        notes = form.get(f"notes:{eid}")
        if notes is not None and str(notes).strip() != e.get("notes", ""):
            out, _ = edits.edit_evidence(out, eid, notes=str(notes))
            n += 1
        liks = form.get(f"likelihoods:{eid}")
        if liks is not None and _likelihoods(str(liks)) != e.get("likelihoods", {}):
            wanted = _likelihoods(str(liks))
            cleared = {h: -1.0 for h in e.get("likelihoods", {}) if h not in wanted}
            out, _ = edits.edit_evidence(out, eid, likelihoods={**cleared, **wanted})
            n += 1
    return out, f"saved {n} change(s)"


def _likelihoods(text: str) -> dict[str, float]:
    """``H1=0.8 H2=0.2`` (spaces or commas between) as a mapping; a malformed pair is a clear error."""
    out: dict[str, float] = {}
    for pair in text.replace(",", " ").split():
        hid, sep, value = pair.partition("=")
        try:
            out[hid] = float(value)
        except ValueError:
            raise ConfigError(f"likelihood {pair!r} is not H=P", "write them like H1=0.8 H2=0.2") from None
        if not sep:
            raise ConfigError(f"likelihood {pair!r} is not H=P", "write them like H1=0.8 H2=0.2")
    return out


@router.post("/cases/{name}/matrix")
async def save_matrix(request: Request, name: str) -> Response:
    need(request, name, "editor")
    form = await request.form()
    version = _form_version(form)
    try:
        request.app.state.cases.edit(name, lambda d: _matrix_change(form, d), expected_version=version)
    except ConflictError as exc:
        context = _case_context(request, name)
        kept = ("cell:", "credibility:", "relevance:", "likelihoods:", "notes:")
        mine = {k: str(v) for k, v in form.multi_items() if k.startswith(kept)}
        return _render(request, "case.html", 409, conflict=exc.message, mine=mine, **context)
    return _see(f"/cases/{name}")


_Adder = Callable[[dict[str, Any], FormData], tuple[dict[str, Any], str]]
_ADD: dict[str, _Adder] = {
    "hypothesis": lambda d, f: edits.add_hypothesis(d, str(f.get("text") or "")),
    "source": lambda d, f: edits.add_source(d, str(f.get("name") or ""), str(f.get("reliability") or "F")),
    "perspective": lambda d, f: edits.add_perspective(d, str(f.get("name") or "")),
    "evidence": lambda d, f: _typed_evidence(d, f),
}
_REMOVE = {
    "hypothesis": edits.remove_hypothesis,
    "source": edits.remove_source,
    "evidence": edits.remove_evidence,
    "perspective": edits.remove_perspective,
}


def _typed_evidence(data: dict[str, Any], form: FormData) -> tuple[dict[str, Any], str]:
    return edits.add_evidence(data, str(form.get("text") or "").strip(), str(form.get("source") or "") or None)


def _form_version(form: FormData) -> int | None:
    """The case version a form was made on (none: no check)."""
    raw = str(form.get("version") or "").strip()
    if not raw:
        return None
    if not raw.isdigit():
        raise ConfigError(f"version {raw!r} is not a case version", "reload the page and send the form again")
    return int(raw)


def _apply(request: Request, name: str, form: FormData, change: Callable[[dict[str, Any]], Any]) -> Response:
    need(request, name, "editor")
    request.app.state.cases.edit(name, change, expected_version=_form_version(form))
    return _see(f"/cases/{name}")


@router.post("/cases/{name}/{kind}/add")
async def add_item(request: Request, name: str, kind: str) -> Response:
    if kind not in _ADD:
        raise ConfigError(f"cannot add a {kind!r}", "add a hypothesis, source, perspective or evidence")
    form = await request.form()
    return _apply(request, name, form, lambda d: _ADD[kind](d, form))


@router.post("/cases/{name}/{kind}/{item}/remove")
async def remove_item(request: Request, name: str, kind: str, item: str) -> Response:
    if kind not in _REMOVE:
        raise ConfigError(f"cannot remove a {kind!r}", "remove a hypothesis, source, perspective or evidence")
    form = await request.form()
    return _apply(request, name, form, lambda d: _REMOVE[kind](d, item))


@router.post("/cases/{name}/source/{sid}/grade")
async def grade_source(request: Request, name: str, sid: str) -> Response:
    form = await request.form()
    return _apply(
        request, name, form, lambda d: edits.edit_source(d, sid, reliability=str(form.get("reliability") or "F"))
    )


@router.post("/cases/{name}/share")
async def share(request: Request, name: str) -> Response:
    need(request, name, "owner")
    form = await request.form()
    role = str(form.get("role") or "")
    request.app.state.accounts.share(name, str(form.get("user") or ""), None if role == "none" else role)
    return _see(f"/cases/{name}")


# -- signing in ---------------------------------------------------------------------


@router.get("/login", response_class=HTMLResponse)
def login_page(request: Request, next: str = "/") -> HTMLResponse:
    return _render(request, "login.html", next=_local(next), failed=False)


def _local(url: str) -> str:
    """Only a path of this site to go on to after signing in (no open redirect)."""
    return url if url.startswith("/") and not url.startswith("//") else "/"


@router.post("/login")
async def login(request: Request) -> Response:
    form = await request.form()
    user = request.app.state.accounts.verify(str(form.get("name") or ""), str(form.get("password") or ""))
    target = _local(str(form.get("next") or "/"))
    if user is None:
        return _render(request, "login.html", 401, next=target, failed=True)
    response = _see(target)
    secret = request.app.state.accounts.new_session(user)
    response.set_cookie(SESSION_COOKIE, secret, httponly=True, samesite="strict", max_age=12 * 3600)
    return response


@router.post("/logout")
async def logout(request: Request) -> Response:
    secret = request.cookies.get(SESSION_COOKIE)
    if secret:
        request.app.state.accounts.end_session(secret)
    response = _see("/login")
    response.delete_cookie(SESSION_COOKIE)
    return response
