"""Stories relate to several towns and several categories, from the portal's shared lists.

The single `town` and `category` choices are copied into the new relations before they are removed: towns map onto
associations' town values, categories onto the associations' Category with the corresponding slug (a category with no
such row is skipped, since staff keep that list).
"""

import django.db.models.deletion
from django.db import migrations, models

TOWNS = {
    "helsingor": "helsingor",
    "snekkersten": "snekkersten",
    "espergaerde": "espergaerde",
    "tikob": "tikob",
    "hornbaek": "hornbaek",
    "hellebaek": "hellebaek",
    "alsgarde": "aalsgaarde",
    "kvistgard": "kvistgaard",
}

CATEGORIES = {
    "sport": "sport",
    "culture": "kultur",
    "social": "socialt",
    "children": "boern-unge",
    "nature": "natur",
    "community": "naermiljoe",
}


def copy_town_and_category(apps, schema_editor):
    Story = apps.get_model("recognition", "Story")
    StoryTown = apps.get_model("recognition", "StoryTown")
    Category = apps.get_model("associations", "Category")
    categories = {category.slug: category for category in Category.objects.filter(slug__in=CATEGORIES.values())}
    for story in Story.objects.exclude(town="", category="").only("pk", "town", "category").iterator():
        town = TOWNS.get(story.town)
        if town:
            StoryTown.objects.get_or_create(story=story, town=town)
        category = categories.get(CATEGORIES.get(story.category, ""))
        if category is not None:
            story.categories.add(category)


def copy_back(apps, schema_editor):
    Story = apps.get_model("recognition", "Story")
    towns = {new: old for old, new in TOWNS.items()}
    categories = {new: old for old, new in CATEGORIES.items()}
    for story in Story.objects.prefetch_related("towns", "categories").iterator(chunk_size=500):
        first_town = next((towns[row.town] for row in story.towns.all() if row.town in towns), "")
        first_category = next((categories[c.slug] for c in story.categories.all() if c.slug in categories), "")
        if first_town or first_category:
            story.town = first_town
            story.category = first_category
            story.save(update_fields=["town", "category"])


class Migration(migrations.Migration):
    dependencies = [
        ("associations", "0001_initial"),
        ("recognition", "0002_association_links"),
    ]

    operations = [
        migrations.AddField(
            model_name="story",
            name="categories",
            field=models.ManyToManyField(
                blank=True,
                help_text="What the story is about; the same categories as the associations'.",
                related_name="stories",
                to="associations.category",
                verbose_name="categories",
            ),
        ),
        migrations.CreateModel(
            name="StoryTown",
            fields=[
                ("id", models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name="ID")),
                (
                    "town",
                    models.CharField(
                        choices=[
                            ("helsingor", "Helsingør"),
                            ("snekkersten", "Snekkersten"),
                            ("espergaerde", "Espergærde"),
                            ("tikob", "Tikøb"),
                            ("hornbaek", "Hornbæk"),
                            ("hellebaek", "Hellebæk"),
                            ("aalsgaarde", "Ålsgårde"),
                            ("kvistgaard", "Kvistgård"),
                            ("kommune", "The whole municipality"),
                        ],
                        max_length=20,
                        verbose_name="town",
                    ),
                ),
                (
                    "story",
                    models.ForeignKey(
                        on_delete=django.db.models.deletion.CASCADE,
                        related_name="towns",
                        to="recognition.story",
                        verbose_name="story",
                    ),
                ),
            ],
            options={
                "verbose_name": "town",
                "verbose_name_plural": "towns",
                "ordering": ["town"],
                "constraints": [models.UniqueConstraint(fields=("story", "town"), name="story_town_once")],
            },
        ),
        migrations.RunPython(copy_town_and_category, copy_back),
        migrations.RemoveField(model_name="story", name="town"),
        migrations.RemoveField(model_name="story", name="category"),
    ]
