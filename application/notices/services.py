"""Leave a notice for a user (on their next page, and by mail); hand a user their unread notices once."""
from .. import mail
from ..accounts.models import User
from ..core.store import collection_of
from .models import MESSAGE_MAX, Notice

SHOWN_AT_ONCE = 5
SUBJECTS = {"promoted": "You have a seat", "skipped": "A seat freed up, but you could not be enrolled"}


def notify(user_id, kind, message):
    """Leave a notice for the user (shown at their next page view) and mail it to them."""
    message = message[:MESSAGE_MAX]
    Notice(user_id=user_id, kind=kind, message=message).save()
    collection_of(User).update_one({"user_id": user_id}, {"$inc": {"unread_notices": 1}})
    user = User.objects(user_id=user_id).only("email", "first_name", "active").first()
    if user is not None and user.is_active:
        mail.send_later(user.email, SUBJECTS[kind], "notice", name=user.first_name, message=message,
                        link=mail.link("enrollment.my_enrollments"))


def unread(user_id, mark_read=True):
    """Return the user's unread notices, newest first, and (by default) mark them read."""
    notices = list(Notice.objects(user_id=user_id, read=False).order_by("-created_at").limit(SHOWN_AT_ONCE))
    if mark_read:
        if notices:
            collection_of(Notice).update_many({"_id": {"$in": [notice.id for notice in notices]}},
                                              {"$set": {"read": True}})
        left = {"$inc": {"unread_notices": -len(notices)}} if notices else {"$set": {"unread_notices": 0}}
        collection_of(User).update_one({"user_id": user_id}, left)
    return notices


def unread_for(user):
    """Return the unread notices of a loaded user (no read at all when the user's count says none wait)."""
    return unread(user.user_id) if user.unread_notices else []
