"""Domain errors. Each carries a Chinese message; views, API and CLI turn them into a message,
a 4xx answer or an exit code."""

from dataclasses import dataclass


class DomainError(Exception):
    """A rule of the domain was broken; `message` is shown to the user as is."""

    def __init__(self, message: str):
        super().__init__(message)
        self.message = message


class PermissionDenied(DomainError):
    """The user may not do this (or may not see this object)."""


class NotFound(DomainError):
    """The object does not exist, or is outside the user's scope (the two are not told apart)."""


@dataclass(frozen=True)
class Problem:
    """One problem found in an input file: where (sheet, column, row) and what."""

    message: str
    sheet: str = ""
    column: str = ""
    row: int | None = None

    def __str__(self) -> str:
        if not self.sheet:
            return self.message
        where = f"{self.sheet}!{self.column}" if self.column else self.sheet
        if self.row is not None:
            where = f"{where} {self.row}"
        return f"{where}: {self.message}"


class ValidationFailed(DomainError):
    """An input was refused as a whole; every problem found is listed, not only the first."""

    def __init__(self, problems: list[Problem]):
        self.problems = list(problems)
        super().__init__("\n".join(str(p) for p in self.problems))
