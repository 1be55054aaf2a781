"""Reasons: the distinct answers the sources give, ranked by independent support.

1. Retrieve the sentences closest to the question (hybrid BM25 + dense).
2. Score them: retrieval rank, plus explanation cues for why/how questions ("because",
   "due to", "for fear of", "the reason", "in order to"…), minus fragments and questions.
3. Cluster the best ones by meaning (average-linkage agglomerative over cosine).
4. Rank clusters by how many distinct sources support them, then by evidence strength;
   label each with its most central sentence and key phrases from its own sentences.
"""

from __future__ import annotations

import re
from collections import Counter, defaultdict
from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np

from crosscheck.analyse.view import STOPWORDS, CorpusView, content_words, stem
from crosscheck.index import Hit, hybrid_search
from crosscheck.model import Reason
from crosscheck.settings import Settings

#: Phrases that mark a sentence as giving a cause, motive, condition or explanation.
_CAUSAL = re.compile(
    r"\b(because|due to|owing to|thanks to|as a result|result(?:ed)? in|led to|leads? to|"
    r"the reason|reasons?\b|why|for fear|fear(?:ed|s)? (?:of|that)|afraid|so as (?:not )?to|"
    r"in order (?:not )?to|so that|therefore|thus|hence|since|caused?|motiv\w*|"
    r"aim(?:ed)? (?:at|to)|wanted to|hoped|eager to|reluctant|unwilling|decided|decision|"
    r"made \w+ (?:decide|realize|understand)|was based on|factor|consideration|"
    r"because of|on account of|explain\w*)\b",
    re.IGNORECASE,
)
_QUESTION_WORD = re.compile(r"^\s*(why|how|what|when|who|where|which)\b", re.IGNORECASE)


def question_kind(question: str) -> str:
    """why, how, what, when, who, where, which — or 'other'."""
    match = _QUESTION_WORD.match(question)
    return match.group(1).lower() if match else "other"


@dataclass(frozen=True, slots=True)
class Candidate:
    """A retrieved sentence with its relevance to the question."""

    sentence_id: int
    doc_id: str
    relevance: float


def candidates(view: CorpusView, question: str, settings: Settings) -> list[Candidate]:
    """Retrieved sentences fit to be evidence, scored for this question."""
    hits: Sequence[Hit] = hybrid_search(view.store, view.vectors, question,
                                        settings.retrieve_k, settings.rrf_k)
    kind = question_kind(question)
    q_words = {stem(w) for w in content_words(question)}
    out = []
    top = hits[0].score if hits else 1.0
    for hit in hits:
        s = view.sentences[hit.sentence_id]
        words = s.text.split()
        if len(words) < settings.min_words or s.text.rstrip().endswith("?"):
            continue
        relevance = hit.score / top
        if kind in ("why", "how") and _CAUSAL.search(s.text):
            relevance += 0.35
        # A sentence that repeats the question's words and adds little is a restatement.
        own = {stem(w) for w in content_words(s.text)}
        if own and len(own - q_words) <= 2:
            relevance -= 0.3
        out.append(Candidate(hit.sentence_id, s.doc_id, relevance))
    out.sort(key=lambda c: -c.relevance)
    return out


def centred(vectors: np.ndarray) -> np.ndarray:
    """Vectors minus their mean, renormalised.

    Every retrieved sentence shares the question's topic, so raw cosines between them sit
    high (≈ 0.5–0.7) whatever reason they give; removing the shared component leaves what
    distinguishes one sentence from another, and clusters then follow the reasons.
    """
    if len(vectors) < 3:
        return vectors
    shifted = vectors - vectors.mean(axis=0, keepdims=True)
    norms = np.linalg.norm(shifted, axis=1, keepdims=True)
    out: np.ndarray = (shifted / np.maximum(norms, 1e-9)).astype(np.float32)
    return out


def agglomerate(vectors: np.ndarray, threshold: float) -> list[list[int]]:
    """Average-linkage clusters: merge while the closest pair's mean cosine ≥ threshold."""
    n = len(vectors)
    clusters: list[list[int]] = [[i] for i in range(n)]
    if n < 2:
        return clusters
    sim = vectors @ vectors.T
    # Linkage between clusters as a matrix of summed similarities, updated in place.
    link = sim.astype(np.float64).copy()
    sizes = np.ones(n)
    alive = np.ones(n, dtype=bool)
    np.fill_diagonal(link, -np.inf)
    while True:
        avg = link / np.outer(sizes, sizes)
        avg[~alive, :] = -np.inf
        avg[:, ~alive] = -np.inf
        np.fill_diagonal(avg, -np.inf)
        flat = int(np.argmax(avg))
        i, j = divmod(flat, n)
        if avg[i, j] < threshold:
            break
        link[i, :] += link[j, :]
        link[:, i] += link[:, j]
        link[i, i] = -np.inf
        sizes[i] += sizes[j]
        alive[j] = False
        clusters[i].extend(clusters[j])
        clusters[j] = []
    return [c for c in clusters if c]


def keyphrases(view: CorpusView, sentence_ids: Sequence[int], exclude: set[str],
               limit: int = 4) -> list[str]:
    """Phrases (1–3 content words) frequent in these sentences and rare elsewhere."""
    counts: Counter[str] = Counter()
    surface: dict[str, Counter[str]] = defaultdict(Counter)
    for sid in sentence_ids:
        seen: set[str] = set()
        for phrase in _phrases(view.sentences[sid].text):
            key = " ".join(stem(w) for w in phrase.lower().split())
            if key in seen or all(stem(w) in exclude for w in phrase.lower().split()):
                continue
            seen.add(key)
            counts[key] += 1
            surface[key][phrase] += 1
    scored = []
    for key, count in counts.items():
        weight = sum(view.idf(w) for w in key.split()) / (1 + 0.3 * (len(key.split()) - 1))
        scored.append((count * weight * (1 + 0.25 * (len(key.split()) - 1)), key))
    scored.sort(reverse=True)
    chosen: list[str] = []
    used: set[str] = set()
    for _, key in scored:
        words = set(key.split())
        if words & used:
            continue
        chosen.append(surface[key].most_common(1)[0][0])
        used |= words
        if len(chosen) == limit:
            break
    return chosen


def _phrases(text: str) -> list[str]:
    """Runs of up to three consecutive content words (phrase candidates)."""
    runs: list[list[str]] = [[]]
    for token in re.findall(r"[^\W\d_]+(?:['’-][^\W\d_]+)*|[^\w\s]", text):
        low = token.lower()
        if not token[0].isalpha() or low in STOPWORDS or len(low) < 3:
            runs.append([])
        else:
            runs[-1].append(token)
    out = []
    for run in runs:
        for size in (1, 2, 3):
            for i in range(len(run) - size + 1):
                out.append(" ".join(run[i:i + size]))
    return out


def find_reasons(view: CorpusView, question: str, settings: Settings,
                 source_weight: dict[str, float], group_of: dict[str, str]) -> list[Reason]:
    """The reasons the sources give for the question, best supported first."""
    pool = candidates(view, question, settings)[: settings.retrieve_k // 2]
    if not pool:
        return []
    vectors = centred(view.vector_matrix(c.sentence_id for c in pool))
    clusters = agglomerate(vectors, settings.reason_merge)
    q_words = {stem(w) for w in content_words(question)}
    ranked = []
    for members in clusters:
        cands = [pool[i] for i in members]
        best_per_source: dict[str, Candidate] = {}
        for c in sorted(cands, key=lambda c: -c.relevance):
            best_per_source.setdefault(c.doc_id, c)
        # Independent support: a duplicate group counts once, weighted by quality.
        groups: dict[str, float] = {}
        for doc_id in best_per_source:
            g = group_of.get(doc_id, doc_id)
            groups[g] = max(groups.get(g, 0.0), source_weight.get(doc_id, 1.0))
        support = sum(groups.values())
        strength = sum(c.relevance for c in best_per_source.values())
        ranked.append((support, strength, members, best_per_source))
    ranked.sort(key=lambda r: (-round(r[0], 3), -r[1]))
    reasons = []
    for support, strength, members, best_per_source in ranked[: settings.max_reasons]:
        ids = [pool[i].sentence_id for i in members]
        centre = _medoid(vectors[members], members)
        ordered = _quote_order(pool, members, best_per_source)
        evidence = tuple(view.evidence(pool[i].sentence_id) for i in ordered[: settings.max_quotes])
        label_sentence = view.sentences[pool[centre].sentence_id].text
        reasons.append(Reason(
            label=shorten(label_sentence),
            keyphrases=tuple(keyphrases(view, ids, q_words)),
            score=round(support + 0.1 * strength, 4),
            sources=tuple(best_per_source),
            evidence=evidence,
        ))
    return reasons


def _medoid(vectors: np.ndarray, members: list[int]) -> int:
    if len(members) == 1:
        return members[0]
    sim = vectors @ vectors.T
    return members[int(np.argmax(sim.sum(axis=1)))]


def _quote_order(pool: Sequence[Candidate], members: list[int],
                 best_per_source: dict[str, Candidate]) -> list[int]:
    """One best quote per source first, then the rest by relevance."""
    firsts = {c.sentence_id for c in best_per_source.values()}
    by_rel = sorted(members, key=lambda i: -pool[i].relevance)
    return ([i for i in by_rel if pool[i].sentence_id in firsts]
            + [i for i in by_rel if pool[i].sentence_id not in firsts])


def shorten(text: str, words: int = 28) -> str:
    """The first ``words`` words of a quote, whitespace normalised, "…" if cut."""
    parts = " ".join(text.split()).split(" ")
    if len(parts) <= words:
        return " ".join(parts)
    return " ".join(parts[:words]) + " …"
