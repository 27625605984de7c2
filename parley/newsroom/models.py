"""The newsroom's pages, images and authors."""

import zoneinfo
from datetime import timedelta

from django import forms
from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.paginator import EmptyPage, PageNotAnInteger, Paginator
from django.db import models
from django.http import Http404
from django.utils import timezone
from django.utils.functional import cached_property
from modelcluster.contrib.taggit import ClusterTaggableManager
from modelcluster.fields import ParentalKey
from taggit.models import TaggedItemBase
from wagtail.admin.forms import WagtailAdminPageForm
from wagtail.admin.panels import FieldPanel, FieldRowPanel, InlinePanel, MultiFieldPanel
from wagtail.fields import StreamField
from wagtail.images.models import AbstractImage, AbstractRendition, Image
from wagtail.models import Orderable, Page
from wagtail.search import index

from parley.newsroom import datelines
from parley.newsroom.blocks import ArticleBodyBlock

ZONE_CHOICES = [("", "Site default")] + [
    (name, name.replace("_", " ")) for name in sorted(zoneinfo.available_timezones())
]


class NewsImage(AbstractImage):
    """A photo with what a newsroom must print beside it: caption, credit and rights."""

    caption = models.TextField(blank=True)
    credit = models.CharField(max_length=200, blank=True, help_text="Photographer or agency.")
    copyright_holder = models.CharField(max_length=200, blank=True, help_text="e.g. AFP")
    copyright_year = models.PositiveSmallIntegerField(null=True, blank=True)
    usage_terms = models.TextField(blank=True, help_text="Where and how long we may use it.")

    admin_form_fields = (
        *Image.admin_form_fields,
        "caption",
        "credit",
        "copyright_holder",
        "copyright_year",
        "usage_terms",
    )

    @property
    def credit_line(self) -> str:
        """ "© AFP 2016 / Christof Stache", or whichever part is known."""
        rights = " ".join(
            str(part) for part in (self.copyright_holder, self.copyright_year) if part
        )
        parts = [f"© {rights}" if rights else "", self.credit]
        return " / ".join(part for part in parts if part)


class NewsRendition(AbstractRendition):
    image = models.ForeignKey(NewsImage, on_delete=models.CASCADE, related_name="renditions")

    class Meta:
        unique_together = (("image", "filter_spec", "focal_point_key"),)


class Author(index.Indexed, models.Model):
    """A byline: a reporter, photographer or editor."""

    name = models.CharField(max_length=120)
    slug = models.SlugField(unique=True, max_length=120)
    bio = models.TextField(blank=True)

    panels = [FieldPanel("name"), FieldPanel("slug"), FieldPanel("bio")]
    search_fields = [index.SearchField("name"), index.AutocompleteField("name")]

    class Meta:
        ordering = ["name"]

    def __str__(self):
        return self.name


class HomePage(Page):
    """The front page: the latest articles, section by section."""

    intro = models.CharField(max_length=250, blank=True)

    content_panels = [*Page.content_panels, FieldPanel("intro")]
    subpage_types = ["newsroom.SectionPage", "newsroom.CommunityStandardsPage"]
    max_count = 1

    def get_context(self, request, *args, **kwargs):
        from parley.newsroom import selectors

        context = super().get_context(request, *args, **kwargs)
        context.update(selectors.front_page(home=self))
        return context

    def serve(self, request, *args, **kwargs):
        response = super().serve(request, *args, **kwargs)
        response["Surrogate-Key"] = "listings"
        return response


class SectionPage(Page):
    """A section of the paper, e.g. "Middle East", listing its articles newest first."""

    intro = models.CharField(max_length=250, blank=True)

    content_panels = [*Page.content_panels, FieldPanel("intro")]
    parent_page_types = ["newsroom.HomePage"]
    subpage_types = ["newsroom.ArticlePage"]

    def get_context(self, request, *args, **kwargs):
        from parley.newsroom import selectors

        context = super().get_context(request, *args, **kwargs)
        context["articles"] = paginate(request, selectors.section_articles(section=self))
        return context

    def serve(self, request, *args, **kwargs):
        response = super().serve(request, *args, **kwargs)
        response["Surrogate-Key"] = f"listings page-{self.pk}"
        return response


def paginate(request, queryset):
    """The page of `queryset` named by ?page=, or 404 for a page that does not exist."""
    paginator = Paginator(queryset, settings.PARLEY_SECTION_PAGE_SIZE)
    try:
        return paginator.page(request.GET.get("page", 1))
    except (PageNotAnInteger, EmptyPage) as exc:
        raise Http404("No such page of articles.") from exc


class ArticleTag(TaggedItemBase):
    content_object = ParentalKey(
        "newsroom.ArticlePage", on_delete=models.CASCADE, related_name="tagged_items"
    )


class ArticleAuthor(Orderable):
    """One author of an article, in byline order, with their role on this story."""

    page = ParentalKey("newsroom.ArticlePage", on_delete=models.CASCADE, related_name="authors")
    author = models.ForeignKey(Author, on_delete=models.PROTECT, related_name="+")
    role = models.CharField(max_length=100, blank=True, help_text="e.g. Beirut correspondent")

    panels = [FieldPanel("author"), FieldPanel("role")]


class ArticlePageForm(WagtailAdminPageForm):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        # A material update is a decision about this edit, never carried over from the last.
        if "material_update" in self.fields:
            self.initial["material_update"] = False


class CommentsMode(models.TextChoices):
    OPEN = "open", "Open"
    PREMODERATED = "premoderated", "Pre-moderated (every comment held for review)"
    CLOSED = "closed", "Closed (existing comments shown, no new ones)"
    HIDDEN = "hidden", "Hidden (no discussion shown)"


class ArticlePage(Page):
    """A news article: dateline, headline, standfirst, byline, lead photo, body, tags."""

    standfirst = models.TextField(
        max_length=400, help_text="One or two sentences under the headline."
    )
    dateline_place = models.CharField(max_length=80, blank=True, help_text="e.g. MOSCOW")
    time_zone = models.CharField(
        max_length=64,
        blank=True,
        help_text="The zone the dateline is printed in; blank uses the site's.",
    )
    lead_image = models.ForeignKey(
        NewsImage, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    lead_image_caption = models.CharField(
        max_length=400, blank=True, help_text="Leave blank to use the image's own caption."
    )
    body = StreamField(ArticleBodyBlock())
    tags = ClusterTaggableManager(through=ArticleTag, blank=True)
    comments_mode = models.CharField(
        max_length=16, choices=CommentsMode.choices, default=CommentsMode.OPEN
    )
    close_comments_after_days = models.PositiveSmallIntegerField(
        null=True, blank=True, help_text="Close the discussion this many days after publishing."
    )
    material_update = models.BooleanField(
        default=False,
        verbose_name="This is a material update",
        help_text="Tick when this edit changes the news; readers will see “Updated” "
        "with the time it is published. Leave unticked for corrections of typos.",
    )
    updated_at = models.DateTimeField(null=True, blank=True, editable=False)

    base_form_class = ArticlePageForm
    parent_page_types = ["newsroom.SectionPage"]
    subpage_types = []

    content_panels = [
        *Page.content_panels,
        FieldPanel("standfirst"),
        FieldRowPanel(
            [
                FieldPanel("dateline_place"),
                # Choices live on the widget, not the field, so a tzdata update is not a migration.
                FieldPanel("time_zone", widget=forms.Select(choices=ZONE_CHOICES)),
            ]
        ),
        InlinePanel("authors", label="Byline", min_num=1),
        MultiFieldPanel(
            [FieldPanel("lead_image"), FieldPanel("lead_image_caption")], heading="Lead photo"
        ),
        FieldPanel("body"),
        FieldPanel("tags"),
        FieldPanel("material_update"),
    ]
    settings_panels = [
        *Page.settings_panels,
        MultiFieldPanel(
            [FieldPanel("comments_mode"), FieldPanel("close_comments_after_days")],
            heading="Discussion",
        ),
    ]
    search_fields = [
        *Page.search_fields,
        index.SearchField("standfirst"),
        index.SearchField("body"),
    ]

    def clean(self):
        super().clean()
        if self.time_zone:
            try:
                zoneinfo.ZoneInfo(self.time_zone)
            except (zoneinfo.ZoneInfoNotFoundError, ValueError) as exc:
                raise ValidationError({"time_zone": "Not a known time zone."}) from exc

    def save(self, *args, **kwargs):
        # Publishing saves the page with a fresh last_published_at; when the editor marked
        # this edit as material, that moment becomes the reader-visible "Updated" time.
        if (
            self.material_update
            and self.live
            and self.first_published_at
            and self.last_published_at
            and self.last_published_at > self.first_published_at
            and (self.updated_at is None or self.updated_at < self.last_published_at)
        ):
            self.updated_at = self.last_published_at
            self.material_update = False
            if kwargs.get("update_fields") is not None:
                kwargs["update_fields"] = {
                    *kwargs["update_fields"],
                    "updated_at",
                    "material_update",
                }
        super().save(*args, **kwargs)

    def with_content_json(self, content):
        # A revision is a snapshot of what the editor wrote; when the last material update
        # happened is a fact of the live page and must survive republishing an old draft.
        obj = super().with_content_json(content)
        obj.updated_at = self.updated_at
        return obj

    @cached_property
    def zone(self) -> zoneinfo.ZoneInfo:
        """The zone this article's times are printed in."""
        return datelines.display_zone(self.time_zone)

    @property
    def published_local(self):
        """When it was first published, in the article's zone (None for a draft)."""
        moment = self.first_published_at or self.go_live_at
        return timezone.localtime(moment, self.zone) if moment else None

    @property
    def updated_local(self):
        """The last material update, in the article's zone, or None."""
        return timezone.localtime(self.updated_at, self.zone) if self.updated_at else None

    @property
    def caption(self) -> str:
        """The lead photo's caption for this article."""
        if self.lead_image_caption:
            return self.lead_image_caption
        return self.lead_image.caption if self.lead_image else ""

    def comments_closed_at(self):
        """When the discussion closes by age, or None if it never does."""
        if self.close_comments_after_days is None or not self.first_published_at:
            return None
        return self.first_published_at + timedelta(days=self.close_comments_after_days)

    def is_expired(self, now=None) -> bool:
        """True once expire_at has passed, even before the scheduler unpublishes it."""
        return bool(self.expire_at and self.expire_at <= (now or timezone.now()))

    def get_context(self, request, *args, **kwargs):
        from parley.newsroom import selectors

        context = super().get_context(request, *args, **kwargs)
        context.update(selectors.article_page_context(article=self))
        context.update(
            selectors.discussion_context(
                request, article=self, standards_url=context["standards_url"]
            )
        )
        self.thread_id = context["thread_id"]
        return context

    def serve(self, request, *args, **kwargs):
        if self.is_expired():
            raise Http404("This article is no longer available.")
        self.thread_id = None
        response = super().serve(request, *args, **kwargs)
        keys = [f"page-{self.pk}", "authors", "images"]
        if self.thread_id:
            keys.append(f"thread-{self.thread_id}")
        response["Surrogate-Key"] = " ".join(keys)
        if self.expire_at:
            response.page_cache_until = self.expire_at
        return response


class CommunityStandardsPage(Page):
    """The rules of the discussion, linked from every thread and moderation message."""

    intro = models.TextField(blank=True)
    body = StreamField(ArticleBodyBlock(), blank=True)

    content_panels = [*Page.content_panels, FieldPanel("intro"), FieldPanel("body")]
    parent_page_types = ["newsroom.HomePage"]
    subpage_types = []
    max_count = 1

    def serve(self, request, *args, **kwargs):
        response = super().serve(request, *args, **kwargs)
        response["Surrogate-Key"] = f"page-{self.pk}"
        return response
