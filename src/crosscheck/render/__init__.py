"""Render: a :class:`Brief` as JSON (the public contract), Markdown or HTML.

Renderers are registered by format name in :data:`RENDERERS`; unknown names fail with
the list of valid ones.
"""

from __future__ import annotations

from collections.abc import Callable

from crosscheck.errors import UnknownChoiceError
from crosscheck.model import Brief
from crosscheck.render.html import brief_to_html
from crosscheck.render.json import brief_schema, brief_to_dict, brief_to_json
from crosscheck.render.markdown import brief_to_markdown

__all__ = ["RENDERERS", "brief_schema", "brief_to_dict", "render"]

RENDERERS: dict[str, Callable[[Brief], str]] = {
    "json": brief_to_json,
    "md": brief_to_markdown,
    "markdown": brief_to_markdown,
    "html": brief_to_html,
}


def render(brief: Brief, fmt: str) -> str:
    """The brief in the named format."""
    if fmt not in RENDERERS:
        raise UnknownChoiceError("format", fmt, RENDERERS)
    return RENDERERS[fmt](brief)
