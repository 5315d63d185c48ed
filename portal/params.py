"""Query and form parameters read one way everywhere: ASCII digits only, bounded, never a 500."""

from collections.abc import Mapping

# Every id fits a signed 64-bit database integer; a cycle number or a page number fits far below.
ID_MAX = 2**63 - 1


def int_param(raw: str | None, *, maximum: int = ID_MAX) -> int | None:
    """Return ``raw`` as a whole number from 0 to ``maximum``, or None for anything else.

    ``str.isdigit()`` alone lets '²' through, which ``int()`` refuses; a 40-digit id would reach
    the database and fail there instead of finding nothing.
    """
    if not raw or not (raw.isascii() and raw.isdigit()) or len(raw) > len(str(maximum)):
        return None
    value = int(raw)
    return value if value <= maximum else None


def int_from(data: Mapping[str, str], name: str, *, maximum: int = ID_MAX) -> int | None:
    """``int_param`` of one entry of ``request.GET`` or ``request.POST`` (a missing entry is None)."""
    return int_param(data.get(name), maximum=maximum)
