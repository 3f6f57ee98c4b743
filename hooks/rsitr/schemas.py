"""JSON Schemas of the vocabulary files (the paper schema lives in papers/_meta/)."""
from __future__ import annotations

_URL = {"type": "string", "minLength": 1, "maxLength": 2000}
_TEXT = {"type": "string", "minLength": 1, "maxLength": 2000}

VENUES = {
    "type": "array",
    "items": {
        "type": "object",
        "additionalProperties": False,
        "required": ["short", "name", "kind", "publisher"],
        "properties": {
            "short": _TEXT,
            "name": _TEXT,
            "kind": {"enum": ["journal", "conference", "workshop", "preprint", "mastersthesis", "phdthesis"]},
            "publisher": _TEXT,
            "proceedings": _TEXT,
        },
    },
}

CATEGORIES = {
    "type": "array",
    "items": {
        "type": "object",
        "additionalProperties": False,
        "required": ["slug", "title", "definition"],
        "properties": {
            "slug": {"type": "string", "pattern": "^[a-z0-9]+(-[a-z0-9]+)*$"},
            "title": _TEXT,
            "definition": _TEXT,
        },
    },
}

TAGS = {
    "type": "object",
    "propertyNames": {"pattern": "^[a-z0-9]+(-[a-z0-9]+)*$"},
    "additionalProperties": _TEXT,
}

DATASETS = {
    "type": "array",
    "items": {
        "type": "object",
        "additionalProperties": False,
        "required": ["slug", "name"],
        "properties": {
            "slug": {"type": "string", "pattern": "^[a-z0-9]+(-[a-z0-9]+)*$"},
            "name": _TEXT,
            "year": {"type": "integer"},
            "images": {"type": "integer", "minimum": 1},
            "captions_per_image": {"type": "integer", "minimum": 1},
            "image_size": _TEXT,
            "paper": _TEXT,
            "link": _URL,
            "sources": {"type": "array", "items": _URL},
        },
    },
}

AUTHORS = {
    "type": "object",
    "additionalProperties": False,
    "properties": {
        "people": {
            "type": "array",
            "items": {
                "type": "object",
                "additionalProperties": False,
                "required": ["name", "aliases"],
                "properties": {"name": _TEXT, "aliases": {"type": "array", "minItems": 1, "items": _TEXT}},
            },
        },
        "distinct": {
            "type": "array",
            "items": {"type": "array", "minItems": 2, "items": _TEXT},
        },
    },
}

_SLUG = {"type": "string", "pattern": "^[a-z0-9]+(-[a-z0-9]+)*$"}
_HOST = {"type": "string", "pattern": "^[a-z0-9.-]+(:[0-9]+)?(/[^\\s]*)?$"}

SOURCES = {
    "type": "object",
    "additionalProperties": False,
    "required": ["kinds", "hosts", "denied"],
    "properties": {
        "kinds": {
            "type": "array",
            "minItems": 1,
            "items": {
                "type": "object",
                "additionalProperties": False,
                "required": ["slug", "title", "primary", "definition"],
                "properties": {"slug": _SLUG, "title": _TEXT, "primary": {"type": "boolean"}, "definition": _TEXT},
            },
        },
        "hosts": {"type": "object", "additionalProperties": {"type": "array", "items": _HOST}},
        "denied": {
            "type": "array",
            "items": {
                "type": "object",
                "additionalProperties": False,
                "required": ["host", "reason"],
                "properties": {"host": _HOST, "reason": _TEXT},
            },
        },
    },
}

SCOPE = {
    "type": "object",
    "additionalProperties": False,
    "required": ["summary", "included", "excluded", "weaker"],
    "properties": {
        "summary": _TEXT,
        "included": {"type": "array", "minItems": 1, "items": _TEXT},
        "excluded": {"type": "array", "items": _TEXT},
        "weaker": _TEXT,
    },
}

REJECTED = {
    "type": "array",
    "items": {
        "type": "object",
        "additionalProperties": False,
        "required": ["title", "reason", "note"],
        "properties": {
            "title": _TEXT,
            "year": {"type": "integer"},
            "arxiv": {"type": "string", "pattern": "^\\d{4}\\.\\d{4,5}$"},
            "doi": {"type": "string", "pattern": "^10\\.\\d{4,9}/\\S+$"},
            "url": {"type": "string", "pattern": "^https?://\\S+$"},
            "reason": {"enum": ["out-of-scope", "unverifiable"]},
            "note": _TEXT,
            "seen_in": {"type": "array", "items": _TEXT},
        },
    },
}

ENCODERS = {
    "type": "array",
    "items": {
        "type": "object",
        "additionalProperties": False,
        "required": ["slug", "name", "modality"],
        "properties": {"slug": _SLUG, "name": _TEXT, "modality": {"enum": ["image", "text", "audio"]}},
    },
}

PRETRAINING = {
    "type": "array",
    "items": {
        "type": "object",
        "additionalProperties": False,
        "required": ["slug", "name"],
        "properties": {"slug": {"type": "string", "pattern": "^(?!none$)[a-z0-9]+(-[a-z0-9]+)*$"}, "name": _TEXT},
    },
}

_TERM = {"type": "string", "minLength": 2, "maxLength": 80, "pattern": "^[^\"()]+$"}

WATCH = {
    "type": "object",
    "additionalProperties": False,
    "required": ["terms", "arxiv", "crossref"],
    "properties": {
        "terms": {
            "type": "array",
            "minItems": 1,
            "items": {
                "type": "object",
                "additionalProperties": False,
                "required": ["name", "any"],
                "properties": {"name": _TEXT, "any": {"type": "array", "minItems": 1, "items": _TERM}},
            },
        },
        "arxiv": {
            "type": "object",
            "additionalProperties": False,
            "required": ["categories"],
            "properties": {
                "categories": {"type": "array", "minItems": 1, "items": {"type": "string", "pattern": "^[a-z-]+\\.[A-Za-z-]+$"}},
                "max_results": {"type": "integer", "minimum": 1, "maximum": 2000},
            },
        },
        "crossref": {
            "type": "object",
            "additionalProperties": False,
            "required": ["query", "journals"],
            "properties": {
                "query": _TEXT,
                "journals": {
                    "type": "array",
                    "minItems": 1,
                    "items": {
                        "type": "object",
                        "additionalProperties": False,
                        "required": ["issn", "journal"],
                        "properties": {"issn": {"type": "string", "pattern": "^\\d{4}-\\d{3}[\\dX]$"}, "journal": _TEXT},
                    },
                },
                "max_results": {"type": "integer", "minimum": 1, "maximum": 1000},
            },
        },
    },
}
