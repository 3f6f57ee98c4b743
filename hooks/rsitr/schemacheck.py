"""JSON Schema validation phrased as 'expected ..., found ...' problems."""
from __future__ import annotations

import re
from typing import Any

import jsonschema

from .yamlfile import FieldPath, Problem, YamlDocument, describe, format_path

_VALIDATORS: dict[str, jsonschema.Draft202012Validator] = {}  # by id() of a schema kept alive by its caller


def _validator(schema: dict[str, Any]) -> jsonschema.Draft202012Validator:
    key = str(id(schema))
    if key not in _VALIDATORS:
        _VALIDATORS[key] = jsonschema.Draft202012Validator(schema, format_checker=jsonschema.FormatChecker())
    return _VALIDATORS[key]


def schema_problems(doc: YamlDocument, schema: dict[str, Any], prefix: FieldPath = ()) -> list[Problem]:
    """Problems a JSON Schema finds in a document, one per error, located by line and field."""
    problems = []
    for error in _validator(schema).iter_errors(doc.data):
        path: FieldPath = prefix + tuple(error.absolute_path)
        expected, found = explain(error)
        if error.validator == "required":
            missing = re.match(r"'([^']+)'", error.message)
            path = path + ((missing.group(1),) if missing else ())
        elif error.validator == "additionalProperties" and isinstance(error.instance, dict) and "properties" in error.schema:
            extra = sorted(set(error.instance) - set(error.schema.get("properties", {})))
            for name in extra:
                problems.append(Problem(doc.display, doc.line(path + (name,)), format_path(path + (name,)),
                                        f"expected one of the known fields "
                                        f"({', '.join(error.schema.get('properties', {}))}), "
                                        f"found unknown field {name!r}"))
            continue
        problems.append(Problem(doc.display, doc.line(path), format_path(path), f"expected {expected}, found {found}"))
    return problems


def explain(error: jsonschema.ValidationError) -> tuple[str, str]:
    """The expected and found halves of a schema error message."""
    instance, schema, kind = error.instance, error.schema, error.validator
    if kind == "type":
        wanted = {"string": "a string", "integer": "an integer", "number": "a number",
                  "boolean": "true or false", "array": "a list", "object": "a mapping"}
        expected = wanted.get(str(error.validator_value), str(error.validator_value))
        if schema.get("minLength") and expected == "a string":
            expected = "a non-empty string"
        return expected, describe(instance)
    if kind == "minLength":
        return "a non-empty string", describe(instance)
    if kind == "maxLength":
        return f"at most {error.validator_value:,} characters", f"{len(instance):,} characters"
    if kind == "minItems":
        return f"at least {error.validator_value} item(s)", "an empty list"
    if kind == "required":
        return "a value (this field is required)", "nothing"
    if kind == "pattern":
        return f"text matching {error.validator_value}", describe(instance)
    if kind == "enum":
        return "one of " + ", ".join(map(str, error.validator_value)), describe(instance)
    if kind == "format":
        return f"a valid {error.validator_value} (e.g. 2024-01-31 for a date)", describe(instance)
    if kind == "uniqueItems":
        return "each item once", "a repeated item"
    if kind == "minimum":
        return f"a number >= {error.validator_value}", describe(instance)
    return error.message, describe(instance)
