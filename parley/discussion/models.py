"""Threads, comments, likes and edit history.

A comment's place in its thread is a materialised path of fixed-width base-36 ids, so one
index scan returns a branch in reading order (depth first, replies oldest first).
"""

from django.conf import settings
from django.db import models


class Thread(models.Model):
    """The discussion of one article, or of a page of another site identified by (site, key)."""

    class Mode(models.TextChoices):
        OPEN = "open", "Open"
        PREMODERATED = "premoderated", "Pre-moderated"
        CLOSED = "closed", "Closed"
        HIDDEN = "hidden", "Hidden"

    page = models.OneToOneField(
        "wagtailcore.Page",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="discussion_thread",
    )
    site = models.CharField(max_length=100, blank=True, help_text="Blank for our own pages.")
    key = models.CharField(max_length=255)
    url = models.URLField(max_length=500)
    title = models.CharField(max_length=300)
    mode = models.CharField(max_length=16, choices=Mode.choices, default=Mode.OPEN)
    closes_at = models.DateTimeField(null=True, blank=True)
    # The page's last material update and live revision, to tell readers that a comment
    # was written about an earlier version.
    content_updated_at = models.DateTimeField(null=True, blank=True)
    live_revision_id = models.BigIntegerField(null=True, blank=True)
    comment_count = models.PositiveIntegerField(default=0)
    # Bumped in the same transaction as every change, so cached pages are keyed by it.
    version = models.PositiveBigIntegerField(default=0)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["site", "key"], name="one_thread_per_key")]

    def __str__(self):
        return self.title


class Comment(models.Model):
    class Status(models.TextChoices):
        PUBLISHED = "published", "Published"
        HELD = "held", "Held for review"
        REJECTED = "rejected", "Rejected"
        SHADOW = "shadow", "Visible to its author only"
        DELETED = "deleted", "Deleted"

    thread = models.ForeignKey(Thread, on_delete=models.CASCADE, related_name="comments")
    parent = models.ForeignKey(
        "self", null=True, blank=True, on_delete=models.PROTECT, related_name="children"
    )
    root = models.ForeignKey(
        "self", null=True, blank=True, on_delete=models.PROTECT, related_name="branch"
    )
    depth = models.PositiveSmallIntegerField(default=0)
    path = models.CharField(max_length=700, blank=True)
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="comments"
    )
    body_md = models.TextField(blank=True)
    body_html = models.TextField(blank=True)
    # The http(s) links of body_html (at most three), found when it is written, so reads
    # can show their previews without parsing HTML.
    links = models.JSONField(default=list, blank=True)
    status = models.CharField(max_length=16, choices=Status.choices, default=Status.PUBLISHED)
    status_reason = models.CharField(max_length=300, blank=True)
    created_at = models.DateTimeField(db_index=True)
    edited_at = models.DateTimeField(null=True, blank=True)
    deleted_at = models.DateTimeField(null=True, blank=True)
    like_count = models.PositiveIntegerField(default=0)
    # Pinned by a moderator to the top of the thread's first page.
    featured = models.BooleanField(default=False)
    # Direct replies that readers can see (published, or tombstones that still have some).
    visible_replies = models.PositiveIntegerField(default=0)
    # On a top-level comment: every comment in its branch that readers can see.
    branch_size = models.PositiveIntegerField(default=0)
    article_revision_id = models.BigIntegerField(null=True, blank=True)

    class Meta:
        indexes = [
            models.Index(fields=["thread", "depth", "created_at"], name="comment_top_by_time"),
            models.Index(fields=["thread", "depth", "like_count"], name="comment_top_by_likes"),
            models.Index(fields=["root", "path"], name="comment_branch_order"),
            models.Index(fields=["author", "created_at"], name="comment_by_author"),
        ]

    def __str__(self):
        return f"Comment {self.pk} on {self.thread_id}"

    @property
    def is_tombstone(self) -> bool:
        return self.status == self.Status.DELETED


class CommentEdit(models.Model):
    """What a comment said before an edit; moderators can read the history."""

    comment = models.ForeignKey(Comment, on_delete=models.CASCADE, related_name="edits")
    body_md = models.TextField()
    edited_at = models.DateTimeField()

    class Meta:
        ordering = ["edited_at"]

    def __str__(self):
        return f"Edit of {self.comment_id} at {self.edited_at}"


class Like(models.Model):
    comment = models.ForeignKey(Comment, on_delete=models.CASCADE, related_name="likes")
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["comment", "user"], name="one_like_per_user")
        ]

    def __str__(self):
        return f"{self.user_id} likes {self.comment_id}"
