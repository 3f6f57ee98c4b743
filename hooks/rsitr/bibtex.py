"""BibTeX entries built with bibtexparser's model and writer, ASCII-safe for pdflatex and biber."""
from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

import bibtexparser
from bibtexparser.library import Library
from bibtexparser.model import Entry, Field
from pylatexenc.latexencode import UnicodeToLatexEncoder

from .model import Paper

# Typographic characters BibTeX users write as plain ASCII ligatures rather than macros.
_ASCII_LIGATURES = str.maketrans({"\u2013": "--", "\u2014": "---", "\u2018": "`", "\u2019": "'",
                                  "\u201c": "``", "\u201d": "''", "\u00a0": "~"})
_SAFE_URL = re.compile(r"^https://[A-Za-z0-9:/.?=-]+$")
_FORMAT = bibtexparser.BibtexFormat()
_FORMAT.indent = "  "
_FORMAT.block_separator = "\n\n"
# Words that are proper nouns although written with one initial capital only.
PROPER_NOUNS = frozenset({
    "Earth", "Sydney", "Landsat", "Sentinel", "Google", "Arabic", "English", "Chinese", "French",
    "German", "Italian", "Spanish", "Transformer", "Transformers", "Bayesian", "Gaussian", "Hamming",
    "Wasserstein", "Markov", "Euclidean", "Riemannian", "Mamba", "Siamese", "Fourier", "Hilbert",
})


@lru_cache(maxsize=1)
def _encoder() -> UnicodeToLatexEncoder:
    return UnicodeToLatexEncoder(non_ascii_only=True, replacement_latex_protection="braces-all",
                                 unknown_char_policy="fail")


def latex_escape(text: str) -> str:
    """Unicode to ASCII LaTeX: braced accent macros ({\\"u}), -- for en dashes, special characters escaped."""
    text = text.replace("\\", "\x00")
    text = re.sub(r"([&%$#_{}])", r"\\\1", text)
    text = text.replace("~", r"\textasciitilde{}").replace("^", r"\textasciicircum{}")
    text = text.replace("\x00", r"\textbackslash{}").translate(_ASCII_LIGATURES)
    return text if text.isascii() else _encoder().unicode_to_latex(text)


def needs_case_protection(word: str) -> bool:
    """True for acronyms, mixed-case names (RemoteCLIP, GaLR), words with capitals and digits, proper nouns."""
    return any(c.isupper() for c in word[1:]) or word in PROPER_NOUNS or (
        word[0].isupper() and any(c.isdigit() for c in word))


# A word, or a hyphenated compound of words (NWPU-Captions, MLCA-Net, SAR-Narrator), protected as one unit.
_COMPOUND = re.compile(r"\w+(?:-\w+)*", re.UNICODE)


def protect_title(title: str, names: frozenset[str] = frozenset()) -> str:
    """Escape a title and brace what lowercasing styles must not touch: each word or hyphenated compound
    that is one of `names` (the record's method name) or holds a word that needs case protection."""
    out, position = [], 0
    for match in _COMPOUND.finditer(title):
        out.append(latex_escape(title[position:match.start()]))
        unit = match.group()
        escaped = latex_escape(unit)
        protect = any(c.isupper() for c in unit) and (
            unit in names or any(needs_case_protection(part) or part in names for part in unit.split("-")))
        out.append("{" + escaped + "}" if protect else escaped)
        position = match.end()
    out.append(latex_escape(title[position:]))
    return "".join(out)


def protected_names(paper: Paper) -> frozenset[str]:
    """Names the record itself knows must keep their case: its method's words (e.g. Convpass, Proposed)."""
    return frozenset(word for word in (paper.method or "").split() if any(c.isupper() for c in word))


def bibtex_fields(paper: Paper) -> tuple[str, list[tuple[str, str]]]:
    """Entry type and ordered (name, value) pairs of a paper's BibTeX entry, values unbraced."""
    authors = " and ".join(f"{latex_escape(a.family)}, {latex_escape(a.given)}" for a in paper.authors)
    venue = paper.venue
    fields: list[tuple[str, str | None]] = [("author", authors),
                                            ("title", protect_title(paper.title, protected_names(paper)))]
    if venue.kind == "journal":
        entry_type = "article"
        fields.append(("journal", latex_escape(venue.name)))
    elif venue.is_proceedings:
        entry_type = "inproceedings"
        fields.append(("booktitle", latex_escape(venue.proceedings or venue.name)))
    elif venue.is_thesis:
        entry_type = venue.kind  # mastersthesis or phdthesis, as BibTeX names them
        fields.append(("school", latex_escape(venue.publisher)))
    else:
        entry_type = "misc"
        if paper.arxiv:
            fields.append(("howpublished", f"arXiv preprint arXiv:{paper.arxiv}"))
    fields += [
        ("year", str(paper.year)),
        ("volume", paper.volume),
        # BibTeX styles warn about a number without a volume, and about volume and number together
        # outside journals (AAAI's proceedings have both); biblatex's `issue` keeps it silently.
        ("number" if paper.volume and entry_type == "article" else "issue", paper.number),
        # An article number goes in `pages` when there is no page range: every BibTeX style, biblatex,
        # pandoc and Typst print `pages`, while most ignore `eid` (see the Cite page).
        ("pages", paper.pages.replace("-", "--") if paper.pages else paper.article_number),
        ("eid", paper.article_number if paper.pages else None),
    ]
    if venue.is_proceedings and entry_type == "inproceedings":
        fields.append(("publisher", latex_escape(venue.publisher)))
    fields.append(("doi", paper.doi))
    if paper.arxiv:
        fields += [("eprint", paper.arxiv), ("archivePrefix", "arXiv"), ("primaryClass", paper.arxiv_class or "cs.CV")]
    # IEEEtran prints url as plain text unless the document loads the url package, so a URL with
    # TeX-special characters (_ % # & ~) would break a bare document: such URLs are left out.
    if paper.url and _SAFE_URL.match(paper.url):
        fields.append(("url", paper.url))
    return entry_type, [(name, value) for name, value in fields if value]


def _entry(paper: Paper) -> Entry:
    entry_type, fields = bibtex_fields(paper)
    return Entry(entry_type, paper.id, [Field(name, "{" + value + "}") for name, value in fields])


def bibtex_for(papers: list[Paper] | tuple[Paper, ...]) -> str:
    """BibTeX file text for `papers`, one entry each, in the given order, separated by a blank line."""
    return "\n".join(bibtex_entry(p) for p in papers)


def _ascii_fold(char: str) -> str:
    """ü -> u; a character with no ASCII base letter -> its code point (U+674E)."""
    base = unicodedata.normalize("NFKD", char).encode("ascii", "ignore").decode()
    return base or f"U+{ord(char):04X}"


def comment_line(label: str, value: str) -> str:
    """One '% label: value' line, ASCII, on one line, without '@' (BibTeX would start an entry there)."""
    flat = " ".join(f"{label}: {value}".split()).replace("@", "(at)").translate(_ASCII_LIGATURES)
    return "% " + "".join(c if c.isascii() else _ascii_fold(c) for c in flat) + "\n"


def bibtex_comments(paper: Paper) -> str:
    """Comment lines above an entry: fields marked unverified, and the work's other versions (never a second key)."""
    lines = [comment_line(f"Unverified {mark.name.replace('_', ' ')}", mark.reason) for mark in paper.unverified]
    lines += [comment_line("Other version", f"{v.venue.short} {v.year}, \"{v.title}\", {v.identifier}")
              for v in paper.versions]
    return "".join(lines)


@lru_cache(maxsize=None)
def bibtex_entry(paper: Paper) -> str:
    """The BibTeX entry of one paper with its comment lines, as the per-paper .bib file holds it (computed once per build)."""
    text = bibtexparser.write_string(Library([_entry(paper)]), unparse_stack=[], bibtex_format=_FORMAT)
    return bibtex_comments(paper) + text.strip() + "\n"
