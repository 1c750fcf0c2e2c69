"""Texts staff write in two languages, as model fields `<name>_da` and `<name>_en`."""

from django.utils.translation import get_language


class Translated:
    """Reads `<name>_en` on English pages when it is filled in, and `<name>_da` otherwise.

    Staff always write the Danish text; the English one is optional, so an English page never shows an empty field.
    Used as a class attribute: `title = Translated("title")`.
    """

    def __init__(self, name: str) -> None:
        self.name = name

    def __get__(self, obj, objtype=None):
        if obj is None:
            return self
        if (get_language() or "da").startswith("en"):
            english = getattr(obj, f"{self.name}_en")
            if english:
                return english
        return getattr(obj, f"{self.name}_da")
