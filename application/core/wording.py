"""How counts are worded everywhere: "1 credit", "3 credits", "no posts"."""


def counted(number, noun, plural=None):
    """Return "<number> <noun>" with the noun in the plural unless the number is exactly 1."""
    number = number or 0
    word = noun if number == 1 else (plural or noun + "s")
    return f"{number} {word}"
