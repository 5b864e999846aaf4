"""Local accounts for the workbench, and who may read or change each case.

Passwords are kept as argon2id hashes (``argon2-cffi``; RFC 9106), never in clear.  A sign-in session and an
API token are random secrets (``secrets.token_urlsafe``) of which only the SHA-256 is stored, so a copy of the
database signs nobody in.  Each case may have an owner (everything, sharing included), editors (change it)
and viewers (read it); a case nobody has been given (one made from the command line before any account
existed, say) is open to every signed-in user until ``unspin case share`` gives it an owner.  With no account
at all the workbench runs for one person on the loopback address, as before accounts existed.
"""

from __future__ import annotations

import hashlib
import re
import secrets
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from typing import Any

from sqlalchemy import delete, insert, select, update

from ..errors import ConfigError, StoreError
from . import tables as t
from .store import CaseStore

__all__ = ["ROLES", "Accounts", "User"]

ROLES = ("viewer", "editor", "owner")  #: in order: each may do what the one before may
_NAME = re.compile(r"^[A-Za-z0-9_.@-]{1,100}$")
_MIN_PASSWORD = 10
SESSION_HOURS = 12


@dataclass(frozen=True)
class User:
    id: int
    name: str


def _digest(secret: str) -> str:
    return hashlib.sha256(secret.encode("utf-8")).hexdigest()


def _hasher() -> Any:
    from argon2 import PasswordHasher

    return PasswordHasher()


class Accounts:
    """The accounts of the database behind ``cases``."""

    def __init__(self, cases: CaseStore) -> None:
        self.cases = cases

    # -- users --------------------------------------------------------------------
    def has_users(self) -> bool:
        with self.cases.engine.connect() as conn:
            return conn.execute(select(t.users.c.id).limit(1)).first() is not None

    def add_user(self, name: str, password: str) -> User:
        if not _NAME.match(name):
            raise ConfigError(f"user name {name!r} is not 1–100 letters, digits or . _ @ -", "e.g. ana.lopez")
        if len(password) < _MIN_PASSWORD:
            raise ConfigError(f"the password is shorter than {_MIN_PASSWORD} characters", "choose a longer one")
        digest = _hasher().hash(password)
        with self.cases._write() as conn:
            if conn.execute(select(t.users.c.id).where(t.users.c.name == name)).first() is not None:
                raise StoreError(f"a user {name!r} exists already", "choose another name")
            key = conn.execute(
                insert(t.users).values(name=name, password_hash=digest, created_at=datetime.now(UTC))
            ).inserted_primary_key
        assert key is not None
        return User(int(key[0]), name)

    def remove_user(self, name: str) -> None:
        with self.cases._write() as conn:
            user = self._user(conn, name)
            for table in (t.user_sessions, t.user_tokens):
                conn.execute(delete(table).where(table.c.user_id == user.id))
            conn.execute(delete(t.case_access).where(t.case_access.c.user_id == user.id))
            conn.execute(delete(t.users).where(t.users.c.id == user.id))

    def users(self) -> list[str]:
        with self.cases.engine.connect() as conn:
            return [r.name for r in conn.execute(select(t.users.c.name).order_by(t.users.c.name))]

    def _user(self, conn: Any, name: str) -> User:
        row = conn.execute(select(t.users.c.id, t.users.c.name).where(t.users.c.name == name)).first()
        if row is None:
            raise StoreError(f"no user {name!r}", "see `unspin users list`")
        return User(int(row.id), str(row.name))

    def verify(self, name: str, password: str) -> User | None:
        """The user, if ``password`` is theirs (the same work is done for an unknown name)."""
        from argon2.exceptions import VerificationError

        hasher = _hasher()
        with self.cases.engine.connect() as conn:
            row = conn.execute(select(t.users).where(t.users.c.name == name)).first()
        stored = row.password_hash if row is not None else hasher.hash("no such user, same cost")
        try:
            hasher.verify(stored, password)
        except VerificationError:
            return None
        return User(int(row.id), str(row.name)) if row is not None else None

    # -- sessions and tokens -------------------------------------------------------
    def _issue(self, table: Any, user: User, hours: float | None) -> str:
        secret = secrets.token_urlsafe(32)
        now = datetime.now(UTC)
        expires = now + timedelta(hours=hours) if hours else None
        with self.cases._write() as conn:
            conn.execute(
                insert(table).values(digest=_digest(secret), user_id=user.id, created_at=now, expires_at=expires)
            )
        return secret

    def _holder(self, table: Any, secret: str | None) -> User | None:
        if not secret:
            return None
        with self.cases.engine.connect() as conn:
            row = conn.execute(
                select(t.users.c.id, t.users.c.name, table.c.expires_at)
                .join(t.users, t.users.c.id == table.c.user_id)
                .where(table.c.digest == _digest(secret))
            ).first()
        if row is None:
            return None
        expires = row.expires_at
        if expires is not None and (expires if expires.tzinfo else expires.replace(tzinfo=UTC)) < datetime.now(UTC):
            return None
        return User(int(row.id), str(row.name))

    def new_session(self, user: User) -> str:
        return self._issue(t.user_sessions, user, SESSION_HOURS)

    def session_user(self, secret: str | None) -> User | None:
        return self._holder(t.user_sessions, secret)

    def end_session(self, secret: str) -> None:
        with self.cases._write() as conn:
            conn.execute(delete(t.user_sessions).where(t.user_sessions.c.digest == _digest(secret)))

    def new_token(self, name: str) -> str:
        """A new API token for ``name`` (shown once; only its hash is kept)."""
        with self.cases.engine.connect() as conn:
            user = self._user(conn, name)
        return self._issue(t.user_tokens, user, None)

    def token_user(self, secret: str | None) -> User | None:
        return self._holder(t.user_tokens, secret)

    # -- access to cases -----------------------------------------------------------
    def role(self, slug: str, user: User) -> str | None:
        """What ``user`` may do with the case: a role of :data:`ROLES`, or None (a stranger to it).  A case
        nobody has been given is every signed-in user's to edit."""
        with self.cases.engine.connect() as conn:
            case = conn.execute(select(t.cases.c.id).where(t.cases.c.slug == slug)).first()
            if case is None:
                return None
            rows = conn.execute(select(t.case_access).where(t.case_access.c.case_id == case.id)).all()
        if not rows:
            return "editor"
        return next((str(r.role) for r in rows if r.user_id == user.id), None)

    def share(self, slug: str, name: str, role: str | None) -> None:
        """Give ``name`` a role on the case (None takes it away); a case keeps at least one owner."""
        if role is not None and role not in ROLES:
            raise ConfigError(f"role {role!r} is not one of {', '.join(ROLES)}", "give viewer, editor or owner")
        with self.cases._write() as conn:
            user = self._user(conn, name)
            case = conn.execute(select(t.cases.c.id).where(t.cases.c.slug == slug)).first()
            if case is None:
                raise StoreError(f"no case {slug!r}", "see `unspin case list`")
            where = (t.case_access.c.case_id == case.id, t.case_access.c.user_id == user.id)
            current = conn.execute(select(t.case_access.c.role).where(*where)).scalar()
            owners = conn.execute(
                select(t.case_access.c.user_id).where(
                    t.case_access.c.case_id == case.id, t.case_access.c.role == "owner"
                )
            ).all()
            if current == "owner" and role != "owner" and len(owners) == 1:
                raise ConfigError(f"{name} is the only owner of {slug!r}", "make someone else owner first")
            if role is None:
                conn.execute(delete(t.case_access).where(*where))
            elif current is None:
                conn.execute(insert(t.case_access).values(case_id=case.id, user_id=user.id, role=role))
            else:
                conn.execute(update(t.case_access).where(*where).values(role=role))

    def access(self, slug: str) -> list[tuple[str, str]]:
        """(user name, role) of everyone given the case."""
        with self.cases.engine.connect() as conn:
            rows = conn.execute(
                select(t.users.c.name, t.case_access.c.role)
                .join(t.case_access, t.case_access.c.user_id == t.users.c.id)
                .join(t.cases, t.cases.c.id == t.case_access.c.case_id)
                .where(t.cases.c.slug == slug)
                .order_by(t.users.c.name)
            ).all()
        return [(str(r.name), str(r.role)) for r in rows]
