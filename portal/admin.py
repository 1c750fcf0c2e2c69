from django.contrib import admin, messages
from django.contrib.auth.admin import UserAdmin as DjangoUserAdmin
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from portal import services
from portal.admin_search import IndexedSearch
from portal.models import Notification, User


@admin.register(User)
class UserAdmin(IndexedSearch, DjangoUserAdmin):
    ordering = ["email"]
    list_display = ["email", "full_name", "is_staff", "is_active", "date_joined"]
    list_filter = ["is_staff", "is_superuser", "is_active", "groups", "preferred_language"]
    search_fields = ["email", "full_name"]
    # Counting every account for the "show all" link costs a second scan of the table on each page.
    show_full_result_count = False
    readonly_fields = ["last_login", "date_joined"]
    fieldsets = [
        (None, {"fields": ["email", "password"]}),
        (_("Person"), {"fields": ["full_name", "preferred_language", "notification_delivery"]}),
        (
            _("Permissions"),
            {"fields": ["is_active", "is_staff", "is_superuser", "groups", "user_permissions"]},
        ),
        (_("Dates"), {"fields": ["last_login", "date_joined"]}),
    ]
    add_fieldsets = [(None, {"classes": ["wide"], "fields": ["email", "full_name", "password1", "password2"]})]


@admin.register(Notification)
class NotificationAdmin(admin.ModelAdmin):
    list_display = ["created_at", "kind", "email", "language", "digest", "sent_at", "attempts"]
    list_filter = [("sent_at", admin.EmptyFieldListFilter), "digest", "kind", "language"]
    search_fields = ["email", "key", "kind"]
    date_hierarchy = "created_at"
    list_select_related = ["user"]
    readonly_fields = [f.name for f in Notification._meta.fields]
    actions = ["deliver_now"]

    def has_add_permission(self, request):
        return False

    @admin.action(description=_("Try to deliver the selected notifications now"))
    def deliver_now(self, request, queryset):
        results = [services.notification_deliver(notification_id=pk) for pk in queryset.values_list("pk", flat=True)]
        sent = results.count(services.Delivery.SENT)
        self.message_user(
            request,
            ngettext("%(count)d notification was sent.", "%(count)d notifications were sent.", sent) % {"count": sent},
            messages.SUCCESS if sent else messages.WARNING,
        )
