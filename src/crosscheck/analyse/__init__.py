"""Analyse: from a store and a question to a :class:`Brief`.

Order matters: conflicts are found first, because the source audit scores sources by how
they stand in conflicts, and reasons weigh their support by those scores.
"""

from __future__ import annotations

import dataclasses

from crosscheck import __version__
from crosscheck.analyse.answers import asks_when, asks_who, dated_answers, named_answers
from crosscheck.analyse.audit import audit_sources, duplicate_groups, source_signs
from crosscheck.analyse.claims import claim_conflicts, merge_claim_conflicts, rejected_reports
from crosscheck.analyse.entities import merge_entities, normalise_name
from crosscheck.analyse.names import name_conflicts
from crosscheck.analyse.numbers import number_conflicts
from crosscheck.analyse.reasons import find_reasons
from crosscheck.analyse.timeline import (
    Claim,
    anchor_claims,
    build_timeline,
    collect_claims,
    date_conflicts,
    event_names,
    group_events,
)
from crosscheck.analyse.view import CorpusView
from crosscheck.errors import EmptyQuestionError
from crosscheck.index import hybrid_search
from crosscheck.model import Brief, Entity
from crosscheck.settings import Settings

__all__ = ["CorpusView", "build_brief", "copy_groups", "corpus_entities", "prepare",
           "require_question"]

#: The timeline and conflicts look at this many times more sentences than the reasons,
#: since a dated fact need not read like an answer to the question.
CONTEXT_FACTOR = 3


def copy_groups(view: CorpusView) -> dict[str, str]:
    """Copy group of each document (a page and its mirrors share one)."""
    return view.kept("groups",
                  lambda: duplicate_groups([view.documents[d] for d in view.doc_order]),
                  lambda groups: groups, lambda raw: {str(k): str(v) for k, v in raw.items()})


def corpus_entities(view: CorpusView) -> list[Entity]:
    """The corpus's entities with their aliases merged (the brief's Entities section)."""
    return view.kept("entities",
                  lambda: merge_entities(view, same=name_conflicts(view, view.sentences)[1]),
                  lambda entities: [dataclasses.asdict(e) for e in entities],
                  lambda raw: [Entity(name=e["name"], aliases=tuple(e["aliases"]),
                                      sources=tuple(e["sources"]), mentions=int(e["mentions"]),
                                      label=e["label"]) for e in raw])


def prepare(view: CorpusView) -> None:
    """Compute and save the corpus-wide results now (after adding sources), so the next
    question, in this process or another, starts warm."""
    copy_groups(view)
    event_sentences(view, corpus_entities(view))
    source_signs(view)


def require_question(question: str | None) -> str:
    """The question with its whitespace normalised; EmptyQuestionError if it has no words."""
    if question is None or not any(ch.isalnum() for ch in question):
        raise EmptyQuestionError()
    return " ".join(question.split())


def _dated_claims(view: CorpusView, context_ids: list[int],
                  entities: list[Entity]) -> tuple[list[Claim], list[str | None]]:
    """The dated claims of the context, with the named event each dates (if any); plus
    every claim elsewhere in the corpus that dates one of those named events (a source
    that dates the event differently need not read like an answer to the question)."""
    naming, anchors = view.memo("anchored_claims", lambda: _anchored(view, entities))
    context = set(context_ids)
    named = {a for c, a in zip(naming, anchors, strict=True) if a and c.sentence_id in context}
    pulled = [(c, a) for c, a in zip(naming, anchors, strict=True)
              if c.sentence_id in context or a in named]
    covered = {c.sentence_id for c in naming}
    rest = collect_claims(view, [sid for sid in context_ids if sid not in covered])
    claims = [c for c, _ in pulled] + rest
    return claims, [a for _, a in pulled] + [None] * len(rest)


def _anchored(view: CorpusView, entities: list[Entity]) -> tuple[list[Claim], list[str | None]]:
    """Claims of the sentences that name an event, each with the event it dates."""
    claims = collect_claims(view, event_sentences(view, entities))
    return claims, anchor_claims(view, claims, entities)


def event_sentences(view: CorpusView, entities: list[Entity]) -> list[int]:
    """The ids of the sentences that name an event entity, in order (corpus-wide: saved
    in the store, as walking every name mention costs a one-shot question ≈ 0.1 s on a
    1,000-page store, and would read all names)."""
    def compute() -> list[int]:
        names = event_names(entities)
        return sorted(sid for sid, mentions in view.mentions.items()
                      if any(m.kind == "entity" and normalise_name(m.value) in names
                             for m in mentions))
    return view.kept("event_sentences", compute)


def build_brief(view: CorpusView, question: str | None, settings: Settings) -> Brief:
    """The research brief for ``question`` over the corpus in ``view``.

    With ``question=None`` the timeline, conflicts and entities cover the whole corpus
    and there are no reasons (the ``timeline``/``conflicts`` commands without a question).
    """
    if question is None:
        context_ids = sorted(view.sentences)
        relevance = {sid: 0.0 for sid in context_ids}
    else:
        question = require_question(question)
        context = hybrid_search(view.store, view.vectors, question,
                                CONTEXT_FACTOR * settings.retrieve_k, settings.rrf_k)
        context_ids = sorted(h.sentence_id for h in context)
        top = context[0].score if context else 1.0
        relevance = {h.sentence_id: h.score / top for h in context}

    entities = corpus_entities(view)
    claims, anchors = _dated_claims(view, context_ids, entities)
    events = group_events(view, claims, settings, anchors, entities)
    names, _ = name_conflicts(view, context_ids)
    conflicts = (date_conflicts(view, events) + number_conflicts(view, context_ids, settings)
                 + names + merge_claim_conflicts(view, claim_conflicts(view, context_ids)
                                                 + rejected_reports(view, context_ids)))

    groups = copy_groups(view)
    audit = audit_sources(view, conflicts, groups)
    weights = {a.id: a.quality.score for a in audit}
    reasons = []
    if question and asks_when(question):
        reasons = dated_answers(view, question, events, relevance, weights, groups, settings)
    elif question and asks_who(question):
        reasons = named_answers(view, question, relevance, entities, weights, groups, settings)
    if question and not reasons:
        reasons = find_reasons(view, question, settings, weights, groups)
    timeline = build_timeline(view, events, settings, relevance)
    return Brief(
        question=question or "",
        sources=tuple(audit),
        reasons=tuple(reasons),
        conflicts=tuple(conflicts),
        timeline=tuple(timeline),
        entities=tuple(entities),
        config={"embedder": view.vectors.embedder.name, **settings.to_dict()},
        version=__version__,
    )
