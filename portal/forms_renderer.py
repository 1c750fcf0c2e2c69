from django.forms.renderers import TemplatesSetting


class FormRenderer(TemplatesSetting):
    """Renders every form field as a Det Fælles Designsystem form group, so templates can just say {{ form }}."""

    form_template_name = "portal/forms/div.html"
    field_template_name = "portal/forms/field.html"
