"""The schema's identifiers are the same whatever language it is asked in, and they are ASCII.

A client generated from the Hebrew schema and one generated from the English schema must be the same
client: paths, operationIds, component names, property names, enum values, parameter names, tags
and security scheme names do not follow the language. Only what people read — descriptions, titles,
summaries — may be translated; they are stripped before the documents are compared (and a ``$ref``
that a description had to wrap in a one-item ``allOf`` is unwrapped again: that is the same type).

The language is asked for as clients do: ``Accept-Language`` (he, en, ar, or none), and drf-spectacular's
own ``?lang=`` query parameter (what the Swagger page offers).
"""

import json

import pytest
from rest_framework.test import APIClient

LANGUAGES = ("he", "en", "ar")
# How each variant is asked for: (query string, Accept-Language header).
VARIANTS = {
    **{f"Accept-Language: {lang}": ("", lang) for lang in LANGUAGES},
    "no Accept-Language": ("", None),
    **{f"?lang={lang}": (f"&lang={lang}", None) for lang in LANGUAGES if lang != "en"},
}
REFERENCE = "Accept-Language: en"
# Keys whose values are prose for people: translated, so left out of the comparison.
PROSE = frozenset({"description", "title", "summary"})


def fetch(query: str, language: str | None) -> dict:
    headers = {"HTTP_ACCEPT_LANGUAGE": language} if language else {}
    response = APIClient().get(f"/api/schema/?format=json{query}", **headers)
    assert response.status_code == 200, response.content[:300]
    return json.loads(response.content)


def without_prose(node, *, under_properties: bool = False):
    """The document without descriptions, titles and summaries (but a *property* called ``title``
    or ``description`` is an identifier, and stays)."""
    if isinstance(node, dict):
        stripped = {
            key: without_prose(value, under_properties=key == "properties" and not under_properties)
            for key, value in node.items()
            if under_properties or key not in PROSE
        }
        one_of_all = stripped.get("allOf")
        if not under_properties and isinstance(one_of_all, list) and len(one_of_all) == 1:
            only = one_of_all[0]
            if isinstance(only, dict) and set(only) == {"$ref"}:
                stripped = {**{k: v for k, v in stripped.items() if k != "allOf"}, **only}
        return stripped
    if isinstance(node, list):
        return [without_prose(item) for item in node]
    return node


def differences(left, right, where="$", limit=40) -> list[str]:
    """Where two JSON documents differ, as JSON paths (at most ``limit`` of them)."""
    found: list[str] = []

    def walk(a, b, at):
        if len(found) >= limit:
            return
        if isinstance(a, dict) and isinstance(b, dict):
            for key in sorted(set(a) | set(b), key=str):
                if key not in a:
                    found.append(f"{at}: only in the second: {key!r}")
                elif key not in b:
                    found.append(f"{at}: only in the first: {key!r}")
                else:
                    walk(a[key], b[key], f"{at}/{key}")
        elif isinstance(a, list) and isinstance(b, list) and len(a) == len(b):
            for index, (x, y) in enumerate(zip(a, b, strict=True)):
                walk(x, y, f"{at}[{index}]")
        elif a != b:
            found.append(
                f"{at}: {json.dumps(a, ensure_ascii=False)[:120]} != {json.dumps(b, ensure_ascii=False)[:120]}"
            )

    walk(left, right, where)
    return found


def identifiers(document: dict):
    """``(kind, where, identifier)`` for every name a generated client turns into code."""
    for path, item in document.get("paths", {}).items():
        yield "path", path, path
        for method, operation in item.items():
            if not isinstance(operation, dict):
                continue
            where = f"{method.upper()} {path}"
            if "operationId" in operation:
                yield "operationId", where, operation["operationId"]
            for tag in operation.get("tags", []):
                yield "tag", where, tag
            for parameter in operation.get("parameters", []) + item.get("parameters", []):
                if "name" in parameter:
                    yield "parameter", where, parameter["name"]
    for tag in document.get("tags", []):
        yield "tag", "tags", tag.get("name", "")
    for section, components in document.get("components", {}).items():
        for name, component in components.items():
            yield f"component ({section})", f"components/{section}", name
            if section == "parameters" and isinstance(component, dict) and "name" in component:
                yield "parameter", f"components/{section}/{name}", component["name"]
    yield from _schema_identifiers(document, "$")


def _schema_identifiers(node, where):
    """Property names, enum values, ``$ref`` targets, discriminators and required names, anywhere."""
    if isinstance(node, dict):
        for key, value in node.items():
            at = f"{where}/{key}"
            if key == "properties" and isinstance(value, dict):
                for name, schema in value.items():
                    yield "property", at, name
                    yield from _schema_identifiers(schema, f"{at}/{name}")
                continue
            if key == "enum" and isinstance(value, list):
                for item in value:
                    if isinstance(item, str):
                        yield "enum value", where, item
                continue
            if key == "required" and isinstance(value, list):
                for item in value:
                    if isinstance(item, str):
                        yield "required property", where, item
                continue
            if key == "$ref" and isinstance(value, str):
                yield "$ref", where, value
                continue
            if key == "discriminator" and isinstance(value, dict):
                yield "discriminator", where, value.get("propertyName", "")
                for mapped in value.get("mapping", {}):
                    yield "discriminator value", where, mapped
            if key in PROSE or key in {"example", "examples", "default"}:
                continue
            yield from _schema_identifiers(value, at)
    elif isinstance(node, list):
        for index, item in enumerate(node):
            yield from _schema_identifiers(item, f"{where}[{index}]")


@pytest.fixture(scope="module")
def schemas():
    return {name: fetch(*how) for name, how in VARIANTS.items()}


@pytest.mark.parametrize("variant", [name for name in VARIANTS if name != REFERENCE])
def test_the_schema_has_the_same_identifiers_in_every_language(schemas, variant):
    found = differences(without_prose(schemas[REFERENCE]), without_prose(schemas[variant]))
    assert not found, (
        f"The schema asked for with {REFERENCE} and with {variant} differ beyond descriptions, titles "
        f"and summaries (first {len(found)}; '$' is the first, the English one):\n" + "\n".join(found)
    )


@pytest.mark.parametrize("variant", list(VARIANTS))
def test_every_identifier_is_ascii(schemas, variant):
    bad = sorted(
        {
            f"{kind} at {where}: {name!r}"
            for kind, where, name in identifiers(schemas[variant])
            if not str(name).isascii()
        }
    )
    assert not bad, f"{len(bad)} identifiers are not ASCII ({variant}):\n" + "\n".join(bad[:60])


def test_the_comparison_sees_identifiers():
    """The helpers themselves: prose goes, identifiers stay (a property may be called ``title``)."""
    document = {
        "info": {"title": "x", "version": "1"},
        "components": {
            "schemas": {"A": {"description": "d", "properties": {"title": {"type": "string", "title": "t"}}}}
        },
    }
    assert without_prose(document) == {
        "info": {"version": "1"},
        "components": {"schemas": {"A": {"properties": {"title": {"type": "string"}}}}},
    }
    assert ("property", "$/components/schemas/A/properties", "title") in set(identifiers(document))
    wrapped = {"allOf": [{"$ref": "#/components/schemas/S"}], "description": "translated", "readOnly": True}
    assert without_prose(wrapped) == {"$ref": "#/components/schemas/S", "readOnly": True}
