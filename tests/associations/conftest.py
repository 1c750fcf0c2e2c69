import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext


@pytest.fixture
def count_queries(client):
    """Number of queries a GET of `url` makes; the SQL is printed when a test comparing two counts fails."""

    def count(url: str) -> int:
        with CaptureQueriesContext(connection) as context:
            response = client.get(url)
        assert response.status_code == 200, url
        print(f"\n{len(context.captured_queries)} queries for {url}:")
        for query in context.captured_queries:
            print("  ", query["sql"])
        return len(context.captured_queries)

    return count
