"""Claim contradictions: one source denies what another asserts about the same thing.

The unit is the clause, not the sentence: a long sentence can assert one thing and deny
another. A negated clause ("the bridge was not closed") contradicts a plain clause of
another source when, with the negation set aside, nearly all of its content (by idf
weight) is in that clause ("The bridge was closed by the police"), the words the negation
governs are among them, and the two sentences are on the same subject (cosine of their
vectors). A negation followed by "because" denies a reason, not the fact ("it was not
signed because they were done; it was signed because …"), so it is left out, as are
idioms such as "not only".

Only sentences with a negation are paired with the rest, so the cost grows with the
number of negated sentences, not with the square of the corpus.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

import numpy as np

from crosscheck.analyse.view import CorpusView, content_words, stem, stems
from crosscheck.model import Conflict, ConflictValue

#: Cosine above which two sentences are on the same subject.
SAME_SUBJECT = 0.55
#: Share of the negated clause's content weight (idf) that must be in the other clause.
COVERED = 0.75
#: Content words the two clauses must share: one word alone ("resources") is no claim.
COVERED_WORDS = 2
#: Idf the negated word must have: "was not *closed*", not "did not *make* …".
NEGATED_IDF = 2.0
#: Two sentences of one source contradict each other only when this close.
WITHIN_SOURCE = 0.8
#: Negation words, and verbs that deny their complement ("refused to adopt" is "did not
#: adopt"; "failed to stop" is "did not stop").
_NEGATION = re.compile(r"\b(?:not|never|no|none|nobody|nothing|neither|nor|cannot|without|"
                       r"(?:refus|declin)(?:e|ed|es|ing) to|fail(?:ed|s|ing)? to|unable to)\b|n't\b",
                       re.IGNORECASE)
_NEGATORS = frozenset({"not", "never", "no", "none", "nobody", "nothing", "neither", "nor",
                       "cannot", "without"}) | frozenset(
    stem(w) for w in "refuse refused refuses refusing decline declined declines declining "
                     "fail failed fails failing unable".split())
#: Negation words that do not negate the claim ("not only … but also", "no doubt").
_NOT_NEGATING = re.compile(r"\b(?:not (?:only|just|merely|least|yet clear)|no (?:doubt|less|sooner|"
                           r"coincidence|wonder)|nothing but|none other|without (?:a |any )?doubt)\b",
                           re.IGNORECASE)
_CLAUSE_BREAK = re.compile(r"[,;:()—–]|\s-\s|\b(?:and|but|because|while|although|though|which|who|"
                           r"whereas|so|yet)\b", re.IGNORECASE)
_REASON_NEGATED = re.compile(r"^\W*because\b", re.IGNORECASE)


def negations(text: str) -> int:
    """How many negation words a sentence holds (idioms like "not only" left out)."""
    return len(_NEGATION.findall(_NOT_NEGATING.sub(" ", text)))


def clauses(text: str) -> list[tuple[int, int]]:
    """Spans of the clauses of a sentence (split at punctuation and conjunctions)."""
    spans, at = [], 0
    for match in _CLAUSE_BREAK.finditer(text):
        if match.start() > at:
            spans.append((at, match.start()))
        at = match.end()
    if at < len(text):
        spans.append((at, len(text)))
    return [(a, b) for a, b in spans if text[a:b].strip()]


def claim_conflicts(view: CorpusView, sentence_ids: Iterable[int], limit: int = 5) -> list[Conflict]:
    """Pairs of sentences where one denies what the other asserts, strongest first."""
    ids = [sid for sid in sentence_ids if len(view.sentences[sid].text.split()) >= 4
           and not view.sentences[sid].text.rstrip().endswith("?")]
    negated = [sid for sid in ids if negations(view.sentences[sid].text) % 2 == 1]
    plain = [sid for sid in ids if negations(view.sentences[sid].text) == 0]
    if not negated or not plain:
        return []
    sims = view.vector_matrix(negated) @ view.vector_matrix(plain).T
    found = []
    for i, j in zip(*np.nonzero(sims >= SAME_SUBJECT), strict=True):
        a, b = negated[int(i)], plain[int(j)]
        same_source = view.sentences[a].doc_id == view.sentences[b].doc_id
        if same_source and sims[i, j] < WITHIN_SOURCE:
            continue
        covered = _coverage(view, a, b)
        if covered >= COVERED:
            found.append((covered + float(sims[i, j]), a, b))
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


def _coverage(view: CorpusView, negated: int, plain: int) -> float:
    """How much of the negated clause the best clause of the other sentence holds."""
    text = _NOT_NEGATING.sub(lambda m: " " * len(m.group(0)), view.sentences[negated].text)
    other = view.sentences[plain].text
    other_clauses = [stems(other[a:b]) for a, b in clauses(other)]
    best = 0.0
    for start, end in clauses(text):
        clause = text[start:end]
        negation = _NEGATION.search(clause)
        if not negation or _REASON_NEGATED.match(text[end:end + 12]):
            continue
        words = stems(clause) - _NEGATORS
        governed = stems(" ".join(clause[negation.end():].split()[:4]))
        weight = sum(view.idf(w) for w in words)
        if not words or weight == 0:
            continue
        for theirs in other_clauses:
            if not any(w in theirs and view.idf(w) >= NEGATED_IDF for w in governed):
                continue
            if len(words & theirs) >= COVERED_WORDS:
                best = max(best, sum(view.idf(w) for w in words & theirs) / weight)
    return best


def _conflict(view: CorpusView, negated: int, plain: int) -> Conflict:
    na, nb = view.sentences[negated], view.sentences[plain]
    wa = stems(na.text) - _NEGATORS
    wb = stems(nb.text)
    shared = sorted(wa & wb, key=lambda w: -view.idf(w))[:3]
    note = "one source denies what the other asserts"
    if na.doc_id == nb.doc_id:
        note += " (within one source)"
    return Conflict(
        kind="claim", topic=" · ".join(_surface_words(nb.text, shared)) or "claim",
        values=(ConflictValue(value="asserts", sources=(nb.doc_id,), evidence=(view.evidence(plain),)),
                ConflictValue(value="denies", sources=(na.doc_id,), evidence=(view.evidence(negated),))),
        note=note,
    )


def _surface_words(text: str, stems: list[str]) -> list[str]:
    """The words of ``text`` whose stems are ``stems``, as written, in that order."""
    written = {stem(w): w for w in content_words(text)}
    return [written.get(s, s) for s in stems]
