"""The newsroom's staff groups: Reporter, Editor and Moderator."""

from django.contrib.auth.models import Group, Permission
from wagtail.models import Collection, GroupCollectionPermission, GroupPagePermission, Page

# Wagtail checks image permissions against wagtailimages.Image even with a custom image model.

ADMIN_ACCESS = ("wagtailadmin", "access_admin")
REPORTER_PAGE_PERMISSIONS = ["add_page", "change_page"]
EDITOR_PAGE_PERMISSIONS = ["add_page", "change_page", "publish_page", "lock_page", "unlock_page"]
IMAGE_PERMISSIONS = ["add_image", "choose_image", "change_image"]
AUTHOR_PERMISSIONS = ["add_author", "change_author", "view_author"]
# The workspace (parley/moderation) and the word and domain lists the screening reads.
MODERATOR_PERMISSIONS = [
    "moderate_comments",
    "view_auditentry",
    *[
        f"{verb}_{model}"
        for model in ("moderatedterm", "blockeddomain", "sectionpolicy")
        for verb in ("add", "change", "delete", "view")
    ],
]


def permission(app_label: str, codename: str) -> Permission:
    return Permission.objects.get(content_type__app_label=app_label, codename=codename)


def grant(group: Group, *, pages: list[str], images: list[str], authors: list[str]) -> None:
    group.permissions.add(permission(*ADMIN_ACCESS))
    group.permissions.add(*[permission("newsroom", codename) for codename in authors])
    root_page = Page.get_first_root_node()
    root_collection = Collection.get_first_root_node()
    if root_page is None or root_collection is None:
        return  # an emptied database (a test flush): nothing to grant on yet
    for codename in pages:
        GroupPagePermission.objects.get_or_create(
            group=group, page=root_page, permission=permission("wagtailcore", codename)
        )
    for codename in images:
        GroupCollectionPermission.objects.get_or_create(
            group=group,
            collection=root_collection,
            permission=permission("wagtailimages", codename),
        )


def ensure_groups() -> dict[str, Group]:
    """Create the staff groups and give them what they need; never takes a permission away."""
    reporter, _ = Group.objects.get_or_create(name="Reporter")
    grant(reporter, pages=REPORTER_PAGE_PERMISSIONS, images=IMAGE_PERMISSIONS, authors=[])
    editor, _ = Group.objects.get_or_create(name="Editor")
    grant(
        editor, pages=EDITOR_PAGE_PERMISSIONS, images=IMAGE_PERMISSIONS, authors=AUTHOR_PERMISSIONS
    )
    moderator, _ = Group.objects.get_or_create(name="Moderator")
    moderator.permissions.add(permission(*ADMIN_ACCESS))
    moderator.permissions.add(
        *[permission("moderation", codename) for codename in MODERATOR_PERMISSIONS]
    )
    ensure_editorial_workflow(editor)
    # Wagtail's starter groups would sit confusingly beside ours; drop them while unused.
    Group.objects.filter(name__in=["Moderators", "Editors"], user__isnull=True).delete()
    return {"Reporter": reporter, "Editor": editor, "Moderator": moderator}


def ensure_editorial_workflow(editor: Group) -> None:
    """Reporters submit for approval; an Editor approves and publishes."""
    from wagtail.models import GroupApprovalTask, Workflow, WorkflowPage, WorkflowTask

    task, _ = GroupApprovalTask.objects.get_or_create(name="Editor approval")
    task.groups.add(editor)
    workflow, created = Workflow.objects.get_or_create(name="Editorial approval")
    if created:
        WorkflowTask.objects.create(workflow=workflow, task=task, sort_order=0)
    root_page = Page.get_first_root_node()
    if root_page is None:
        return
    # Wagtail ships a "Moderators approval" workflow on the root; ours replaces it.
    WorkflowPage.objects.update_or_create(page=root_page, defaults={"workflow": workflow})
