from django.db import connection
from django.test.utils import CaptureQueriesContext


def queries_of(call) -> int:
    """How many queries `call()` runs; the first call of a pair, so the second can be pinned to it."""
    with CaptureQueriesContext(connection) as context:
        call()
    return len(context.captured_queries)
