from django.utils.translation import get_language


def in_language(zh: str, en: str) -> str:
    """Pick the English text on English pages when there is one, else the Chinese (the portal's first language)."""
    return en if en and (get_language() or "").startswith("en") else zh
