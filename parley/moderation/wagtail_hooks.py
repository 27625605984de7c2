"""The workspace's place in Wagtail's admin: its URLs, a menu only moderators see, the lists
editors manage as snippets, and the permission on the group editor."""

from django.contrib.auth.models import Permission
from django.urls import include, path, reverse
from wagtail import hooks
from wagtail.admin.menu import MenuItem
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet, SnippetViewSetGroup

from parley.moderation import admin_urls
from parley.moderation.models import BlockedDomain, ModeratedTerm, SectionPolicy
from parley.moderation.permissions import can_moderate


@hooks.register("register_admin_urls")
def moderation_urls():
    return [path("moderation/", include(admin_urls, namespace="moderation_admin"))]


class ModerationMenuItem(MenuItem):
    def is_shown(self, request):
        return can_moderate(request.user)


@hooks.register("register_admin_menu_item")
def moderation_menu_item():
    return ModerationMenuItem(
        "Moderation", reverse("moderation_admin:dashboard"), icon_name="warning", order=250
    )


@hooks.register("register_permissions")
def moderation_permissions():
    return Permission.objects.filter(content_type__app_label="moderation")


class TermViewSet(SnippetViewSet):
    model = ModeratedTerm
    icon = "warning"
    menu_label = "Word lists"
    list_display = ["term", "kind", "note"]
    list_filter = ["kind"]
    search_fields = ["term"]


class DomainViewSet(SnippetViewSet):
    model = BlockedDomain
    icon = "link"
    menu_label = "Blocked domains"
    list_display = ["domain", "note"]


class PolicyViewSet(SnippetViewSet):
    model = SectionPolicy
    icon = "cog"
    menu_label = "Section policies"
    list_display = ["section", "premoderate", "toxicity_threshold"]


class ModerationListsGroup(SnippetViewSetGroup):
    items = (TermViewSet, DomainViewSet, PolicyViewSet)
    menu_icon = "warning"
    menu_label = "Moderation lists"
    menu_name = "moderation-lists"


register_snippet(ModerationListsGroup)
