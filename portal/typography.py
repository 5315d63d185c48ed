"""Chinese reads as Chinese: full-width punctuation beside Chinese text (UX.md, principle 4).

``zh_punctuate`` turns the half-width , : ; ? ! ( ) . and "…" that touch Chinese characters
into ，：；？！（）。and “…”; times (21:00), numbers (1,000; 3.5), format placeholders
(%(name)s) and English text stay as they are. ``half_width_beside_chinese`` finds what is left.
Used by the catalogue test and by the data migration that mends the seeded framework texts.
"""

import re

HAN = "\u3400-\u4dbf\u4e00-\u9fff"
CJK = HAN + "\u3000-\u303f\uff00-\uffef“”‘’"
_CJK = re.compile(f"[{CJK}]")
_HAN = re.compile(f"[{HAN}]")
_SINGLE = {",": "，", ":": "：", ";": "；", "?": "？", "!": "！"}
_PAREN = re.compile(r"(?<!%)\(((?:[^()\n]|%\(\w+\))*)\)")
_QUOTED = re.compile(r'"([^"\n]*)"')
_LEFTOVER = re.compile(f'[{HAN}][,:;?!()]|(?<!%)[,:;?!(][{HAN}]|[{HAN}]\\.(?![0-9a-zA-Z])|"[{HAN}]|[{HAN}]"')


def _is_cjk(char: str) -> bool:
    return bool(char) and bool(_CJK.match(char))


def _parens(text: str) -> str:
    def full_width(match: re.Match) -> str:
        before, after = text[: match.start()].rstrip()[-1:], text[match.end() :].lstrip()[:1]
        if _HAN.search(match.group(1)) or _is_cjk(before) or _is_cjk(after):
            return "（" + match.group(1).strip() + "）"
        return match.group(0)

    return _PAREN.sub(full_width, text)


def _quotes(text: str) -> str:
    return _QUOTED.sub(lambda m: f"“{m.group(1)}”" if _HAN.search(m.group(1)) else m.group(0), text)


def _singles(text: str) -> str:
    out: list[str] = []
    i = 0
    while i < len(text):
        char = text[i]
        if char in _SINGLE or char == ".":
            kept = len(out)
            while kept and out[kept - 1] == " ":
                kept -= 1
            previous = out[kept - 1] if kept else ""
            after = i + 1
            while after < len(text) and text[after] == " ":
                after += 1
            following = text[after] if after < len(text) else ""
            if char == ".":
                replace = bool(_HAN.match(previous or " ")) and (following in ("", "\n") or _is_cjk(following))
            else:  # 21:00, 1,000 and %(a)s:%(b)s have ASCII on both sides
                replace = not (previous.isascii() and following.isascii()) and (_is_cjk(previous) or _is_cjk(following))
            if replace:
                del out[kept:]
                out.append("。" if char == "." else _SINGLE[char])
                i = after
                continue
        out.append(char)
        i += 1
    return "".join(out)


def zh_punctuate(text: str) -> str:
    """Return ``text`` with full-width punctuation wherever half-width punctuation touches Chinese."""
    return _singles(_parens(_quotes(text)))


def half_width_beside_chinese(text: str) -> list[str]:
    """The places (with a little context) where half-width punctuation still touches a Chinese character."""
    return [text[max(0, m.start() - 8) : m.end() + 8] for m in _LEFTOVER.finditer(text)]
