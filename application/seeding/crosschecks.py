"""Checks across files and the database, on the state the database would end in."""
from collections import defaultdict

from .demo import demo_accounts
from .plan import over_capacity
from .specs import SPEC_BY_NAME
from .validate import Problem


def check_references(loaded, states, problems):
    """Report records that name (by natural key) a user or course that will not exist."""
    known = {name: {key[0] for key in state} for name, state in states.items()}
    for name, records in loaded.items():
        spec = SPEC_BY_NAME[name]
        for number, record in records:
            for field_name, target in spec.references:
                value = record.get(field_name)
                if value is not None and value not in known[target]:
                    problems.append(Problem(spec.filename, number, field_name,
                                            f"no {target} with {field_name} {value!r} in the files or the database"))


def check_unique_fields(loaded, states, problems):
    """Report two records (in the files or the database) sharing a value that must be unique."""
    for name, records in loaded.items():
        spec = SPEC_BY_NAME[name]
        for field_name in spec.unique:
            owners = defaultdict(set)
            for key, doc in states[name].items():
                owners[doc.get(field_name)].add(key)
            for number, record in records:
                others = owners[record.get(field_name)] - {spec.key_of(record)}
                if others:
                    problems.append(Problem(spec.filename, number, field_name,
                                            f"{record[field_name]!r} is already used by "
                                            f"{spec.describe_key(min(others))}"))


def refuse_demo_accounts(loaded, problems):
    """Report users that would sign in with a published demo password."""
    for number, email in demo_accounts(loaded.get("user", [])):
        problems.append(Problem("users.json", number, "password",
                                f"{email} has a published demo password: production refuses demo accounts "
                                "(pass --allow-demo-users to load them anyway)"))


def check_waiting_not_enrolled(loaded, states, problems):
    """Report waitlist entries of students who would also be enrolled in that course."""
    for number, record in loaded.get("waitlist", []):
        key = (record.get("user_id"), record.get("courseID"))
        if key in states["enrollment"]:
            problems.append(Problem("waitlist.json", number, "courseID",
                                    f"user_id {key[0]} is enrolled in {key[1]}: a student is never both "
                                    "enrolled and waiting"))


def check_capacity(states, problems):
    """Report courses that would hold more enrollments than seats."""
    for course_id, taken, capacity in over_capacity(states["course"], states["enrollment"]):
        problems.append(Problem("enrollments.json", None, "courseID",
                                f"course {course_id!r} would hold {taken} enrollments but has capacity {capacity}"))


def check_all(loaded, states, problems, allow_demo_users):
    """Run every cross-check, adding what they find to problems."""
    check_references(loaded, states, problems)
    check_unique_fields(loaded, states, problems)
    check_waiting_not_enrolled(loaded, states, problems)
    check_capacity(states, problems)
    if not allow_demo_users:
        refuse_demo_accounts(loaded, problems)
