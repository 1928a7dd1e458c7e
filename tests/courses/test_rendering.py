"""Rendering and sanitising: course text is trusted less than code."""

from __future__ import annotations

from sample_courses import messages, module

from signaal.courses.compiling import compile_course
from signaal.courses.source_lines import SourceLines
from signaal.courses.links import CourseLinks
from signaal.courses.rendering import Renderer, plain_text
from signaal.courses.sanitising import sanitise_html


def render(markdown: str, files=frozenset(), asset_url=None) -> tuple[str, list]:
    problems: list = []
    renderer = Renderer("courses/x/01-intro.md", CourseLinks(frozenset(files), asset_url), problems)
    return renderer.block(SourceLines(markdown.splitlines(), 1)), problems


# XSS attempts are neutralised


def test_script_and_style_are_removed_with_their_content():
    html = sanitise_html("<p>Hi</p><script>alert(1)</script><style>body{display:none}</style>")
    assert html == "<p>Hi</p>"


def test_event_handler_attributes_are_removed():
    html = sanitise_html('<img src="assets/a.png" onerror="alert(1)"><p onclick="alert(2)" onmouseover="x">t</p>')
    assert "onerror" not in html and "onclick" not in html and "onmouseover" not in html
    assert '<img src="assets/a.png">' in html


def test_javascript_and_data_urls_are_removed():
    html = sanitise_html(
        '<a href="javascript:alert(1)">a</a><a href="JaVa&#115;cript:alert(1)">b</a>'
        '<a href="java\tscript:alert(1)">c</a><img src="data:image/svg+xml;base64,PHN2Zz4=">'
    )
    assert "javascript" not in html.lower() and "script:" not in html and "data:" not in html


def test_iframes_objects_and_forms_are_removed():
    html = sanitise_html('<iframe src="https://evil.example"></iframe><object data="x"></object><form action="/x"><input name="p"></form>')
    assert "<iframe" not in html and "<object" not in html and "<form" not in html and "<input" not in html


def test_style_attributes_keep_only_text_align():
    html = sanitise_html('<table><tr><td style="text-align: right; position: fixed; background: url(x)">1</td></tr></table>')
    assert 'style="text-align:right"' in html


def test_raw_html_in_markdown_is_sanitised_but_safe_html_survives():
    html, _ = render('Text <span lang="pt" dir="ltr">obrigado</span> <b onclick="x">bold</b>\n\n<script>alert(1)</script>\n')
    assert '<span lang="pt" dir="ltr">obrigado</span>' in html
    assert "<b>bold</b>" in html
    assert "<script" not in html and "alert" not in html


def test_attr_list_cannot_add_event_handlers():
    html, _ = render("![map](assets/map.png){: onerror=\"alert(1)\" }\n", files={"assets/map.png"})
    assert "onerror" not in html and 'src="assets/map.png"' in html


def test_xss_in_a_published_page_is_neutralised_and_reported(write_course):
    folder = write_course({"01-intro.md": module("""\
        <script>alert(1)</script>
        <img src="assets/none.png" onerror="alert(2)">
        <iframe src="https://evil.example"></iframe>
        [x](javascript:alert(3))
    """)})
    compilation = compile_course(folder)
    assert compilation.course is None  # the javascript: link and the missing image are errors
    assert any("javascript: links are not allowed" in m for m in messages(compilation))


# What a lesson needs survives


def test_tables_survive_with_their_alignment():
    html, _ = render("| Sign | Where |\n|:-----|------:|\n| Debts | Home |\n")
    assert "<table>" in html and "<thead>" in html and "<th style=\"text-align:left\">Sign</th>" in html
    assert '<td style="text-align:right">Home</td>' in html


def test_images_keep_src_alt_and_title():
    html, problems = render('![A map](assets/map.png "The region")\n', files={"assets/map.png"})
    assert html == '<p><img alt="A map" src="assets/map.png" title="The region"></p>'
    assert problems == []


def test_links_keep_href_and_title_and_get_rel():
    html, _ = render('[ILO](https://www.ilo.org/ "ILO site")\n')
    assert html == '<p><a href="https://www.ilo.org/" title="ILO site" rel="noopener noreferrer">ILO</a></p>'


def test_headings_lists_quotes_code_and_rules_survive():
    html, _ = render("### Sub\n\n- one\n- two\n\n1. first\n\n> quoted\n\n`code` **strong** *em*\n\n---\n\n```\npre\n```\n")
    for fragment in ("<h3>Sub</h3>", "<ul>", "<ol>", "<li>one</li>", "<blockquote>", "<code>code</code>",
                     "<strong>strong</strong>", "<em>em</em>", "<hr>", "<pre><code>pre\n</code></pre>"):
        assert fragment in html


def test_line_breaks_survive():
    html, _ = render("first  \nsecond\n")
    assert "first<br>" in html


def test_asset_urls_are_rewritten_in_markdown_and_raw_html():
    html, _ = render(
        '![m](assets/map.png) <img src="./assets/map.png"> [pdf](assets/card.pdf#page=2)\n',
        files={"assets/map.png", "assets/card.pdf"},
        asset_url=lambda path: f"/courses/x/{path}",
    )
    assert html.count('src="/courses/x/assets/map.png"') == 2
    assert 'href="/courses/x/assets/card.pdf#page=2"' in html


def test_inline_rendering_has_no_wrapping_paragraph():
    problems: list = []
    renderer = Renderer("courses/x/01-intro.md", CourseLinks(frozenset()), problems)
    assert renderer.inline("The *employer* keeps `ID`", 5) == "The <em>employer</em> keeps <code>ID</code>"


def test_titles_are_plain_text():
    assert plain_text("Who is *vulnerable* & why?") == "Who is vulnerable & why?"
