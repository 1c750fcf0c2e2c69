"""Database expressions the apps share."""

from django.db.models import Field, Func


class CodePoint(Func):
    """A text compared by code point, as Python compares strings: collation "C" on PostgreSQL, BINARY on SQLite.

    For an order that the database reads from an index and Python then merges with other rows. (Not a Collate,
    which an index takes apart as a wrapper of its column, and whose collation is the same on every database.)"""

    template = '%(expressions)s COLLATE "C"'

    def as_sqlite(self, compiler, connection, **extra_context):
        return super().as_sql(compiler, connection, template="%(expressions)s COLLATE BINARY", **extra_context)


class Row(Func):
    """Values compared as one, column by column: `Row(a, b) > Row(x, y)` is `a > x OR (a = x AND b > y)`.

    For where a keyset page starts: an index whose columns are in the row's order reads from that point on."""

    template = "(%(expressions)s)"
    output_field = Field()
