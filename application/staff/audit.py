"""Write every staff action to the audit log, and read the log newest first."""
from ..accounts.people import PRIVATE_FIELDS, person
from ..accounts.roles import Permission, can
from ..core.errors import Forbidden
from ..core.paging import Page
from ..core.stages import lookup, unwind, window, without
from ..core.store import page_of
from .models import AuditEntry


def record(actor, action, target, before=None, after=None):
    """Write one staff action to the log."""
    AuditEntry(actor_id=actor.user_id, action=action, target=target, before=before or {}, after=after or {}).save()


def log_pipeline(skip, limit):
    """Build: one page of the log, newest first, each entry with the staff member who acted."""
    return window({}, {"at": -1, "_id": -1}, skip, limit,
                  lookup("user", "actor_id", "user_id", "actor"), unwind("$actor", keep_empty=True),
                  without("actor", *PRIVATE_FIELDS))


def log_page(actor, page_number, per_page):
    """Return (entries, Page) of the audit log, newest first; administrators only."""
    if not can(actor, Permission.ADMIN):
        raise Forbidden("Only administrators read the audit log.")
    page = Page(page_number, per_page)
    entries, page.total = page_of(AuditEntry, log_pipeline(page.skip, page.per_page))
    page.require_exists()
    for entry in entries:
        entry["actor"] = person(entry.get("actor"))
    return entries, page
