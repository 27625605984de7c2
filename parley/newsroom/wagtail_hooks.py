from wagtail import hooks
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet

from parley.core import page_cache
from parley.newsroom.models import Author


class AuthorViewSet(SnippetViewSet):
    model = Author
    icon = "user"
    menu_label = "Authors"
    menu_order = 250
    add_to_admin_menu = True
    list_display = ["name", "slug"]
    search_fields = ["name"]


register_snippet(AuthorViewSet)


@hooks.register("after_delete_page")
def purge_deleted_page(request, page):
    """A deleted page disappears from every cached listing at once."""
    page_cache.purge(f"page-{page.pk}", "listings")


@hooks.register("after_edit_snippet")
def purge_after_author_edit(request, instance):
    """A renamed author appears in bylines across the site."""
    if isinstance(instance, Author):
        page_cache.purge("authors")
