"""Flask-WTF forms: the fields each page posts (the rules live in the services)."""
from flask_wtf import FlaskForm
from wtforms import BooleanField, EmailField, HiddenField, PasswordField, StringField, TextAreaField


class LoginForm(FlaskForm):
    """Sign in with email and password."""

    email = EmailField("Email")
    password = PasswordField("Password")
    remember_me = BooleanField("Remember Me")


class RegisterForm(FlaskForm):
    """Create a student account."""

    email = EmailField("Email")
    password = PasswordField("Password")
    password_confirm = PasswordField("Confirm Password")
    first_name = StringField("First Name")
    last_name = StringField("Last Name")


class CourseActionForm(FlaskForm):
    """Enroll in or drop one course (the button's hidden field)."""

    courseID = HiddenField("Course")


class PostForm(FlaskForm):
    """Write or edit a discussion post."""

    title = StringField("Title")
    body = TextAreaField("Message")


def show_errors(form, invalid):
    """Put a service's per-field messages under the form's fields (others go to the form)."""
    for name, messages in invalid.errors.items():
        target = form._fields.get(name)
        if target is not None:
            target.errors = list(messages)
        else:
            form.form_errors.extend(messages)
