"""The validator: one test per class of bad input, each asserting the message."""
from __future__ import annotations

import re
from pathlib import Path

import pytest

from rsitr.load import DatabaseError, load_database


def problems_for(papers_dir: Path) -> list[str]:
    with pytest.raises(DatabaseError) as info:
        load_database(papers_dir)
    return [str(p) for p in info.value.problems]


def edit(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text, f"{old!r} not in {path.name}"
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


def test_valid_fixture_loads(papers_dir: Path) -> None:
    db = load_database(papers_dir)
    assert [p.id for p in db.papers] == ["poe2024gamma", "roe2023beta", "doe2021alpha"]
    assert db.by_id["doe2021alpha"].authors[1].family == "Şahin"
    assert db.by_id["doe2021alpha"].added == "2026-01-02"


def test_author_without_family_name(papers_dir: Path) -> None:
    edit(papers_dir / "doe2021alpha.yaml", "family: Şahin", "family: null")
    assert problems_for(papers_dir) == [
        "papers/doe2021alpha.yaml:9: authors[1].family: expected a non-empty string, found null"]


def test_missing_required_field(papers_dir: Path) -> None:
    edit(papers_dir / "roe2023beta.yaml", "category: open-domain\n", "")
    assert problems_for(papers_dir) == [
        "papers/roe2023beta.yaml:3: category: expected a value (this field is required), found nothing"]


def test_id_differs_from_file_name(papers_dir: Path) -> None:
    edit(papers_dir / "roe2023beta.yaml", "id: roe2023beta", "id: roe2023betb")
    problems = problems_for(papers_dir)
    assert problems[0] == "papers/roe2023beta.yaml:3: id: expected the file name without .yaml ('roe2023beta'), found 'roe2023betb'"
    # The record's own result rows now name an id that no record has: reported too, each with its line.
    assert all("roe2023beta'" in p for p in problems[1:]) and len(problems) == 4


def test_duplicate_id_names_both_files(papers_dir: Path) -> None:
    (papers_dir / "roe2023beta.yaml").rename(papers_dir / "roe2023betb.yaml")
    edit(papers_dir / "poe2024gamma.yaml", "id: poe2024gamma", "id: roe2023beta")
    problems = problems_for(papers_dir)
    assert "papers/roe2023betb.yaml:3: id: expected a id no other paper has, found the same id as papers/poe2024gamma.yaml:3" in problems


def test_same_doi_arxiv_and_title_in_two_files(papers_dir: Path) -> None:
    edit(papers_dir / "roe2023beta.yaml", "doi: 10.5555/beta.2023", "doi: 10.5555/ALPHA.2021")
    edit(papers_dir / "roe2023beta.yaml", "pages: \"1-4\"", "arxiv: \"2401.00001\"")
    edit(papers_dir / "poe2024gamma.yaml", "title: Gamma Hashing for RS5M Retrieval",
         "title: \"alpha: a synthetic test record for image-text retrieval\"")
    problems = problems_for(papers_dir)
    assert "papers/roe2023beta.yaml:17: DOI: " not in problems
    assert any(p.startswith("papers/roe2023beta.yaml:") and "doi: expected a DOI no other paper has, found the same DOI as papers/doe2021alpha.yaml:17" in p for p in problems)
    assert any("arxiv: expected a arXiv id no other paper has, found the same arXiv id as papers/poe2024gamma.yaml:" in p for p in problems)
    assert any(p.startswith("papers/poe2024gamma.yaml:4: title: expected a title no other paper has, found the same title as papers/doe2021alpha.yaml:4") for p in problems)


@pytest.mark.parametrize("field, old, new, message", [
    ("venue", "venue: TGRS", "venue: TGSR", "venue: expected a venue defined in _meta/venues.yaml, found 'TGSR' (closest known: TGRS)"),
    ("category", "category: closed-domain", "category: closed", "category: expected a category defined in _meta/categories.yaml, found 'closed' (closest known: closed-domain)"),
    ("tag", "tags: [attention]", "tags: [atention]", "tags[0]: expected a tag defined in _meta/tags.yaml, found 'atention' (closest known: attention)"),
    ("dataset", "datasets: [rsicd, rsitmd]", "datasets: [rsicd, rsitdm]", "datasets[1]: expected a dataset defined in _meta/datasets.yaml, found 'rsitdm' (closest known: rsitmd"),
])
def test_unknown_vocabulary_value(papers_dir: Path, field: str, old: str, new: str, message: str) -> None:
    edit(papers_dir / "doe2021alpha.yaml", old, new)
    problems = problems_for(papers_dir)
    assert len(problems) == 1 and message in problems[0] and problems[0].startswith("papers/doe2021alpha.yaml:")


def test_malformed_doi_and_arxiv(papers_dir: Path) -> None:
    edit(papers_dir / "doe2021alpha.yaml", "doi: 10.5555/alpha.2021", "doi: https://doi.org/10.5555/alpha.2021")
    edit(papers_dir / "poe2024gamma.yaml", 'arxiv: "2401.00001"', 'arxiv: "arXiv:2401.00001v2"')
    assert problems_for(papers_dir) == [
        'papers/doe2021alpha.yaml:17: doi: expected a bare DOI like 10.1109/TGRS.2021.3078451, found "https://doi.org/10.5555/alpha.2021"',
        'papers/poe2024gamma.yaml:11: arxiv: expected an arXiv id like 2306.11029 (no version, no URL), found "arXiv:2401.00001v2"',
    ]


@pytest.mark.parametrize("year", [1989, 2999])
def test_year_out_of_range(papers_dir: Path, year: int) -> None:
    edit(papers_dir / "poe2024gamma.yaml", "year: 2024", f"year: {year}")
    [problem] = problems_for(papers_dir)
    assert re.fullmatch(rf"papers/poe2024gamma\.yaml:8: year: expected a year between 1990 and \d{{4}}, found {year}", problem)


def test_link_and_source_not_https(papers_dir: Path) -> None:
    edit(papers_dir / "doe2021alpha.yaml", "code: https://example.org/alpha", "code: http://example.org/alpha")
    edit(papers_dir / "doe2021alpha.yaml", "- https://example.org/alpha-source", "- ftp://example.org/x")
    assert problems_for(papers_dir) == [
        'papers/doe2021alpha.yaml:19: links.code: expected an https:// URL, found "http://example.org/alpha"',
        'papers/doe2021alpha.yaml:25: sources[0]: expected an http:// or https:// URL, found "ftp://example.org/x"',
    ]


def test_empty_title(papers_dir: Path) -> None:
    edit(papers_dir / "poe2024gamma.yaml", "title: Gamma Hashing for RS5M Retrieval", 'title: "  "')
    assert problems_for(papers_dir) == ["papers/poe2024gamma.yaml:4: title: expected a non-empty title, found only whitespace"]
    edit(papers_dir / "poe2024gamma.yaml", 'title: "  "', 'title: ""')
    assert problems_for(papers_dir) == ["papers/poe2024gamma.yaml:4: title: expected a non-empty string, found an empty string"]


def test_yaml_syntax_error(papers_dir: Path) -> None:
    edit(papers_dir / "poe2024gamma.yaml", "venue: arXiv", "venue: [arXiv")
    [problem] = problems_for(papers_dir)
    assert problem.startswith("papers/poe2024gamma.yaml:10: expected valid YAML, found a syntax error:")


def test_duplicate_key(papers_dir: Path) -> None:
    edit(papers_dir / "poe2024gamma.yaml", "year: 2024\n", "year: 2024\nyear: 2023\n")
    assert problems_for(papers_dir) == [
        "papers/poe2024gamma.yaml:9: year: expected each key once in a mapping, found 'year' again (first on line 8); "
        "YAML would silently keep only the last one"]


def test_not_utf8(papers_dir: Path) -> None:
    path = papers_dir / "poe2024gamma.yaml"
    path.write_bytes(path.read_bytes().replace("Allan".encode(), "All\xe9n".encode("latin-1")))
    assert problems_for(papers_dir) == [
        "papers/poe2024gamma.yaml:6: expected UTF-8 text, found byte 0xE9 that is not valid UTF-8 (save the file as UTF-8)"]


def test_unknown_field_and_wrong_type(papers_dir: Path) -> None:
    edit(papers_dir / "poe2024gamma.yaml", "year: 2024", 'year: "2024"\nvenu: arXiv')
    assert problems_for(papers_dir) == [
        'papers/poe2024gamma.yaml:8: year: expected an integer, found "2024"',
        "papers/poe2024gamma.yaml:9: venu: expected one of the known fields (id, title, authors, year, venue, category, method, "
        "volume, number, pages, article_number, doi, arxiv, arxiv_class, links, tags, datasets, summary, scope_note, added, "
            "sources, versions, related, unverified, checked, results), "
        "found unknown field 'venu'",
    ]


def test_stray_file_is_reported_not_ignored(papers_dir: Path) -> None:
    (papers_dir / "notes.yml").write_text("x: 1\n", encoding="utf-8")
    assert problems_for(papers_dir) == ["papers/notes.yml: expected only paper files named <id>.yaml here, found 'notes.yml'"]


def test_several_bad_files_reported_in_one_run(papers_dir: Path) -> None:
    edit(papers_dir / "doe2021alpha.yaml", "family: Şahin", "family: null")
    edit(papers_dir / "roe2023beta.yaml", "venue: IGARSS", "venue: NOPE")
    edit(papers_dir / "poe2024gamma.yaml", "year: 2024\n", "year: 2024\nyear: 2023\n")
    problems = problems_for(papers_dir)
    assert [p.split(":")[0] for p in problems] == [
        "papers/doe2021alpha.yaml", "papers/poe2024gamma.yaml", "papers/roe2023beta.yaml"]


def test_recall_out_of_range(papers_dir: Path) -> None:
    edit(papers_dir / "doe2021alpha.yaml", "t2i_r10: 31.0", "t2i_r10: 131.0")
    problems = problems_for(papers_dir)
    assert "papers/doe2021alpha.yaml:37: results[0].t2i_r10: expected a percentage between 0 and 100, found 131.0" in problems


def test_recalls_not_monotonic(papers_dir: Path) -> None:
    edit(papers_dir / "doe2021alpha.yaml", "i2t_r5: 20.0", "i2t_r5: 40.0")
    problems = problems_for(papers_dir)
    assert problems[0] == "papers/doe2021alpha.yaml:32: results[0].i2t_r1: expected i2t R@1 <= R@5 <= R@10, found 10.0 / 40.0 / 30.0"


def test_inconsistent_mr_needs_a_note(papers_dir: Path) -> None:
    edit(papers_dir / "doe2021alpha.yaml", "mr: 20.5", "mr: 20.6")
    assert problems_for(papers_dir) == [
        "papers/doe2021alpha.yaml:38: results[0].mr: expected the mean of the six recalls (20.50) within 0.01, found 20.6; "
        "if the source prints this value, keep it and add a `note` saying so"]
    edit(papers_dir / "doe2021alpha.yaml", "mr: 20.6", "mr: 20.6\n    note: Printed as 20.6 in Table 2.")
    assert load_database(papers_dir).by_id["doe2021alpha"].results[0].shown_mr == 20.6


def test_result_source_must_be_a_known_paper(papers_dir: Path) -> None:
    edit(papers_dir / "doe2021alpha.yaml", "source: {paper: doe2021alpha", "source: {paper: doe2021alfa")
    assert problems_for(papers_dir) == [
        "papers/doe2021alpha.yaml:39: results[0].source.paper: expected the id of a paper in the database, found "
        "'doe2021alfa' (closest known: doe2021alpha, poe2024gamma, roe2023beta)"]


def test_likely_duplicate_author_is_flagged_until_listed(papers_dir: Path) -> None:
    edit(papers_dir / "poe2024gamma.yaml", "  - given: Edgar Allan\n    family: Poe", "  - given: Edgar Allan\n    family: Poe\n  - given: J.\n    family: Doe")
    assert problems_for(papers_dir) == [
        "papers/doe2021alpha.yaml:6: authors[0]: expected one spelling per person, found 'Jane Doe' here and 'J. Doe' in "
        "papers/poe2024gamma.yaml:8, which look like the same person; list them in _meta/authors.yaml as aliases (people) "
        "or as distinct people (distinct)"]
    meta = papers_dir / "_meta" / "authors.yaml"
    meta.write_text("people:\n  - name: Jane Doe\n    aliases: [J. Doe]\ndistinct: []\n", encoding="utf-8")
    db = load_database(papers_dir)
    assert db.people.name_of(db.by_id["poe2024gamma"].authors[1]) == "Jane Doe"
    meta.write_text("people: []\ndistinct:\n  - [J. Doe, Jane Doe]\n", encoding="utf-8")
    assert load_database(papers_dir).people.name_of(db.by_id["poe2024gamma"].authors[1]) == "J. Doe"


def test_different_given_names_are_not_flagged(papers_dir: Path) -> None:
    edit(papers_dir / "poe2024gamma.yaml", "  - given: Edgar Allan\n    family: Poe", "  - given: Edgar Allan\n    family: Poe\n  - given: John\n    family: Doe")
    load_database(papers_dir)


# -- versions, verification marks, source kinds, related records, rejected candidates -----------------


def test_fixture_versions_marks_and_sources_load(papers_dir: Path) -> None:
    gamma = load_database(papers_dir).by_id["poe2024gamma"]
    assert [(v.venue.short, v.arxiv) for v in gamma.versions] == [("arXiv", "2401.00001v1")]
    assert gamma.unverified_reason("authors", ).startswith("Only the lab page")
    assert [(s.kind.slug, s.kind.primary) for s in gamma.sources] == [("publisher", True), ("lab", False)]
    assert gamma.checked and gamma.checked.date == "2026-12-02"


def test_unverified_mark_without_reason(papers_dir: Path) -> None:
    edit(papers_dir / "poe2024gamma.yaml", '  authors: "Only the lab page lists the authors; <b>the arXiv page</b> could not be read."',
         '  authors: ""\n  year: null')
    assert problems_for(papers_dir) == [
        "papers/poe2024gamma.yaml:27: unverified.authors: expected a non-empty string, found an empty string",
        "papers/poe2024gamma.yaml:28: unverified.year: expected a non-empty string, found null"]


def test_unverified_mark_for_a_field_the_record_lacks(papers_dir: Path) -> None:
    edit(papers_dir / "poe2024gamma.yaml", "unverified:\n", "unverified:\n  pages: The upstream list gives pages 1-4.\n")
    assert problems_for(papers_dir) == [
        "papers/poe2024gamma.yaml:27: unverified.pages: expected a field this record has, found a mark for 'pages', "
        "which the record does not set"]


def test_version_without_identifier_and_with_unknown_venue(papers_dir: Path) -> None:
    edit(papers_dir / "poe2024gamma.yaml", '    venue: arXiv\n    arxiv: "2401.00001v1"\n', "    venue: ArXiv\n")
    assert problems_for(papers_dir) == [
        "papers/poe2024gamma.yaml:21: versions[0]: expected one of arxiv, doi or url naming this version, found none",
        "papers/poe2024gamma.yaml:23: versions[0].venue: expected a venue defined in _meta/venues.yaml, found 'ArXiv' (closest known: arXiv)"]


def test_version_with_malformed_arxiv_id(papers_dir: Path) -> None:
    edit(papers_dir / "poe2024gamma.yaml", 'arxiv: "2401.00001v1"', 'arxiv: "arXiv:2401.00001"')
    assert problems_for(papers_dir) == [
        "papers/poe2024gamma.yaml:24: versions[0].arxiv: expected text matching ^\\d{4}\\.\\d{4,5}(v\\d+)?$, found \"arXiv:2401.00001\""]


def test_arxiv_id_that_belongs_to_another_records_version(papers_dir: Path) -> None:
    # The beta record claims the arXiv id that gamma lists as one of its own versions.
    edit(papers_dir / "roe2023beta.yaml", 'pages: "1-4"', 'pages: "1-4"\narxiv: "2401.00001"')
    problems = problems_for(papers_dir)
    assert problems == [
        "papers/roe2023beta.yaml:12: arxiv: expected a arXiv id no other paper has, found the same arXiv id as "
        "papers/poe2024gamma.yaml:11"]
    edit(papers_dir / "poe2024gamma.yaml", 'arxiv: "2401.00001"\narxiv_class', 'arxiv_class')
    problems = problems_for(papers_dir)
    assert any(p.startswith("papers/roe2023beta.yaml:12: arxiv: expected a arXiv id no other paper has, found the same "
                            "arXiv id as papers/poe2024gamma.yaml:23 (an arXiv id or DOI belongs to one work: link separate "
                            "works with `related`)") for p in problems), problems


def test_source_on_the_arxiv_page_of_another_paper(papers_dir: Path) -> None:
    edit(papers_dir / "poe2024gamma.yaml", "  - https://lab.example.net/gamma", "  - https://arxiv.org/abs/2204.08707v1")
    assert problems_for(papers_dir) == [
        "papers/poe2024gamma.yaml:18: sources[1]: expected an arXiv page of this paper (its arXiv id or a listed version: "
        "2401.00001), found arXiv 2204.08707, which is another paper or an unlisted version"]


def test_denied_source_host(papers_dir: Path) -> None:
    edit(papers_dir / "roe2023beta.yaml", "  - https://example.org/beta-source", "  - https://example.org/beta-source\n"
         "  - https://mirror.example.info/abs/2401.00001")
    assert problems_for(papers_dir) == [
        "papers/roe2023beta.yaml:18: sources[1]: expected a source that is not denied, found 'mirror.example.info', denied "
        "in _meta/sources.yaml (unofficial mirror of arXiv pages); cite the publisher, arXiv or official repository instead"]


def test_unknown_source_host(papers_dir: Path) -> None:
    edit(papers_dir / "roe2023beta.yaml", "  - https://example.org/beta-source", "  - https://unknown.example.com/beta")
    assert problems_for(papers_dir) == [
        "papers/roe2023beta.yaml:17: sources[0]: expected a source on a host classified in _meta/sources.yaml, found "
        "unknown host 'unknown.example.com'; add it there under the kind it is"]


def test_record_resting_only_on_aggregators(papers_dir: Path) -> None:
    # A curated list on github.com is an aggregator: the path rule wins over github.com's repository rule.
    edit(papers_dir / "roe2023beta.yaml", "  - https://example.org/beta-source",
         "  - https://aggregator.example.com/beta\n  - https://github.com/someone/awesome-list")
    assert problems_for(papers_dir) == [
        "papers/roe2023beta.yaml:16: sources: expected at least one primary source (publisher or DOI, arXiv, proceedings "
        "or index, official repository) or an `unverified` mark naming the fields that rest on weaker sources, found only: "
        "aggregator or mirror"]
    edit(papers_dir / "roe2023beta.yaml", "sources:\n", "unverified:\n  title: Only aggregators list this paper.\nsources:\n")
    assert load_database(papers_dir).by_id["roe2023beta"].has_primary_source is False


RELATED_GAMMA = "related:\n  - paper: roe2023beta\n    note: The conference paper this preprint extends.\n"
RELATED_BETA = "related:\n  - paper: poe2024gamma\n    note: A longer preprint that extends this paper.\n"


def add_related_pair(papers_dir: Path) -> None:
    edit(papers_dir / "poe2024gamma.yaml", "unverified:\n", RELATED_GAMMA + "unverified:\n")
    with (papers_dir / "roe2023beta.yaml").open("a", encoding="utf-8") as handle:
        handle.write(RELATED_BETA)


def test_related_records_link_each_other(papers_dir: Path) -> None:
    add_related_pair(papers_dir)
    db = load_database(papers_dir)
    assert [r.paper for r in db.by_id["poe2024gamma"].related] == ["roe2023beta"]
    assert [r.paper for r in db.by_id["roe2023beta"].related] == ["poe2024gamma"]


def test_related_link_must_exist_and_point_back(papers_dir: Path) -> None:
    add_related_pair(papers_dir)
    edit(papers_dir / "roe2023beta.yaml", "  - paper: poe2024gamma", "  - paper: poe2024gama")
    assert problems_for(papers_dir) == [
        "papers/poe2024gamma.yaml:27: related[0].paper: expected papers/roe2023beta.yaml to link back to 'poe2024gamma' "
        "under `related`, found no such link there",
        "papers/roe2023beta.yaml:54: related[0].paper: expected the id of a paper in the database, found 'poe2024gama' "
        "(closest known: poe2024gamma, doe2021alpha, roe2023beta)"]


def test_rejected_candidate_that_is_also_a_record(papers_dir: Path) -> None:
    edit(papers_dir / "_meta" / "rejected.yaml", 'arxiv: "2001.00001"', 'arxiv: "2401.00001"')
    assert problems_for(papers_dir) == [
        "papers/_meta/rejected.yaml:4: [0].arxiv: expected a paper that is not listed, found the same arXiv id as "
        "papers/poe2024gamma.yaml:11; remove one of the two"]


def test_rejected_candidate_needs_a_known_reason(papers_dir: Path) -> None:
    edit(papers_dir / "_meta" / "rejected.yaml", "reason: out-of-scope", "reason: boring")
    assert problems_for(papers_dir) == [
        "papers/_meta/rejected.yaml:5: [0].reason: expected one of out-of-scope, unverifiable, found \"boring\""]


def test_incomplete_source_kind_is_reported_not_a_crash(papers_dir: Path) -> None:
    edit(papers_dir / "_meta" / "sources.yaml", "    title: Lab or author page\n", "")
    assert problems_for(papers_dir) == [
        "papers/_meta/sources.yaml:15: kinds[3].title: expected a value (this field is required), found nothing",
        "papers/_meta/sources.yaml:26: hosts.lab: expected a kind listed under kinds (publisher, arxiv, repository, "
        "aggregator), found 'lab'"]


# Result rows: setting, encoders, pre-training, reported_by and the metric set of each kind.

def test_result_rows_carry_comparability_fields(papers_dir: Path) -> None:
    db = load_database(papers_dir)
    beta, vse = db.by_id["roe2023beta"].results
    assert (beta.setting, beta.image_encoder, beta.text_encoder, beta.pretraining, beta.origin) == (
        "peft", "vit-b-32", "clip-text", ("openai-wit",), "own")
    assert (vse.pretraining, vse.reported_by, vse.origin) == ((), "roe2023beta", "rerun")
    assert db.by_id["doe2021alpha"].results[0].origin == "unstated"
    hashing = [r for r in db.by_id["poe2024gamma"].results if r.kind == "hashing"]
    assert [(r.bits, r.map_at, r.i2t_map) for r in hashing] == [(16, 20, 60.5), (64, 20, 70.25), (64, 20, 50.0)]


def test_result_row_needs_a_setting_from_the_list(papers_dir: Path) -> None:
    edit(papers_dir / "doe2021alpha.yaml", "    setting: fine-tuned\n", "    setting: finetuned\n")
    problems = problems_for(papers_dir)
    assert len(problems) == 1 and problems[0].startswith("papers/doe2021alpha.yaml:30: results[0].setting: expected one of")


def test_encoders_and_pretraining_come_from_their_vocabularies(papers_dir: Path) -> None:
    edit(papers_dir / "roe2023beta.yaml", "image_encoder: vit-b-32", "image_encoder: vit-b-23")
    edit(papers_dir / "roe2023beta.yaml", "text_encoder: clip-text", "text_encoder: resnet-18")
    edit(papers_dir / "roe2023beta.yaml", "pretraining: [openai-wit]", "pretraining: [openai-wlt]")
    assert problems_for(papers_dir) == [
        "papers/roe2023beta.yaml:24: results[0].image_encoder: expected an encoder of _meta/encoders.yaml, found "
        "'vit-b-23' (closest known: vit-b-32)",
        "papers/roe2023beta.yaml:25: results[0].text_encoder: expected an encoder of modality 'text', found 'resnet-18', whose modality is 'image'",
        "papers/roe2023beta.yaml:26: results[0].pretraining[0]: expected data named in _meta/pretraining.yaml, found "
        "'openai-wlt' (closest known: openai-wit)"]


def test_zero_shot_row_must_name_its_pretraining(papers_dir: Path) -> None:
    edit(papers_dir / "poe2024gamma.yaml", "    pretraining: [openai-wit]\n", "")
    assert problems_for(papers_dir) == [
        "papers/poe2024gamma.yaml:32: results[0].pretraining: expected the pre-training data of a zero-shot row, "
        "found no pretraining"]


def test_pretraining_and_extra_data_must_agree(papers_dir: Path) -> None:
    edit(papers_dir / "roe2023beta.yaml", "reported_by: roe2023beta\n    extra_data: false", "reported_by: roe2023beta\n    extra_data: true")
    problems = problems_for(papers_dir)
    assert problems == ["papers/roe2023beta.yaml:44: results[1].extra_data: expected extra_data: false for a row with "
                        "pretraining: none, found true"]


def test_reported_by_names_own_or_a_known_paper(papers_dir: Path) -> None:
    edit(papers_dir / "roe2023beta.yaml", "reported_by: roe2023beta", "reported_by: roe2023bet")
    assert problems_for(papers_dir) == [
        "papers/roe2023beta.yaml:43: results[1].reported_by: expected 'own' or the id of the paper that re-ran the method, "
        "found 'roe2023bet' (closest known: roe2023beta)"]


def test_row_mixing_metric_sets_is_refused(papers_dir: Path) -> None:
    edit(papers_dir / "poe2024gamma.yaml", "i2t_map: 60.5, t2i_map: 61.0,", "i2t_map: 60.5, t2i_map: 61.0, i2t_r1: 3.0,")
    edit(papers_dir / "doe2021alpha.yaml", "    i2t_r10: 30.0\n", "    i2t_r10: 30.0\n    bits: 64\n")
    edit(papers_dir / "poe2024gamma.yaml", "bits: 64, map_at: 20, setting: fine-tuned, extra_data: false,\n     i2t_map: 50.0,",
         "map_at: 20, setting: fine-tuned, extra_data: false,\n     i2t_map: 50.0,")
    assert problems_for(papers_dir) == [
        "papers/doe2021alpha.yaml:35: results[0].bits: expected only metrics of kind 'retrieval' (i2t_r1, i2t_r5, i2t_r10, "
        "t2i_r1, t2i_r5, t2i_r10, mr), found 'bits', a metric of kind 'hashing'",
        "papers/poe2024gamma.yaml:45: results[1].i2t_r1: expected only metrics of kind 'hashing' (i2t_map, t2i_map, "
        "i2a_map, a2i_map, bits, map_at), found 'i2t_r1', a metric of kind 'retrieval'",
        "papers/poe2024gamma.yaml:48: results[3]: expected 'bits' on a row of kind 'hashing', found no 'bits'"]


def test_row_with_an_incomplete_metric_group_is_refused(papers_dir: Path) -> None:
    edit(papers_dir / "poe2024gamma.yaml", "i2t_map: 60.5, t2i_map: 61.0,", "i2t_map: 60.5,")
    edit(papers_dir / "doe2021alpha.yaml", "    t2i_r10: 31.0\n", "")
    assert problems_for(papers_dir) == [
        "papers/doe2021alpha.yaml:27: results[0]: expected the whole metric group i2t_r1, i2t_r5, i2t_r10, t2i_r1, "
        "t2i_r5, t2i_r10, found no t2i_r10",
        "papers/poe2024gamma.yaml:44: results[1]: expected the whole metric group i2t_map, t2i_map, found no t2i_map"]


def test_source_rules_found_by_host_match_a_scan_of_every_rule() -> None:
    """The host index gives the rule a scan of the whole list gives: denied first, else the most specific."""
    from urllib.parse import urlsplit

    import yaml

    from rsitr.sourcekinds import HostRule, SourceRules

    papers = Path(__file__).resolve().parent.parent / "papers"
    data = yaml.safe_load((papers / "_meta" / "sources.yaml").read_text(encoding="utf-8"))
    rules = SourceRules(rules=[HostRule(pattern, kind) for kind, patterns in data["hosts"].items() for pattern in patterns]
                        + [HostRule(item["host"], reason=item["reason"]) for item in data["denied"]])
    db = load_database(papers)

    def scanned(url: str):
        parts = urlsplit(url)
        host, path = (parts.hostname or "").lower(), parts.path.rstrip("/").lower()
        matching = [rule for rule in rules.rules if rule.matches(host, path)]
        denied = [rule for rule in matching if rule.kind is None]
        return denied[0] if denied else max(matching, key=lambda rule: rule.specificity, default=None)

    urls = [s.url for paper in db.papers for s in paper.sources] + [
        "https://arxiv.deeppaper.ai/abs/2401.00001", "https://www.arxiv.deeppaper.ai/x", "https://github.com/CVI-Lab/cvi-lab-website/blob/main/x",
        "https://github.com/cvi-lab/CVI-LAB-WEBSITE", "https://github.com/other/repo", "https://sub.ieeexplore.ieee.org/document/1",
        "https://notieeexplore.ieee.org.evil.example/", "https://example.invalid/", "not a url", "https://ORG/"]
    for url in urls:
        assert rules.match(url) is scanned(url), url
