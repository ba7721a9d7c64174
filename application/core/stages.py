"""Pipeline stages every area's builders share (pure functions returning stage dicts)."""


def lookup(source, local, foreign, into):
    """Return a `$lookup` stage joining on a natural key."""
    return {"$lookup": {"from": source, "localField": local, "foreignField": foreign, "as": into}}


def unwind(path, keep_empty=False):
    """Return an `$unwind` stage; keep_empty keeps rows whose join found nothing."""
    if keep_empty:
        return {"$unwind": {"path": path, "preserveNullAndEmptyArrays": True}}
    return {"$unwind": path}


def paged(skip, limit, *stages):
    """Return a `$facet` that pages the rows (after optional stages) and counts them all."""
    return {
        "$facet": {
            "items": [{"$skip": skip}, {"$limit": limit}, *stages],
            "total": [{"$count": "n"}],
        }
    }


def unpack_page(result):
    """Turn a `paged` facet result into (items, total); an empty `$count` may be absent or 0."""
    first = next(iter(result), None) or {"items": [], "total": []}
    total = first["total"][0]["n"] if first["total"] else 0
    return first["items"], total


def rank_of(path, ordered):
    """Return an expression giving a value's position in `ordered` (unknown values last)."""
    branches = [{"case": {"$eq": [path, value]}, "then": rank} for rank, value in enumerate(ordered)]
    if not branches:
        return {"$literal": 0}
    return {"$switch": {"branches": branches, "default": len(branches)}}


def without(prefix, *names):
    """Return a `$project` stage that removes fields of an embedded document."""
    return {"$project": {f"{prefix}.{name}": 0 for name in names}}
