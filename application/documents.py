"""Every document of every area, and the command that gives them their indexes."""
from .accounts.models import Counter, Follow, TokenRevocation, User
from .core.stamps import Stamp
from .core.store import collection_of
from .courses.models import Course, Term
from .discussion.models import Post
from .enrollment.models import Enrollment, RegistrationLease, WaitlistEntry
from .notices.models import Notice
from .staff.models import AuditEntry

DOCUMENTS = (User, Term, Course, Enrollment, WaitlistEntry, Post, Counter, TokenRevocation, RegistrationLease, Notice,
             Follow, AuditEntry, Stamp)


def create_indexes():
    """Create every document's indexes (idempotent) and return their names per collection."""
    created = {}
    for doc in DOCUMENTS:
        doc.ensure_indexes()
        created[doc._get_collection_name()] = sorted(collection_of(doc).index_information())
    return created
