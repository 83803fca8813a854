"""Errors a user sees: each is one sentence naming the file and what to do."""

from __future__ import annotations


class KgError(Exception):
    """Base of every error the CLI turns into a message and a non-zero exit."""


class InputError(KgError):
    """An input file cannot be read as a report; the build skips it."""

    def __init__(self, path: str, problem: str) -> None:
        self.path = path
        self.problem = problem
        super().__init__(f"{path}: {problem}")


class OwnOutputError(InputError):
    """An input that is a page kg build wrote (its viewer): never read as a report."""


class OutputError(KgError):
    """An output cannot be written."""

    def __init__(self, path: str, problem: str) -> None:
        self.path = path
        self.problem = problem
        super().__init__(f"{path}: {problem}")


class RuleError(KgError):
    """A rule table shipped in kg/rules is malformed; raised at start, before any report is read."""

    def __init__(self, table: str, key: str, problem: str) -> None:
        super().__init__(f"rule table {table}, key {key}: {problem}")
