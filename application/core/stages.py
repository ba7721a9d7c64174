"""Pipeline stages every area's builders share (pure functions returning stage dicts)."""


def lookup(source, local, foreign, into):
    """Return a `$lookup` stage joining on a natural key."""
    return {"$lookup": {"from": source, "localField": local, "foreignField": foreign, "as": into}}


def unwind(path, keep_empty=False):
    """Return an `$unwind` stage; keep_empty keeps rows whose join found nothing."""
    if keep_empty:
        return {"$unwind": {"path": path, "preserveNullAndEmptyArrays": True}}
    return {"$unwind": path}


def window(match, order, skip, limit, *stages):
    """Return the stages of one page: filter and order (an index serves both), skip, limit, then
    the joins, which so run for the rows shown only."""
    return [{"$match": match}, {"$sort": order}, {"$skip": skip}, {"$limit": limit}, *stages]


def mark_joined(source, local, foreign, match, into):
    """Return the stages that set `into` to whether a row has a partner matching `match`.

    The join reads at most one partner per row, found by the partner's key and `match` together
    (a compound index), whatever number of partners the row has.
    """
    return [
        {"$lookup": {"from": source, "localField": local, "foreignField": foreign,
                     "pipeline": [{"$match": match}, {"$limit": 1}, {"$project": {"_id": 1}}], "as": into}},
        {"$addFields": {into: {"$gt": [{"$size": f"${into}"}, 0]}}},
    ]


def rank_of(path, ordered):
    """Return an expression giving a value's position in `ordered` (unknown values last)."""
    branches = [{"case": {"$eq": [path, value]}, "then": rank} for rank, value in enumerate(ordered)]
    if not branches:
        return {"$literal": 0}
    return {"$switch": {"branches": branches, "default": len(branches)}}


def without(prefix, *names):
    """Return a `$project` stage that removes fields of an embedded document."""
    return {"$project": {f"{prefix}.{name}": 0 for name in names}}
