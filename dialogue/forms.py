from django import forms
from django.utils.translation import gettext_lazy as _

from associations.models import Category, Town
from associations.selectors import associations_for_user
from dialogue.models import Idea
from portal.models import User
from portal.validation import LONG_TEXT_MAX

SORT_CHOICES = [
    ("newest", _("Newest")),
    ("supported", _("Most supported")),
    ("answered", _("Recently answered")),
]


class IdeaFilterForm(forms.Form):
    """The filters above the idea list. Unknown values are ignored rather than shown as errors."""

    status = forms.ChoiceField(
        label=_("Status"), required=False, choices=[("", _("All statuses")), *Idea.Status.choices]
    )
    town = forms.ChoiceField(label=_("Town"), required=False, choices=[("", _("All towns")), *Town.choices])
    category = forms.ChoiceField(label=_("Category"), required=False)
    sort = forms.ChoiceField(label=_("Sort by"), required=False, choices=SORT_CHOICES)

    def __init__(self, *args, categories=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["category"].choices = [("", _("All categories")), *[(c.slug, c.name) for c in categories]]

    def filters(self) -> dict[str, str]:
        # A field that did not validate is simply left out of cleaned_data, so one bad value drops only that filter.
        self.is_valid()
        return {name: value for name, value in self.cleaned_data.items() if value}


class _OnBehalfOfMixin:
    """An optional "on behalf of" choice listing only the associations the person is a member of."""

    def _add_association_field(self, user: User) -> None:
        associations = associations_for_user(user)
        self.fields["association"] = forms.ModelChoiceField(
            label=_("On behalf of an association"),
            queryset=associations,
            required=False,
            empty_label=_("Only myself"),
            help_text=_("You can only choose associations you are a member of."),
        )
        if not associations.exists():
            del self.fields["association"]


class IdeaForm(_OnBehalfOfMixin, forms.Form):
    title = forms.CharField(label=_("Title"), max_length=150, help_text=_("A short name for the idea."))
    description = forms.CharField(
        label=_("Description"),
        max_length=LONG_TEXT_MAX,
        widget=forms.Textarea(attrs={"rows": 8}),
        help_text=_("What is the idea, who would benefit, and what could the municipality do? You can use Markdown."),
    )
    towns = forms.MultipleChoiceField(
        label=_("Towns"),
        choices=Town.choices,
        required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text=_("Where in the municipality does the idea belong?"),
    )
    categories = forms.ModelMultipleChoiceField(
        label=_("Categories"),
        queryset=Category.objects.none(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )

    def __init__(self, *args, user: User, **kwargs):
        super().__init__(*args, **kwargs)
        categories = Category.objects.order_by("position", "name_da")
        if categories.exists():
            self.fields["categories"].queryset = categories
        else:
            # An empty heading with nothing to tick would only confuse; the categories arrive with the associations.
            del self.fields["categories"]
        self._add_association_field(user)


class CommentForm(forms.Form):
    body = forms.CharField(
        label=_("Your comment"),
        max_length=4000,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=_("Be kind and stay on topic. You can edit your comment for 15 minutes."),
    )


class CommentReportForm(forms.Form):
    reason = forms.CharField(
        label=_("Why should staff look at this comment?"),
        max_length=1000,
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
    )


class AgendaTopicForm(_OnBehalfOfMixin, forms.Form):
    title = forms.CharField(label=_("Topic"), max_length=200)
    description = forms.CharField(
        label=_("What should the forum discuss?"),
        max_length=5000,
        widget=forms.Textarea(attrs={"rows": 6}),
        help_text=_("Explain the topic and why it matters. You can use Markdown."),
    )

    def __init__(self, *args, user: User, **kwargs):
        super().__init__(*args, **kwargs)
        self._add_association_field(user)
