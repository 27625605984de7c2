from django.db import models


class ShortLink(models.Model):
    """An immutable short code for a page; it follows the page through slug changes."""

    code = models.CharField(max_length=16, unique=True)
    page = models.OneToOneField(
        "wagtailcore.Page", on_delete=models.CASCADE, related_name="short_link"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    def __str__(self):
        return self.code


class DailyClicks(models.Model):
    """How often a short link was followed on one day; nothing about who followed it."""

    link = models.ForeignKey(ShortLink, on_delete=models.CASCADE, related_name="daily_clicks")
    day = models.DateField()
    clicks = models.PositiveIntegerField(default=0)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["link", "day"], name="one_click_row_per_link_day")
        ]
        verbose_name_plural = "daily clicks"

    def __str__(self):
        return f"{self.link_id} on {self.day}: {self.clicks}"
