from django.db import models

from parley.previews.links import display_url


class LinkPreview(models.Model):
    """What one link looks like as a card: one row per normalised URL, shared by comments."""

    class Status(models.TextChoices):
        OK = "ok", "Fetched"
        FAILED = "failed", "Failed"

    # sha256 of the normalised URL: URLs can be longer than any index allows.
    url_key = models.CharField(max_length=64, unique=True)
    url = models.TextField()
    site_name = models.CharField(max_length=100, blank=True)
    title = models.CharField(max_length=300, blank=True)
    description = models.CharField(max_length=500, blank=True)
    # Our own copy under MEDIA_ROOT/previews/, never the remote address (no hot-linking).
    image = models.FileField(upload_to="previews/", max_length=200, blank=True)
    image_width = models.PositiveIntegerField(default=0)
    image_height = models.PositiveIntegerField(default=0)
    status = models.CharField(max_length=10, choices=Status.choices)
    reason = models.CharField(max_length=200, blank=True)
    fetched_at = models.DateTimeField()

    class Meta:
        verbose_name = "link preview"

    def __str__(self) -> str:
        return self.url

    @property
    def display_url(self) -> str:
        """The compact form of the URL the card shows."""
        return display_url(self.url)

    @property
    def image_url(self) -> str:
        """Where our copy of the image is served, or "" when the card has none."""
        return self.image.url if self.image else ""
