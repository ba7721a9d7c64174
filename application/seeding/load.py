"""The orchestrator: load the data files into the database with mongoimport's meanings, all or nothing.

`seed_directory` reads every file first, validates every record against the documents, checks
references, unique keys and seat limits on the state the database would end in, and only then
writes. Any problem raises SeedError with one line per problem and leaves the database as it was.
"""
import sys
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path


from ..core.store import collection_of
from ..core.wording import counted
from .crosschecks import check_all
from .plan import final_state, plan_collection
from .reader import ReadError, read_file
from .specs import SPEC_BY_NAME, SPECS
from .validate import Problem, check_document, check_types
from .writer import write_plan

MODES = ("insert", "upsert", "merge")
MAX_PROBLEM_LINES = 20


class SeedError(Exception):
    """The files cannot be loaded; nothing was written."""

    def __init__(self, problems):
        self.problems = problems
        super().__init__(self.render())

    def render(self):
        """Return at most 20 problem lines, then how many more there are."""
        lines = [str(p) for p in self.problems[:MAX_PROBLEM_LINES]]
        if len(self.problems) > MAX_PROBLEM_LINES:
            lines.append(f"... and {len(self.problems) - MAX_PROBLEM_LINES} more problems")
        lines.append(f"nothing was written ({counted(len(self.problems), 'problem')})")
        return "\n".join(lines)


@dataclass
class Report:
    """What a seed did, per collection, plus notes for the operator."""

    counts: dict = field(default_factory=dict)
    notes: list = field(default_factory=list)
    recounted: list = field(default_factory=list)

    def summary(self):
        """Return "120 course, 500 user, ..." (inserted + updated + unchanged)."""
        parts = [
            f"{sum(v for k, v in c.items() if k != 'rejected')} {name}" for name, c in self.counts.items()
        ]
        return ", ".join(parts) or "nothing"


def _specs_for(only):
    """Return the specs to load, in dependency order."""
    if not only:
        return list(SPECS)
    unknown = sorted(set(only) - set(SPEC_BY_NAME))
    if unknown:
        raise SeedError([Problem("--only", None, "", f"unknown collection {name!r}") for name in unknown])
    return [spec for spec in SPECS if spec.collection in only]


def _read_and_check(spec, path, problems):
    """Return [(record number, record)] that passed the per-record checks."""
    try:
        parsed = read_file(path)
    except ReadError as exc:
        problems.append(Problem(spec.filename, exc.record, exc.field, str(exc)))
        return []
    good, seen = [], {}
    for number, record in enumerate(parsed.records, start=1):
        found = [Problem(spec.filename, number, f, r) for f, r in check_types(spec, record)]
        if not found:
            found = [Problem(spec.filename, number, f, r) for f, r in check_document(spec, record)]
        key = spec.key_of(record)
        if not found and key in seen:
            found.append(Problem(spec.filename, number, ",".join(spec.key),
                                 f"duplicate of record {seen[key]} ({spec.describe_key(key)})"))
        problems.extend(found)
        if not found:
            seen[key] = number
            good.append((number, record))
    return good


def _existing(spec):
    """Return {natural key: stored document} for a collection."""
    coll = collection_of(spec.document)
    return {spec.key_of(doc): doc for doc in coll.find({})}


def _fill_seat_counts(course_plan, enrollment_state):
    """Write true seat counts with the courses themselves, so the final recount has little to do."""
    if course_plan is None:
        return
    taken = Counter(key[1] for key in enrollment_state)
    for doc in course_plan.inserts:
        doc["enrolled"] = taken[doc["courseID"]]
    for _, doc in course_plan.replaces:
        doc["enrolled"] = taken[doc["courseID"]]


def _number_the_lines(waitlist_plan):
    """Give new waitlist entries their place after the course's line, in the order they joined (created_at)."""
    if waitlist_plan is None:
        return
    from ..accounts.models import Counter

    unnumbered = sorted((doc for doc in waitlist_plan.inserts if not doc.get("seq")),
                        key=lambda doc: (doc["courseID"], doc.get("created_at") or 0, doc["user_id"]))
    for doc in unnumbered:
        doc["seq"] = Counter.next_value(f"waitlist:{doc['courseID']}")


def _without_instructors(loaded, report):
    """Leave instructor_id out of the courses (a catalog loaded before its instructors have accounts)."""
    named = 0
    for _, record in loaded.get("course", []):
        named += record.pop("instructor_id", None) is not None
    if named:
        report.notes.append(f"courses.json: {counted(named, 'course')} loaded without their instructor_id")


def seed_directory(data_dir, mode="insert", drop=False, only=None, quiet=False, allow_demo_users=True,
                   without_instructors=False):
    """Validate the files of data_dir, then load them; return a Report or raise SeedError.

    allow_demo_users=False refuses users that sign in with a published demo password;
    without_instructors loads courses without their instructor_id.
    """
    if mode not in MODES:
        raise SeedError([Problem("--mode", None, "", f"must be one of {', '.join(MODES)}")])
    data_dir = Path(data_dir)
    if not data_dir.is_dir():
        raise SeedError([Problem(str(data_dir), None, "", "is not a directory")])
    report, problems, loaded = Report(), [], {}
    for spec in _specs_for(only):
        path = data_dir / spec.filename
        if not path.is_file():
            report.notes.append(f"{spec.filename}: not in {data_dir}, {spec.collection} left as it is")
            continue
        loaded[spec.collection] = _read_and_check(spec, path, problems)
    if without_instructors:
        _without_instructors(loaded, report)
    if problems:
        raise SeedError(problems)

    existing = {spec.collection: _existing(spec) for spec in SPECS}
    plans, states = {}, {}
    for spec in SPECS:
        name = spec.collection
        dropping = drop and name in loaded
        if name in loaded:
            records = [record for _, record in loaded[name]]
            plans[name] = plan_collection(spec, records, existing[name], mode, dropping)
            states[name] = final_state(plans[name], existing[name], dropping)
        else:
            states[name] = existing[name]
    check_all(loaded, states, problems, allow_demo_users)
    if problems:
        raise SeedError(problems)

    _fill_seat_counts(plans.get("course"), states["enrollment"])
    _number_the_lines(plans.get("waitlist"))
    show_progress = not quiet and sys.stdout.isatty()
    for name, plan in plans.items():
        write_plan(plan, drop=drop, show_progress=show_progress)
        report.counts[name] = plan.counts()
        for key in plan.rejected[:5]:
            report.notes.append(
                f"{plan.spec.filename}: {plan.spec.describe_key(key)} exists with other values; "
                "insert mode leaves it (use --mode upsert or merge to change it)"
            )
    from ..courses.terms import catalog_changed
    from ..enrollment.seats import recount
    from ..enrollment.waitlist import recount_waiting

    catalog_changed()
    recount_waiting()

    report.recounted, _ = recount(Counter(key[1] for key in states["enrollment"]))
    return report
