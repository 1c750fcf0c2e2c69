import io

import pytest

from associations.models import Association
from dialogue import demo
from dialogue.models import Comment, Forum, Idea, InspirationEntry, Meeting, Support
from portal import demo as portal_demo

pytestmark = pytest.mark.django_db


def _seed():
    portal_demo.seed(stdout=io.StringIO())
    demo.seed(stdout=io.StringIO())


def _counts():
    return [model.objects.count() for model in (Idea, Support, Comment, Forum, Meeting, InspirationEntry)]


def test_the_demo_has_every_status_fora_with_past_and_upcoming_meetings_and_inspiration():
    from django.utils import timezone

    _seed()
    assert set(Idea.objects.values_list("status", flat=True)) == set(Idea.Status.values)
    assert Support.objects.exists() and Comment.objects.exists()
    for forum in Forum.objects.all():
        assert forum.meetings.filter(starts_at__lt=timezone.now()).exists()
        assert forum.meetings.filter(starts_at__gt=timezone.now()).exists()
    assert InspirationEntry.objects.count() >= 10


def test_running_the_demo_twice_changes_nothing():
    _seed()
    before = _counts()
    _seed()
    assert _counts() == before


def test_the_demo_links_associations_once_they_exist():
    _seed()
    scouts = Association.objects.create(name="Espergærde Spejderne", slug="espergaerde-spejderne", status="approved")
    _seed()
    assert Idea.objects.filter(association=scouts).exists()
    assert InspirationEntry.objects.filter(associations=scouts).exists()
