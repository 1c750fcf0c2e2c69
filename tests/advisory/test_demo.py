import io

import pytest
from django.urls import reverse

from advisory import demo
from advisory.models import AdviceRequest, Guide, Topic
from portal import demo as portal_demo
from portal.demo import demo_user

pytestmark = pytest.mark.django_db


def test_the_demo_data_has_every_state_and_can_be_seeded_twice(client):
    portal_demo.seed(stdout=io.StringIO())
    demo.seed(stdout=io.StringIO())
    demo.seed(stdout=io.StringIO())

    assert Topic.objects.count() == 9
    assert all(2 <= topic.guides.count() <= 3 for topic in Topic.objects.all())
    assert set(AdviceRequest.objects.values_list("status", flat=True)) == set(AdviceRequest.Status.values)
    assert AdviceRequest.objects.count() == len(demo.REQUESTS)

    # Every page a visitor can reach renders with the demo content.
    guide = Guide.objects.first()
    for url in (reverse("advisory:topic-list"), guide.topic.get_absolute_url(), guide.get_absolute_url()):
        assert client.get(url).status_code == 200
    client.force_login(demo_user("forening@example.org"))
    for advice_request in AdviceRequest.objects.filter(asker__email="forening@example.org"):
        assert client.get(advice_request.get_absolute_url()).status_code == 200
    client.force_login(demo_user("admin@example.org"))
    assert client.get(reverse("admin:advisory_advicerequest_changelist")).status_code == 200
    assert client.get(reverse("admin:advisory_advicerequest_overview")).status_code == 200
