"""Conditions the embedded store decides without the engine, when the answer is certain.

A plain equality, `$ne` or `$in` on a top-level field, against strings, whole numbers, ObjectIds or
booleans, is answered by comparing type and value as MongoDB does (a stored value of another type,
such as 5.0 for 5, is left to the engine); anything else goes to the engine.
"""
from bson import ObjectId

QUICK_TYPES = (str, int, ObjectId, bool)


def _quick_in(values):
    """Return {(type, value)} of a `$in` list made only of strings, whole numbers, ObjectIds and booleans, else None."""
    if not isinstance(values, list):
        return None
    found = set()
    for value in values:
        kind = type(value)
        if kind not in QUICK_TYPES:
            return None
        found.add((kind, value))
    return found


def quick_conditions(query):
    """Return [(field, "eq" | "ne" | "in", value)] for a query whose every condition is a top-level field
    equal, `$ne` or `$in` to strings, ObjectIds or booleans; else None."""
    conditions = []
    for field, condition in query.items():
        if field.startswith("$") or "." in field:
            return None
        if type(condition) in QUICK_TYPES:
            conditions.append((field, "eq", condition))
            continue
        if not isinstance(condition, dict) or len(condition) != 1:
            return None
        operator, operand = next(iter(condition.items()))
        if operator == "$ne" and type(operand) in QUICK_TYPES:
            conditions.append((field, "ne", operand))
        elif operator == "$in" and (values := _quick_in(operand)):
            conditions.append((field, "in", values))
        else:
            return None
    return conditions or None


def surely_matches(document, conditions):
    """Return True when the document certainly meets every condition (same type and value, as MongoDB
    compares); False means only "not certain": the engine decides those."""
    for field, kind, value in conditions:
        held = document.get(field)
        if kind == "eq":
            if type(held) is not type(value) or held != value:
                return False
        elif kind == "in":
            if type(held) not in QUICK_TYPES or (type(held), held) not in value:
                return False
        elif not (held is None or (type(held) is type(value) and held != value)):
            return False
    return True


def read_key(query, projection):
    """Return the key under which a read's results are remembered between writes: its filter and projection as
    written (repr shows each value with its type: 5, 5.0, True and "5" differ). Only reads whose every condition
    quick_conditions decides are remembered, so a key found names a plain read."""
    return repr(query), repr(projection)
