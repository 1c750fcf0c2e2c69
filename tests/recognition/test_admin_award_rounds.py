"""Winners are published only through the round's action, which refuses a round without a winner."""

import pytest

from tests.admin_forms import change_form_data
from tests.factories.portal import StaffFactory
from tests.factories.recognition import AwardRoundFactory

pytestmark = pytest.mark.django_db


def test_the_change_form_cannot_publish_winners(client):
    client.force_login(StaffFactory(is_superuser=True))
    award_round = AwardRoundFactory()
    url = f"/admin/recognition/awardround/{award_round.pk}/change/"

    client.post(url, {**change_form_data(client.get(url)), "winners_published": "on"})

    award_round.refresh_from_db()
    assert not award_round.winners_published
