"""crosscheck: a cited research brief from a pile of noisy web sources, offline."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

__version__ = "0.1.0"
__all__ = ["Brief", "Corpus", "__version__"]

if TYPE_CHECKING:
    from crosscheck.api import Corpus
    from crosscheck.model import Brief


def __getattr__(name: str) -> Any:
    # Imported lazily so `import crosscheck` (and the CLI's --help) stays fast.
    if name == "Corpus":
        from crosscheck.api import Corpus

        return Corpus
    if name == "Brief":
        from crosscheck.model import Brief

        return Brief
    raise AttributeError(name)
