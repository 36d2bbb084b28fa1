"""Who may change figures. Anyone may view; editors sign in through the organisation's OIDC provider
(Streamlit's built-in `st.login`, where `[auth]` is configured) or with a password the dashboard keeps only
as a scrypt hash. Repeated failed attempts make the next attempt wait longer. No Streamlit here.

Configuration, in `.streamlit/secrets.toml` or the environment:
- `DASHBOARD_EDITOR_PASSWORD_HASH` (environment) or `editor_password_hash` (secrets): one password shared by
  a small team; each editor gives their name, which the audit log records.
- `[editors]` in secrets: `name = "<hash>"` per editor, each with their own password.
- `[auth]` in secrets (Streamlit's OIDC settings) with `editor_emails = ["a@example.org", …]`: people signed
  in with one of these addresses are editors.
Hashes come from `python -m dashboard hash-password`.

Failed attempts are counted in the store (`SignInThrottle`), per client and per account from a client, so app
processes behind one proxy share them. The client is the connection's address, or with
`DASHBOARD_CLIENT_IP_HEADER` set (e.g. `X-Forwarded-For`) the address the proxy put last in that header."""

from __future__ import annotations

import base64
import contextlib
import hashlib
import hmac
import os
import time
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field

from sqlalchemy import func, select
from sqlalchemy.exc import IntegrityError, SQLAlchemyError

from dashboard.i18n import LocalizedError
from dashboard.store import schema
from dashboard.store.database import Store

MIN_PASSWORD_LENGTH = 10
SCRYPT_N, SCRYPT_R, SCRYPT_P = 2**14, 8, 1
ENV_PASSWORD_HASH = "DASHBOARD_EDITOR_PASSWORD_HASH"


class AccessConfigError(LocalizedError, ValueError):
    """The editor configuration is malformed (e.g. a hash not made by hash-password)."""


def hash_password(password: str, salt: bytes | None = None) -> str:
    """'scrypt$N$r$p$salt$hash' with a random salt."""
    salt = salt or os.urandom(16)
    digest = hashlib.scrypt(password.encode("utf-8"), salt=salt, n=SCRYPT_N, r=SCRYPT_R, p=SCRYPT_P, dklen=32)
    encode = lambda b: base64.b64encode(b).decode("ascii")  # noqa: E731
    return f"scrypt${SCRYPT_N}${SCRYPT_R}${SCRYPT_P}${encode(salt)}${encode(digest)}"


def verify_password(password: str, encoded: str) -> bool:
    """Whether `password` matches a hash made by hash_password (compared in constant time)."""
    try:
        scheme, n, r, p, salt, digest = encoded.strip().split("$")
        if scheme != "scrypt":
            raise ValueError
        n_, r_, p_ = int(n), int(r), int(p)
        salt_bytes, expected = base64.b64decode(salt, validate=True), base64.b64decode(digest, validate=True)
    except ValueError:
        raise AccessConfigError("access_bad_hash") from None
    actual = hashlib.scrypt(
        password.encode("utf-8"),
        salt=salt_bytes,
        n=n_,
        r=r_,
        p=p_,
        dklen=len(expected),
        maxmem=128 * n_ * r_ * p_ + 1024 * 1024,
    )
    return hmac.compare_digest(actual, expected)


@dataclass(frozen=True)
class EditorConfig:
    shared_hash: str | None = None
    named_hashes: Mapping[str, str] = field(default_factory=dict)
    oidc: bool = False
    oidc_editors: frozenset[str] = frozenset()

    @property
    def password_enabled(self) -> bool:
        return bool(self.shared_hash or self.named_hashes)

    @property
    def enabled(self) -> bool:
        return self.password_enabled or (self.oidc and bool(self.oidc_editors))


def editor_config(secrets: Mapping, environ: Mapping[str, str]) -> EditorConfig:
    """The editor settings from Streamlit's secrets and the environment (the environment's hash wins)."""
    shared = environ.get(ENV_PASSWORD_HASH) or secrets.get("editor_password_hash") or None
    named = dict(secrets.get("editors", {}) or {})
    emails = frozenset(e.strip().casefold() for e in (secrets.get("editor_emails") or []) if str(e).strip())
    return EditorConfig(shared_hash=shared, named_hashes=named, oidc="auth" in secrets, oidc_editors=emails)


def check_password(config: EditorConfig, name: str, password: str) -> str | None:
    """The editor's name when `password` signs `name` in, else None."""
    name = (name or "").strip()
    if not name or not password:
        return None
    named = {k.casefold(): (k, v) for k, v in config.named_hashes.items()}
    if name.casefold() in named:
        display, encoded = named[name.casefold()]
        return display if verify_password(password, encoded) else None
    if config.shared_hash and verify_password(password, config.shared_hash):
        return name
    return None


def oidc_editor(config: EditorConfig, email: str | None) -> bool:
    """Whether someone signed in through OIDC with `email` may edit."""
    return bool(config.oidc and email and email.strip().casefold() in config.oidc_editors)


def client_key(client: str | None) -> str:
    return f"client:{client or 'local'}"


def account_key(name: str, client: str | None) -> str:
    return f"account:{(name or '').strip().casefold()}@{client or 'local'}"


class SignInThrottle:
    """Failed sign-ins slow the next attempt down, counted in the store so every app process sees them.

    Two counts: one per client (whatever account it tries) and one per account from that client. After `free`
    failures in a row on either, each further attempt from that client waits 1 s, 2 s, 4 s … up to `cap`. A
    correct password from another client is never held back by someone else's failures. A success clears
    both counts of that client and account."""

    @contextlib.contextmanager
    def _store_errors(self):
        try:
            yield
        except SQLAlchemyError as exc:
            raise self.store.failure("store_sign_in_failed", exc) from None

    def __init__(
        self,
        store: Store,
        free: int = 3,
        base: float = 1.0,
        cap: float = 60.0,
        clock: Callable[[], float] = time.time,
    ):
        self.store, self.free, self.base, self.cap, self.clock = store, free, base, cap, clock

    def wait(self, name: str, client: str | None) -> float:
        """Seconds before another attempt from `client` for `name` is accepted (0: it may be made now)."""
        with self._store_errors():
            return self._wait(name, client)

    def _wait(self, name: str, client: str | None) -> float:
        table = schema.sign_in_failures
        keys = [client_key(client), account_key(name, client)]
        with self.store.engine.connect() as conn:
            latest = conn.execute(select(func.max(table.c.not_before)).where(table.c.key.in_(keys))).scalar()
        return max(0.0, (latest or 0.0) - self.clock())

    def failed(self, name: str, client: str | None) -> float:
        """Count a failure on both counts; return the wait it imposes."""
        with self._store_errors():
            try:
                return self._count_failure(name, client)
            except IntegrityError:  # another process counted a key's first failure at the same moment
                return self._count_failure(name, client)

    def _count_failure(self, name: str, client: str | None) -> float:
        table = schema.sign_in_failures
        now, delay = self.clock(), 0.0
        with self.store.engine.begin() as conn:
            for key in (client_key(client), account_key(name, client)):
                row = conn.execute(
                    select(table.c.failures).where(table.c.key == key).with_for_update()
                ).first()
                failures = (row[0] if row else 0) + 1
                wait = 0.0 if failures < self.free else min(self.cap, self.base * 2 ** (failures - self.free))
                values = {"failures": failures, "not_before": now + wait}
                if row:
                    conn.execute(table.update().where(table.c.key == key).values(**values))
                else:
                    conn.execute(table.insert().values(key=key, **values))
                delay = max(delay, wait)
        return delay

    def succeeded(self, name: str, client: str | None) -> None:
        table = schema.sign_in_failures
        with self._store_errors(), self.store.engine.begin() as conn:
            conn.execute(
                table.delete().where(table.c.key.in_([client_key(client), account_key(name, client)]))
            )
