"""What moderation keeps: the audit log, reader reports, word and domain lists, notes,
warnings and per-section policy.

The audit log refers to comments and people by id without database constraints: an entry
must outlive the comment or account it describes, and nothing may cascade into it.
"""

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from wagtail.admin.panels import FieldPanel


class AppendOnly(Exception):
    """The audit log is written once and never changed."""


class AuditQuerySet(models.QuerySet):
    def update(self, **kwargs):
        raise AppendOnly("Audit entries cannot be changed.")

    def delete(self):
        raise AppendOnly("Audit entries cannot be deleted.")


class AuditEntry(models.Model):
    """One decision about a comment or a change of a person's commenting state."""

    class Action(models.TextChoices):
        # Decisions of the screening pipeline on a submission.
        PUBLISH = "publish", "Published"
        HOLD = "hold", "Held for review"
        REJECT = "reject", "Rejected"
        SHADOW = "shadow", "Shown to its author only"
        # Moderators' decisions on a comment.
        APPROVE = "approve", "Approved"
        REMOVE = "remove", "Removed"
        FEATURE = "feature", "Featured"
        UNFEATURE = "unfeature", "Unfeatured"
        REPORT_HOLD = "report_hold", "Held after reader reports"
        # Changes of a person's state.
        BAN = "ban", "Banned"
        UNBAN = "unban", "Ban lifted"
        SUSPEND = "suspend", "Suspended"
        UNSUSPEND = "unsuspend", "Suspension lifted"
        PREMODERATE = "premoderate", "Always pre-moderated"
        UNPREMODERATE = "unpremoderate", "Pre-moderation lifted"
        SHADOW_BAN = "shadow_ban", "Shadow-banned"
        UNSHADOW_BAN = "unshadow_ban", "Shadow ban lifted"
        WARN = "warn", "Warned"
        WARNING_ACKNOWLEDGED = "warning_ack", "Warning acknowledged"
        REMOVE_ALL = "remove_all", "All comments removed"
        NOTE = "note", "Note added"

    created_at = models.DateTimeField(auto_now_add=True, db_index=True)
    # Null: the screening pipeline decided (or a rule such as the report threshold).
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.DO_NOTHING,
        db_constraint=False,
        related_name="+",
    )
    actor_name = models.CharField(max_length=150, blank=True)
    action = models.CharField(max_length=20, choices=Action.choices, db_index=True)
    phase = models.CharField(max_length=40, blank=True, help_text="The screening phase.")
    code = models.CharField(max_length=40, blank=True)
    reason = models.TextField(blank=True)
    comment = models.ForeignKey(
        "discussion.Comment",
        null=True,
        blank=True,
        on_delete=models.DO_NOTHING,
        db_constraint=False,
        related_name="+",
    )
    # The person concerned: the comment's author, or the account whose state changed.
    subject = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.DO_NOTHING,
        db_constraint=False,
        related_name="+",
    )
    subject_name = models.CharField(max_length=150, blank=True)
    # When the comment was submitted: time to decision without a join.
    submitted_at = models.DateTimeField(null=True, blank=True)
    details = models.JSONField(default=dict, blank=True)

    objects = AuditQuerySet.as_manager()

    class Meta:
        ordering = ["-created_at", "-id"]
        default_permissions = ("view",)
        permissions = [("moderate_comments", "Can moderate comments and commenters")]
        indexes = [
            models.Index(fields=["comment", "created_at"], name="audit_by_comment"),
            models.Index(fields=["subject", "created_at"], name="audit_by_subject"),
            models.Index(fields=["actor", "created_at"], name="audit_by_actor"),
        ]

    def __str__(self):
        return f"{self.get_action_display()} by {self.actor_name or 'screening'}"

    def save(self, *args, **kwargs):
        if not self._state.adding:
            raise AppendOnly("Audit entries cannot be changed.")
        super().save(*args, **kwargs)

    def delete(self, *args, **kwargs):
        raise AppendOnly("Audit entries cannot be deleted.")


class Report(models.Model):
    """A reader's report of a comment."""

    class Reason(models.TextChoices):
        SPAM = "spam", "Spam or advertising"
        ABUSE = "abuse", "Abusive or hateful"
        OFF_TOPIC = "off_topic", "Off topic"
        OTHER = "other", "Something else"

    comment = models.ForeignKey("discussion.Comment", on_delete=models.CASCADE, related_name="+")
    reporter = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+"
    )
    reason = models.CharField(max_length=16, choices=Reason.choices)
    text = models.CharField(max_length=500, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    # Set when a moderator decided on the comment; the Reported queue shows open reports.
    resolved_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["comment", "reporter"], name="one_report_per_reader")
        ]
        indexes = [models.Index(fields=["resolved_at", "comment"], name="report_open")]

    def __str__(self):
        return f"Report of {self.comment_id} ({self.reason})"


class ModeratedTerm(models.Model):
    """A word or phrase the screening looks for, matched whole-word on normalised text."""

    class Kind(models.TextChoices):
        BANNED = "banned", "Banned (the comment is refused)"
        SUSPECT = "suspect", "Suspect (the comment is held for review)"
        SPAM = "spam", "Spam phrase (adds to the spam score)"

    term = models.CharField(max_length=100)
    kind = models.CharField(max_length=10, choices=Kind.choices, default=Kind.BANNED)
    note = models.CharField(max_length=200, blank=True, help_text="Why it is on the list.")

    panels = [FieldPanel("term"), FieldPanel("kind"), FieldPanel("note")]

    class Meta:
        ordering = ["kind", "term"]
        constraints = [models.UniqueConstraint(fields=["term", "kind"], name="one_term_per_kind")]

    def __str__(self):
        return f"{self.term} ({self.kind})"

    def clean(self):
        from parley.moderation.normalise import normalise

        if not normalise(self.term):
            raise ValidationError({"term": "This term has no letters once normalised."})


class BlockedDomain(models.Model):
    """Links to this domain or any of its subdomains are refused."""

    domain = models.CharField(max_length=253, unique=True)
    note = models.CharField(max_length=200, blank=True)

    panels = [FieldPanel("domain"), FieldPanel("note")]

    class Meta:
        ordering = ["domain"]

    def __str__(self):
        return self.domain

    def save(self, *args, **kwargs):
        self.domain = self.domain.strip().lower().strip(".")
        super().save(*args, **kwargs)


class SectionPolicy(models.Model):
    """A section's default discussion policy, for articles that do not say otherwise."""

    section = models.OneToOneField(
        "newsroom.SectionPage", on_delete=models.CASCADE, related_name="moderation_policy"
    )
    premoderate = models.BooleanField(
        default=False, help_text="Hold every comment in this section for review."
    )
    closed = models.BooleanField(
        default=False, help_text="Take no new comments on this section's articles."
    )
    close_after_days = models.PositiveIntegerField(
        null=True,
        blank=True,
        help_text="Close each article's discussion this many days after it opened. "
        "Blank: never (an article's own setting still applies).",
    )
    toxicity_threshold = models.FloatField(
        null=True,
        blank=True,
        help_text="0 to 1; comments scoring above it get the nudge. Blank: the site default.",
    )

    panels = [
        FieldPanel("section"),
        FieldPanel("premoderate"),
        FieldPanel("closed"),
        FieldPanel("close_after_days"),
        FieldPanel("toxicity_threshold"),
    ]

    class Meta:
        verbose_name_plural = "section policies"

    def __str__(self):
        return f"Policy of {self.section}"

    def clean(self):
        if self.toxicity_threshold is not None and not 0 <= self.toxicity_threshold <= 1:
            raise ValidationError({"toxicity_threshold": "Between 0 and 1."})


class ModeratorNote(models.Model):
    """What moderators want each other to know about a commenter."""

    subject = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+"
    )
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    body = models.TextField(max_length=2000)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-created_at"]

    def __str__(self):
        return f"Note on {self.subject_id}"


class ModeratorWarning(models.Model):
    """A warning the commenter must acknowledge before their next comment."""

    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    text = models.TextField(max_length=1000)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    acknowledged_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["created_at"]
        indexes = [models.Index(fields=["user", "acknowledged_at"], name="warning_pending")]

    def __str__(self):
        return f"Warning to {self.user_id}"
