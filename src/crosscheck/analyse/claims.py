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

A claim can also be denied without a negation of its own words: a source reports it
("the owners argued that lightning had started the fire") and rejects it ("but the
court did not accept this explanation", "I don't buy it"). Such reported and
rejected claims are grouped across sources by meaning; a source that states the claim
plainly is on the asserting side with the reports, the rejections on the denying side.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import replace

import numpy as np

from crosscheck.analyse.view import CorpusView, close_pairs, content_words, stem, stems
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
_NOT_NEGATING = re.compile(r"\b(?:(?:almost|nearly|virtually|practically|next to) (?:no|none|nothing|never)|"
                           r"not (?:only|just|merely|least|yet clear)|no (?:doubt|less|sooner|"
                           r"coincidence|wonder)|nothing but|none other|without (?:a |any )?doubt)\b",
                           re.IGNORECASE)
_CLAUSE_BREAK = re.compile(r"[,;:()—–]|\s-\s|\b(?:and|but|because|while|although|though|which|who|"
                           r"whereas|so|yet)\b", re.IGNORECASE)
_REASON_NEGATED = re.compile(r"^\W*because\b", re.IGNORECASE)


#: A sentence that rejects a claim it points back at ("rejected it", "did not accept this
#: explanation", "I don't buy it", "this could not be proven").
_REJECTS = re.compile(
    r"\b(?:(?:did|does|would|could)(?: not|n't) (?:accept|believe|buy|follow)|(?:don't|do not) buy"
    r"|rejected|dismissed|disproved?|debunked|refuted|discredited|followed this \w+ however not"
    r"|(?:has|have|had|finds?|found) (?:few|little|no) (?:supporters|support|believers|backing)"
    r"|(?:could|can|has|have) (?:not|never) (?:be |been )?(?:proven|proved|confirmed|substantiated)"
    r"|was never (?:proven|proved|confirmed))\b", re.IGNORECASE)
#: What the rejection points back at: a pronoun or "the … theory / idea / explanation".
_POINTS_BACK = re.compile(
    r"\b(?:it|this|that|these|those|such)\b|\bthe (?:\w+ ){0,3}?(?:theory|idea|explanation|claim|"
    r"story|argument|account|suggestion|version|view|hypothesis|opinion)\b", re.IGNORECASE)
#: A report of someone's claim: "X argued that …", "X claimed, that …".
_REPORTS = re.compile(r"\b(?:argu(?:ed|es|ing)|claim(?:ed|s|ing)?|insist(?:ed|s|ing)|alleg(?:ed|es|ing)|"
                      r"maintain(?:ed|s)|contend(?:ed|s)|assert(?:ed|s)|suggest(?:ed|s))\b,?\s*(?:that\b)?",
                      re.IGNORECASE)
#: Where a reported claim ends: the rejection, or the next clause of the sentence.
_CLAIM_ENDS = re.compile(r",\s+(?:and|but|a|which)\b|;|\bbut\b|" + _REJECTS.pattern, re.IGNORECASE)
#: Two reported claims (or a report and a plain statement) with this cosine are one claim.
SAME_CLAIM = 0.55
#: How much less alike a rejection that points further back ("the panel looked at the
#: lightning idea and rejected it") may be to the reports of the claim it rejects.
LOOSE_MARGIN = 0.1
#: A plain sentence states a reported claim when it shares this many of its words of at
#: least this idf (and is as close as ``SAME_CLAIM``).
STATED_WORDS = 3
STATED_IDF = 1.5


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
    found = []
    for cosine, i, j in close_pairs(view.vector_matrix(negated), SAME_SUBJECT,
                                    view.vector_matrix(plain)):
        a, b = negated[i], plain[j]
        same_source = view.sentences[a].doc_id == view.sentences[b].doc_id
        if same_source and cosine < WITHIN_SOURCE:
            continue
        covered = _coverage(view, a, b)
        if covered >= COVERED:
            found.append((covered + cosine, a, b))
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


def rejected_reports(view: CorpusView, sentence_ids: Iterable[int],
                     limit: int = 3) -> list[Conflict]:
    """Claims that sources report and reject, against the sources that state them.

    A rejection is a sentence matching ``_REJECTS`` that points back (``_POINTS_BACK``)
    at a report (``_REPORTS``) in the same sentence before it or in the sentence just
    before. Reports of one claim in several sources are grouped (``SAME_CLAIM``); plain
    sentences (no negation, no rejection) as close to a report and sharing two of its
    rare words state the claim.
    """
    ids = sorted(sentence_ids)
    pairs: list[tuple[int, int]] = []  # (report sentence, rejecting sentence)
    loose: list[int] = []  # rejections of a claim reported further back
    for sid in ids:
        text = view.sentences[sid].text
        match = _REJECTS.search(text)
        if not match or not _POINTS_BACK.search(text, max(0, match.start() - 40)):
            continue
        loose.append(sid)
        if _REPORTS.search(text, 0, match.start()):
            pairs.append((sid, sid))
            continue
        s = view.sentences[sid]
        before = view.sentence_at(s.doc_id, s.index - 1)
        if before is not None and _REPORTS.search(view.sentences[before].text):
            pairs.append((before, sid))
    if not pairs:
        return []
    reports = sorted({r for r, _ in pairs})
    rvec = view.vector_matrix(reports)
    sim = rvec @ rvec.T
    group = list(range(len(reports)))  # single-link groups of reports of one claim
    for i in range(len(reports)):
        for j in range(i):
            if sim[i, j] >= SAME_CLAIM:
                old, new = group[i], group[j]
                group = [new if g == old else g for g in group]
    # The sentences that follow a rejection argue against the claim, they do not state it.
    involved = {sid for pair in pairs for sid in pair} | set(loose) | {
        after for rej in loose for step in (1, 2)
        if (after := view.sentence_at(view.sentences[rej].doc_id, view.sentences[rej].index + step))
        is not None}
    loose = [sid for sid in loose if all(sid != rej for _, rej in pairs)]
    lvec = view.vector_matrix(loose)
    plain = [sid for sid in ids if sid not in involved and negations(view.sentences[sid].text) == 0
             and not _REJECTS.search(view.sentences[sid].text)]
    pvec = view.vector_matrix(plain)
    conflicts = []
    for g in sorted(set(group)):
        members = [reports[i] for i in range(len(reports)) if group[i] == g]
        rows = [i for i in range(len(reports)) if group[i] == g]
        words = set().union(*(_claimed_words(view, r) for r in members))
        close = (pvec @ rvec[rows].T).max(axis=1) if plain else np.zeros(0)
        overlap = [len({w for w in stems(view.sentences[sid].text) & words if view.idf(w) >= STATED_IDF})
                   for sid in plain]
        stated = [plain[k] for k in sorted(range(len(plain)), key=lambda k: (-overlap[k], -close[k]))
                  if close[k] >= SAME_CLAIM and overlap[k] >= STATED_WORDS][:3]
        rejecting = sorted({rej for rep, rej in pairs if rep in members} | {
            loose[k] for k in range(len(loose))
            if float((rvec[rows] @ lvec[k]).max()) >= SAME_CLAIM - LOOSE_MARGIN})
        asserting = stated + [r for r in members if r not in rejecting]
        if not asserting or len({view.sentences[x].doc_id for x in (*asserting, *rejecting)}) < 2:
            continue
        told = [stems(view.sentences[x].text) for x in (*members, *stated)]
        common = {w for w in words if sum(w in t for t in told) >= 2} or words
        conflicts.append((len(stated) + len(rejecting), Conflict(
            kind="claim", topic=_topic(view, view.sentences[members[0]].text, common),
            values=(_side(view, "asserts", asserting), _side(view, "denies", rejecting)),
            note="sources report this claim and reject it" + (
                "; others state it" if stated else "")))
        )
    conflicts.sort(key=lambda c: -c[0])
    return [c for _, c in conflicts[:limit]]


def _claimed_words(view: CorpusView, report: int) -> set[str]:
    """The content words of what a report says was claimed (after "argued that")."""
    text = view.sentences[report].text
    match = _REPORTS.search(text)
    claimed = text[match.end():] if match else text
    end = _CLAIM_ENDS.search(claimed)
    return set(stems(claimed[:end.start()] if end else claimed))


def _side(view: CorpusView, value: str, sentence_ids: list[int]) -> ConflictValue:
    return ConflictValue(value=value, sources=tuple(dict.fromkeys(view.sentences[x].doc_id
                                                                 for x in sentence_ids)),
                         evidence=tuple(view.evidence(x) for x in sentence_ids))


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
    shared = (stems(na.text) - _NEGATORS) & stems(nb.text)
    note = "one source denies what the other asserts"
    if na.doc_id == nb.doc_id:
        note += " (within one source)"
    return Conflict(kind="claim", topic=_topic(view, nb.text, shared),
                    values=(_side(view, "asserts", [plain]), _side(view, "denies", [negated])),
                    note=note)


def _topic(view: CorpusView, text: str, words: set[str] | frozenset[str]) -> str:
    """A claim's topic: its three rarest ``words`` (stems, ties by the word, so the
    brief does not depend on set order) as ``text`` writes them."""
    shared = sorted(words, key=lambda w: (-view.idf(w), w))[:3]
    written = {stem(w): w for w in content_words(text)}
    return " · ".join(written.get(w, w) for w in shared) or "claim"


def merge_claim_conflicts(view: CorpusView, conflicts: list[Conflict]) -> list[Conflict]:
    """Claim conflicts about one claim are one dispute: those that quote one sentence on
    the same side, or whose asserting quotes say the same (``SAME_CLAIM``), have their
    sides joined (the first one's topic kept), so a claim is listed once."""
    at = view.memo("sentence_at", lambda: {(s.doc_id, s.start): sid
                                           for sid, s in view.sentences.items()})

    def asserted(conflict: Conflict) -> np.ndarray:
        ids = [at[(e.source, e.start)] for v in conflict.values if v.value == "asserts"
               for e in v.evidence if (e.source, e.start) in at]
        return view.vector_matrix(ids)

    def same(a: Conflict, b: Conflict) -> bool:
        quoted = {(v.value, e.source, e.start) for v in a.values for e in v.evidence}
        if quoted & {(v.value, e.source, e.start) for v in b.values for e in v.evidence}:
            return True
        va, vb = asserted(a), asserted(b)
        return bool(len(va) and len(vb) and float((va @ vb.T).max()) >= SAME_CLAIM)

    merged: list[Conflict] = []
    for conflict in conflicts:
        into = next((i for i, m in enumerate(merged) if same(m, conflict)), None)
        if into is None:
            merged.append(conflict)
            continue
        old = merged[into]
        values = []
        for mine in old.values:
            theirs = next((v for v in conflict.values if v.value == mine.value), None)
            if theirs is None:
                values.append(mine)
                continue
            seen = {(e.source, e.start) for e in mine.evidence}
            extra = tuple(e for e in theirs.evidence if (e.source, e.start) not in seen)
            values.append(replace(mine, sources=tuple(dict.fromkeys((*mine.sources, *theirs.sources))),
                                  evidence=mine.evidence + extra))
        merged[into] = replace(old, values=tuple(values),
                               note="sources assert this claim and others deny or reject it")
    return merged
