"""A problem in a file, named by where it is (file, row as numbered in the file, column) and what it is, in
words from the catalogue."""

from __future__ import annotations

from dataclasses import dataclass

from dashboard.i18n import PLAIN_LANGUAGE, Message, t


@dataclass(frozen=True)
class DataProblem:
    file: str
    row: int | None
    column: str | None
    message: Message

    def text(self, lang: str) -> str:
        where = ("_row" if self.row is not None else "") + ("_column" if self.column else "")
        return t(
            f"problem_at{where or '_file'}",
            lang,
            file=self.file,
            row=self.row,
            column=self.column,
            message=self.message,
        )

    def __str__(self) -> str:
        return self.text(PLAIN_LANGUAGE)


class DataFileError(Exception):
    """One or more problems in the curated files; str() lists them one per line (`text(lang)` likewise)."""

    def __init__(self, problems: list[DataProblem]):
        self.problems = problems
        super().__init__("\n".join(str(p) for p in problems))

    def text(self, lang: str) -> str:
        return "\n".join(p.text(lang) for p in self.problems)
