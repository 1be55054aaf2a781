"""English word lists every stage may use: function words, abbreviations, name particles.

They describe the language, never a topic, so they hold on any corpus. Stage-specific
lists (web-UI words for cleaning, title words for names) stay in their stage.
"""

from __future__ import annotations

import re


def wordset(words: str) -> frozenset[str]:
    """A set from a whitespace-separated word list (long lists read better as prose)."""
    return frozenset(words.split())


#: Words after which a full stop does not end a sentence (titles, months, Latin,
#: dotted initialisms; single capital initials are handled by the splitters).
ABBREVIATIONS: frozenset[str] = wordset(
    """
    mr mrs ms dr prof sr jr st mt gen col lt maj capt cmdr sgt adm gov sen rep pres rev
    fr hon jan feb mar apr jun jul aug sep sept oct nov dec no nos vol vols p pp ch fig
    ed eds est approx dept univ inc ltd co corp bros vs etc e.g i.e cf al ca c viz op
    u.s u.k u.n u.s.s.r a.d b.c a.m p.m
    """
)

#: English function words, ignored when measuring what a sentence is about.
STOP_WORDS: frozenset[str] = wordset(
    """
    a about above after again against all also am an and any are as at be because been
    before being below between both but by can could did do does doing down during each
    few for from further had has have having he her here hers herself him himself his how
    i if in into is it its itself just me more most my myself no nor not now of off on
    once only or other our ours ourselves out over own same she should so some such than
    that the their theirs them themselves then there these they this those through to too
    under until up very was we were what when where which while who whom why will with
    would you your yours yourself yourselves one two three many much even still yet
    however thus therefore although though since upon within without among via per
    none nothing nobody neither either every another
    """
)

#: Lower-case words that sit inside names ("Battle of Hastings", "Ludwig van Beethoven").
#: "and" is left out: "France and Spain" is two names, not one.
NAME_PARTICLES: frozenset[str] = wordset(
    "of the de du des da di del della der den van von la le al bin ibn y zu"
)


def _irregular(pairs: str) -> dict[str, str]:
    """``"sank:sink sunk:sink"`` as {"sank": "sink", "sunk": "sink"}."""
    return dict(pair.split(":") for pair in pairs.split())


#: Past forms of common irregular verbs and their base form: questions ask "When did the
#: bridge fall?", sources write "the bridge fell".
IRREGULAR_PAST: dict[str, str] = _irregular(
    """
    arose:arise arisen:arise became:become began:begin begun:begin blew:blow blown:blow
    broke:break broken:break brought:bring built:build burnt:burn bought:buy caught:catch
    came:come drove:drive driven:drive fell:fall fallen:fall fought:fight found:find
    flew:fly flown:fly froze:freeze frozen:freeze gave:give given:give went:go gone:go
    grew:grow grown:grow held:hold hung:hang kept:keep knew:know known:know led:lead
    left:leave lost:lose made:make met:meet paid:pay ran:run rose:rise risen:rise
    said:say sank:sink sunk:sink saw:see seen:see sent:send shook:shake shaken:shake
    shot:shoot sold:sell spent:spend stood:stand struck:strike swept:sweep took:take
    taken:take tore:tear torn:tear told:tell thought:think threw:throw thrown:throw
    withdrew:withdraw withdrawn:withdraw won:win wrote:write written:write
    """
)


_QUESTION_WORD = re.compile(r"^\s*(why|how|what|when|who|where|which)\b", re.IGNORECASE)
#: Questions that ask for causes without the word "why": "What caused …", "How come …",
#: "What were the reasons for …", "What made … fail".
_CAUSE_QUESTION = re.compile(
    r"^\s*(?:what|which)\s+(?:\w+\s+){0,3}(?:caused?|causes|led|leads|made|makes|explains?|"
    r"reasons?|factors?|motives?|triggered|prompted)\b|^\s*how\s+come\b", re.IGNORECASE)
#: Questions that ask for a date without "when": "In what year …", "On which day …".
_DATE_QUESTION = re.compile(
    r"^\s*(?:in|on|at|by)?\s*(?:what|which)\s+(?:year|date|day|month|decade|century|time)\b",
    re.IGNORECASE)
#: Questions that ask for a person or a body without "who": "Which company …".
_NAME_QUESTION = re.compile(
    r"^\s*(?:whom|whose|(?:which|what)\s+(?:person|people|man|woman|men|women|company|firm|"
    r"country|countries|organi[sz]ation|group|leader|official|engineer|designer|builder|"
    r"owner|king|queen|ruler)s?)\b", re.IGNORECASE)


def question_kind(question: str) -> str:
    """why, how, what, when, who, where, which — or 'other'. A question that asks for
    causes in other words ("What caused …") is a why-question, one that asks for a date
    ("In what year …") a when-question, one that asks for a person or a body ("Which
    company …") a who-question."""
    if _CAUSE_QUESTION.match(question):
        return "why"
    if _DATE_QUESTION.match(question):
        return "when"
    if _NAME_QUESTION.match(question):
        return "who"
    match = _QUESTION_WORD.match(question)
    return match.group(1).lower() if match else "other"
