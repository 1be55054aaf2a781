"""The language a source is written in, from its kept text.

py3langid's model ships inside its wheel (nothing is downloaded). Short texts say too
little to tell, and get ``und`` (undetermined), as in BCP 47.
"""

from __future__ import annotations

from functools import lru_cache
from typing import Any

#: Fewer letters than this and the language is undetermined.
MIN_LETTERS = 40
#: Characters read: the language of a page shows in its first few thousand.
SAMPLE = 4000


@lru_cache(maxsize=1)
def _identifier() -> Any:
    from py3langid.langid import MODEL_DIR, MODEL_FILE, LanguageIdentifier

    return LanguageIdentifier.from_modelpath(MODEL_DIR / MODEL_FILE, norm_probs=True)


def detect_language(text: str) -> str:
    """ISO 639-1 code of the text's language, or ``und`` when it cannot be told."""
    sample = text[:SAMPLE]
    if sum(ch.isalpha() for ch in sample) < MIN_LETTERS:
        return "und"
    code, probability = _identifier().classify(sample)
    return str(code) if probability >= 0.5 else "und"
