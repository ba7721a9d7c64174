"""Page numbers and the pagination a list shows."""
import math
from dataclasses import dataclass

from .errors import DomainError, NotFound
from .wording import counted

MAX_PAGE = 100_000
MAX_PER_PAGE = 100
MAX_PAGE_DIGITS = len(str(MAX_PAGE))


def parse_page_number(raw):
    """Return the 1-based page number written in raw (ASCII digits only), or raise DomainError."""
    text = "1" if raw is None else str(raw) if isinstance(raw, (str, int)) and not isinstance(raw, bool) else "?"
    valid = text.isascii() and text.isdigit() and len(text) <= MAX_PAGE_DIGITS
    if not valid or not 1 <= int(text) <= MAX_PAGE:
        raise DomainError(f"The page number must be a whole number from 1 to {MAX_PAGE}, not {text[:20]!r}.",
                          code="bad_page")
    return int(text)


@dataclass
class Page:
    """One page of a list: its number (checked like ?page=), size and the total count."""

    number: int
    per_page: int
    total: int = 0

    def __post_init__(self):
        self.number = parse_page_number(self.number)
        if isinstance(self.per_page, bool) or not isinstance(self.per_page, int) \
                or not 1 <= self.per_page <= MAX_PER_PAGE:
            raise DomainError(f"A page holds 1 to {MAX_PER_PAGE} items.", code="bad_page_size")

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
        """Raise NotFound for a page past the end of the list."""
        if self.number > self.pages:
            raise NotFound(f"There is no page {self.number}: the list has {counted(self.pages, 'page')}.")

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
