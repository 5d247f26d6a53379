"""Exceptions the core raises for problems a user can fix.

Each carries a one-line message naming the file (and line) at fault; the CLI prints it and exits 2,
the GUI shows it in a message box. Anything else escaping the core is a bug.
"""

from __future__ import annotations


class AnnotatorError(Exception):
    """A user-facing error with a one-line message."""


class ProjectError(AnnotatorError):
    """The project file cannot be opened or is not usable (newer schema, damaged, not SQLite, read-only)."""


class InputError(AnnotatorError):
    """Bad input: a file or value that cannot be imported. Nothing was changed."""

    def __init__(self, message: str, *, path: str | None = None, line: int | None = None) -> None:
        where = ""
        if path is not None:
            where = f"{path}"
            if line is not None:
                where += f", line {line}"
            where += ": "
        super().__init__(f"{where}{message}")
        self.path = path
        self.line = line


class ProjectWarning(UserWarning):
    """Something a user should know about that did not stop the work (issued with ``warnings.warn``;
    the CLI prints it as one line on stderr, the GUI shows it)."""


class NameTaken(InputError):
    """A document name already used by a different text (``.name`` says which)."""

    def __init__(self, message: str, *, name: str, path: str | None = None) -> None:
        super().__init__(message, path=path)
        self.name = name
