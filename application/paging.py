"""Page numbers from the query string, and the pagination a template shows."""
import math
from dataclasses import dataclass

from flask import abort, request

MAX_PAGE = 100_000


def requested_page(name="page"):
    """Return the 1-based page number of ?page=, answering 400 when it is not one."""
    raw = request.args.get(name, "1").strip()
    if not raw.isdigit() or len(raw) > 6 or int(raw) < 1 or int(raw) > MAX_PAGE:
        abort(400, description=f"The page number must be a whole number from 1 up, not {raw[:20]!r}.")
    return int(raw)


@dataclass
class Page:
    """One page of a list: its number, size and the total count."""

    number: int
    per_page: int
    total: int = 0

    @property
    def skip(self):
        """Return how many rows come before this page."""
        return (self.number - 1) * self.per_page

    @property
    def pages(self):
        """Return how many pages there are (at least 1)."""
        return max(1, math.ceil(self.total / self.per_page))

    @property
    def has_prev(self):
        """Return True when there is a previous page."""
        return self.number > 1

    @property
    def has_next(self):
        """Return True when there is a next page."""
        return self.number < self.pages

    def require_exists(self):
        """Answer 404 for a page past the end of the list."""
        if self.number > self.pages:
            abort(404, description=f"There is no page {self.number}: the list has {self.pages} page(s).")

    def window(self, around=2):
        """Return the page numbers to show as links, with None for a gap."""
        shown = sorted({1, self.pages, *range(max(1, self.number - around),
                                                min(self.pages, self.number + around) + 1)})
        result, last = [], 0
        for number in shown:
            if number - last > 1:
                result.append(None)
            result.append(number)
            last = number
        return result
