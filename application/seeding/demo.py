"""The demo accounts' published passwords, and finding them in a users file.

The README prints these passwords, so a production database must never hold an account that
signs in with one. Real accounts never share a hash (each has its own salt); the demo files give
every account of a role the same hash and use the example.edu domain. So only hashes that are
shared, or belong to an example.edu address, are checked, each distinct hash once.
"""
from collections import Counter

from ..accounts.passwords import matches

DEMO_PASSWORDS = {"admin": "admin-pass-2026", "instructor": "teach-pass-2026", "student": "student-pass-2026"}
DEMO_DOMAIN = "@example.edu"


def demo_accounts(records):
    """Return [(record number, email)] of the users that sign in with a published demo password."""
    shared = Counter(record.get("password") for _, record in records)
    suspects = {}
    for number, record in records:
        password, email = record.get("password"), str(record.get("email", ""))
        if isinstance(password, str) and (shared[password] > 1 or email.endswith(DEMO_DOMAIN)):
            suspects.setdefault(password, []).append((number, email))
    found = []
    for password, holders in suspects.items():
        if any(matches(password, demo) for demo in DEMO_PASSWORDS.values()):
            found.extend(holders)
    return sorted(found)
