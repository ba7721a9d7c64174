"""One registration request per student at a time.

The rules that span a student's courses (time conflicts, the credit limit, never both enrolled and
waiting) are checked and then applied; a lease on the student, taken with one conditional write,
keeps a second request of the same student (a double click, the API and the site at once, or a
promotion from the waitlist) from slipping between the check and the write. A lease that its
request never released (a crashed worker) lapses after LEASE_SECONDS.
"""
import time
import uuid
from contextlib import contextmanager
from datetime import timedelta

from pymongo.errors import DuplicateKeyError

from ..core import clock
from ..core.errors import Unavailable
from ..core.store import collection_of
from .models import RegistrationLease

LEASE_SECONDS = 10
WAIT_SECONDS = 5
PAUSE_SECONDS = 0.01


@contextmanager
def student_lease(user_id):
    """Hold the student's registration lease for the block, waiting up to WAIT_SECONDS for it."""
    holder, leases = uuid.uuid4().hex, collection_of(RegistrationLease)
    deadline = time.monotonic() + WAIT_SECONDS
    while True:
        now = clock.utcnow()
        try:
            leases.find_one_and_update({"_id": user_id, "until": {"$lt": now}},
                                       {"$set": {"holder": holder, "until": now + timedelta(seconds=LEASE_SECONDS)}},
                                       upsert=True)
            break
        except DuplicateKeyError:
            if time.monotonic() > deadline:
                raise Unavailable("Another of your registration requests is still being handled: try again.",
                                  code="busy") from None
            time.sleep(PAUSE_SECONDS)
    try:
        yield
    finally:
        leases.delete_one({"_id": user_id, "holder": holder})
