"""The background Pagefind index: pages handed over one by one give the bundle the command would."""
from __future__ import annotations

import json

from rsitr.searchindex import BackgroundIndex, is_indexed, page_url

PAGE = """<!doctype html><html lang="en"><head><title>{title}</title></head>
<body><nav>Site navigation</nav><div data-pagefind-body><h1>{title}</h1><p>{text}</p></div></body></html>"""


def test_only_content_sections_are_indexed() -> None:
    assert is_indexed("papers/yuan2022remote/index.html")
    assert is_indexed("data/index.html")
    assert not is_indexed("venues/tgrs/index.html")
    assert not is_indexed("papers/yuan2022remote.bib")
    assert page_url("papers/yuan2022remote/index.html") == "/papers/yuan2022remote/"


def test_pages_added_in_the_background_are_written_as_one_bundle(tmp_path) -> None:
    index = BackgroundIndex(str(tmp_path / "pagefind"))
    index.add("papers/a/index.html", PAGE.format(title="Asymmetric retrieval", text="multiscale fusion"))
    index.add("papers/b/index.html", PAGE.format(title="Hashing remote sensing", text="binary codes"))
    assert index.write() == 2
    entry = json.loads((tmp_path / "pagefind" / "pagefind-entry.json").read_text())
    assert entry["languages"]["en"]["page_count"] == 2
    fragments = sorted((tmp_path / "pagefind" / "fragment").iterdir())
    assert len(fragments) == 2


def test_a_discarded_index_writes_nothing(tmp_path) -> None:
    index = BackgroundIndex(str(tmp_path / "pagefind"))
    index.add("papers/a/index.html", PAGE.format(title="Unfinished build", text="never written"))
    index.discard()
    assert not (tmp_path / "pagefind").exists()


def test_the_index_is_written_once_the_expected_pages_are_in(tmp_path) -> None:
    """With the page count known, the write starts at the last page; a page added later is still indexed."""
    index = BackgroundIndex(str(tmp_path / "pagefind"))
    index.expect(1)
    index.add("papers/a/index.html", PAGE.format(title="Early write", text="first page"))
    index.add("papers/b/index.html", PAGE.format(title="Late page", text="after the early write"))
    assert index.write() == 2
    entry = json.loads((tmp_path / "pagefind" / "pagefind-entry.json").read_text())
    assert entry["languages"]["en"]["page_count"] == 2


def test_a_bundle_path_outside_the_bundle_is_refused(tmp_path) -> None:
    import base64

    import pytest

    from rsitr.searchindex import SearchIndexError, write_bundle

    with pytest.raises(SearchIndexError, match="outside its bundle"):
        write_bundle(tmp_path / "pagefind", [{"path": "../escape.js", "content": base64.b64encode(b"x").decode()}])
    assert not (tmp_path / "escape.js").exists()
