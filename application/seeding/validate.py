"""Check every record against the documents before anything is written."""
from datetime import datetime

from bson import Decimal128, ObjectId
from mongoengine import fields as me
from mongoengine.errors import ValidationError

FIELD_TYPES = (
    (me.IntField, int, "a whole number", "write 3, not \"3\" or 3.0"),
    (me.StringField, str, "a string", "put the value in double quotes"),
    (me.DateTimeField, datetime, "a date", 'write {"$date": "2026-09-01T00:00:00Z"}'),
    (me.ObjectIdField, ObjectId, "an ObjectId", 'write {"$oid": "<24 hex digits>"}'),
)


class Problem:
    """One reason a file cannot be loaded: file, record (1-based), field and reason."""

    def __init__(self, filename, record, field, reason):
        self.filename, self.record, self.field, self.reason = filename, record, field, reason

    def __str__(self):
        where = self.filename
        if self.record is not None:
            where += f": record {self.record}"
        if self.field:
            where += f": {self.field}"
        return f"{where}: {self.reason}"


def _type_of(field):
    """Return (python type, description, fix) for a mongoengine field."""
    for field_class, python_type, described, fix in FIELD_TYPES:
        if isinstance(field, field_class):
            return python_type, described, fix
    return None, None, None


def _shown(value):
    """Return a short repr of a value for a message."""
    text = repr(value)
    return text if len(text) <= 40 else text[:37] + "..."


def _closest(name, names):
    """Return a hint naming the field the operator probably meant."""
    lowered = name.lower().replace("_", "")
    for candidate in names:
        plain = candidate.lower().replace("_", "")
        if lowered == plain or lowered in plain or plain in lowered:
            return f" (did you mean {candidate!r}?)"
    return ""


def check_types(spec, record):
    """Yield (field, reason) for every value whose JSON type does not match the document."""
    fields = spec.document._fields
    names = [name for name in fields if name != "id"]
    for name, value in record.items():
        if name == "_id":
            if not isinstance(value, ObjectId):
                yield name, f"must be an ObjectId, got {_shown(value)}: write {{\"$oid\": \"<24 hex digits>\"}}"
            continue
        if name not in fields or name == "id":
            yield name, f"unknown field{_closest(name, names)}; allowed: {', '.join(names)}"
            continue
        python_type, described, fix = _type_of(fields[name])
        if python_type is None or value is None:
            continue
        wrong = not isinstance(value, python_type) or (python_type is int and isinstance(value, bool))
        if isinstance(value, Decimal128) or wrong:
            yield name, f"must be {described}, got {type(value).__name__} {_shown(value)}: {fix}"


def check_document(spec, record):
    """Yield (field, reason) for what the collection's checks and the document's own rules reject.

    A field the collection's checks already explain is not explained again by the document.
    """
    explained = list(spec.extra_problems(record))
    yield from explained
    values = {k: v for k, v in record.items() if k != "_id"}
    try:
        doc = spec.document(**values)
        doc.validate(clean=False)
    except ValidationError as exc:
        for name, reason in _flat(exc.errors or {"": exc}):
            if name.split(".")[0] not in {field for field, _ in explained}:
                yield name, reason
    except Exception as exc:  # constructor errors such as unknown fields were reported already
        yield "", str(exc)


def _flat(errors, prefix=""):
    """Yield (dotted field, reason) for MongoEngine's nested errors (lists and embedded documents)."""
    for name, error in sorted(errors.items(), key=lambda item: str(item[0])):
        path = f"{prefix}.{name}" if prefix else str(name)
        inner = error if isinstance(error, dict) else getattr(error, "errors", None)
        if inner:
            yield from _flat(inner, path)
        else:
            yield path, str(getattr(error, "message", error)) or "is not valid"
