"""Who may change figures. Anyone may view; editors sign in through the organisation's OIDC provider
(Streamlit's built-in `st.login`, where `[auth]` is configured) or with a password the dashboard keeps only
as a scrypt hash. Repeated failed attempts make the next attempt wait longer. No Streamlit here.

Configuration, in `.streamlit/secrets.toml` or the environment:
- `DASHBOARD_EDITOR_PASSWORD_HASH` (environment) or `editor_password_hash` (secrets): one password shared by
  a small team; each editor gives their name, which the audit log records.
- `[editors]` in secrets: `name = "<hash>"` per editor, each with their own password.
- `[auth]` in secrets (Streamlit's OIDC settings) with `editor_emails = ["a@example.org", …]`: people signed
  in with one of these addresses are editors.
Hashes come from `python -m dashboard hash-password`."""

from __future__ import annotations

import base64
import hashlib
import hmac
import os
import threading
import time
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field

from dashboard.i18n import LocalizedError

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


class Throttle:
    """After `free` failed attempts in a row, each further attempt must wait: 1 s, 2 s, 4 s … up to `cap`.
    A success clears the count. Shared by every session of the server process."""

    def __init__(
        self, free: int = 3, base: float = 1.0, cap: float = 60.0, clock: Callable[[], float] = time.monotonic
    ):
        self.free, self.base, self.cap, self.clock = free, base, cap, clock
        self._failures: dict[str, int] = {}
        self._not_before: dict[str, float] = {}
        self._lock = threading.Lock()

    def wait(self, key: str = "*") -> float:
        """Seconds before another attempt is accepted (0 when it may be made now)."""
        with self._lock:
            return max(0.0, self._not_before.get(key, 0.0) - self.clock())

    def failed(self, key: str = "*") -> float:
        """Count a failure; return the wait it imposes."""
        with self._lock:
            n = self._failures.get(key, 0) + 1
            self._failures[key] = n
            delay = 0.0 if n < self.free else min(self.cap, self.base * 2 ** (n - self.free))
            self._not_before[key] = self.clock() + delay
            return delay

    def succeeded(self, key: str = "*") -> None:
        with self._lock:
            self._failures.pop(key, None)
            self._not_before.pop(key, None)
