"""The lists the filters and the eligibility guide start with. Staff can rename, reorder and add to them later."""

from django.db import migrations

APPLICANT_KINDS = [
    ("folkeoplysende-forening", "Folkeoplysende foreninger", "Adult education and leisure associations"),
    ("frivillig-social-forening", "Frivillige sociale foreninger", "Voluntary social associations"),
    ("kulturforening", "Kulturforeninger", "Cultural associations"),
    ("netvaerk", "Netværk og uformelle grupper", "Networks and informal groups"),
    ("selvejende-institution", "Selvejende institutioner", "Self-governing institutions"),
    ("privatperson", "Privatpersoner og ildsjæle", "Private persons"),
]
PURPOSES = [
    ("frivilligt-socialt-arbejde", "Frivilligt socialt arbejde", "Voluntary social work"),
    ("foreningsaktiviteter", "Aktiviteter for medlemmer", "Activities for members"),
    ("udstyr", "Udstyr og materialer", "Equipment and materials"),
    ("kunst-og-kultur", "Kunst og kultur", "Arts and culture"),
    ("arrangementer", "Arrangementer og events", "Events"),
    ("udvikling", "Nye idéer og udvikling", "New ideas and development"),
    ("kurser", "Kurser for frivillige", "Training for volunteers"),
]
TARGET_GROUPS = [
    ("boern-og-unge", "Børn og unge", "Children and young people"),
    ("aeldre", "Ældre", "Older people"),
    ("handicap", "Mennesker med handicap", "People with disabilities"),
    ("socialt-udsatte", "Socialt udsatte", "Socially vulnerable people"),
    ("nye-borgere", "Nye borgere og flygtninge", "Newcomers and refugees"),
    ("familier", "Familier", "Families"),
]


def add_lookups(apps, schema_editor):
    for model_name, rows in (
        ("ApplicantKind", APPLICANT_KINDS),
        ("Purpose", PURPOSES),
        ("TargetGroup", TARGET_GROUPS),
    ):
        model = apps.get_model("grants", model_name)
        for order, (slug, name_da, name_en) in enumerate(rows):
            model.objects.get_or_create(slug=slug, defaults={"name_da": name_da, "name_en": name_en, "order": order})


class Migration(migrations.Migration):
    dependencies = [("grants", "0001_initial")]

    operations = [migrations.RunPython(add_lookups, migrations.RunPython.noop)]
