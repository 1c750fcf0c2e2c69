"""Cancelled dates stored in another form than ISO (typed into the admin as raw JSON) are written as ISO dates, so the
new validation holds for every stored activity and the calendar can read them all. A value that is no date at all
cannot be read by anyone and is dropped."""

import datetime as dt

from django.db import migrations

FORMS = ["%Y-%m-%d", "%d-%m-%Y", "%d.%m.%Y", "%d/%m/%Y"]
EARLIEST, LATEST = dt.date(2000, 1, 1), dt.date(2100, 12, 31)


def _as_date(value) -> dt.date | None:
    for pattern in FORMS:
        try:
            day = dt.datetime.strptime(str(value).strip(), pattern).date()
        except ValueError:
            continue
        return day if EARLIEST <= day <= LATEST else None
    return None


def cancelled_dates_as_iso(apps, schema_editor):
    Activity = apps.get_model("associations", "Activity")
    for activity in Activity.objects.exclude(exceptions=[]).only("pk", "exceptions").iterator():
        values = activity.exceptions if isinstance(activity.exceptions, list) else [activity.exceptions]
        days = {_as_date(value) for value in values} - {None}
        normalised = [day.isoformat() for day in sorted(days)]
        if normalised != activity.exceptions:
            Activity.objects.filter(pk=activity.pk).update(exceptions=normalised)


class Migration(migrations.Migration):
    dependencies = [("associations", "0013_cancelled_dates_validated")]

    operations = [migrations.RunPython(cancelled_dates_as_iso, migrations.RunPython.noop)]
