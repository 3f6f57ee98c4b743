"""JSON Schemas of the vocabulary files (the paper schema lives in papers/_meta/)."""
from __future__ import annotations

_URL = {"type": "string", "minLength": 1}
_TEXT = {"type": "string", "minLength": 1}

VENUES = {
    "type": "array",
    "items": {
        "type": "object",
        "additionalProperties": False,
        "required": ["short", "name", "kind", "publisher"],
        "properties": {
            "short": _TEXT,
            "name": _TEXT,
            "kind": {"enum": ["journal", "conference", "workshop", "preprint"]},
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
