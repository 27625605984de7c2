"""StreamField blocks of an article body."""

import re
from urllib.parse import parse_qs, urlsplit

from wagtail import blocks
from wagtail.images.blocks import ImageChooserBlock

RICH_TEXT_FEATURES = ["bold", "italic", "link", "ol", "ul", "h2", "h3"]

YOUTUBE_ID = re.compile(r"^[A-Za-z0-9_-]{11}$")


def embed_player_url(url: str) -> str | None:
    """The privacy-friendly player URL for a known video provider, or None."""
    parts = urlsplit(url)
    host = (parts.hostname or "").lower().removeprefix("www.").removeprefix("m.")
    video_id = None
    if host == "youtube.com":
        video_id = parse_qs(parts.query).get("v", [None])[0]
    elif host == "youtu.be":
        video_id = parts.path.lstrip("/")
    if video_id and YOUTUBE_ID.match(video_id):
        return f"https://www.youtube-nocookie.com/embed/{video_id}?autoplay=1"
    if host == "vimeo.com" and parts.path.strip("/").isdigit():
        return f"https://player.vimeo.com/video/{parts.path.strip('/')}?autoplay=1"
    return None


class QuoteBlock(blocks.StructBlock):
    text = blocks.TextBlock()
    attribution = blocks.CharBlock(required=False, max_length=200)

    class Meta:
        icon = "openquote"
        template = "newsroom/blocks/quote.html"


class InlineImageBlock(blocks.StructBlock):
    image = ImageChooserBlock()
    caption = blocks.CharBlock(
        required=False, max_length=400, help_text="Leave blank to use the image's own caption."
    )

    class Meta:
        icon = "image"
        template = "newsroom/blocks/image.html"


class EmbedBlock(blocks.StructBlock):
    """A video or post from another site, loaded only when the reader asks for it."""

    url = blocks.URLBlock()
    title = blocks.CharBlock(max_length=200, help_text="What the reader will see or hear.")

    class Meta:
        icon = "media"
        template = "newsroom/blocks/embed.html"

    def get_context(self, value, parent_context=None):
        context = super().get_context(value, parent_context)
        context["player_url"] = embed_player_url(value["url"])
        context["host"] = (urlsplit(value["url"]).hostname or "").removeprefix("www.")
        return context


class ArticleBodyBlock(blocks.StreamBlock):
    paragraph = blocks.RichTextBlock(features=RICH_TEXT_FEATURES)
    heading = blocks.CharBlock(max_length=120, template="newsroom/blocks/heading.html")
    quote = QuoteBlock()
    image = InlineImageBlock()
    embed = EmbedBlock()
