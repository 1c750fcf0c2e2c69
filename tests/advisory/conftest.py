import pytest

from tests.factories.advisory import AdvisorFactory, StaffGroupFactory, TopicFactory


@pytest.fixture(autouse=True)
def _private_media(settings, tmp_path):
    # Attachments written by a test land in a temporary directory, never in var/private.
    settings.PRIVATE_MEDIA_ROOT = tmp_path / "private"


@pytest.fixture
def staff_group(db):
    return StaffGroupFactory(name="Foreningsrådgivning")


@pytest.fixture
def topic(staff_group):
    return TopicFactory(staff_group=staff_group, slug="start-en-forening", name_da="Start en forening")


@pytest.fixture
def advisor(staff_group):
    return AdvisorFactory(groups=[staff_group], full_name="Rikke Rådgiver", preferred_language="da")
