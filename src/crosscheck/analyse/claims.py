"""Claim contradictions: one source denies what another asserts about the same thing.

Two sentences make the same claim with opposite polarity when they are close in meaning
(cosine of their vectors), share most of their rare content words once negations are set
aside, and exactly one of them is negated ("the wind was not unusual" / "an unusually
strong wind"). Only sentences with a negation are paired with the rest, so the cost
grows with the number of negated sentences, not with the square of the corpus.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

import numpy as np

from crosscheck.analyse.view import CorpusView, content_words, stem
from crosscheck.model import Conflict, ConflictValue

#: Cosine above which two sentences may state the same claim.
SAME_CLAIM = 0.72
#: Share of the *longer* sentence's content weight (idf) the two must have in common, so
#: that both say mostly the same thing (a shared phrase inside a longer story is not one
#: claim).
SHARED_SHARE = 0.5
_NEGATION = re.compile(r"\b(?:not|never|no|none|nobody|nothing|neither|nor|cannot|without)\b|n't\b",
                       re.IGNORECASE)
_NEGATORS = frozenset({"not", "never", "no", "none", "nobody", "nothing", "neither", "nor",
                       "cannot", "without"})


#: Negation words that do not negate the claim ("not only … but also", "no doubt").
_NOT_NEGATING = re.compile(r"\b(?:not (?:only|just|merely|least|yet clear)|no (?:doubt|less|sooner)|"
                           r"nothing but|none other|without (?:a |any )?doubt)\b", re.IGNORECASE)


def negations(text: str) -> int:
    """How many negation words a sentence holds (idioms like "not only" left out)."""
    return len(_NEGATION.findall(_NOT_NEGATING.sub(" ", text)))


def claim_conflicts(view: CorpusView, sentence_ids: Iterable[int], limit: int = 5) -> list[Conflict]:
    """Pairs of sentences where one negates what the other asserts, strongest first."""
    ids = [sid for sid in sentence_ids if len(view.sentences[sid].text.split()) >= 5
           and not view.sentences[sid].text.rstrip().endswith("?")]
    negated = [sid for sid in ids if negations(view.sentences[sid].text) % 2 == 1]
    plain = [sid for sid in ids if negations(view.sentences[sid].text) == 0]
    if not negated or not plain:
        return []
    sims = view.vector_matrix(negated) @ view.vector_matrix(plain).T
    found = []
    for i, j in zip(*np.nonzero(sims >= SAME_CLAIM), strict=True):
        a, b = negated[int(i)], plain[int(j)]
        share = _shared_share(view, a, b)
        if share >= SHARED_SHARE:
            found.append((float(sims[i, j]) + share, a, b))
    found.sort(reverse=True)
    conflicts, used = [], set()
    for _, a, b in found:
        if a in used or b in used:
            continue
        used |= {a, b}
        conflicts.append(_conflict(view, a, b))
        if len(conflicts) == limit:
            break
    return conflicts


def _weights(view: CorpusView, sid: int) -> dict[str, float]:
    words = {stem(w) for w in content_words(view.sentences[sid].text)} - _NEGATORS
    return {w: view.idf(w) for w in words}


def _shared_share(view: CorpusView, a: int, b: int) -> float:
    wa, wb = _weights(view, a), _weights(view, b)
    if not wa or not wb:
        return 0.0
    shared = sum(wa[w] for w in wa.keys() & wb.keys())
    return shared / max(sum(wa.values()), sum(wb.values()))


def _conflict(view: CorpusView, negated: int, plain: int) -> Conflict:
    na, nb = view.sentences[negated], view.sentences[plain]
    wa, wb = _weights(view, negated), _weights(view, plain)
    shared = sorted(wa.keys() & wb.keys(), key=lambda w: -wa[w])[:3]
    surface = _surface_words(na.text, shared)
    note = "one source denies what the other asserts"
    if na.doc_id == nb.doc_id:
        note += " (within one source)"
    return Conflict(
        kind="claim", topic=" · ".join(surface) or "claim",
        values=(ConflictValue(value="asserts", sources=(nb.doc_id,), evidence=(view.evidence(plain),)),
                ConflictValue(value="denies", sources=(na.doc_id,), evidence=(view.evidence(negated),))),
        note=note,
    )


def _surface_words(text: str, stems: list[str]) -> list[str]:
    """The words of ``text`` whose stems are ``stems``, as written, in that order."""
    written = {stem(w): w for w in content_words(text)}
    return [written.get(s, s) for s in stems]
