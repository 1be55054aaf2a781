"""The one exception tree of crosscheck.

::

    CrosscheckError                 anything crosscheck raises on purpose; the CLI prints
    │                               str(error) on one line and exits non-zero
    ├── UsageError                  the caller asked for something invalid
    │   ├── EmptyQuestionError      an empty or blank question
    │   ├── UnknownChoiceError      a value outside a registry (format, store, embedder…);
    │   │                           the message lists the valid choices
    │   └── MissingPathError        a path that does not exist
    ├── StoreError                  the store cannot be opened, migrated or written
    │   └── EmptyStoreError         a question asked of a store with no documents
    ├── SourceError                 one source cannot be read; inside a batch it is
    │                               recorded as a skip reason and the batch goes on
    └── DependencyError             an optional dependency is missing; names the install
"""

from __future__ import annotations

from collections.abc import Iterable


class CrosscheckError(Exception):
    """Base of every error crosscheck raises on purpose."""


class UsageError(CrosscheckError):
    """The caller asked for something invalid."""


class EmptyQuestionError(UsageError):
    """The question is empty or blank."""

    def __init__(self) -> None:
        super().__init__(
            "the question has no words: ask something, e.g. crosscheck ask \"Why did X happen?\""
        )


class UnknownChoiceError(UsageError):
    """A value is not one of the registered choices."""

    def __init__(self, what: str, value: str, choices: Iterable[str]) -> None:
        listed = ", ".join(sorted(choices))
        super().__init__(f"unknown {what} {value!r}: choose one of {listed}")
        self.value = value


class MissingPathError(UsageError):
    """A path given on the command line or to the API does not exist."""

    def __init__(self, path: str) -> None:
        super().__init__(f"no such file or directory: {path}")
        self.path = path


class StoreError(CrosscheckError):
    """The store cannot be opened, migrated or written."""


class EmptyStoreError(StoreError):
    """A question was asked of a store that holds no documents."""

    def __init__(self, store: str) -> None:
        super().__init__(
            f"the store {store} holds no documents: add some first with crosscheck add PATH"
        )


class SourceError(CrosscheckError):
    """One source cannot be read (empty, binary, undecodable or unsupported)."""

    def __init__(self, path: str, reason: str) -> None:
        super().__init__(f"{path}: {reason}")
        self.path = path
        self.reason = reason


class DependencyError(CrosscheckError):
    """An optional dependency is missing."""

    def __init__(self, feature: str, install: str) -> None:
        super().__init__(f"{feature} needs an optional dependency: {install}")
