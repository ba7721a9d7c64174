"""Account services: create an account, sign in, find a user, note when they were last seen."""
from datetime import timedelta

from email_validator import EmailNotValidError, validate_email
from mongoengine.errors import NotUniqueError

from ..core.checks import Checks
from ..core.clock import as_utc, utcnow
from ..core.copies import Held
from ..core.errors import Conflict, Forbidden, NotFound, Unavailable
from ..core.stamps import digest
from ..core.store import collection_of, duplicate_key_fields
from . import passwords, throttle
from .models import EMAIL_MAX, NAME_MAX, PASSWORD_MAX, PASSWORD_MIN, ROLES, USER_ID_MAX, Counter, User, require_user_id

EMAIL_TAKEN = "An account with this email already exists. Log in instead."
ID_ATTEMPTS = 5
SEEN_EVERY = timedelta(minutes=1)  # last_seen is written at most this often per user
ACCOUNTS = Held()  # accounts read by signed-in requests, copied while their document is the same
DEACTIVATED = "This account is deactivated. Ask the help contact to restore it."


class EmailTaken(Conflict):
    """Another account holds this email."""

    code = "email_taken"


def _email_text(checks, email):
    """Return the typed email trimmed, recording a missing, non-text or too long one."""
    return checks.text("email", email, required="Enter your email.", max_length=EMAIL_MAX,
                       too_long=f"Email must be at most {EMAIL_MAX} characters.")


def password_text(checks, password, field, missing):
    """Return True when the password is present text no longer than allowed, else record why not."""
    if password is not None and not isinstance(password, str):
        checks.add(field, "Password must be text.")
    elif not password:
        checks.add(field, missing)
    elif len(password) > PASSWORD_MAX:
        checks.add(field, f"Password must be {PASSWORD_MIN} to {PASSWORD_MAX} characters.")
    else:
        return True
    return False


def check_email(checks, email):
    """Return the email lower-cased, recording what is wrong with it."""
    email = _email_text(checks, email)
    if email and checks.ok("email"):
        try:
            validate_email(email, check_deliverability=False)
        except EmailNotValidError:
            checks.add("email", "Enter a valid email address.")
    return (email or "").lower()


def check_new_password(checks, password, field="password"):
    """Record what is wrong with a password someone chooses."""
    if password_text(checks, password, field, "Choose a password.") and len(password) < PASSWORD_MIN:
        checks.add(field, f"Password must be {PASSWORD_MIN} to {PASSWORD_MAX} characters.")


def check_confirmation(checks, password, confirmation, field="password_confirm"):
    """Record a missing or different second entry of a new password."""
    if not confirmation:
        checks.add(field, "Confirm your password.")
    elif confirmation != password:
        checks.add(field, "Passwords must match.")


def check_names(checks, first_name, last_name):
    """Return the trimmed first and last names, recording what is wrong with them."""
    names = []
    for field, label, value in (("first_name", "first name", first_name), ("last_name", "last name", last_name)):
        names.append(checks.text(field, value, required=f"Enter your {label}.", max_length=NAME_MAX,
                                 too_long=f"{label.capitalize()} must be at most {NAME_MAX} characters."))
    return names


def create_user(email, password, first_name, last_name, role="student", password_confirm=None,
                email_confirmed=True):
    """Validate and insert a new account with a freshly allocated user_id; return the User.

    password_confirm, when given (a form's second entry), must repeat the password.
    Raises Invalid (field messages) or EmailTaken.
    """
    checks = Checks()
    email = check_email(checks, email)
    check_new_password(checks, password)
    if password_confirm is not None:
        check_confirmation(checks, password, password_confirm)
    first_name, last_name = check_names(checks, first_name, last_name)
    if role not in ROLES:
        checks.add("role", f"Role must be one of {', '.join(ROLES)}.")
    checks.raise_if_any()
    hashed = passwords.make_hash(password)  # before the lookup: a taken email costs what a new one costs
    if User.objects.by_email(email):
        raise EmailTaken(EMAIL_TAKEN)
    user = User(email=email, first_name=first_name, last_name=last_name, role=role, password=hashed,
                email_confirmed=bool(email_confirmed))
    return _insert_with_new_id(user)


def _insert_with_new_id(user):
    """Insert the user under the next free user_id, taking the next one if an import took it meanwhile."""
    for _ in range(ID_ATTEMPTS):
        user.user_id = Counter.next_value("user_id", at_least=User.objects.max_user_id())
        try:
            user.save(force_insert=True)
            return user
        except NotUniqueError as exc:
            if "email" in duplicate_key_fields(exc):
                raise EmailTaken(EMAIL_TAKEN) from None
            user.id = None
    raise Unavailable("Could not allocate a user id; please try again.", code="id_allocation")


def check_sign_in(email, password):
    """Raise Invalid when the email or the password is missing, not text or too long."""
    checks = Checks()
    _email_text(checks, email)
    password_text(checks, password, "password", "Enter your password.")
    checks.raise_if_any()


def _authenticate(email, password):
    """Return the User whose (checked) email and password match, or None; both cases cost one hash check."""
    user = User.objects.by_email(email)
    if user is None:
        passwords.spend_check_time(password)
        return None
    if not passwords.matches(user.password, password):
        return None
    if passwords.needs_rehash(user.password):
        stronger = passwords.make_hash(password)
        if User.objects(user_id=user.user_id, password=user.password).update(set__password=stronger):
            user.password = stronger
    return user


def sign_in(email, password, address):
    """Return the User for a correct email and password from an address, or None for a wrong pair.

    Raises Invalid for missing fields, TooManyAttempts while the account or address is locked and
    Forbidden for a deactivated account (told only to whoever knows its password).
    """
    check_sign_in(email, password)
    throttle.begin_attempt(email, address)
    user = _authenticate(email, password)
    throttle.finish_attempt(email, address, succeeded=user is not None)
    if user is not None and not user.is_active:
        raise Forbidden(DEACTIVATED, code="inactive")
    if user is not None:
        mark_seen(user)
    return user


def mark_seen(user, now=None):
    """Record that the user was here now, unless that was recorded less than a minute ago (no write then)."""
    now = now or utcnow()
    if user.last_seen is not None and as_utc(user.last_seen) > now - SEEN_EVERY:
        return
    stale = {"$or": [{"last_seen": None}, {"last_seen": {"$lte": now - SEEN_EVERY}}]}
    collection_of(User).update_one({"user_id": user.user_id, **stale}, {"$set": {"last_seen": now}})
    user.last_seen = now


def load_user(raw_id):
    """Return the user for an id kept in a session, or None for anything else."""
    text = str(raw_id)
    if not (text.isascii() and text.isdigit()) or len(text) > len(str(USER_ID_MAX)):
        return None
    # straight from the collection: every signed-in request starts here
    doc = collection_of(User).find_one({"user_id": int(text)})
    return ACCOUNTS.object_for(doc.get("user_id"), doc, _account_from) if doc is not None else None


def _account_from(doc):
    """Build the account object of a stored user document, marked with a digest of that document."""
    user = User._from_son(doc)
    user.stored_digest = digest(doc)
    return user


def user_or_404(user_id):
    """Return the user with this user_id (password left out), or raise NotFound."""
    user = User.objects.exclude("password").filter(user_id=require_user_id(user_id)).first()
    if user is None:
        raise NotFound("There is no such user.")
    return user
