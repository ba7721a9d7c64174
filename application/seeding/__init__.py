"""Seeding: a mongoimport-compatible reader, per-collection specs, validation, plans, writes, export."""
from .load import MODES, Report, SeedError, seed_directory
from .specs import SPECS


def collection_names():
    """Return the names of the collections a seed can load."""
    return [spec.collection for spec in SPECS]


__all__ = ["seed_directory", "SeedError", "Report", "MODES", "collection_names"]
