"""Who is asking, and what they may do: the signed-in user of a request (a session cookie from the sign-in
page, or ``Authorization: Bearer TOKEN`` for scripts) and their role on a case (:mod:`unspin.ach.accounts`).

A stranger to a case gets 404, as for a case that does not exist, so names of other people's cases do not
leak; a viewer who tries to change one gets 403.  With no account in the database (one analyst on the
loopback address) everyone may do everything.
"""

from __future__ import annotations

from fastapi import Request

from ..ach.accounts import ROLES, Accounts, User
from ..errors import UnspinError

__all__ = ["SESSION_COOKIE", "Forbidden", "can", "need", "user_of"]

SESSION_COOKIE = "unspin_session"


class Forbidden(UnspinError):
    """The signed-in user may not do this."""


def user_of(request: Request) -> User | None:
    """The request's user: by API token, else by session cookie."""
    accounts: Accounts = request.app.state.accounts
    auth = request.headers.get("authorization", "")
    if auth.lower().startswith("bearer "):
        return accounts.token_user(auth[7:].strip())
    return accounts.session_user(request.cookies.get(SESSION_COOKIE))


def can(request: Request, name: str, role: str) -> bool:
    """Whether the request's user may act on case ``name`` as ``role`` (viewer, editor or owner)."""
    if request.state.open:
        return True
    user = request.state.user
    if user is None:
        return False
    have = request.app.state.accounts.role(name, user)
    return have is not None and ROLES.index(have) >= ROLES.index(role)


def need(request: Request, name: str, role: str) -> None:
    """Go on only if the user may act on case ``name`` as ``role``: 404 for a stranger, 403 for too small a
    role."""
    if can(request, name, role):
        return
    from ..errors import StoreError

    if request.state.user is None or not can(request, name, "viewer"):
        raise StoreError(f"no case {name!r}", "see the case list")
    raise Forbidden(f"you may only read case {name!r}", "ask its owner to make you an editor")
