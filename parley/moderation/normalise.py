"""Text as the word lists see it: the spellings people use to slip past a filter, undone.

casefold, accents stripped, zero-width and other format characters removed, leetspeak read
as letters, repeated letters collapsed. A term and a comment go through the same function,
so "Fuuuck", "f\u200buck" and "fÜck" all meet the listed word on equal terms.
"""

import re
import unicodedata

LEET = str.maketrans({"0": "o", "3": "e", "4": "a", "5": "s", "7": "t", "@": "a", "$": "s"})
# "1" reads as "i" in one word and as "l" in another; both readings are tried.
ONE_READINGS = ("i", "l")
REPEATS = re.compile(r"(.)\1+")
WORD = re.compile(r"[^\W_]+|[@$][^\W_]*", re.UNICODE)


def plain(text: str) -> str:
    """Casefolded, accent-free text without format characters."""
    text = unicodedata.normalize("NFKC", text).casefold()
    decomposed = unicodedata.normalize("NFKD", text)
    kept = (
        ch
        for ch in decomposed
        if unicodedata.category(ch) not in ("Mn", "Cf") and ch not in "\u200b\u2060\ufeff"
    )
    return unicodedata.normalize("NFC", "".join(kept))


def words(text: str, one: str = "i") -> list[str]:
    """The words of a text after normalisation (with "1" read as `one`)."""
    text = plain(text)
    out = []
    for token in WORD.findall(text):
        if token.isdigit():
            # A number is a number ("10" is not "io"); leetspeak hides words among letters.
            out.append(token)
            continue
        token = token.replace("1", one).translate(LEET)
        out.append(REPEATS.sub(r"\1", token))
    return out


def normalise(text: str) -> str:
    """One line of normalised words, for comparing texts ("1" read as "i")."""
    return " ".join(words(text))


def comparable(text: str) -> str:
    """Text for spotting a repeat: case, accents, spacing and punctuation aside, but every
    letter and digit kept (so "says 1" and "says 11" differ)."""
    return " ".join(WORD.findall(plain(text)))


def readings(text: str) -> list[str]:
    """Every normalised reading of a text, padded with spaces for whole-word search."""
    seen = []
    for one in ONE_READINGS:
        line = f" {' '.join(words(text, one))} "
        if line not in seen:
            seen.append(line)
    return seen


def contains_term(text_readings: list[str], term: str) -> bool:
    """Whether a listed word or phrase occurs whole in any reading of the text."""
    return contains_readings(text_readings, readings(term))


def contains_readings(text_readings: list[str], term_readings) -> bool:
    """contains_term, with the term's readings worked out beforehand."""
    for term_reading in term_readings:
        if term_reading.strip() and any(term_reading in line for line in text_readings):
            return True
    return False
