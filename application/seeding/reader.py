"""Read data files the way `mongoimport` does.

A file is either one top-level JSON array (`--jsonArray`) or a stream of whitespace-separated
objects (mongoimport's default). Values may use MongoDB Extended JSON v2, canonical or
relaxed. What mongoimport refuses is refused here too, with the record number: shell syntax
such as `ObjectId(...)`, comments, single quotes, and a `$date` string without a time zone.
"""
import json
import re
from dataclasses import dataclass, field
from datetime import timezone

from bson import json_util
from bson.json_util import JSONOptions, JSONMode

JSON_OPTIONS = JSONOptions(json_mode=JSONMode.RELAXED, tz_aware=True, tzinfo=timezone.utc)
ISO_WITH_ZONE = re.compile(r"^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}(:?\d{2})?)$")
SHELL_SYNTAX = re.compile(r"\b(ObjectId|ISODate|NumberLong|NumberInt|NumberDecimal|new Date)\s*\(")


class ReadError(ValueError):
    """A file that mongoimport would not import; `record` is 1-based, or None; `field` names the value."""

    def __init__(self, message, record=None, field=""):
        super().__init__(message)
        self.record = record
        self.field = field


class _BadValue:
    """Stands where an Extended JSON value could not be decoded, so the record can name its field."""

    def __init__(self, reason):
        self.reason = reason


@dataclass
class ParsedFile:
    """The records of one file and the shape it had."""

    path: str
    shape: str
    records: list = field(default_factory=list)


def _hook(obj):
    """Decode one Extended JSON object; a date without a time zone or a malformed value becomes a _BadValue."""
    date = obj.get("$date") if len(obj) == 1 else None
    if isinstance(date, str) and not ISO_WITH_ZONE.match(date):
        return _BadValue(
            f'$date "{date[:40]}" has no time zone: write it as ISO-8601 with Z or an offset, '
            'e.g. "2026-09-01T00:00:00Z"'
        )
    try:
        return json_util.object_hook(obj, JSON_OPTIONS)
    except Exception as exc:  # bson raises several types for bad Extended JSON values
        return _BadValue(str(exc) or f"is not valid Extended JSON: {str(obj)[:60]}")


def _first_bad(value, path=""):
    """Return (field path, reason) of the first undecodable value inside value, or None."""
    if isinstance(value, _BadValue):
        return path, value.reason
    items = value.items() if isinstance(value, dict) else enumerate(value) if isinstance(value, list) else ()
    for key, inner in items:
        found = _first_bad(inner, f"{path}.{key}" if path else str(key))
        if found:
            return found
    return None


def _reject_constant(name):
    """Refuse NaN and Infinity, which are not JSON."""
    raise ValueError(f"{name} is not valid JSON")


DECODER = json.JSONDecoder(object_hook=_hook, parse_constant=_reject_constant)


def _position(text, index):
    """Return "line L, column C" for an index into text."""
    line = text.count("\n", 0, index) + 1
    column = index - (text.rfind("\n", 0, index) + 1) + 1
    return f"line {line}, column {column}"


def _explain(text, index, exc):
    """Turn a decoder failure at index into a message an operator can act on."""
    snippet = text[index : index + 40]
    shell = SHELL_SYNTAX.search(snippet) or SHELL_SYNTAX.search(text[max(0, index - 20) : index + 40])
    if shell:
        return (
            f"mongo shell syntax {shell.group(1)}(...) at {_position(text, index)}: "
            'use Extended JSON such as {"$oid": "..."} or {"$date": "...Z"}'
        )
    if snippet.startswith(("//", "/*")):
        return f"comment at {_position(text, index)}: JSON has no comments"
    if snippet.startswith("'"):
        return f"single quote at {_position(text, index)}: JSON strings use double quotes"
    reason = exc.msg if isinstance(exc, json.JSONDecodeError) else str(exc)
    return f"invalid JSON at {_position(text, index)}: {reason}"


def _decode_value(text, index, record):
    """Decode one JSON value at index; return (value, end)."""
    try:
        return DECODER.raw_decode(text, index)
    except json.JSONDecodeError as exc:
        raise ReadError(_explain(text, exc.pos, exc), record) from None
    except ValueError as exc:  # e.g. NaN, which JSON does not have
        raise ReadError(str(exc), record) from None


def _skip_space(text, index):
    """Return the index of the next non-whitespace character."""
    while index < len(text) and text[index] in " \t\r\n":
        index += 1
    return index


def parse_text(text, path="<text>"):
    """Parse a file's text into a ParsedFile, or raise ReadError."""
    if text.startswith("\ufeff"):
        text = text[1:]
    index = _skip_space(text, 0)
    if index == len(text):
        return ParsedFile(path, "empty")
    if text[index] == "[":
        return _parse_array(text, index, path)
    return _parse_stream(text, index, path)


def _parse_array(text, index, path):
    """Parse a `--jsonArray` file: exactly one top-level array of objects."""
    parsed = ParsedFile(path, "array")
    index = _skip_space(text, index + 1)
    if index < len(text) and text[index] == "]":
        index += 1
    else:
        while True:
            record = len(parsed.records) + 1
            value, index = _decode_value(text, index, record)
            parsed.records.append(_require_object(value, record))
            index = _skip_space(text, index)
            if index < len(text) and text[index] == ",":
                index = _skip_space(text, index + 1)
                continue
            if index < len(text) and text[index] == "]":
                index += 1
                break
            if text.startswith(("//", "/*", "'"), index):
                raise ReadError(_explain(text, index, ValueError("")), record)
            raise ReadError(f"expected , or ] after this record, at {_position(text, index)}", record)
    if _skip_space(text, index) != len(text):
        raise ReadError(
            f"text after the closing ] at {_position(text, _skip_space(text, index))}: "
            "a --jsonArray file holds exactly one array"
        )
    return parsed


def _parse_stream(text, index, path):
    """Parse mongoimport's default shape: objects separated by whitespace."""
    parsed = ParsedFile(path, "stream")
    while index < len(text):
        record = len(parsed.records) + 1
        value, index = _decode_value(text, index, record)
        parsed.records.append(_require_object(value, record))
        index = _skip_space(text, index)
    return parsed


def _require_object(value, record):
    """Return value when it is a JSON object with every value decoded, else raise ReadError."""
    if isinstance(value, _BadValue):
        raise ReadError(value.reason, record)
    if not isinstance(value, dict):
        raise ReadError(f"is a {type(value).__name__}, not an object", record)
    bad = _first_bad(value)
    if bad:
        raise ReadError(bad[1], record, bad[0])
    return value


def read_file(path):
    """Read and parse one data file, or raise ReadError."""
    try:
        with open(path, "rb") as handle:
            raw = handle.read()
    except OSError as exc:
        raise ReadError(f"cannot read: {exc.strerror}") from None
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        raise ReadError(f"not UTF-8 (byte {exc.start})") from None
    return parse_text(text, str(path))
