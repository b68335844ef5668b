"""Front matter in imported articles: read with a real parser, never taken as article text."""

from __future__ import annotations

from reader.text.front_matter import read_front_matter

YAML_ESSAY = """---
title: "Rivers: a history, in three parts"
authors:
  - name: Ana Lopez
  - name: Ben Okafor
date: 2023-10-05T09:30:00Z
site_name: The Long Read
canonical_url: https://example.org/rivers
lang: en-GB
tags: [water, history]
---
The river rose.[^1]
"""

TOML_POST = """+++
title = 'Bridges'
author = "Cai Wen"
date = 2024-03-12
[extra]
publisher = "ignored, nested"
+++

Bridges fall.
"""


def test_yaml_front_matter_gives_the_article_its_details() -> None:
    found = read_front_matter(YAML_ESSAY)
    assert found.kind == "YAML" and found.problem is None
    assert found.fields == {
        "title": "Rivers: a history, in three parts",
        "author": "Ana Lopez, Ben Okafor",
        "published": "2023-10-05",
        "publisher": "The Long Read",
        "url": "https://example.org/rivers",
        "language": "en-GB",
    }
    assert YAML_ESSAY[found.end:] == "The river rose.[^1]\n"


def test_toml_front_matter_and_crlf() -> None:
    found = read_front_matter(TOML_POST)
    assert found.kind == "TOML"
    assert found.fields == {"title": "Bridges", "author": "Cai Wen", "published": "2024-03-12"}
    assert TOML_POST[found.end:].strip() == "Bridges fall."
    crlf = YAML_ESSAY.replace("\n", "\r\n")
    found = read_front_matter(crlf)
    assert found.fields["title"] == "Rivers: a history, in three parts"
    assert crlf[found.end:].startswith("The river rose.")


def test_a_rule_is_not_front_matter_and_a_broken_block_is_reported() -> None:
    assert read_front_matter("---\nJust a rule, and text with no closing line.\n").end == 0
    assert read_front_matter("Text first.\n---\ntitle: x\n---\n").end == 0
    broken = "---\ntitle: [unclosed\n---\nBody.\n"
    found = read_front_matter(broken)
    assert found.fields == {} and found.problem is not None and "YAML" in found.problem
    assert broken[found.end:] == "Body.\n"
    assert read_front_matter("---\n- a list\n---\nBody.\n").problem is not None
