"""Render course Markdown to sanitised HTML: the one path for pages, prompts, options and explanations.

Every piece of course text goes Markdown → HTML → link check → sanitise (with
asset URLs rewritten), so no kind of text can skip the sanitiser.
"""

from __future__ import annotations

import html as html_lib
from dataclasses import dataclass
from pathlib import Path

import markdown

from .links import CourseLinks
from .problems import Problem
from .sanitising import sanitise_html, strip_tags
from .source_lines import SourceLines

MARKDOWN_EXTENSIONS = ["tables", "attr_list", "sane_lists", "fenced_code"]


@dataclass
class Renderer:
    """Renders the text of one file; problems found in it are reported against that file."""

    path: Path
    links: CourseLinks
    problems: list[Problem]

    def block(self, source: SourceLines) -> str:
        """Render Markdown paragraphs, lists, tables… as HTML."""
        return self.render(source, inline=False)

    def inline(self, text: str, line: int) -> str:
        """Render one line of Markdown as inline HTML, without a wrapping <p>."""
        return self.render(SourceLines([text], line), inline=True)

    def render(self, source: SourceLines, inline: bool) -> str:
        html = markdown_to_html("\n".join(source.lines))
        if inline:
            html = unwrap_paragraph(html)
        self.links.check(html, source, self.path, self.problems)
        return sanitise_html(html, self.links.served_url)


def markdown_to_html(text: str) -> str:
    # A fresh converter per call: Markdown instances keep state between documents.
    return markdown.markdown(text, extensions=MARKDOWN_EXTENSIONS, output_format="html")


def unwrap_paragraph(html: str) -> str:
    html = html.strip()
    if html.startswith("<p>") and html.endswith("</p>") and html.count("<p>") == 1:
        return html[3:-4]
    return html


def plain_text(text: str) -> str:
    """Render a heading's Markdown and keep only its text: titles are plain text, the template escapes them."""
    return html_lib.unescape(strip_tags(markdown_to_html(text))).strip()
