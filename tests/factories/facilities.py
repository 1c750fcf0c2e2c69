"""Factories of the facilities app.

The association and membership factories here are minimal stand-ins so these tests do not depend on the
associations app's own factories (being written in parallel); the lead may swap them for those on merge.
"""

import datetime as dt

import factory

from associations.models import Association, Membership
from facilities.models import Booking, BookingFeed, BookingSeries, Closure, Facility, FacilityPhoto, OpeningHours
from tests.factories.portal import UserFactory


class BookingAssociationFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Association

    name = factory.Sequence(lambda n: f"Forening {n}")
    slug = factory.Sequence(lambda n: f"forening-{n}")
    status = Association.Status.APPROVED


class BookingMembershipFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Membership

    user = factory.SubFactory(UserFactory)
    association = factory.SubFactory(BookingAssociationFactory)
    role = Membership.Role.EDITOR


class FacilityFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Facility
        skip_postgeneration_save = True

    name_da = factory.Sequence(lambda n: f"Hal {n}")
    name_en = factory.Sequence(lambda n: f"Hall {n}")
    slug = factory.Sequence(lambda n: f"hal-{n}")
    kind = Facility.Kind.SPORTS_HALL
    address = "Stationsvej 1"
    town = "espergaerde"
    capacity = 50
    min_duration = 60
    max_duration = 240
    start_step = 30
    buffer_before = 0
    buffer_after = 0
    min_lead_time = 0
    max_horizon = 3650
    cancellation_deadline = 48

    @factory.post_generation
    def hours(self, create, extracted, **kwargs):
        """Open 08:00–22:00 every day unless a test asks otherwise (hours=[] for none)."""
        if not create:
            return
        intervals = extracted if extracted is not None else [(dt.time(8), dt.time(22))]
        for weekday in range(7):
            for opens, closes in intervals:
                OpeningHours.objects.create(facility=self, weekday=weekday, opens=opens, closes=closes)


class FacilityPhotoFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = FacilityPhoto

    facility = factory.SubFactory(FacilityFactory)
    image = factory.django.ImageField(color="green")
    alt_da = "Hallen set indefra"
    alt_en = "The hall seen from inside"


class OpeningHoursFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = OpeningHours

    facility = factory.SubFactory(FacilityFactory, hours=[])
    weekday = 0
    opens = dt.time(8)
    closes = dt.time(22)


class ClosureFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Closure

    facility = factory.SubFactory(FacilityFactory)
    start = factory.LazyFunction(lambda: dt.datetime(2030, 1, 1, tzinfo=dt.UTC))
    end = factory.LazyAttribute(lambda o: o.start + dt.timedelta(days=1))
    reason = "Vedligeholdelse"


class BookingFactory(factory.django.DjangoModelFactory):
    """A confirmed booking written directly (no rules checked), for setting up a situation."""

    class Meta:
        model = Booking

    facility = factory.SubFactory(FacilityFactory)
    association = factory.SubFactory(BookingAssociationFactory)
    booked_by = factory.SubFactory(UserFactory)
    start = factory.LazyFunction(lambda: dt.datetime(2030, 1, 7, 9, tzinfo=dt.UTC))
    end = factory.LazyAttribute(lambda o: o.start + dt.timedelta(hours=2))
    span_start = factory.LazyAttribute(lambda o: o.start - dt.timedelta(minutes=o.facility.buffer_before))
    span_end = factory.LazyAttribute(lambda o: o.end + dt.timedelta(minutes=o.facility.buffer_after))
    purpose = "Træning"
    attendees = 10
    status = Booking.Status.CONFIRMED


class BookingSeriesFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = BookingSeries

    facility = factory.SubFactory(FacilityFactory)
    association = factory.SubFactory(BookingAssociationFactory)
    booked_by = factory.SubFactory(UserFactory)
    weekday = 0
    start_time = dt.time(17)
    end_time = dt.time(19)
    first_date = dt.date(2030, 1, 7)
    last_date = dt.date(2030, 3, 25)
    purpose = "Træning"
    attendees = 10


class BookingFeedFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = BookingFeed

    association = factory.SubFactory(BookingAssociationFactory)
