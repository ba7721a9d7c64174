"""How counts are worded everywhere: "1 credit", "3 credits", "no posts"."""


ORDINAL_SUFFIXES = {1: "st", 2: "nd", 3: "rd"}


def ordinal(position):
    """Return "1st", "2nd", "3rd", "11th", "23rd"."""
    suffix = "th" if 10 <= position % 100 <= 20 else ORDINAL_SUFFIXES.get(position % 10, "th")
    return f"{position}{suffix}"


def counted(number, noun, plural=None):
    """Return "<number> <noun>" with the noun in the plural unless the number is exactly 1."""
    number = number or 0
    word = noun if number == 1 else (plural or noun + "s")
    return f"{number} {word}"
