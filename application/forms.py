"""Flask-WTF forms, with the validation messages students see."""
from flask_wtf import FlaskForm
from wtforms import BooleanField, EmailField, HiddenField, PasswordField, StringField, TextAreaField
from wtforms.validators import DataRequired, Email, EqualTo, Length, Regexp, ValidationError

from .models import EMAIL_MAX, NAME_MAX, User

PASSWORD_MIN = 8
PASSWORD_MAX = 128
TITLE_MAX = 200
BODY_MAX = 5000


def strip(value):
    """Trim surrounding whitespace from a submitted string."""
    return value.strip() if isinstance(value, str) else value


class LoginForm(FlaskForm):
    """Sign in with email and password."""

    email = EmailField("Email", filters=[strip], validators=[DataRequired("Enter your email."),
                                                             Length(max=EMAIL_MAX)])
    password = PasswordField("Password", validators=[DataRequired("Enter your password."),
                                                     Length(max=PASSWORD_MAX)])
    remember_me = BooleanField("Remember Me")


class RegisterForm(FlaskForm):
    """Create a student account."""

    email = EmailField("Email", filters=[strip], validators=[
        DataRequired("Enter your email."),
        Length(max=EMAIL_MAX, message=f"Email must be at most {EMAIL_MAX} characters."),
        Email("Enter a valid email address.", check_deliverability=False),
    ])
    password = PasswordField("Password", validators=[
        DataRequired("Choose a password."),
        Length(min=PASSWORD_MIN, max=PASSWORD_MAX,
               message=f"Password must be {PASSWORD_MIN} to {PASSWORD_MAX} characters."),
    ])
    password_confirm = PasswordField("Confirm Password", validators=[
        DataRequired("Confirm your password."),
        EqualTo("password", message="Passwords must match."),
    ])
    first_name = StringField("First Name", filters=[strip], validators=[
        DataRequired("Enter your first name."),
        Length(max=NAME_MAX, message=f"First name must be at most {NAME_MAX} characters."),
    ])
    last_name = StringField("Last Name", filters=[strip], validators=[
        DataRequired("Enter your last name."),
        Length(max=NAME_MAX, message=f"Last name must be at most {NAME_MAX} characters."),
    ])

    def validate_email(self, field):
        """Refuse an email that already has an account."""
        if User.objects.by_email(field.data):
            raise ValidationError("An account with this email already exists. Log in instead.")


class CourseActionForm(FlaskForm):
    """Enroll in or drop one course (the button's hidden field)."""

    courseID = HiddenField("Course", validators=[
        DataRequired("Choose a course."),
        Length(max=20, message="That is not a course ID."),
        Regexp(r"^[A-Za-z0-9][A-Za-z0-9_.-]*$", message="That is not a course ID."),
    ])


class PostForm(FlaskForm):
    """Write or edit a discussion post."""

    title = StringField("Title", filters=[strip], validators=[
        DataRequired("Give your post a title."),
        Length(max=TITLE_MAX, message=f"Title must be at most {TITLE_MAX} characters."),
    ])
    body = TextAreaField("Message", filters=[strip], validators=[
        DataRequired("Write a message."),
        Length(max=BODY_MAX, message=f"Message must be at most {BODY_MAX} characters."),
    ])


class ConfirmForm(FlaskForm):
    """A bare form carrying only the CSRF token (logout, delete)."""
