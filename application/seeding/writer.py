"""Carry out a collection plan: inserts in batches, then replacements and merges."""
from contextlib import contextmanager, nullcontext

import click

from ..core.store import collection_of
from ..embedded import is_embedded

BATCH = 1000


@contextmanager
def indexes_suspended(document, collection):
    """Drop secondary indexes during a bulk insert into the in-memory store, then rebuild them.

    The in-memory store checks a unique index by scanning the whole collection on every insert,
    which makes large loads quadratic; the plan has already proved the keys unique.
    """
    collection.drop_indexes()
    try:
        yield
    finally:
        document.ensure_indexes()


@contextmanager
def _progress(length, label, show):
    """Yield an object with update(n): a click progress bar on a terminal, else silent."""
    if not show or length < BATCH:
        class Quiet:
            def update(self, n):
                """Ignore progress."""

        yield Quiet()
        return
    with click.progressbar(length=length, label=label, show_pos=True) as bar:
        yield bar


def write_plan(plan, drop=False, show_progress=False):
    """Apply one CollectionPlan to its collection."""
    document = plan.spec.document
    collection = collection_of(document)
    if drop:
        collection.drop()
        document.ensure_indexes()
    with _progress(plan.writes(), f"{plan.spec.collection:<10}", show_progress) as bar:
        if plan.inserts:
            suspend = is_embedded(collection) and len(plan.inserts) >= BATCH
            guard = indexes_suspended(document, collection) if suspend else nullcontext()
            with guard:
                for start in range(0, len(plan.inserts), BATCH):
                    batch = plan.inserts[start : start + BATCH]
                    collection.insert_many([dict(doc) for doc in batch], ordered=True)
                    bar.update(len(batch))
        for _id, doc in plan.replaces:
            collection.replace_one({"_id": _id}, doc)
            bar.update(1)
        for _id, changes in plan.merges:
            collection.update_one({"_id": _id}, {"$set": changes})
            bar.update(1)
