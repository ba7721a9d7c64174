"""Operator commands: flask seed, recount, create-indexes, export, create-user, create-admin."""
import functools
import sys

import click
from flask import current_app
from flask.cli import with_appcontext
from pymongo.errors import PyMongoError

from .accounts.models import ROLES, User
from .accounts.services import create_user
from .core.errors import DomainError
from .core.wording import counted
from .documents import create_indexes
from .enrollment.seats import recount
from .enrollment.waitlist import repair
from .seeding import MODES, SeedError, collection_names, seed_directory
from .seeding.export import export_directory


def database_errors_as_messages(command):
    """Turn a driver error (e.g. an unreachable server) into a one-line message and exit status 1."""

    @functools.wraps(command)
    def run(*args, **kwargs):
        try:
            return command(*args, **kwargs)
        except PyMongoError as exc:
            raise click.ClickException(f"database error: {str(exc).splitlines()[0][:300]}") from None

    return run


def warn_if_embedded():
    """Tell the operator when a command works on the throw-away in-memory database."""
    if current_app.config.get("EMBEDDED_DB") and not current_app.testing:
        click.echo("warning: MONGO_URI is not set: this command works on an in-memory database "
                   "that is discarded when it ends", err=True)


@click.command("seed")
@with_appcontext
@database_errors_as_messages
@click.option("--data-dir", type=click.Path(file_okay=False), default=None,
              help="Folder with users.json, courses.json, enrollments.json, posts.json (default: data/).")
@click.option("--mode", type=click.Choice(MODES), default="insert", show_default=True,
              help="mongoimport's modes; upsert/merge match on each collection's natural key.")
@click.option("--drop", is_flag=True, help="Drop the loaded collections first (indexes are recreated).")
@click.option("--only", multiple=True, type=click.Choice(collection_names()),
              help="Load only this collection (repeatable).")
@click.option("--without-instructors", is_flag=True,
              help="Load courses without their instructor_id (a catalog whose instructors have no accounts yet).")
@click.option("--allow-demo-users", is_flag=True,
              help="In production, load users even when they have a published demo password.")
def seed_command(data_dir, mode, drop, only, without_instructors, allow_demo_users):
    """Validate the data files, then load them (nothing is written if any record is wrong)."""
    warn_if_embedded()
    data_dir = data_dir or current_app.config.get("SEED_DATA_DIR") or "data"
    allow_demo_users = allow_demo_users or current_app.config["ENV_NAME"] != "production"
    try:
        report = seed_directory(data_dir, mode=mode, drop=drop, only=set(only), allow_demo_users=allow_demo_users,
                                without_instructors=without_instructors)
    except SeedError as exc:
        click.echo(exc.render(), err=True)
        sys.exit(1)
    for note in report.notes:
        click.echo(f"note: {note}")
    click.echo(f"{'collection':<12}{'inserted':>10}{'updated':>10}{'unchanged':>11}{'rejected':>10}")
    for name, counts in report.counts.items():
        click.echo(f"{name:<12}{counts['inserted']:>10}{counts['updated']:>10}"
                   f"{counts['unchanged']:>11}{counts['rejected']:>10}")
    if report.recounted:
        click.echo(f"seat counts corrected for {counted(len(report.recounted), 'course')}")


@click.command("recount")
@with_appcontext
@database_errors_as_messages
def recount_command():
    """Make seat and waitlist counts true, then give free seats to the first students in line."""
    warn_if_embedded()
    changed, over = recount()
    for course_id, old, new in changed:
        click.echo(f"{course_id}: {old} -> {new}")
    click.echo(f"{counted(len(changed), 'course')} corrected")
    for course_id, taken, capacity in over:
        click.echo(f"warning: {course_id} holds {taken} enrollments but has capacity {capacity}", err=True)
    for course_id, students in repair().items():
        click.echo(f"{course_id}: {counted(len(students), 'student')} enrolled from the waitlist")


@click.command("create-indexes")
@with_appcontext
@database_errors_as_messages
def create_indexes_command():
    """Create every collection's indexes (safe to run again; used by Heroku's release phase)."""
    warn_if_embedded()
    for collection, names in create_indexes().items():
        click.echo(f"{collection}: {', '.join(names)}")


@click.command("export")
@with_appcontext
@database_errors_as_messages
@click.option("--out", "out_dir", required=True, type=click.Path(file_okay=False),
              help="Folder to write users.json, courses.json, enrollments.json, posts.json into.")
def export_command(out_dir):
    """Write every collection to files that flask seed and mongoimport --jsonArray read back."""
    warn_if_embedded()
    for filename, count in export_directory(out_dir).items():
        click.echo(f"{filename}: {counted(count, 'record')}")


@click.command("create-user")
@with_appcontext
@database_errors_as_messages
@click.option("--email", prompt=True)
@click.option("--first-name", prompt=True)
@click.option("--last-name", prompt=True)
@click.option("--role", type=click.Choice(ROLES), default="student", show_default=True)
@click.password_option(help="Asked for when not given.")
def create_user_command(email, first_name, last_name, role, password):
    """Create a user (e.g. the first admin); the password is prompted for."""
    warn_if_embedded()
    try:
        user = create_user(email, password, first_name, last_name, role=role)
    except DomainError as exc:
        raise click.ClickException("not created: " + _problems(exc)) from None
    click.echo(f"created {user.role} {user.email} with user_id {user.user_id}")


@click.command("create-admin")
@with_appcontext
@database_errors_as_messages
def create_admin_command():
    """Create the first admin from ADMIN_EMAIL and ADMIN_PASSWORD once (Heroku's release phase runs this)."""
    email, password = current_app.config.get("ADMIN_EMAIL"), current_app.config.get("ADMIN_PASSWORD")
    if not email or not password:
        click.echo("ADMIN_EMAIL and ADMIN_PASSWORD are not both set: no admin account created")
        return
    existing = User.objects.by_email(email)
    if existing is not None:
        if not existing.is_admin:
            raise click.ClickException(f"{existing.email} belongs to a {existing.role} account: it is not made "
                                       "an admin; choose another ADMIN_EMAIL or use flask create-user --role admin")
        click.echo(f"admin {existing.email} exists; nothing changed (ADMIN_PASSWORD may now be removed)")
        return
    try:
        user = create_user(email, password, "Site", "Administrator", role="admin")
    except DomainError as exc:
        raise click.ClickException("ADMIN_EMAIL / ADMIN_PASSWORD: " + _problems(exc)) from None
    click.echo(f"created admin {user.email} with user_id {user.user_id}; ADMIN_PASSWORD may now be removed")


def _problems(exc):
    """Return a domain error's messages on one line."""
    return "; ".join(f"{name}: {m}" for name, messages in exc.errors.items() for m in messages) or exc.message


def register(app):
    """Add the commands to the app's CLI."""
    for command in (seed_command, recount_command, create_indexes_command, export_command,
                    create_user_command, create_admin_command):
        app.cli.add_command(command)
