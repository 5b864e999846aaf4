"""The workbench application: :func:`create_app` wires the stores, the analyser, the JSON API
(:mod:`unspin.web.api`) and the pages (:mod:`unspin.web.pages`), and the rules every response follows.

* Errors: an :class:`~unspin.errors.UnspinError` becomes a 4xx with its one-line message and hint (JSON for
  ``/api``, a page otherwise); a conflict is 409, something missing 404; never a 500 for bad input.
* Headers: a Content-Security-Policy with no inline script (``script-src 'self'``), no framing, no sniffing.
  The article report page has a stricter one of its own (no script at all).
* Forms carry a CSRF token, the double-submit cookie pattern (OWASP): a random value in a ``SameSite=Strict``
  cookie and the same in a hidden field; a form post without both equal is refused.  The JSON API takes
  JSON bodies only, which a page of another site cannot send without the browser asking first.

Accounts: with users in the database (``unspin users add``) every page and API call needs a signed-in user
(:mod:`unspin.web.access`); with none, the workbench is one analyst's, on the loopback address only.
"""

from __future__ import annotations

import secrets
from collections.abc import Awaitable, Callable
from pathlib import Path
from typing import Any
from urllib.parse import quote

from fastapi import FastAPI, Request
from fastapi.responses import JSONResponse, RedirectResponse, Response
from fastapi.staticfiles import StaticFiles
from fastapi.templating import Jinja2Templates

from ..ach.accounts import Accounts
from ..ach.documents import DocumentStore
from ..ach.store import CaseStore
from ..document import Document
from ..errors import ConflictError, InputError, StoreError, UnspinError
from ..version import __version__
from .access import user_of
from .analyse import Analyser

__all__ = ["CSRF_COOKIE", "check_csrf", "create_app", "status_of"]

CSRF_COOKIE = "unspin_csrf"
_HERE = Path(__file__).parent
_CSP = (
    "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
    "object-src 'none'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'"
)


def status_of(exc: UnspinError) -> int:
    """The HTTP status of an error: 403 forbidden, 409 for a conflict, 404 for something that is not there, 422
    for an input that cannot be analysed, else 400 (a request without a user gets 401 before any handler)."""
    from .access import Forbidden

    if isinstance(exc, Forbidden):
        return 403
    if isinstance(exc, ConflictError):
        return 409
    if isinstance(exc, StoreError) and exc.message.startswith("no "):
        return 404
    if isinstance(exc, InputError | StoreError):
        return 422 if isinstance(exc, InputError) else 400
    return 400


async def check_csrf(request: Request) -> None:
    """The pages' form posts must carry the token of the CSRF cookie (a dependency, so the form is read once)."""
    if request.method != "POST":
        return
    cookie = request.cookies.get(CSRF_COOKIE)
    form = await request.form()
    if not cookie or not secrets.compare_digest(str(form.get("csrf") or ""), cookie):
        raise CsrfRefused()


class CsrfRefused(Exception):
    """A form post without the page's CSRF token."""


def create_app(
    db: str | None = None,
    analyser: Callable[[list[Document]], list[dict[str, Any]]] | None = None,
    folder: Path | None = None,
) -> FastAPI:
    """The workbench over the database ``db`` (as ``--db`` takes it; default: the user's cases.sqlite).

    ``analyser`` turns documents into JSON reports (default: :class:`~unspin.web.analyse.Analyser`, the
    default pipeline in a worker process, started on first use).  ``folder``: articles on the server that the
    analyse form offers (its .txt, .md, .html and .jsonl files, searched recursively)."""
    from . import api, pages

    app = FastAPI(
        title="unspin workbench",
        version=__version__,
        description="Analysed articles and ACH cases: analyse, search, weigh competing hypotheses.",
        openapi_url="/openapi.json",
        docs_url=None,
        redoc_url=None,
    )
    cases = CaseStore(db)
    app.state.cases = cases
    app.state.documents = DocumentStore(cases=cases)
    app.state.accounts = Accounts(cases)
    app.state.folder = folder.resolve() if folder is not None else None
    app.state.analyse = analyser or Analyser(process=True)
    app.state.templates = Jinja2Templates(directory=str(_HERE / "templates"))
    app.mount("/static", StaticFiles(directory=str(_HERE / "static")), name="static")
    app.include_router(api.router)
    app.include_router(pages.router)

    @app.exception_handler(UnspinError)
    async def unspin_error(request: Request, exc: UnspinError) -> Response:
        status = status_of(exc)
        body: dict[str, Any] = {"error": " ".join(exc.message.split()), "hint": exc.hint}
        extra = getattr(exc, "extra", None)
        if isinstance(extra, dict):
            body.update(extra)
        if request.url.path.startswith("/api/"):
            return JSONResponse(body, status_code=status)
        return pages.error_page(request, status, body["error"], exc.hint)

    @app.exception_handler(CsrfRefused)
    async def csrf_refused(request: Request, exc: CsrfRefused) -> Response:
        return pages.error_page(
            request,
            403,
            "this form is out of date or came from another site (no matching CSRF token)",
            "reload the page and send the form again",
        )

    @app.middleware("http")
    async def guard(request: Request, call_next: Callable[[Request], Awaitable[Response]]) -> Response:
        token = request.cookies.get(CSRF_COOKIE) or secrets.token_urlsafe(24)
        request.state.csrf = token
        request.state.open = not app.state.accounts.has_users()
        request.state.user = None if request.state.open else user_of(request)
        path = request.url.path
        public = path.startswith("/static/") or path in ("/login", "/openapi.json")
        if request.state.user is None and not request.state.open and not public:
            if path.startswith("/api/"):
                body = {"error": "sign in first", "hint": "send Authorization: Bearer TOKEN (unspin users token NAME)"}
                response: Response = JSONResponse(body, status_code=401)
            else:
                response = RedirectResponse(f"/login?next={quote(path)}", status_code=303)
        else:
            response = await call_next(request)
        response.headers.setdefault("Content-Security-Policy", _CSP)
        response.headers["X-Content-Type-Options"] = "nosniff"
        response.headers["X-Frame-Options"] = "DENY"
        response.headers["Referrer-Policy"] = "same-origin"
        if CSRF_COOKIE not in request.cookies:
            response.set_cookie(CSRF_COOKIE, token, httponly=True, samesite="strict")
        return response

    return app
