"""What an admin change form sends back when staff change nothing, for tests that change one field of it."""

import datetime as dt

from django.utils import timezone


def change_form_data(response) -> dict:
    """What the change form sends back unchanged: the object's form and every inline formset with its rows."""
    forms = [response.context["adminform"].form]
    for inline in response.context["inline_admin_formsets"]:
        forms += [inline.formset.management_form, *inline.formset.forms]
    data = {}
    for form in forms:
        for field in form:
            value = field.value()
            if value is None or value is False or value == "" or hasattr(value, "storage"):
                continue
            if isinstance(value, dt.datetime):
                # The admin shows a date and time as two inputs.
                local = timezone.localtime(value)
                data[f"{field.html_name}_0"], data[f"{field.html_name}_1"] = local.date(), local.time()
            else:
                data[field.html_name] = "on" if value is True else value
    return data
