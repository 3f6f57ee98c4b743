"""The page comparer used to check that the pre-rendering changed nothing a reader sees."""
from __future__ import annotations

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent / "benchmarks"))

from compare_sites import differences  # noqa: E402

PAGE = ('<html><head><title>{title}</title></head><body><article><h1 id="x">Title</h1>'
        '<p>{text} <a href="{href}">link</a></p></article></body></html>')


def test_whitespace_and_escaping_are_not_differences() -> None:
    old = PAGE.format(title="T", text="RSICD_optimal  data", href="../a/")
    new = PAGE.format(title="T", text="RSICD&#95;optimal\n data", href="../a/").replace("<p>", "\n<p>")
    assert differences(old, new) == []


def test_text_links_and_titles_are() -> None:
    old = PAGE.format(title="T", text="one", href="../a/")
    assert differences(old, PAGE.format(title="T", text="two", href="../a/"))[0].startswith("article text")
    assert "links differ" in differences(old, PAGE.format(title="T", text="one", href="../b/"))
    assert differences(old, PAGE.format(title="U", text="one", href="../a/")) == ["title differ"]
