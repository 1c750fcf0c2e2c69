from django.contrib.syndication.views import Feed
from django.urls import reverse
from django.utils.feedgenerator import Atom1Feed
from django.utils.translation import gettext_lazy as _

from recognition import selectors
from recognition.models import Story


class StoryFeed(Feed):
    """The newest published stories as an Atom feed, for readers and for the municipality's other sites."""

    feed_type = Atom1Feed
    title = _("Frivillig Helsingør: stories about volunteering")
    subtitle = _("Good stories about what volunteer efforts mean in Helsingør Municipality.")

    def link(self) -> str:
        return reverse("recognition:story-list")

    def feed_url(self) -> str:
        return reverse("recognition:story-feed")

    def items(self):
        return selectors.stories_for_feed()

    def item_title(self, item: Story) -> str:
        return item.title

    def item_description(self, item: Story) -> str:
        return item.teaser

    def item_link(self, item: Story) -> str:
        return item.get_absolute_url()

    def item_pubdate(self, item: Story):
        return item.published_at

    def item_updateddate(self, item: Story):
        return item.updated_at

    def item_author_name(self, item: Story) -> str:
        return item.author.full_name or "Frivillig Helsingør"

    def item_categories(self, item: Story) -> list[str]:
        # Uses the selector's prefetched towns and categories, so the feed stays at a constant query count.
        return [category.name for category in item.categories.all()] + [
            row.get_town_display() for row in item.towns.all()
        ]
