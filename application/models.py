"""MongoEngine documents: User, Course, Enrollment, Post, and the id counter."""
from datetime import datetime, timezone

from flask_login import UserMixin
from mongoengine import QuerySet
from mongoengine.errors import NotUniqueError
from pymongo import ReturnDocument
from werkzeug.security import check_password_hash, generate_password_hash

from .extensions import db

ROLES = ("student", "instructor", "admin")
NAME_MAX = 50
EMAIL_MAX = 254


def utcnow():
    """Return the current time as an aware UTC datetime."""
    return datetime.now(timezone.utc)


class Counter(db.Document):
    """Monotonic sequences (e.g. the next user_id), advanced atomically."""

    name = db.StringField(primary_key=True)
    seq = db.IntField(default=0)
    meta = {"collection": "counter"}

    @classmethod
    def next_value(cls, name, at_least=0):
        """Return the next value of the sequence, never below at_least + 1.

        `$max` first lifts the counter over ids that arrived from outside (mongoimport),
        then `$inc` hands out a value no other caller can receive.
        """
        coll = cls._get_collection()
        if at_least:
            coll.update_one({"_id": name}, {"$max": {"seq": at_least}}, upsert=True)
        doc = coll.find_one_and_update(
            {"_id": name}, {"$inc": {"seq": 1}}, upsert=True, return_document=ReturnDocument.AFTER
        )
        return doc["seq"]


class UserQuerySet(QuerySet):
    """Named queries for users."""

    def by_email(self, email):
        """Return the user with this email (case-insensitive) or None."""
        return self.filter(email=(email or "").strip().lower()).first()

    def max_user_id(self):
        """Return the highest user_id stored, or 0."""
        top = self.order_by("-user_id").only("user_id").first()
        return top.user_id if top else 0


class User(UserMixin, db.Document):
    """A person who signs in: a student, an instructor or an admin."""

    user_id = db.IntField(required=True, min_value=1)
    email = db.StringField(required=True, max_length=EMAIL_MAX)
    first_name = db.StringField(required=True, max_length=NAME_MAX)
    last_name = db.StringField(required=True, max_length=NAME_MAX)
    password = db.StringField(required=True)
    role = db.StringField(choices=ROLES, default="student")
    created_at = db.DateTimeField(default=utcnow)

    meta = {
        "collection": "user",
        "indexes": [
            {"fields": ["user_id"], "unique": True},
            {"fields": ["email"], "unique": True},
        ],
        "queryset_class": UserQuerySet,
    }

    def clean(self):
        """Store emails lower-case and names without stray spaces."""
        self.email = (self.email or "").strip().lower()
        self.first_name = (self.first_name or "").strip()
        self.last_name = (self.last_name or "").strip()

    def get_id(self):
        """Return the id Flask-Login keeps in the session."""
        return str(self.user_id)

    @property
    def full_name(self):
        """Return "First Last"."""
        return f"{self.first_name} {self.last_name}".strip()

    @property
    def is_admin(self):
        """Return True for administrators."""
        return self.role == "admin"

    def set_password(self, password):
        """Hash and store a new password."""
        self.password = generate_password_hash(password)

    def check_password(self, password):
        """Return True when password matches the stored hash."""
        try:
            return check_password_hash(self.password or "", password)
        except ValueError:
            return False

    @classmethod
    def create(cls, email, password, first_name, last_name, role="student", attempts=5):
        """Insert a new user with a freshly allocated user_id and return it.

        Raises NotUniqueError when the email is taken.
        """
        user = cls(email=email, first_name=first_name, last_name=last_name, role=role)
        user.set_password(password)
        for _ in range(attempts):
            user.user_id = Counter.next_value("user_id", at_least=cls.objects.max_user_id())
            try:
                user.save(force_insert=True)
                return user
            except NotUniqueError as exc:
                if "email" in str(exc):
                    raise
                user.id = None  # a user_id imported meanwhile: take the next one
        raise NotUniqueError("could not allocate a user_id")


class CourseQuerySet(QuerySet):
    """Named queries for courses."""

    def for_term(self, term):
        """Return the courses of one term."""
        return self.filter(term=term)

    def terms(self):
        """Return the distinct terms, oldest first."""
        from .terms import chronological

        return chronological(self.distinct("term"))


class Course(db.Document):
    """A course offered in one term, with its seat limit."""

    courseID = db.StringField(required=True, max_length=20, regex=r"^[A-Za-z0-9][A-Za-z0-9_.-]*$")
    title = db.StringField(required=True, max_length=200)
    description = db.StringField(max_length=5000, default="")
    credits = db.IntField(required=True, min_value=0, max_value=30)
    term = db.StringField(required=True, max_length=40)
    capacity = db.IntField(required=True, min_value=1)
    instructor_id = db.IntField(min_value=1)
    enrolled = db.IntField(default=0, min_value=0)

    meta = {
        "collection": "course",
        "indexes": [
            {"fields": ["courseID"], "unique": True},
            {"fields": ["term", "courseID"]},
        ],
        "queryset_class": CourseQuerySet,
    }

    @property
    def seats_left(self):
        """Return how many seats are still free."""
        return max(self.capacity - (self.enrolled or 0), 0)


class Enrollment(db.Document):
    """One student's place in one course."""

    user_id = db.IntField(required=True, min_value=1)
    courseID = db.StringField(required=True, max_length=20)
    created_at = db.DateTimeField(default=utcnow)

    meta = {
        "collection": "enrollment",
        "indexes": [
            {"fields": ["user_id", "courseID"], "unique": True},
            {"fields": ["courseID"]},
        ],
    }

    @classmethod
    def exists(cls, user_id, course_id):
        """Return True when the user is enrolled in the course."""
        return cls.objects(user_id=user_id, courseID=course_id).only("id").first() is not None


class Post(db.Document):
    """A message on a course's discussion board."""

    courseID = db.StringField(required=True, max_length=20)
    user_id = db.IntField(required=True, min_value=1)
    title = db.StringField(required=True, min_length=1, max_length=200)
    body = db.StringField(required=True, min_length=1, max_length=5000)
    created_at = db.DateTimeField(default=utcnow)
    updated_at = db.DateTimeField(default=utcnow)

    meta = {
        "collection": "post",
        "indexes": [
            {"fields": ["courseID", "-created_at"]},
            {"fields": ["user_id", "-created_at"]},
        ],
    }


DOCUMENTS = (User, Course, Enrollment, Post, Counter)


def create_indexes():
    """Create every document's indexes (idempotent) and return their names per collection."""
    created = {}
    for doc in DOCUMENTS:
        doc.ensure_indexes()
        created[doc._get_collection_name()] = sorted(doc._get_collection().index_information())
    return created


