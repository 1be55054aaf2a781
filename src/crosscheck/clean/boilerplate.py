"""Page furniture: whole lines that are menus, bylines, counters, site names, wiki
debris and category dumps, recognised by their shape, never by their topic.

Precision first. Shapes that can also be article text (a bare date may head a
timeline entry; a short title-case line may be a list item) are removed only in the
page's *header* (before the first prose paragraph) or *footer* (after the last one),
or when a neighbouring line is already furniture.
"""

from __future__ import annotations

import re

from crosscheck.clean.lexicon import (
    BOILERPLATE_PHRASES,
    END_MATTER_HEADINGS,
    FILLER_WORDS,
    NAV_SECTION_HEADINGS,
    UI_WORDS,
)
from crosscheck.clean.spans import Line, Span

#: What a site asks of its reader: "Sign up for our free newsletter …", "Follow us on …",
#: "Join our mailing list …", "If you enjoyed this, share it …". Only with the reader
#: addressed (you/your/our/us), and only as a whole short line, so an article that
#: reports a newsletter or a boycott call is left alone.
_CALL_TO_ACTION = re.compile(
    r"\b(?:subscribe|sign up|signup|join our|follow us|like us|share (?:this|it|the)|newsletter|"
    r"mailing list|inbox|cookies|privacy (?:policy|notice)|turn off (?:your )?ad ?blocker|"
    r"support our (?:work|journalism)|donate)\b", re.IGNORECASE)
_ADDRESSES_READER = re.compile(r"\b(?:you|your|our|us)\b", re.IGNORECASE)

_MONTH = (
    r"(?:jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?|"
    r"sep(?:t(?:ember)?)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)\.?"
)
_DATE = (
    rf"(?:{_MONTH}\s+\d{{1,2}}(?:st|nd|rd|th)?,?\s+\d{{4}}"  # Apr 28, 2024
    rf"|\d{{1,2}}(?:st|nd|rd|th)?\s+(?:of\s+)?{_MONTH},?\s+\d{{4}}"  # 28 April 2024
    r"|\d{4}-\d{2}-\d{2}(?:[T ]\d{2}:\d{2}(?::\d{2})?Z?)?"  # 2024-04-28
    r"|\d{1,2}[./]\d{1,2}[./]\d{2,4})"  # 28.04.2024, 4/28/24
)
_TIME = r"(?:\s*(?:,|at|@)?\s*\d{1,2}:\d{2}(?:\s*[ap]\.?m\.?)?)?"
_BULLET = r"[-–—•*·|>#]*\s*"
_DATE_LABEL = (
    r"(?:(?:last\s+)?(?:updated|modified|edited|posted|published|written|created|date)"
    r"(?:\s+on)?\s*:?\s*)"
)
#: "- Apr 28, 2024", "Updated: Jun 5, 2024 at 10:31 pm". Group 1 is the label, if any.
_BARE_DATE = re.compile(rf"^{_BULLET}({_DATE_LABEL})?{_DATE}{_TIME}\.?$", re.IGNORECASE)

_COUNTER_NOUN = (
    r"(?:votes?|upvotes?|downvotes?|points?|likes?|views?|comments?|replies|repl(?:y)|"
    r"answers?|shares?|followers?|reactions?|min(?:ute)?s?\s+read|min\.?\s+read)"
)
_NUM = r"[-+]?\d[\d,.]*[kKmM]?"
#: "score:6", "Upvote:0", "- 2 min read", "14 comments", "Views: 1.2k", "Comments (12)".
_COUNTER = re.compile(
    rf"^{_BULLET}(?:(?:score|rating|{_COUNTER_NOUN})\s*[:=]?\s*{_NUM}"
    rf"|{_COUNTER_NOUN}\s*\(\s*{_NUM}\s*\)"
    rf"|{_NUM}\s+{_COUNTER_NOUN})$",
    re.IGNORECASE,
)
#: "asked 4 years ago", "edited 3 hours ago", "answered Mar 3 at 10:02".
_RELATIVE_STAMP = re.compile(
    rf"^{_BULLET}(?:asked|answered|edited|posted|updated|modified|commented|published)\s+"
    rf"(?:\S+\s+){{0,3}}(?:ago|yesterday|today|{_DATE}{_TIME})$",
    re.IGNORECASE,
)
#: "This page was last modified at 2023-07-19 21:40:11 UTC", "Last updated on 3 May 2021".
_LAST_CHANGED = re.compile(rf"\blast\s+(?:modified|updated|edited|changed)\b.{{0,30}}{_DATE}",
                           re.IGNORECASE)
#: "Categories: A | B | C", "Tags: a, b, c", "Filed under: X": a label then a bare list.
_LIST_LABEL = re.compile(r"^(?:categories|category|tags|tagged|filed under|topics|keywords)\s*:\s*\S",
                         re.IGNORECASE)
#: The separators of a metadata line ("Posted 14 Jan 2022 · 7 min read · Tags: …").
_META_SEPARATOR = re.compile(r"\s+[·•|]\s+|\s*\|\s*")
#: Markdown emphasis around a whole line ("**Comments (12)**", "*Posted …*").
_EMPHASIS = re.compile(r"^[*_]{1,3}(.*?)[*_]{1,3}$")
#: A line with no letter or digit that is not plain sentence punctuation (")", "* * *").
_SYMBOLS_ONLY = re.compile(r"^[^\w.,;:!?]*[^\w\s.,;:!?]+[^\w]*$")
_WORD = re.compile(r"[^\W\d_]+(?:['’][^\W\d_]+)?")
#: A token with a capital inside it, the shape of brand names: "TheInfoList", "CosDream".
_CAMEL = re.compile(r"^[A-Z][a-z]+[A-Z][A-Za-z]*$")
_DOMAIN = re.compile(r"^(?:https?://)?(?:www\.)?[\w-]+(?:\.[\w-]+)*\.[a-z]{2,6}/?$", re.IGNORECASE)
#: "OR:", "Tags:" — a one-word label with nothing after it.
_LABEL = re.compile(r"^(\w{1,12}):$")
_TEMPLATE = re.compile(r"\{\{[^{}\n]{0,2000}\}\}")
_OPEN_TEMPLATE = re.compile(r"\{\{|\[\[(?:category|file|image):", re.IGNORECASE)
_SENTENCE_STOP = re.compile(r"[.!?;][\"'”’)]*(?:\s|$)")


def _words(text: str) -> list[str]:
    return _WORD.findall(text)


def is_prose(line: Line) -> bool:
    """A line that reads as article prose: 10+ words ending like a sentence, or 2+ sentences.

    Questions ("Why did ...?") do not count: on Q&A pages and blogs they are titles.
    """
    text = line.stripped
    if len(text.split()) < 10 or text.endswith(("...", "…")):
        return False
    if re.search(r"[.!;:\"”’)]$", text):
        return True
    return len(_SENTENCE_STOP.findall(text)) >= 2


def is_heading_like(text: str) -> bool:
    """Short, starts with a capital or digit, no sentence punctuation at the end."""
    if len(text) > 100:  # eight words of a heading
        return False
    words = _words(text)
    return (
        0 < len(words) <= 8
        and text[:1].isalnum()
        and (text[:1].isupper() or text[:1].isdigit())
        and not re.search(r"[.!?,;:…]$", text)
        and "=" not in text
    )


def _is_ui_line(text: str) -> bool:
    if len(text) > 80:  # six UI words never run this long
        return False
    words = [w.lower() for w in _words(text)]
    if not words or len(words) > 6 or re.search(r"\d", text):
        return False
    return any(w in UI_WORDS for w in words) and all(
        w in UI_WORDS or w in FILLER_WORDS for w in words
    )


def _is_category_dump(text: str) -> bool:
    """20+ words, mostly capitalised or numbers, no sentence stop, comma, colon or price.

    (A wiki category footer is a bare run of names; a credits line or a deal headline
    has commas, colons, "$" or "%".)
    """
    tokens = text.split()
    if len(tokens) < 20 or _SENTENCE_STOP.search(text) or re.search(r"[,:$%€£]", text):
        return False
    capitalised = sum(1 for t in tokens if t[:1].isupper() or t[:1].isdigit())
    # Category lists run 55-75% capitalised tokens ("Bridges of the Rhine 1986
    # in Europe ..."); prose runs 10-25%, title-case headlines are rarely 20 words long.
    return capitalised / len(tokens) >= 0.55


def _line_span(line: Line, detail: str) -> Span:
    return Span(line.content_start, line.content_end, "boilerplate", detail)


def _is_list_line(text: str) -> bool:
    """A labelled bare list: "Tags: a, b, c" (no sentence in it)."""
    return bool(_LIST_LABEL.match(text)) and len(text) <= 300 and not _SENTENCE_STOP.search(text)


def _is_metadata_line(text: str) -> bool:
    """Segments split by "·" or "|", each furniture: a date, a count, "By name", a list."""
    parts = [p.strip() for p in _META_SEPARATOR.split(text) if p.strip()]
    if len(parts) < 2 or len(text) > 200:
        return False
    stamps = 0
    for part in parts:
        stamped = (re.match(r"^(?:posted|published|updated)\b", part, re.IGNORECASE)
                   and re.search(r"\d", part))
        if stamped or _COUNTER.match(part) or _BARE_DATE.match(part) or _RELATIVE_STAMP.match(part):
            stamps += 1
        elif not (re.match(r"^by\s+\S+(?:\s+\S+){0,2}$", part, re.IGNORECASE) or _is_list_line(part)
                  or (len(part.split()) <= 2 and part[:1].isupper() and not _SENTENCE_STOP.search(part))):
            return False
    return stamps >= 1


def _shape_detail(line: Line, in_margin: bool) -> str | None:
    """Why this line is furniture by its own shape, or None."""
    text = line.stripped
    emphasis = _EMPHASIS.match(text)
    if emphasis is not None:
        text = emphasis.group(1).strip()
    low = text.lower()
    if _COUNTER.match(text):
        return "reading time" if "read" in low else "vote count"
    if _RELATIVE_STAMP.match(text):
        return "time stamp"
    if len(text) <= 120 and _LAST_CHANGED.search(text):
        return "dateline"
    if _is_list_line(text):
        return "category list"
    if _is_metadata_line(text):
        return "metadata line"
    date = _BARE_DATE.match(text)
    if date is not None and date.group(1):
        return "dateline"
    if _SYMBOLS_ONLY.match(text):
        return "symbols only"
    if _is_ui_line(text):
        return "menu word"
    if len(text) <= 200 and any(p in low for p in BOILERPLATE_PHRASES):
        return "site boilerplate"
    if len(text) <= 250 and _CALL_TO_ACTION.search(text) and _ADDRESSES_READER.search(text):
        return "call to action"
    if not in_margin:
        return None
    # Only in header or footer: shapes an article body may also use.
    if _is_category_dump(text):
        return "category list"
    if date is not None:
        return "dateline"
    label = _LABEL.match(text)
    if label is not None and (label.group(1).isupper() or label.group(1).lower() in UI_WORDS):
        return "dangling label"
    core = re.sub(rf"^{_BULLET}", "", text)
    tokens = core.split()
    if 0 < len(tokens) <= 4 and not _SENTENCE_STOP.search(core):
        if any(_CAMEL.match(t) for t in tokens) or _DOMAIN.match(core):
            return "site name"
        if core != text and all(t[:1].isupper() for t in tokens) and not re.search(r"\d", core):
            return "site name"
    return None


def find_boilerplate(lines: list[Line]) -> list[Span]:
    """Furniture lines and wiki template debris in ``lines``."""
    body = [ln.index for ln in lines if is_prose(ln)]
    first, last = (body[0], body[-1]) if body else (len(lines), -1)
    spans: dict[int, Span] = {}
    for ln in lines:
        if not ln.stripped:
            continue
        detail = _shape_detail(ln, ln.index < first or ln.index > last)
        if detail is not None:
            spans[ln.index] = _line_span(ln, detail)
    _bylines_near_furniture(lines, spans)
    _nav_sections(lines, spans)
    _empty_footer_headings(lines, spans, last)
    out = list(spans.values())
    out.extend(_templates(lines, set(spans)))
    return out


def _neighbours(lines: list[Line], i: int) -> list[int]:
    """Indexes of the nearest non-blank line above and below line ``i``."""
    found: list[int] = []
    for step in (-1, 1):
        j = i + step
        while 0 <= j < len(lines) and not lines[j].stripped:
            j += step
        if 0 <= j < len(lines):
            found.append(j)
    return found


def _bylines_near_furniture(lines: list[Line], spans: dict[int, Span]) -> None:
    """A bare date inside the body is furniture only next to other furniture."""
    for ln in lines:
        if ln.index in spans or not _BARE_DATE.match(ln.stripped):
            continue
        if any(j in spans for j in _neighbours(lines, ln.index)):
            spans[ln.index] = _line_span(ln, "dateline")


def _nav_sections(lines: list[Line], spans: dict[int, Span]) -> None:
    """Under "See also" / "Related posts": the link lines that follow, up to 30.

    The section ends at the first line that does not look like a link title: prose,
    another section heading, a line starting in lower case (a sentence fragment), or a
    long line that is not a truncated teaser.
    """
    i = 0
    while i < len(lines):
        heading = re.sub(r"[:\s]+$", "", lines[i].stripped).lower()
        i += 1
        if heading not in NAV_SECTION_HEADINGS:
            continue
        spans.setdefault(i - 1, _line_span(lines[i - 1], "menu word"))
        taken = 0
        while i < len(lines) and taken < 30:
            ln = lines[i]
            text = ln.stripped
            if text and not _is_link_title(ln):
                break
            if text and not re.fullmatch(r"[.,;:]+", text):
                spans.setdefault(i, _line_span(ln, "link list"))
                taken += 1
            i += 1


def _is_link_title(line: Line) -> bool:
    text = line.stripped
    if is_prose(line) or _is_section_heading(text) or text[:1].islower():
        return False
    return len(text.split()) <= 12 or text.endswith(("...", "…"))


def _is_section_heading(text: str) -> bool:
    return is_heading_like(text) and text.lower() in END_MATTER_HEADINGS


def _empty_footer_headings(lines: list[Line], spans: dict[int, Span], last: int) -> None:
    """After the body, bare headings that run into an end-matter heading head nothing.

    Wiki mirrors keep the headings of sections whose content (tables, quoted documents)
    was lost in extraction: "Text of the agreement", "Text of the statement", then "See also".
    Only blank-line-separated, plain-word headings count, and only when the run ends at
    a "See also"/"References"-style heading: a run that ends the page is more often a
    list (tour dates, credits) than dead headings.
    """
    run: list[Line] = []
    for ln in lines[last + 1 :]:
        text = ln.stripped
        if not text:
            continue
        heading = re.sub(r"[:\s]+$", "", text).lower()
        if heading in END_MATTER_HEADINGS or heading in NAV_SECTION_HEADINGS:
            for h in run:
                spans.setdefault(h.index, _line_span(h, "empty section heading"))
            spans.setdefault(ln.index, _line_span(ln, "menu word"))
            run = []
        elif (
            ln.index not in spans
            and _PLAIN_HEADING.match(text)
            and (not run or _blank_between(lines, run[-1], ln))
        ):
            run.append(ln)
        else:
            run = []


#: Up to 6 plain words, capitalised first: no digits, no punctuation beyond hyphens.
_PLAIN_HEADING = re.compile(r"^[^\W\d_][\w'’–-]*(?: [^\W\d_][\w'’–-]*){0,5}$")


def _blank_between(lines: list[Line], a: Line, b: Line) -> bool:
    return any(not lines[i].stripped for i in range(a.index + 1, b.index))


def _templates(lines: list[Line], done: set[int]) -> list[Span]:
    """``{{...}}`` templates, and an unclosed ``{{`` or ``[[Category:`` to line end."""
    out: list[Span] = []
    for ln in lines:
        if ln.index in done or ("{{" not in ln.text and "[[" not in ln.text):
            continue
        text = ln.text
        pos = 0
        while pos < len(text):
            closed = _TEMPLATE.search(text, pos)
            opened = _OPEN_TEMPLATE.search(text, pos)
            if opened is None:
                break
            if closed is not None and closed.start() == opened.start():
                out.append(
                    Span(
                        ln.start + closed.start(),
                        ln.start + closed.end(),
                        "boilerplate",
                        "wiki template",
                    )
                )
                pos = closed.end()
                continue
            # Unclosed: the rest of the line is debris; if only bullets precede it, the
            # whole line is.
            begin = opened.start()
            if not re.sub(_BULLET, "", text[:begin]).strip():
                begin = len(text) - len(text.lstrip())
            out.append(Span(ln.start + begin, ln.content_end, "boilerplate", "wiki template"))
            break
    return out
