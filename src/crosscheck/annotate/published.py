"""When a page says it was published, when its metadata does not.

Pages print their date as furniture near the top: a bare date line ("Mar 3, 2021"), a
byline ("Posted 14 January 2022 · 7 min read", "By admin | January 20, 2022"), or a
news dateline ("LISBON, Mar. 4, 2012 —"). The first such day-precise date in the head
of the page is taken; dates inside the article's sentences are facts, not the
publication date, and a "last modified" line at the foot is not read.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from crosscheck.annotate.dates import tag_dates
from crosscheck.model import Removal

#: Characters at the top of a page that may hold its date.
HEAD = 1500
_BYLINE = re.compile(r"^\W*(?:posted|published|updated|written|by\s+\S+)\b.{0,160}$",
                     re.IGNORECASE | re.MULTILINE)
_DATELINE = re.compile(r"^\W*[A-Z][A-Z .'’-]{2,40},\s+(?P<date>[^—–\n]{6,30}?)\s*(?:—|–|--|&mdash;)",
                       re.MULTILINE)


def published_from_text(raw: str, removals: Sequence[Removal]) -> str | None:
    """The page's own publication date (YYYY-MM-DD) from its head, or None."""
    head = raw[:HEAD]
    candidates: list[tuple[int, str]] = []
    for r in removals:
        if r.reason == "boilerplate" and r.start < HEAD:
            candidates.append((r.start, raw[r.start:r.end]))
    for pattern in (_BYLINE, _DATELINE):
        for match in pattern.finditer(head):
            candidates.append((match.start(), match.group("date") if "date" in pattern.groupindex
                               else match.group(0)))
    for _, text in sorted(candidates):
        for timex in tag_dates(text, None):
            if timex.type == "DATE" and timex.granularity == "day" and not timex.relative:
                return timex.value
    return None
