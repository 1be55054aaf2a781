"""Reasons: the distinct answers the sources give, ranked by independent support.

1. Gather candidates. For a why/how question every sentence of the documents the
   question retrieves is a candidate, scored by how well other independent sources
   corroborate it: in a corpus gathered for a question, the sentences that explain
   ("Cheaper cloth from the coast meant fewer orders") seldom name the topic, so retrieval
   by the question's words ranks them low. For other questions, the retrieved
   sentences scored by retrieval (hybrid BM25 + dense).
2. Adjust the scores: explanation cues ("because", "due to", "for fear of", "the
   reason", "in order to"…, and verbs of loss or decline), minus fragments, questions,
   restatements of the question and dated happenings.
3. Cluster the best ones by what they add to the question: the cause side of a cue,
   embedded without the topic every candidate shares, plus rare shared words
   (average-linkage agglomerative).
4. Rank clusters by how many distinct sources support them (a source that states the
   reason with no explanation cue counts less), then by evidence strength; label each
   with its most central sentence and key phrases from its own sentences.
"""

from __future__ import annotations

import heapq
import re
from collections import Counter, defaultdict
from collections.abc import Callable, Sequence
from collections.abc import Set as AbstractSet
from dataclasses import dataclass

import numpy as np

from crosscheck.analyse.dates import PRESENT_WORDS
from crosscheck.analyse.view import STOPWORDS, CorpusView, content_words, stem, stems
from crosscheck.english import question_kind
from crosscheck.index import Hit, hybrid_search
from crosscheck.model import Reason, Sentence
from crosscheck.settings import Settings

#: ", so" before a result ("the iron was full of flaws, so the lugs cracked"), not "so
#: far", "so much", "so that", "and so on".
_SO_RESULT = r",\s+(?:and\s+)?so\s+(?!that\b|as\b|far\b|much\b|many\b|long\b|called\b|on\b|say\b|forth\b)"
#: Phrases that mark a sentence as giving a cause, motive, condition or explanation.
_STRONG_CAUSE = re.compile(
    r"\b(because|due to|owing to|as a result|result(?:ed|s)? (?:in|from)|led to|leads? to|"
    r"the reasons?|reasons? (?:for|why|was|is)|for fear|fear(?:ed|s)? (?:of|that)|afraid|"
    r"so as (?:not )?to|in order (?:not )?to|so that|therefore|hence|caused?|causes|"
    r"motiv\w*|was based on|because of|on account of|explains?|explained|blamed?|"
    r"made \w+ (?:decide|realize|realise|understand)|the cause|"
    r"(?:is|was|are|were|be|been|held|hold|holds|found) (?:\w+ ){0,2}responsible for|contributed to|"
    r"factor|allowed|prevent\w*|for the sake of|(?:that|this|which) is why|reason why|explain why|"
    r"(?:that|this)['’]s why|consequently|as a consequence|the result of|stem(?:s|med|ming)? from|"
    r"attributed to|g[ai]ve rise to|gives rise to|brought about)\b"
    r"|" + _SO_RESULT,
    re.IGNORECASE,
)
_WEAK_CAUSE = re.compile(
    r"\b(thus|since|thanks to|aim(?:ed)? (?:at|to)|wanted to|hoped|hoping|eager to|"
    r"reluctant|unwilling|decided|decision|consideration|dared not|"
    r"chose|wished|intended|in exchange for|considered|would(?: not|n't)? have)\b",
    re.IGNORECASE,
)


#: Verbs of loss, decline and inability, and judgements of insufficiency: how sources
#: state a cause without a connective ("the town lost its only buyer", "the beams were
#: too slight", "the mill could no longer pay its weavers").
_CHANGE = re.compile(
    r"\b(meant|means that|shorten\w*|reduc\w*|cut(?:s|ting)? (?:off|the|their|its)|cut off|"
    r"lost|los(?:e|es|ing)|could(?: not|n't) (?:\w+ )?(?:be )?\w+|no longer|stopped|dried up|"
    r"weaken\w*|undermin\w*|undercut\w*|forced|made (?:it|them) (?:harder|impossible|difficult)|"
    r"left \w+ (?:stranded|without)|depriv(?:e|es|ed|ing)|"
    r"too (?:weak|thin|slight|small|short|slow|few|little|late|low|cold|poor|costly|expensive|"
    r"much|many|narrow|shallow|heavy|high|tall|long|large|big|steep|fast|soon|far)|"
    r"(?:not|nowhere near|never) enough|"
    r"lack(?:s|ed|ing)?|unable|inadequate|insufficient|brittle|defect\w*|flaw\w*|declin\w*|dwindl\w*|shrank|"
    r"worsen\w*|drove|driven)\b",
    re.IGNORECASE)


#: An open question inside a sentence: "… tried to work out who was to blame", "nobody
#: knew why it burst". It names a cause no more than the question itself does.
_OPEN_QUESTION = re.compile(r"\b(?:who|whom|whose|whether|why)\b[^,;:.!?]*", re.IGNORECASE)
#: Words before "why" that make it a cue rather than a question: "that is why", "that's
#: why", "the reason why", "explains why".
_WHY_CUE = re.compile(r"(?:\b(?:is|was|reasons?|explains?|explained)|['’]s)\s+$", re.IGNORECASE)


def _without_open_questions(text: str) -> str:
    """The sentence with its open questions cut out."""
    def cut(match: re.Match[str]) -> str:
        return match.group() if _WHY_CUE.search(text[:match.start()]) else " "
    return _OPEN_QUESTION.sub(cut, text)


def cause_strength(text: str) -> float:
    """0 for a sentence with no explanation cue, 0.5 for a weak cue or a verb of loss or
    decline, 1 for a strong cue. A cue inside an open question ("nobody knew who was to
    blame") does not count."""
    text = _without_open_questions(text)
    if _STRONG_CAUSE.search(text):
        return 1.0
    return 0.5 if _WEAK_CAUSE.search(text) or _CHANGE.search(text) else 0.0


@dataclass(frozen=True, slots=True)
class Candidate:
    """A candidate sentence and its score: relevance to the question, or for why/how
    questions corroboration by other sources, adjusted for cues and form."""

    sentence_id: int
    doc_id: str
    relevance: float
    cause: float = 0.0


#: Weight of shared key terms (TF-IDF cosine) against meaning (embedding cosine) when
#: evidence is grouped into reasons.
LEXICAL_WEIGHT = 0.3
#: Weight of a source that states a reason with no explanation cue, for why/how questions
#: (a strongly cued one weighs 1): four pages that all give a ship's builder do not outrank
#: two that say why it sank.
UNCUED = 0.3
#: Similarity to the sentence that states a reason at which a source counts in full
#: towards the reason's support; less close sources count half.
CLOSE = 0.18
#: Weight of corroboration (mean cosine to the three closest sentences of other
#: independent sources) in an explanatory candidate's score.
CORROBORATION = 2.0
#: Cosine at which another source's sentence is a copy rather than a corroboration.
COPY = 0.95
#: Most sentences gathered from the retrieved documents for a why/how question.
WIDE_LIMIT = 1000
#: A document longer than this (in sentences) gives only the sentences within
#: ``HIT_WINDOW`` of its hits.
LONG_DOCUMENT = 150
HIT_WINDOW = 5


#: Weight of an explanation cue when the sentence that states a reason is chosen: the
#: centre a source's closeness is measured from (typical first), and the label shown
#: (explanatory first: "the plates could not carry the load" over "it held 2 million
#: gallons" in one group).
CENTRE_CUE = 0.15
LABEL_CUE = 0.3
#: Weight of a candidate's own score (corroboration, cue) in the same choice: of two
#: equally typical sentences, the one other sources back more states the reason.
LABEL_RELEVANCE = 0.15
#: Years after the one a why-question names from which a sentence tells the aftermath.
AFTERMATH_YEARS = 1
_YEAR = re.compile(r"\b(1\d{3}|20\d\d)\b")
#: Most a sentence's score can rise by its adjustments (a strong cue).
_CUE_BONUS = 0.35


def candidates(view: CorpusView, question: str, settings: Settings,
               group_of: dict[str, str] | None = None, keep: int | None = None) -> list[Candidate]:
    """Sentences fit to be evidence, scored for this question, best first.

    For why/how questions: every sentence of the documents the question retrieves (those
    with most hits first, at most ``WIDE_LIMIT``), scored by corroboration across
    the independent sources ``group_of`` defines. Otherwise the retrieved sentences,
    scored by retrieval (also for a why/how question whose hits all come from one
    source, which nothing can corroborate). With ``keep``, only the best ``keep`` are
    returned, and sentences that cannot reach them are not looked at.
    """
    hits: Sequence[Hit] = hybrid_search(view.store, view.vectors, question,
                                        settings.retrieve_k, settings.rrf_k)
    kind = question_kind(question)
    q_words = stems(question)
    group_of = group_of or {}
    # A year the question names dates the asked event: sentences that only tell of
    # later years (the salvage, the museum) tell what followed, not why.
    years = [int(y) for y in _YEAR.findall(question)]
    after = max(years) + AFTERMATH_YEARS if years and kind in ("why", "how") else None
    docs = {group_of.get(view.sentences[h.sentence_id].doc_id, view.sentences[h.sentence_id].doc_id)
            for h in hits}
    if kind in ("why", "how") and len(docs) >= 2:
        scored = _corroborated(view, _retrieved_documents(view, hits), group_of)
    else:  # one source cannot be corroborated: rank by retrieval
        top = hits[0].score if hits else 1.0
        scored = [(h.sentence_id, h.score / top) for h in hits]
    scored.sort(key=lambda pair: -pair[1])
    out: list[Candidate] = []
    best: list[float] = []  # a min-heap of the best ``keep`` scores so far
    for sentence_id, relevance in scored:
        if keep and len(best) == keep and relevance + _CUE_BONUS < best[0]:
            break
        s = view.sentences[sentence_id]
        words = s.text.split()
        if len(words) < settings.min_words or s.text.rstrip().endswith("?") or is_title(view, s):
            continue
        cause = cause_strength(s.text) if kind in ("why", "how") else 0.0
        if cause and len(words) < 9 and not _CAUSE_VERB.search(s.text):
            cause = 0.0  # "Several causes have been suggested.": a signpost, not a cause
        if _POSES.search(s.text) and not _STRONG_CAUSE.search(s.text):
            relevance -= 0.3  # "… what really broke the tank": asks, does not answer
        if cause and not _explains(s.text, q_words):
            cause, relevance = 0.0, relevance - 0.3
        relevance += _CUE_BONUS * cause
        if kind in ("why", "how") and cause < 1.0:
            toll = _toll(view, sentence_id)
            if toll or _dated(view, sentence_id):
                relevance -= 0.25  # a dated happening or a toll, not an explanation
            if toll:
                cause = 0.0  # "it had destroyed 400 houses and most had lost their homes"
        if ((kind in ("why", "how") and _tells_aftermath(s.text))
                or (after is not None and _after(view, sentence_id, after))):
            # What followed the asked event cannot have caused it, whatever its "because"
            # explains (the rebuilding, the museum).
            relevance -= 0.3
            cause = 0.0
        if len(words) < 8 and cause == 0.0:
            relevance -= 0.2  # a heading or a fragment
        # A sentence that repeats the question's words and adds little is a restatement.
        own = stems(s.text)
        if own and len(own - q_words) <= 2:
            relevance -= 0.3
        out.append(Candidate(sentence_id, s.doc_id, relevance, cause))
        if keep:
            (heapq.heappush if len(best) < keep else heapq.heappushpop)(best, relevance)
    out.sort(key=lambda c: -c.relevance)
    return out[:keep] if keep else out


def _retrieved_documents(view: CorpusView, hits: Sequence[Hit]) -> list[int]:
    """The sentences of the documents holding two or more hits (all hit documents if
    fewer than two do), documents with more hits first, at most ``WIDE_LIMIT``.

    A long document (a page with a comment thread, a digest of many stories) gives only
    the sentences within ``HIT_WINDOW`` of its hits, so one such page cannot fill the pool.
    """
    counts = Counter(view.sentences[h.sentence_id].doc_id for h in hits)
    docs = [d for d, n in counts.most_common() if n >= 2]
    if len(docs) < 2:
        docs = list(counts)
    hit_at: dict[str, list[int]] = defaultdict(list)
    for h in hits:
        s = view.sentences[h.sentence_id]
        hit_at[s.doc_id].append(s.index)
    out: list[int] = []
    for d in docs:
        ids = view.sentence_ids_of(d)
        if len(ids) > LONG_DOCUMENT:
            ids = [i for i in ids
                   if any(abs(view.sentences[i].index - at) <= HIT_WINDOW for at in hit_at[d])]
        out += ids
    return out[:WIDE_LIMIT]


def _corroborated(view: CorpusView, sentence_ids: Sequence[int],
                  group_of: dict[str, str]) -> list[tuple[int, float]]:
    """Each sentence with ``CORROBORATION`` × the mean cosine to its three closest
    sentences in other independent sources (a copy of a page is not another source, and
    a copy of a sentence, cosine ≥ ``COPY``, does not corroborate it)."""
    if not sentence_ids:
        return []
    vectors = view.vector_matrix(sentence_ids)
    sim = vectors @ vectors.T
    group = np.array([group_of.get(view.sentences[i].doc_id, view.sentences[i].doc_id)
                      for i in sentence_ids])
    sim[group[:, None] == group[None, :]] = -1.0
    sim[sim >= COPY] = -1.0  # a sentence copied word for word (a site's template) is not
    #                          corroboration, only its repetition
    k = min(3, len(sentence_ids))
    closest = -np.sort(-sim, axis=1)[:, :k]
    score = CORROBORATION * np.maximum(closest.mean(axis=1), 0.0)
    return [(sid, float(v)) for sid, v in zip(sentence_ids, score, strict=True)]


#: Nouns that name the asked event or point at reasons given elsewhere rather than give
#: one: "The disaster led to …" (a consequence), "These factors made …" (a summary).
_POINTERS = frozenset(stem(w) for w in """
    accident catastrophe collapse crash disaster event events explosion failure fall
    incident tragedy factor factors reason reasons cause causes above following three two
    four five several many these those this that which all""".split())
#: A writer telling their own story: "I had gone there because my grandfather …".
_OWN_STORY = re.compile(r"^\W*(?:\w+,?\s+){0,2}?(?:I|we|my|our)\b", re.IGNORECASE)


def _explains(text: str, question_words: AbstractSet[str]) -> bool:
    """False for a cue that does not explain the asked event: its cause side only names
    the event or points at reasons given elsewhere, or its effect is the writer's own
    doing."""
    cause, effect = sides(text)
    if not cause:
        return True
    if not stems(cause) - question_words - _POINTERS:
        return False
    return not _OWN_STORY.match(effect)


#: An embedded question: "I still don't understand how …", "what really broke …".
_POSES = re.compile(r"\b(?:why|how|what)\s+(?!if\b|is why\b)(?:\w+\s+){0,3}\w+", re.IGNORECASE)
#: Cues that say a cause rather than name the topic of causes ("cause", "reason").
_CAUSE_VERB = re.compile(r"\b(?:because|due to|owing to|led to|afraid|fear|in order to|so as to|"
                         r"so that|therefore|hence|caused|made \w+ \w+)\b", re.IGNORECASE)


def is_title(view: CorpusView, sentence: Sentence) -> bool:
    """The page's title repeated as its first line: it names the topic, it gives no reason.

    A first line that ends as a sentence does (a text file's title is its first line,
    which may be the whole text) is text, not a heading.
    """
    title = " ".join(view.documents[sentence.doc_id].title.split())
    return (sentence.index <= 1 and bool(title) and " ".join(sentence.text.split()) == title
            and not title.rstrip("\"'”’)").endswith((".", "!")))


#: A sentence that opens on what followed: "Afterwards the king …", "In the years that
#: followed …", "After the collapse, …".
_AFTERMATH = re.compile(
    r"^\W*(?:afterwards?|later on|since then|in the (?:aftermath|wake)|"
    r"in the (?:days|weeks|months|years|decades) (?:that followed|after)|"
    r"(?:after|following) the (?:accident|catastrophe|collapse|crash|disaster|explosion|"
    r"failure|fall|fire|flood|incident|sinking|tragedy|wreck)\b)", re.IGNORECASE)
#: What an inquiry found afterwards is a cause: "After the collapse, engineers found …".
_FINDING = re.compile(r"\b(?:found|showed|shown|concluded|established|determined|ruled|"
                      r"blamed|revealed|proved|confirmed)\b", re.IGNORECASE)


def _tells_aftermath(text: str) -> bool:
    """True for a sentence that opens on what followed the asked event and reports no
    finding about it."""
    return bool(_AFTERMATH.search(text)) and not _FINDING.search(text)


#: Sentences before an undated one whose years date what it tells.
TOLD_BACK = 2


def _after(view: CorpusView, sentence_id: int, year: int) -> bool:
    """True when the years a sentence tells of all lie after ``year``: what followed.

    An undated sentence tells of the years the sentences just before it give ("It was
    raised in 1961. The hull was then treated for years, because …").
    """
    years = _years(view, sentence_id)
    s = view.sentences[sentence_id]
    for back in range(1, TOLD_BACK + 1):
        if years:
            break
        before = view.sentence_at(s.doc_id, s.index - back)
        years = _years(view, before) if before is not None else []
    return bool(years) and min(years) > year


def _years(view: CorpusView, sentence_id: int) -> list[int]:
    """The years a sentence's dates fall in; the writer's "today" dates no happening."""
    return [int(m.value[:4]) for m in view.mentions.figures(sentence_id)
            if m.kind == "date" and m.value[:4].isdigit() and m.text.lower() not in PRESENT_WORDS]


def _narrates(view: CorpusView, sentence_id: int) -> bool:
    """True when a sentence is pinned to a day or a month (a dated happening) or counts
    what was lost ("it destroyed 400 houses and killed 12"): what happened, not why."""
    return _dated(view, sentence_id) or _toll(view, sentence_id)


def _dated(view: CorpusView, sentence_id: int) -> bool:
    """True when a sentence is pinned to a day or a month."""
    return any(m.kind == "date" and m.granularity in ("day", "month")
               for m in view.mentions.figures(sentence_id))


#: Words that count losses.
_LOSS = re.compile(r"\b(?:destroy\w*|kill\w*|died|dead|deaths?|homeless|burn(?:ed|t)|gone|lost|"
                   r"drown\w*|injur\w*|wounded|casualt\w*|ruined|gutted|razed)\b", re.IGNORECASE)


def _toll(view: CorpusView, sentence_id: int) -> bool:
    """True when a sentence counts what was lost: "it destroyed 400 houses and killed 12"."""
    return (any(m.kind == "number" for m in view.mentions.figures(sentence_id))
            and bool(_LOSS.search(view.sentences[sentence_id].text)))


def _beyond_topic(view: CorpusView, vectors: np.ndarray, question: str) -> np.ndarray:
    """Vectors without what every text on the question shares, renormalised.

    Every candidate shares the question's topic, so raw cosines between them sit high
    (≈ 0.5–0.7) whatever reason they give. The shared part is taken out as the mean of
    the corpus's sentence vectors and the question's own direction; neither depends on
    which candidates were kept, so one candidate more or less does not move the others'
    likeness.
    """
    if len(vectors) < 2:
        return vectors
    mean = view.memo("mean_vector", lambda: view.vectors.matrix.mean(axis=0)
                     if len(view.vectors.ids) else np.zeros(vectors.shape[1]))
    shifted = vectors - mean
    q = _embed_cached(view, [question])[0] - mean
    q /= max(float(np.linalg.norm(q)), 1e-9)
    shifted -= np.outer(shifted @ q, q)
    norms = np.linalg.norm(shifted, axis=1, keepdims=True)
    out: np.ndarray = (shifted / np.maximum(norms, 1e-9)).astype(np.float32)
    return out


def similarity(view: CorpusView, sentence_ids: Sequence[int], question: str) -> np.ndarray:
    """Meaning and shared key terms: embedding cosine beyond the topic blended with
    TF-IDF cosine.

    Sentences compare by their focus (what they add to the question), so two sentences
    that restate the question around different causes stay apart.
    """
    q_words = stems(question)
    texts = [focus(view.sentences[sid].text, q_words, view.idf) for sid in sentence_ids]
    dense = _beyond_topic(view, _embed_cached(view, texts), question)
    lexical = lexical_vectors(view, texts, exclude=q_words)
    out: np.ndarray = (1 - LEXICAL_WEIGHT) * (dense @ dense.T) + LEXICAL_WEIGHT * (lexical @ lexical.T)
    return out


#: Cues after which the cause follows: "Y because X", "Y for fear of X", "in order to X".
_CAUSE_FOLLOWS = re.compile(
    r"\b(?:because(?: of)?|due to(?: the fact that)?|owing to|on account of|thanks to|"
    r"for fear (?:of|that)|fearing|so as (?:not )?to|in order (?:not )?to|so that|"
    r"as a result of|the reasons? (?:was|is|were)(?: that)?|since|"
    r"result(?:ed|s|ing)? from|the result of|stem(?:s|med|ming)? from|attributed to|"
    r"(?:decided|decision|chose|choice|opted) to)\b", re.IGNORECASE)
#: Cues before which the cause stands: "X is the main reason why Y", "X led to Y".
_CAUSE_PRECEDES = re.compile(
    r"\b(?:(?:is|was|are|were) (?:\w+ ){0,3}reasons? (?:why|for)|led to|leads? to|"
    r"resulted in|made (?:the )?\w+ (?:decide|realize|realise|understand|remain|stay)|"
    r"(?:that|this) is why|(?:that|this)['’]s why|g[ai]ve rise to|gives rise to|brought about|"
    r"explains? why)\b"
    r"|" + _SO_RESULT,
    re.IGNORECASE)
_CLAUSE_BREAK = re.compile(r"[,;:()\u2014\u2013]|\s(?:and|but|while|whereas|which|who)\s")


def sides(text: str) -> tuple[str, str]:
    """The cause and the effect an explicit cue links: "X is the reason why Y" and
    "X led to Y" give (X, Y); "Y because X" and "Because X, Y" give (X, Y); without a
    cue, ("", "")."""
    before = _CAUSE_PRECEDES.search(text)
    if before and text[:before.start()].strip(" ,"):
        return text[:before.start()].strip(" ,"), text[before.end():].strip(" ,.")
    after = _CAUSE_FOLLOWS.search(text)
    if after:
        head, tail = text[:after.start()], text[after.end():]
        if not head.strip(" ,"):  # "Because X, Y": X runs to the comma
            tail, _, head = tail.partition(",")
        if tail.strip(" ,."):
            return tail.strip(" ,."), head.strip(" ,.")
    return "", ""


def focus(text: str, question_words: AbstractSet[str],
          weight: Callable[[str], float] = lambda _: 1.0) -> str:
    """The part of a sentence that says something beyond the question.

    The cause side of an explicit cue ("X is the reason why Y" → X, "Y because X" → X),
    then, of that, the clauses not mostly made of the question's own words, each word
    weighted by ``weight`` (rarity: the question's topic words are common in a corpus
    gathered for it, so "the kingdom was afraid of war with the republic" keeps its
    "afraid"). Used only to compare sentences; quotes are always whole sentences.
    """
    cause = sides(text)[0]
    part = cause if len(cause.split()) >= 3 else text
    clauses = [c for c in _CLAUSE_BREAK.split(part) if c and c.strip()]
    kept = [clause.strip() for clause in clauses if _novel(clause, question_words, weight)]
    return " ".join(kept) if kept else part


def _novel(clause: str, question_words: AbstractSet[str], weight: Callable[[str], float]) -> bool:
    words = stems(clause)
    novel = words - question_words
    return bool(novel) and 2 * sum(map(weight, novel)) >= sum(map(weight, words))


def _embed_cached(view: CorpusView, texts: Sequence[str]) -> np.ndarray:
    """Embeddings of ``texts``, each computed once per view."""
    cache: dict[str, np.ndarray] = view.memo("focus_vectors", dict)
    missing = sorted({t for t in texts if t not in cache})
    if missing:
        for text, vec in zip(missing, view.vectors.embedder.embed(missing), strict=True):
            cache[text] = vec
    return np.stack([cache[t] for t in texts]).astype(np.float32)


def lexical_vectors(view: CorpusView, texts: Sequence[str], exclude: AbstractSet[str]) -> np.ndarray:
    """TF-IDF rows over stemmed content words outside ``exclude``, L2-normalised (shared
    key terms)."""
    rows = [Counter(w for w in (stem(x) for x in content_words(t)) if w not in exclude) for t in texts]
    vocab = {w: i for i, w in enumerate(sorted({w for row in rows for w in row}))}
    out = np.zeros((len(rows), max(len(vocab), 1)), dtype=np.float32)
    for r, row in enumerate(rows):
        for w, n in row.items():
            out[r, vocab[w]] = n * view.idf(w)
    out /= np.maximum(np.linalg.norm(out, axis=1, keepdims=True), 1e-9)
    return out


def agglomerate(vectors: np.ndarray, threshold: float) -> list[list[int]]:
    """Average-linkage clusters: merge while the closest pair's mean cosine ≥ threshold."""
    return agglomerate_matrix(vectors @ vectors.T, threshold)


def agglomerate_matrix(sim: np.ndarray, threshold: float) -> list[list[int]]:
    """Average-linkage clusters over a similarity matrix."""
    n = len(sim)
    clusters: list[list[int]] = [[i] for i in range(n)]
    if n < 2:
        return clusters
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


#: Words that signpost an explanation without saying what it is: a key phrase with one
#: ("fundamental reason", "main factor") tells the reader nothing.
_SIGNPOSTS = frozenset(stem(w) for w in "reason reasons cause causes factor factors".split())


def keyphrases(view: CorpusView, sentence_ids: Sequence[int], exclude: AbstractSet[str],
               limit: int = 4) -> list[str]:
    """Phrases (1–3 content words) frequent in these sentences and rare elsewhere; none
    that only signposts an explanation ("main reason")."""
    counts: Counter[str] = Counter()
    surface: dict[str, Counter[str]] = defaultdict(Counter)
    for sid in sentence_ids:
        seen: set[str] = set()
        for phrase in _phrases(view.sentences[sid].text):
            key = " ".join(stem(w) for w in phrase.lower().split())
            if (key in seen or all(stem(w) in exclude for w in phrase.lower().split())
                    or _SIGNPOSTS & set(key.split())):
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
    pool = candidates(view, question, settings, group_of, keep=settings.retrieve_k // 2)
    if not pool:
        return []
    sim = similarity(view, [c.sentence_id for c in pool], question)
    clusters = agglomerate_matrix(sim, settings.reason_merge)
    q_words = stems(question)
    explain = question_kind(question) in ("why", "how")
    ranked = []
    for members in clusters:
        cands = [pool[i] for i in members]
        best_per_source: dict[str, Candidate] = {}
        for c in sorted(cands, key=lambda c: -c.relevance):
            best_per_source.setdefault(c.doc_id, c)
        centre = _label_member(view, pool, sim, members, CENTRE_CUE)
        if explain and max(c.cause for c in cands) == 0.0 and \
                2 * sum(_narrates(view, c.sentence_id) for c in cands) >= len(cands):
            continue  # dated happenings with no explanation: narrative
        # Independent support: a duplicate group counts once, weighted by quality; a
        # source whose sentences only resemble the group as a whole, not the sentence
        # that states the reason, counts half (grouping can chain loosely related text).
        # For why/how, a source that gives no explanation cue may still state the reason
        # ("the dam was never inspected") but counts less, so a group of background
        # facts that one source happens to explain does not outrank an explanation.
        # Evidence strength, the tie-breaker, sums the best quote's score of each source
        # that gives the reason; for why/how, of each source that explains it (summed
        # over every source, it would count a corroborated background fact twice).
        groups: dict[str, float] = {}
        strength = 0.0
        for doc_id, best in best_per_source.items():
            g = group_of.get(doc_id, doc_id)
            own = [i for i in members if pool[i].doc_id == doc_id]
            close = max(sim[i, centre] for i in own)
            weight = source_weight.get(doc_id, 1.0) * (1.0 if close >= CLOSE else 0.5)
            cause = max(pool[i].cause for i in own)
            if explain:
                weight *= UNCUED if cause == 0.0 else 0.5 + 0.5 * cause
            groups[g] = max(groups.get(g, 0.0), weight)
            if cause > 0.0 or not explain:
                strength += best.relevance
        support = sum(groups.values())
        ranked.append((round(support + 0.1 * strength, 4), members, best_per_source))
    ranked.sort(key=lambda r: -r[0])
    reasons = []
    for score, members, best_per_source in ranked[: settings.max_reasons]:
        ids = [pool[i].sentence_id for i in members]
        label = _label_member(view, pool, sim, members, LABEL_CUE)
        ordered = _quote_order(pool, members, best_per_source, label)
        evidence = tuple(view.evidence(pool[i].sentence_id) for i in ordered[: settings.max_quotes])
        phrases = keyphrases(view, ids, q_words)
        label_sentence = view.sentences[pool[label].sentence_id].text
        reasons.append(Reason(
            label=shorten(label_sentence),
            keyphrases=tuple(phrases),
            score=score,
            sources=tuple(best_per_source),
            evidence=evidence,
        ))
    return reasons


def _label_member(view: CorpusView, pool: Sequence[Candidate], sim: np.ndarray,
                  members: list[int], cue_weight: float) -> int:
    """The member that best states the reason: typical of the group (mean similarity to
    the others), explanatory (a cue, weighed by ``cue_weight``), and a whole sentence
    rather than a fragment."""
    if len(members) == 1:
        return members[0]
    inner = sim[np.ix_(members, members)]
    # A copy of a sentence (a mirrored page) makes neither copy more typical.
    others = (inner < COPY).astype(np.float64)
    typical = (inner * others).sum(axis=1) / np.maximum(others.sum(axis=1), 1.0)

    def worth(k: int) -> float:
        c = pool[members[k]]
        text = view.sentences[c.sentence_id].text.lstrip()
        fragment = not (text[:1].isalnum() or text[:1] in "\"“‘(")  # ", considered …", "'s …"
        return (float(typical[k]) + cue_weight * c.cause + LABEL_RELEVANCE * c.relevance
                - (0.2 if fragment else 0.0))

    return members[max(range(len(members)), key=worth)]


def _quote_order(pool: Sequence[Candidate], members: list[int],
                 best_per_source: dict[str, Candidate], label: int) -> list[int]:
    """The label's quote, then one best quote per other source, then the rest."""
    firsts = {c.sentence_id for c in best_per_source.values()
              if c.doc_id != pool[label].doc_id}
    by_rel = sorted((i for i in members if i != label), key=lambda i: -pool[i].relevance)
    return ([label] + [i for i in by_rel if pool[i].sentence_id in firsts]
            + [i for i in by_rel if pool[i].sentence_id not in firsts])


def shorten(text: str, words: int = 28) -> str:
    """The first ``words`` words of a quote, whitespace normalised, "…" if cut."""
    parts = " ".join(text.split()).split(" ")
    if len(parts) <= words:
        return " ".join(parts)
    return " ".join(parts[:words]) + " …"
