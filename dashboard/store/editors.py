"""Who writes. Every write to the store is made by an `Editor`, which only a sign-in (the editor password or
the organisation's OIDC) or the command line (someone holding the store's address) hands out. A viewer holds
none, so each write function refuses one in the core, whatever a page shows or hides."""

from __future__ import annotations

from dataclasses import dataclass

from dashboard.i18n import LocalizedError

# How an editor came to be one: the app's password, the organisation's sign-in, or the command line.
WAYS_IN = ("password", "oidc", "cli")
# The command line's name in the audit log: "cli", or "cli:<account>" for the account that ran it.
CLI_EDITOR = "cli"


class NotAnEditor(LocalizedError, PermissionError):
    """A write was asked for without a signed-in editor; nothing was written."""


@dataclass(frozen=True)
class Editor:
    name: str  # as the audit log records it
    via: str  # one of WAYS_IN

    def __post_init__(self) -> None:
        if not isinstance(self.name, str) or not self.name.strip():
            raise NotAnEditor("write_needs_editor")
        if self.via not in WAYS_IN:
            raise ValueError(f"unknown way in {self.via!r}")


def require_editor(editor: object) -> Editor:
    """`editor` when it is a signed-in editor; NotAnEditor for anything else (None, a bare name …)."""
    if not isinstance(editor, Editor):
        raise NotAnEditor("write_needs_editor")
    return editor
