"""Clean rendered course HTML: course text is trusted less than code.

Trainers may write raw HTML in Markdown; whatever could run script, load
frames or restyle the page is removed here, whatever a lesson needs stays.
"""

from __future__ import annotations

from typing import Callable

import nh3

ALLOWED_TAGS = {
    "p", "br", "hr", "h1", "h2", "h3", "h4", "h5", "h6",
    "strong", "em", "b", "i", "u", "s", "del", "ins", "mark", "small", "sub", "sup", "abbr", "kbd", "q", "cite",
    "code", "pre", "blockquote", "ul", "ol", "li", "dl", "dt", "dd",
    "table", "thead", "tbody", "tfoot", "tr", "th", "td", "caption",
    "a", "img", "figure", "figcaption", "span", "div",
}
ALLOWED_ATTRIBUTES = {
    # lang and dir let a lesson quote a sentence in another language or script.
    "*": {"lang", "dir", "title"},
    "a": {"href"},  # rel is set by the sanitiser itself
    "img": {"src", "alt", "width", "height"},
    "th": {"style", "colspan", "rowspan", "scope"},
    "td": {"style", "colspan", "rowspan"},
    "ol": {"start"},
    "code": {"class"},  # language-xxx from fenced code blocks
    **{f"h{level}": {"id"} for level in range(1, 7)},  # targets for #anchor links
}
# Tables get text-align from Markdown; nothing else in a style attribute survives.
ALLOWED_STYLE_PROPERTIES = {"text-align"}
ALLOWED_URL_SCHEMES = {"http", "https", "mailto", "tel"}  # relative URLs are allowed too
URL_ATTRIBUTES = {"href", "src"}
LINK_REL = "noopener noreferrer"


def sanitise_html(html: str, rewrite_url: Callable[[str], str] | None = None) -> str:
    """Remove everything unsafe from html; rewrite_url maps each allowed href/src to its served URL."""

    def filter_attribute(tag: str, attribute: str, value: str) -> str | None:
        if rewrite_url is not None and attribute in URL_ATTRIBUTES:
            return rewrite_url(value)
        return value

    return nh3.clean(
        html,
        tags=ALLOWED_TAGS,
        attributes=ALLOWED_ATTRIBUTES,
        url_schemes=ALLOWED_URL_SCHEMES,
        filter_style_properties=ALLOWED_STYLE_PROPERTIES,
        attribute_filter=filter_attribute,
        link_rel=LINK_REL,
        strip_comments=True,
    )


def strip_tags(html: str) -> str:
    """Keep only the text of html (still HTML-escaped)."""
    return nh3.clean(html, tags=set())
