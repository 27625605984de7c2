"""Name keys: when two public names are "the same name" for uniqueness.

Usernames and display names share one namespace, compared by a key: NFKC (so fullwidth and
ligature forms fold), casefold (so "VENDOR" is "vendor"), then the Unicode confusable skeleton
of UTS #39 (so "v\u0435ndor" with a Cyrillic e is "vendor", "paypa1" is "paypal"), then casefold
again because some prototypes are capitals ("0" becomes "O").

The confusable data is Unicode's confusables.txt as shipped by confusable-homoglyphs. That
package stores each line "source -> prototype" in both directions, so the direction is read
back from the shape of the data: a prototype is a fixed point that every source of its group
points to, so a character with several look-alikes is a prototype, and one with a single
look-alike that has several is a source. For a pair whose sides both have one look-alike the
direction cannot be told, and need not be: both map to the smaller of the two, which puts them
in the same class, and equality of keys is all this module promises.

A known limit of casefolding first: capitals that look alike while their small letters do
not (Cyrillic "\u0412\u041e\u0412" and Latin "BOB") get different keys.
"""

import unicodedata
from functools import lru_cache

# Left-to-right marks the data file puts around right-to-left characters for display.
_DISPLAY_MARKS = str.maketrans("", "", "\u200e\u200f")


@lru_cache(maxsize=1)
def prototypes() -> dict[str, str]:
    """Each confusable character mapped to the representative of its look-alike class."""
    from confusable_homoglyphs.utils import load

    neighbours: dict[str, set[str]] = {}
    for char, entries in load("confusables.json").items():
        char = char.translate(_DISPLAY_MARKS)
        for entry in entries:
            neighbours.setdefault(char, set()).add(entry["c"].translate(_DISPLAY_MARKS))
    table = {}
    for char, others in neighbours.items():
        if len(char) != 1 or len(others) != 1:
            continue  # a prototype (or a sequence): it stays as it is
        (other,) = others
        if len(other) > 1 or len(neighbours.get(other, ())) > 1:
            table[char] = other  # a source and its prototype
        else:
            table[char] = min(char, other)  # a pair of unknown direction
    return table


def skeleton(text: str) -> str:
    """The UTS #39 skeleton: decompose, map each character to its prototype, decompose."""
    table = prototypes()
    mapped = "".join(table.get(ch, ch) for ch in unicodedata.normalize("NFD", text))
    return unicodedata.normalize("NFD", mapped)


def name_key(name: str) -> str:
    """The key two names must not share: NFKC, casefold, confusable skeleton, casefold."""
    folded = unicodedata.normalize("NFKC", name).casefold()
    return unicodedata.normalize("NFC", skeleton(folded).casefold())
