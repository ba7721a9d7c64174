"""Turn validated records into a plan: what to insert, replace, merge or leave alone."""
from collections import Counter as Tally
from dataclasses import dataclass, field
from datetime import datetime, timezone


def normalize(value):
    """Return a value as MongoDB will give it back (naive UTC datetimes, whole milliseconds)."""
    if isinstance(value, datetime):
        if value.tzinfo is not None:
            value = value.astimezone(timezone.utc).replace(tzinfo=None)
        return value.replace(microsecond=value.microsecond // 1000 * 1000)
    if isinstance(value, dict):
        return {k: normalize(v) for k, v in value.items()}
    if isinstance(value, list):
        return [normalize(v) for v in value]
    return value


@dataclass
class CollectionPlan:
    """The writes one collection needs."""

    spec: object
    inserts: list = field(default_factory=list)
    replaces: list = field(default_factory=list)  # (existing _id, full document)
    merges: list = field(default_factory=list)  # (existing _id, fields to $set)
    unchanged: int = 0
    rejected: list = field(default_factory=list)  # natural keys that insert mode skips

    def counts(self):
        """Return the inserted / updated / unchanged / rejected numbers."""
        return {
            "inserted": len(self.inserts),
            "updated": len(self.replaces) + len(self.merges),
            "unchanged": self.unchanged,
            "rejected": len(self.rejected),
        }

    def writes(self):
        """Return how many write operations the plan makes."""
        return len(self.inserts) + len(self.replaces) + len(self.merges)


def _with_defaults(spec, record, existing):
    """Fill missing default fields from the stored document, else from the spec's defaults."""
    full = dict(record)
    for name, default in spec.defaults.items():
        if name not in full:
            if existing is not None and name in existing:
                full[name] = existing[name]
            else:
                full[name] = default() if callable(default) else default
    for name in spec.managed:
        if existing is not None and name in existing:
            full[name] = existing[name]
        else:
            full.pop(name, None)
    return normalize(full)


def plan_collection(spec, records, existing_by_key, mode, dropping=False):
    """Decide each record's write for a mode (insert, upsert or merge)."""
    plan = CollectionPlan(spec)
    for record in records:
        key = spec.key_of(record)
        existing = None if dropping else existing_by_key.get(key)
        if existing is None:
            plan.inserts.append(_with_defaults(spec, record, None))
            continue
        stored = {k: v for k, v in existing.items() if k != "_id"}
        if mode == "merge":
            changes = {
                k: v for k, v in normalize(record).items() if k != "_id" and stored.get(k, object()) != v
            }
            if changes:
                plan.merges.append((existing["_id"], changes))
            else:
                plan.unchanged += 1
            continue
        wanted = {k: v for k, v in _with_defaults(spec, record, existing).items() if k != "_id"}
        if wanted == stored:
            plan.unchanged += 1
        elif mode == "upsert":
            plan.replaces.append((existing["_id"], wanted))
        else:
            plan.rejected.append(key)
    return plan


def final_state(plan, existing_by_key, dropping):
    """Return {natural key: document} as the collection will be after the plan runs."""
    spec = plan.spec
    state = {} if dropping else dict(existing_by_key)
    for doc in plan.inserts:
        state[spec.key_of(doc)] = doc
    by_id = {doc["_id"]: key for key, doc in state.items() if "_id" in doc}
    for _id, doc in plan.replaces:
        state[by_id[_id]] = {**doc, "_id": _id}
    for _id, changes in plan.merges:
        state[by_id[_id]] = {**state[by_id[_id]], **changes}
    return state


def over_capacity(course_state, enrollment_state):
    """Return [(courseID, enrollments, capacity)] for courses the final state overfills."""
    taken = Tally(key[1] for key in enrollment_state)
    return sorted(
        (course_id, count, course_state[(course_id,)].get("capacity"))
        for course_id, count in taken.items()
        if (course_id,) in course_state and count > (course_state[(course_id,)].get("capacity") or 0)
    )
