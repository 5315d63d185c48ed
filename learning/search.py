"""Material search, the pure part: the words of a query, and text cut into marked and unmarked parts.

A search finds materials whose text contains every word of the query as a substring (Chinese is not
split into words), so the same substrings are what the results mark. Templates render the parts with
autoescaping on: ``<mark>`` is the only markup, and it never comes from the text.
"""

import re
from collections.abc import Sequence
from dataclasses import dataclass

MAX_WORDS = 10
MAX_QUERY = 100
SNIPPET_WIDTH = 90


@dataclass(frozen=True)
class Part:
    text: str
    mark: bool = False


def query_words(query: str) -> list[str]:
    """The distinct words of a query (split at spaces, full-width ones too), at most ``MAX_WORDS``."""
    words: list[str] = []
    for word in query[:MAX_QUERY].split():
        if word.casefold() not in (w.casefold() for w in words):
            words.append(word)
    return words[:MAX_WORDS]


def _pattern(words: Sequence[str]) -> re.Pattern[str] | None:
    if not words:
        return None
    # Longest first, so 细节 inside 注意细节 is marked whole when both are searched.
    return re.compile("|".join(re.escape(word) for word in sorted(words, key=len, reverse=True)), re.IGNORECASE)


def contains_any(text: str, words: Sequence[str]) -> bool:
    pattern = _pattern(words)
    return bool(pattern and pattern.search(text))


def marked(text: str, words: Sequence[str]) -> list[Part]:
    """Cut ``text`` into parts, the occurrences of ``words`` marked."""
    pattern = _pattern(words)
    if pattern is None or not text:
        return [Part(text)] if text else []
    parts: list[Part] = []
    position = 0
    for match in pattern.finditer(text):
        if match.start() > position:
            parts.append(Part(text[position : match.start()]))
        parts.append(Part(match.group(0), mark=True))
        position = match.end()
    if position < len(text):
        parts.append(Part(text[position:]))
    return parts


def snippet(text: str, words: Sequence[str], width: int = SNIPPET_WIDTH) -> list[Part]:
    """About ``width`` characters of ``text`` around the first occurrence of a word, marked; … where cut."""
    pattern = _pattern(words)
    match = pattern.search(text) if pattern else None
    if match is None:
        return [Part(text[:width] + ("…" if len(text) > width else ""))] if text else []
    start = max(0, match.start() - width // 3)
    end = min(len(text), start + width)
    start = max(0, min(start, end - width))
    parts = marked(text[start:end], words)
    if start > 0:
        parts.insert(0, Part("…"))
    if end < len(text):
        parts.append(Part("…"))
    return parts
