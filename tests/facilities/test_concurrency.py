"""Many people trying to book the same time at once: exactly one gets it, the others get the friendly message."""

import threading

import pytest
from django.db import connection

from facilities import services
from facilities.models import Booking
from tests.factories.facilities import BookingMembershipFactory, FacilityFactory

from .conftest import at, next_weekday

THREADS = 20


@pytest.mark.postgres
@pytest.mark.django_db(transaction=True)
def test_exactly_one_of_many_simultaneous_requests_wins(association):
    facility = FacilityFactory(buffer_after=15)
    members = [BookingMembershipFactory(association=association).user for _ in range(THREADS)]
    monday = next_weekday(0)
    barrier = threading.Barrier(THREADS, timeout=60)
    results: list[str] = []
    lock = threading.Lock()

    def attempt(index: int) -> None:
        outcome = "error"
        try:
            # Overlapping but not identical times, so only the database's range check can tell them apart.
            minutes = 30 * (index % 3)
            start = at(monday, 17 + minutes // 60, minutes % 60)
            barrier.wait()
            services.booking_request(
                facility=facility,
                user=members[index],
                association=association,
                start=start,
                end=at(monday, 19, 30),
                purpose="Kamp",
                attendees=10,
            )
            outcome = "booked"
        except services.BookingRefused as refusal:
            outcome = refusal.message
        except Exception as exc:
            outcome = repr(exc)
        finally:
            connection.close()
        with lock:
            results.append(outcome)

    threads = [threading.Thread(target=attempt, args=(index,)) for index in range(THREADS)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=120)

    assert results.count("booked") == 1
    assert set(results) - {"booked"} == {services.taken_message()}
    assert Booking.objects.filter(facility=facility, status__in=Booking.ACTIVE).count() == 1
