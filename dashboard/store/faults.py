"""What went wrong with the store, in words: each fault the database reports (a damaged file, a read-only
store, a full disk, a server that refuses, vanishes or does not answer) recognised once, here, with what to
do about it; the connect and statement timeouts that keep a page from hanging on a server."""

from __future__ import annotations

import os
import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass

from sqlalchemy.engine import URL

from dashboard.i18n import Message, message

CONNECT_TIMEOUT_ENV = "DASHBOARD_DB_CONNECT_TIMEOUT"
STATEMENT_TIMEOUT_ENV = "DASHBOARD_DB_STATEMENT_TIMEOUT"
DEFAULT_CONNECT_TIMEOUT_S = 10
DEFAULT_STATEMENT_TIMEOUT_S = 30

# SQLite's result codes (the primary name, before any extended suffix) and PostgreSQL's SQLSTATEs (or their
# class, the first two characters) for each fault.
SQLITE_CODES = {
    "SQLITE_CORRUPT": "damaged",
    "SQLITE_NOTADB": "damaged",
    "SQLITE_READONLY": "read_only",
    "SQLITE_FULL": "full",
    "SQLITE_CANTOPEN": "cannot_create",
    "SQLITE_BUSY": "busy",
    "SQLITE_LOCKED": "busy",
}
PG_STATES = {
    "25006": "read_only",  # read_only_sql_transaction (a standby, default_transaction_read_only)
    "42501": "read_only",  # insufficient_privilege: this account may not write
    "53100": "full",  # disk_full
    "57014": "timeout",  # query_canceled: statement_timeout
    "55P03": "timeout",  # lock_not_available: lock_timeout
    "57P01": "gone",  # admin_shutdown (the backend was terminated, the server is stopping)
    "57P02": "gone",  # crash_shutdown
    "57P03": "refused",  # cannot_connect_now (the server is starting or stopping)
    "08": "gone",  # connection_exception, whole class
}
# What the message says when the error carries no code (ADBC's errors, psycopg's connection failures).
TEXTS = (
    ("file is not a database", "damaged"),
    ("database disk image is malformed", "damaged"),
    ("readonly database", "read_only"),
    ("database or disk is full", "full"),
    # A new PostgreSQL backend writes its database's relation-cache file as it starts; on a full disk it fails
    # with this alone, no SQLSTATE of its own (elog FATAL in relcache.c).
    ("could not write init file", "full"),
    ("unable to open database file", "cannot_create"),
    ("connection refused", "refused"),
    ("no such file or directory", "refused"),  # a Unix socket with no server behind it
    ("could not translate host name", "refused"),
    ("timeout expired", "connect_timeout"),
    ("server closed the connection", "gone"),
    ("terminating connection", "gone"),
    ("consuming input failed", "gone"),
    ("the connection is closed", "gone"),
    ("canceling statement due to statement timeout", "timeout"),
)


@dataclass(frozen=True)
class Timeouts:
    """How long the store waits for a PostgreSQL server to answer a connection, and for one statement to
    finish (0: no limit), in seconds."""

    connect: float = DEFAULT_CONNECT_TIMEOUT_S
    statement: float = DEFAULT_STATEMENT_TIMEOUT_S

    @property
    def connect_seconds(self) -> int:
        """The connect timeout libpq applies: whole seconds, at least 2 (0: wait as long as the system does)."""
        return max(2, round(self.connect)) if self.connect else 0

    @classmethod
    def from_environ(cls, environ: Mapping[str, str] | None = None) -> Timeouts:
        """From DASHBOARD_DB_CONNECT_TIMEOUT and DASHBOARD_DB_STATEMENT_TIMEOUT (seconds); ValueError, naming
        the variable, for anything but a number ≥ 0."""
        environ = os.environ if environ is None else environ
        values = {}
        for name, env, default in (
            ("connect", CONNECT_TIMEOUT_ENV, DEFAULT_CONNECT_TIMEOUT_S),
            ("statement", STATEMENT_TIMEOUT_ENV, DEFAULT_STATEMENT_TIMEOUT_S),
        ):
            text = environ.get(env, "").strip()
            try:
                value = float(text) if text else float(default)
            except ValueError:
                value = -1.0
            if not value >= 0 or value == float("inf"):
                raise ValueError(f"{env}={text!r}: expected a number of seconds ≥ 0")
            values[name] = value
        return cls(**values)

    def connect_args(self, url: URL) -> dict:
        """psycopg's connect arguments that enforce them (libpq takes whole seconds, at least 2)."""
        args: dict = {}
        if self.connect:
            args["connect_timeout"] = self.connect_seconds
        if self.statement:
            given = url.query.get("options", "")
            given = given if isinstance(given, str) else " ".join(given)
            args["options"] = f"{given} -c statement_timeout={round(self.statement * 1000)}".strip()
        return args


def kind(exc: BaseException) -> str | None:
    """Which fault a database error is (damaged, read_only, full, cannot_create, busy, refused, gone,
    timeout, connect_timeout), or None for any other error."""
    orig = getattr(exc, "orig", None) or exc
    name = getattr(orig, "sqlite_errorname", None)
    if isinstance(name, str):
        primary = re.match(r"SQLITE_[A-Z]+", name)
        if primary and primary.group() in SQLITE_CODES:
            return SQLITE_CODES[primary.group()]
    state = getattr(orig, "sqlstate", None)
    if isinstance(state, str) and state:
        found = PG_STATES.get(state) or PG_STATES.get(state[:2])
        if found:
            return found
    text = str(orig).lower()
    for words, found in TEXTS:
        if words in text:
            return found
    if getattr(exc, "connection_invalidated", False):
        return "gone"
    return None


def detail(exc: BaseException, secrets: Iterable[str] = ()) -> str:
    """What the database said, on one line, with `secrets` (the URL's password …) masked."""
    orig = getattr(exc, "orig", None) or exc
    lines = [line.strip() for line in str(orig).strip().splitlines() if line.strip()]
    text = lines[0] if lines else type(orig).__name__
    for secret in secrets:
        text = text.replace(secret, "***")
    return text


def reason(
    exc: BaseException, secrets: Iterable[str] = (), timeouts: Timeouts | None = None
) -> Message | str:
    """Why an action failed, for a StoreError's {reason}: a recognised fault in words, with what to do about
    it (a Message, so it follows the reader's language); otherwise what the database said."""
    said = detail(exc, secrets)
    found = kind(exc)
    if found is None:
        return said
    timeouts = timeouts or Timeouts()
    seconds = timeouts.connect_seconds if found == "connect_timeout" else timeouts.statement
    return message(f"fault_{found}", detail=said, seconds=f"{seconds:g}")
