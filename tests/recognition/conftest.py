import pytest


@pytest.fixture(autouse=True)
def _media_in_tmp_and_fast_passwords(settings, tmp_path):
    """Uploaded pictures go to a temporary folder, never into the developer's var/media.

    Factories create many people; hashing each password properly would make these tests crawl.
    """
    settings.MEDIA_ROOT = tmp_path / "media"
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


@pytest.fixture
def superuser(db):
    from tests.factories.portal import StaffFactory

    return StaffFactory(is_superuser=True)
