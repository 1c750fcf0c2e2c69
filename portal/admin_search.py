"""The admin's search over the portal's large tables, answered from the searched columns' own indexes."""

from django.contrib import admin
from django.core.exceptions import ValidationError
from django.db import models
from django.utils.text import smart_split, unescape_string_literal


def _field_query(model: type[models.Model], search_field: str, word: str) -> models.Q | None:
    """The condition for one word in one search field: the word anywhere in it, or with "=" before one of the
    model's own fields (such as "=pk") the field's exact value; None when the word cannot be such a value."""
    if not search_field.startswith("="):
        return models.Q(**{f"{search_field}__icontains": word})
    name = search_field[1:]
    field = model._meta.pk if name == "pk" else model._meta.get_field(name)
    try:
        return models.Q(**{name: field.to_python(word)})
    except ValidationError:
        return None


class IndexedSearch(admin.ModelAdmin):
    """Searches each search field in a query of its own and combines the rows they find.

    Django's admin search puts every field into one condition joined by OR. When some fields lie in joined tables,
    Postgres cannot answer that condition from the columns' trigram indexes and reads the whole table with its joins
    for every search. One query per field can use that field's index, and a UNION of their ids needs no DISTINCT
    even when a field lies across a to-many relation. As in Django's own search, every word must match some field;
    a field matches a word anywhere in it, or exactly with "=" before one of the model's own fields (Django's "^"
    and "@" prefixes are not supported).
    """

    def get_search_results(self, request, queryset, search_term):
        search_fields = self.get_search_fields(request)
        if not search_fields or not search_term.strip():
            return super().get_search_results(request, queryset, search_term)
        everything = self.model._default_manager.order_by()
        for word in smart_split(search_term):
            if word[0] in "\"'" and word[0] == word[-1]:
                word = unescape_string_literal(word)
            conditions = [q for field in search_fields if (q := _field_query(self.model, str(field), word)) is not None]
            if not conditions:
                return queryset.none(), False
            found = [everything.filter(condition).values("pk") for condition in conditions]
            queryset = queryset.filter(pk__in=found[0].union(*found[1:]))
        return queryset, False
