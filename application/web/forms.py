"""Flask-WTF forms: the fields each page posts (the rules live in the services)."""
from flask_wtf import FlaskForm
from wtforms import BooleanField, EmailField, HiddenField, PasswordField, StringField, TextAreaField


class LoginForm(FlaskForm):
    """Sign in with email and password."""

    email = EmailField("Email")
    password = PasswordField("Password")
    remember_me = BooleanField("Remember Me")


class NamesForm(FlaskForm):
    """A person's first and last name (register, edit profile)."""

    first_name = StringField("First Name")
    last_name = StringField("Last Name")


class RegisterForm(NamesForm):
    """Create a student account."""

    email = EmailField("Email")
    password = PasswordField("Password")
    password_confirm = PasswordField("Confirm Password")


class ProfileForm(NamesForm):
    """Edit one's own name and "about me"."""

    about = TextAreaField("About Me")


class ForgotPasswordForm(FlaskForm):
    """Ask for a password-reset link."""

    email = EmailField("Email")


class ResetPasswordForm(FlaskForm):
    """Choose a new password through a reset link."""

    password = PasswordField("New Password")
    password_confirm = PasswordField("Confirm New Password")


class ChangePasswordForm(ResetPasswordForm):
    """Change the password while signed in."""

    current_password = PasswordField("Current Password")


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
