"""Write the collections back to files that `flask seed` and `mongoimport --jsonArray` read."""
import json
from datetime import timezone
from pathlib import Path

from bson import json_util
from bson.json_util import JSONMode, JSONOptions

from ..core.clock import as_utc
from ..core.store import collection_of
from .specs import SPECS

EXPORT_OPTIONS = JSONOptions(json_mode=JSONMode.RELAXED, tz_aware=True, tzinfo=timezone.utc)


def _as_utc(doc):
    """Mark naive datetimes (as the driver returns them) as UTC."""
    return {name: as_utc(value) for name, value in doc.items()}


def export_directory(out_dir):
    """Write one --jsonArray file per collection into out_dir; return {filename: count}."""
    out = Path(out_dir)
    out.mkdir(parents=True, exist_ok=True)
    written = {}
    for spec in SPECS:
        docs = [_as_utc(doc) for doc in collection_of(spec.document).find({}, projection=spec.export_projection())]
        docs.sort(key=lambda d: tuple(str(v) if not isinstance(v, int) else v for v in spec.key_of(d)))
        lines = [json.dumps(json.loads(json_util.dumps(doc, json_options=EXPORT_OPTIONS)),
                            ensure_ascii=False) for doc in docs]
        text = "[\n" + ",\n".join("  " + line for line in lines) + ("\n" if lines else "") + "]\n"
        (out / spec.filename).write_text(text, encoding="utf-8")
        written[spec.filename] = len(docs)
    return written
