"""Rows from pipelines are dicts, documents are objects: read a field of either."""


def field_of(row, name):
    """Return a field of a pipeline row (dict) or of a document (attribute), or None."""
    return row.get(name) if isinstance(row, dict) else getattr(row, name, None)
