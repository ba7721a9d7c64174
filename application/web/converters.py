"""URL converters: a malformed course ID, user id or post id is a 404 at routing."""
from bson import ObjectId
from werkzeug.routing import BaseConverter

from ..accounts.models import USER_ID_MAX
from ..courses.models import COURSE_ID_PATTERN


class CourseIdConverter(BaseConverter):
    """A course ID such as CS101-F26."""

    regex = COURSE_ID_PATTERN


class UserIdConverter(BaseConverter):
    """A user_id: a whole number of at most as many digits as the largest id a user can have."""

    regex = r"[1-9][0-9]{0,%d}" % (len(str(USER_ID_MAX)) - 1)

    def to_python(self, value):
        """Return the id as an int; a number past the largest user_id is no user's (the services answer 404).

        Refusing it here instead would make werkzeug answer 405 wherever the same path takes
        another method (follow: POST and DELETE).
        """
        return int(value)

    def to_url(self, value):
        """Return the id as text."""
        return str(int(value))


class ObjectIdConverter(BaseConverter):
    """A document id: 24 hexadecimal digits."""

    regex = r"[0-9a-fA-F]{24}"

    def to_python(self, value):
        """Return the ObjectId."""
        return ObjectId(value)

    def to_url(self, value):
        """Return the id as text."""
        return str(value)


def register(app):
    """Make the converters available to every route."""
    app.url_map.converters.update(course_id=CourseIdConverter, user_id=UserIdConverter,
                                  object_id=ObjectIdConverter)
    # "//" in a path is a 404, not a redirect built from the request's Host header
    app.url_map.merge_slashes = False
