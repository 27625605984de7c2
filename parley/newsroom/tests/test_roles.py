import pytest
from django.contrib.auth.models import Group
from wagtail.models import WorkflowPage

from parley.newsroom.tests import factories

pytestmark = pytest.mark.django_db


def staff(django_user_model, group):
    user = django_user_model.objects.create_user(group.lower(), password="pw", is_staff=True)
    user.groups.add(Group.objects.get(name=group))
    return user


def test_reporter_drafts_but_cannot_publish(django_user_model):
    """Reporters write; an editor decides what goes live."""
    article = factories.article(factories.section("World"))
    permissions = article.permissions_for_user(staff(django_user_model, "Reporter"))
    assert permissions.can_edit()
    assert not permissions.can_publish()


def test_editor_publishes(django_user_model):
    """Editors can publish, lock and unlock."""
    article = factories.article(factories.section("World"))
    permissions = article.permissions_for_user(staff(django_user_model, "Editor"))
    assert permissions.can_publish()
    assert permissions.can_lock()


def test_moderator_group_moderates_comments_but_cannot_touch_pages():
    """Moderators enter the admin, moderate comments and keep the word lists; no pages."""
    moderator = Group.objects.get(name="Moderator")
    codenames = {p.codename for p in moderator.permissions.all()}
    assert {"access_admin", "moderate_comments", "change_moderatedterm"} <= codenames
    assert not any(c.endswith("_page") for c in codenames)
    assert not moderator.page_permissions.exists()


def test_pages_go_through_editorial_approval():
    """The site's pages use the Editorial approval workflow, approved by Editors."""
    workflow = WorkflowPage.objects.get(page__depth=1).workflow
    assert workflow.name == "Editorial approval"
    task = workflow.tasks.get().specific
    assert [g.name for g in task.groups.all()] == ["Editor"]


def test_editor_can_open_the_admin_editor(client, django_user_model):
    """The demo editor's path: log in, open an article in Wagtail's editor."""
    article = factories.article(factories.section("World"))
    client.force_login(staff(django_user_model, "Editor"))
    response = client.get(f"/admin/pages/{article.pk}/edit/")
    assert response.status_code == 200
    assert "This is a material update" in response.content.decode()


def test_scheduled_article_goes_live_when_the_scheduler_runs(client):
    """An editor schedules; at go-live time `publish_scheduled` publishes and purges."""
    from datetime import timedelta

    from django.core.management import call_command
    from django.utils import timezone

    section = factories.section("World")
    article = factories.article(section, title="Embargoed results", publish=False)
    article.go_live_at = timezone.now() + timedelta(seconds=1)
    article.save_revision().publish()
    client.get(section.url)  # cache the listing without it
    assert "Embargoed results" not in client.get(section.url).content.decode()

    # Let the go-live moment pass without sleeping: move it into the past.
    revision = article.get_latest_revision()
    past = timezone.now() - timedelta(seconds=1)
    revision.content["go_live_at"] = past.isoformat()
    revision.approved_go_live_at = past
    revision.save()
    call_command("publish_scheduled")
    assert "Embargoed results" in client.get(section.url).content.decode()
    assert client.get(f"/world/{article.slug}/").status_code == 200


def test_editor_previews_a_draft(client, django_user_model):
    """Preview renders the unpublished article in the site's own layout."""
    section = factories.section("World")
    draft = factories.article(section, title="Draft headline", publish=False)
    client.force_login(staff(django_user_model, "Editor"))
    response = client.get(f"/admin/pages/{draft.pk}/view_draft/")
    assert response.status_code == 200
    assert "Draft headline" in response.content.decode()
