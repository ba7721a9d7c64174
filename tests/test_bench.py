"""The harness's arithmetic: slices, wrk's figures read and combined, the bare page beside each page."""
import argparse

import pytest

from bench import __main__ as harness
from bench.load import Figures, _ms, combined


@pytest.mark.parametrize("total, expected", [(2, (1, 2)), (7, (1, 7)), (10, (2, 5)), (13, (3, 4)), (20, (4, 5))])
def test_a_page_is_driven_in_slices_of_about_five_seconds(total, expected):
    assert harness.slices(total) == expected


@pytest.mark.parametrize("text, ms", [("800.00us", 0.8), ("12.34ms", 12.34), ("1.20s", 1200.0), ("2.00m", 120000.0)])
def test_wrk_latencies_are_read_in_milliseconds(text, ms):
    assert _ms(text) == pytest.approx(ms)


def test_slices_combine_into_mean_rate_and_p50_worst_p99_and_all_errors():
    got = combined([Figures(100, 10, 20, 1), Figures(300, 30, 90, 2)])
    assert got == Figures(200, 20, 90, 3)


def test_the_bare_page_and_the_page_take_turns(monkeypatch, capsys):
    calls = []

    def fake_hammer(url, seconds, connections, headers=()):
        calls.append((url, seconds))
        return Figures(1000 if url.startswith("http://bare") else 600, 10, 20, 0)

    monkeypatch.setattr(harness, "hammer", fake_hammer)
    args = argparse.Namespace(seconds=10, connections=16)
    figures = harness.measured("catalog", "http://site/courses/", (), "http://bare", args)
    assert calls == [("http://bare/", 5), ("http://site/courses/", 5)] * 2
    assert figures["rps"] == 600 and figures["bare_rps"] == 1000 and figures["vs_bare"] == pytest.approx(0.6)
    assert "60%" in capsys.readouterr().out
