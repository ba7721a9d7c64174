"""Reading data files the way mongoimport does."""
from datetime import datetime, timezone
from decimal import Decimal

import pytest
from bson import Decimal128, Int64, ObjectId

from application.seeding.reader import ReadError, parse_text, read_file


def test_json_array_shape():
    parsed = parse_text('[{"a": 1},\n {"a": 2}]')
    assert parsed.shape == "array" and parsed.records == [{"a": 1}, {"a": 2}]


def test_stream_shape():
    parsed = parse_text('{"a": 1}\n{"a": 2} {"a": 3}\n')
    assert parsed.shape == "stream" and [r["a"] for r in parsed.records] == [1, 2, 3]


@pytest.mark.parametrize("text", ["", "  \n", "[]", "[ ]"])
def test_empty_files(text):
    assert parse_text(text).records == []


def test_bom_is_skipped(tmp_path):
    path = tmp_path / "x.json"
    path.write_bytes("\ufeff[{\"a\": 1}]".encode("utf-8"))
    assert read_file(path).records == [{"a": 1}]


def test_extended_json_canonical_and_relaxed():
    text = """[{"id": {"$oid": "65f000000000000000000001"},
                "z": {"$date": "2026-09-01T00:00:00Z"},
                "o": {"$date": "2026-09-01T02:00:00+02:00"},
                "c": {"$date": {"$numberLong": "1788220800000"}},
                "l": {"$numberLong": "9007199254740993"}, "i": {"$numberInt": "7"},
                "d": {"$numberDouble": "2.5"}, "m": {"$numberDecimal": "1.10"}}]"""
    record = parse_text(text).records[0]
    utc = datetime(2026, 9, 1, tzinfo=timezone.utc)
    assert record["id"] == ObjectId("65f000000000000000000001")
    assert record["z"] == utc and record["o"] == utc and record["c"] == utc
    assert record["l"] == Int64(9007199254740993) and record["i"] == 7 and record["d"] == 2.5
    assert isinstance(record["m"], Decimal128) and record["m"].to_decimal() == Decimal("1.10")


@pytest.mark.parametrize("text,message", [
    ('[{"_id": ObjectId("65f000000000000000000001")}]', "mongo shell syntax ObjectId"),
    ('[{"d": ISODate("2026-09-01T00:00:00Z")}]', "mongo shell syntax ISODate"),
    ('[{"n": NumberLong(3)}]', "mongo shell syntax NumberLong"),
    ('// users\n[{"a": 1}]', "comment at line 1"),
    ('[{"a": 1} /* x */]', "comment"),
    ("[{'a': 1}]", "single quote"),
    ('[{"d": {"$date": "2026-09-01T00:00:00"}}]', "has no time zone"),
    ('[{"d": {"$date": "2026-09-01"}}]', "has no time zone"),
    ('[{"a": 1}] [{"a": 2}]', "exactly one array"),
    ('[{"a": 1}, 3]', "is a int, not an object"),
    ('{"a": 1} "x"', "is a str, not an object"),
    ('[{"a": NaN}]', "NaN is not valid JSON"),
    ('[{"a": 1} {"a": 2}]', "expected , or \\] after this record"),
    ('[{"a": 1,}]', "invalid JSON at line 1"),
    ('[{"a": 1}', "expected , or ]"),
    ('{"a": {"$oid": "nothex"}}', "is not a valid ObjectId"),
])
def test_rejections_name_the_problem(text, message):
    with pytest.raises(ReadError, match=message):
        parse_text(text)


@pytest.mark.parametrize("text,field", [('{"a": {"$oid": "nothex"}}', "a"),
                                        ('[{"x": 1, "d": {"$date": "2026-01-01T00:00:00"}}]', "d"),
                                        ('[{"m": [{"at": {"$date": "2026-01-01"}}]}]', "m.0.at")])
def test_error_names_the_field(text, field):
    with pytest.raises(ReadError) as info:
        parse_text(text)
    assert (info.value.record, info.value.field) == (1, field) and "record" not in str(info.value)


def test_error_carries_the_record_number():
    with pytest.raises(ReadError) as info:
        parse_text('[{"a": 1},\n{"a": 2},\n{"d": {"$date": "2026-01-01T00:00:00"}}]')
    assert info.value.record == 3


def test_not_utf8(tmp_path):
    path = tmp_path / "x.json"
    path.write_bytes(b'[{"a": "\xff"}]')
    with pytest.raises(ReadError, match="not UTF-8"):
        read_file(path)


def test_unreadable(tmp_path):
    with pytest.raises(ReadError, match="cannot read"):
        read_file(tmp_path / "missing.json")
