"""Splitting a module into translatable segments, and rebuilding it from translations."""

from __future__ import annotations

import textwrap

from signaal.courses.segments import ALT, INLINE, TITLE, YAML_TITLE, module_segments, rebuild_module

MODULE = textwrap.dedent("""\
    ---
    title: Signs of exploitation
    minutes: 10
    ---

    Read the [ILO indicators](https://www.ilo.org/) and *think*.
    This line continues the paragraph.

    ## Documents {#documents}

    - A **passport** kept by the employer
    - Wages paid to
      someone else
    1. First step

    | Sign | Why |
    |:-----|:----|
    | A growing debt | The worker cannot leave |

    ![Where signs were reported](assets/map.png){: width=400 }

    `flask courses check`

    ```
    code is not translated
    ```

    ## Test yourself {.quiz}

    ### Is keeping a passport allowed? {#passport topic="documents"}
    - [ ] Yes, always
    - [x] No, it is a sign of *forced labour*

    > Keeping documents is an ILO indicator.
    >
    > See the [list](https://www.ilo.org/).
    """)


def test_every_kind_of_text_is_a_segment_with_its_line():
    segments = [(s.text, s.line, s.kind) for s in module_segments(MODULE)]
    assert segments == [
        ("Signs of exploitation", 2, YAML_TITLE),
        ("Read the [ILO indicators](https://www.ilo.org/) and *think*. This line continues the paragraph.", 6, INLINE),
        ("Documents", 9, TITLE),
        ("A **passport** kept by the employer", 11, INLINE),
        ("Wages paid to someone else", 12, INLINE),
        ("First step", 14, INLINE),
        ("Sign", 16, INLINE),
        ("Why", 16, INLINE),
        ("A growing debt", 18, INLINE),
        ("The worker cannot leave", 18, INLINE),
        ("Where signs were reported", 20, ALT),
        ("Test yourself", 28, TITLE),
        ("Is keeping a passport allowed?", 30, TITLE),
        ("Yes, always", 31, INLINE),
        ("No, it is a sign of *forced labour*", 32, INLINE),
        ("Keeping documents is an ILO indicator.", 34, INLINE),
        ("See the [list](https://www.ilo.org/).", 36, INLINE),
    ]


def test_code_addresses_marks_and_attributes_are_not_segments():
    texts = " ".join(s.text for s in module_segments(MODULE))
    for kept_out in ("flask courses check", "code is not translated", "[x]", "{#", "assets/map.png", "width=400", "|"):
        assert kept_out not in texts


def test_rebuilding_replaces_only_the_segments():
    rebuilt = rebuild_module(MODULE, lambda segment: f"«{segment.text}»")
    assert 'title: "«Signs of exploitation»"' in rebuilt
    assert "## «Documents» {#documents}" in rebuilt
    assert "- «A **passport** kept by the employer»" in rebuilt
    assert "- «Wages paid to someone else»" in rebuilt
    assert "1. «First step»" in rebuilt
    assert "| «Sign» | «Why» |\n|:-----|:----|\n| «A growing debt» | «The worker cannot leave» |" in rebuilt
    assert "![«Where signs were reported»](assets/map.png){: width=400 }" in rebuilt
    assert "`flask courses check`\n\n```\ncode is not translated\n```" in rebuilt
    assert "### «Is keeping a passport allowed?» {#passport topic=\"documents\"}" in rebuilt
    assert "- [ ] «Yes, always»\n- [x] «No, it is a sign of *forced labour*»" in rebuilt
    assert "> «Keeping documents is an ILO indicator.»\n>\n> «See the [list](https://www.ilo.org/).»" in rebuilt


def test_rebuilding_with_the_source_text_keeps_every_segment():
    rebuilt = rebuild_module(MODULE, lambda segment: segment.text)
    assert [s.text for s in module_segments(rebuilt)] == [s.text for s in module_segments(MODULE)]
