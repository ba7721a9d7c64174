"""Field checks for services: every message a student sees about a value is written here once per rule."""
import re

from .errors import DomainError, Invalid

# the C0 controls but tab, line feed and carriage return; DEL; the C1 controls (U+0080-U+009F), among them
# NEL (U+0085), which Python strips as a space although JSON Schema's patterns do not count it as one
CONTROL_CHARACTERS = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f]")


def search_text(query, max_length):
    """Return trimmed search text ("" for none), or raise DomainError (400 bad_search) naming the problem.

    Control characters are refused: a NUL byte cannot even travel to MongoDB inside a regex.
    """
    if query is None:
        return ""
    if not isinstance(query, str) or len(query.strip()) > max_length:
        raise DomainError(f"Search text can be at most {max_length} characters.", code="bad_search")
    if CONTROL_CHARACTERS.search(query):
        raise DomainError("Search text must not contain control characters.", code="bad_search")
    return query.strip()


class Checks:
    """Collects problems per field, then raises one Invalid with all of them."""

    def __init__(self):
        self.errors = {}

    def add(self, field, message):
        """Record a problem with a field."""
        self.errors.setdefault(field, []).append(message)

    def text(self, field, value, *, required, max_length, too_long, min_length=0, too_short=None, strip=True):
        """Return value as checked text (stripped), recording what is wrong with it."""
        if value is None:
            value = ""
        if not isinstance(value, str):
            self.add(field, "Must be text.")
            return None
        if strip:
            value = value.strip()
        if CONTROL_CHARACTERS.search(value):
            self.add(field, "Must not contain control characters.")
        elif not value:
            self.add(field, required)
        elif len(value) > max_length:
            self.add(field, too_long)
        elif len(value) < min_length:
            self.add(field, too_short or too_long)
        return value

    def ok(self, field):
        """Return True when no problem was recorded for the field."""
        return field not in self.errors

    def raise_if_any(self):
        """Raise Invalid when any problem was recorded."""
        if self.errors:
            raise Invalid(self.errors)
