"""A comment with a link shows the linked page's preview card, live, in every open window.

The demo site (`parley serve`, its task worker included) may fetch previews from exactly
one address besides the public internet: the local news site of the `link_site` fixture
on 127.0.0.2 (see conftest.preview_env). Screenshots land in
tests/browser/artifacts/previews-*.png for a human to look at.
"""

import io
import re
import threading
import time
from pathlib import Path

import pytest
from playwright.sync_api import Page, expect

from parley.previews.tests.sites import page as served
from tests.browser.test_discussion import sign_in

ARTIFACTS = Path(__file__).parent / "artifacts"
ARTICLE = "/business/union-reserve-bank-holds-rate/"
POSTER = "kofi_reads"
STORY = "/harbour/ferry-timetable-returns-to-winter-service"
SITE_NAME = "Harbour Gazette"
TITLE = "Ferry timetable returns to winter service after a week of storms"


def lead_image() -> bytes:
    """A 1200x630 picture (the usual og:image shape): sea, sky and a ferry."""
    from PIL import Image, ImageDraw

    image = Image.new("RGB", (1200, 630), "#8fc4e8")
    draw = ImageDraw.Draw(image)
    draw.rectangle((0, 380, 1200, 630), fill="#1f5f8b")
    draw.polygon([(330, 380), (870, 380), (800, 450), (400, 450)], fill="#f4f1ea")
    draw.rectangle((480, 300, 720, 380), fill="#c0392b")
    draw.ellipse((980, 60, 1100, 180), fill="#ffd54a")
    out = io.BytesIO()
    image.save(out, "PNG")
    return out.getvalue()


class Gate:
    """Holds the story's answer back until both windows show the comment without its card
    (or for at most HOLD seconds: the guard waits 3 s for a first byte)."""

    HOLD = 2.5

    def __init__(self):
        self.open = threading.Event()
        self.asked_at: float | None = None

    def route(self, answer):
        def route(sock, request):
            self.asked_at = time.monotonic()
            self.open.wait(self.HOLD)
            answer(sock, request)

        return route

    def still_closed(self) -> bool:
        """True while the answer is certainly still held back."""
        asked = self.asked_at
        return asked is None or time.monotonic() - asked < self.HOLD - 0.3


def publish_story(link_site, gate: Gate) -> str:
    link_site.routes["/images/ferry.png"] = served(lead_image(), content_type="image/png")
    link_site.routes[STORY] = gate.route(
        served(
            f"""<!doctype html><html><head><meta charset="utf-8">
        <title>{TITLE} | {SITE_NAME}</title>
        <meta property="og:site_name" content="{SITE_NAME}">
        <meta property="og:title" content="{TITLE}">
        <meta property="og:image" content="/images/ferry.png">
        </head><body><h1>{TITLE}</h1></body></html>"""
        )
    )
    return link_site.url(STORY)


def comment_of(page: Page, text: str):
    return page.locator("li.comment", has=page.locator(".comment__body", has_text=text))


def card_of(page: Page, text: str):
    """The preview card under the comment that says `text` (not under its replies)."""
    return comment_of(page, text).locator(":scope > .comment__main .link-preview")


def expect_card(card, url: str) -> None:
    expect(card).to_have_count(1, timeout=10_000)
    expect(card).to_have_attribute("href", url)
    expect(card).to_have_attribute("rel", "nofollow ugc noopener")
    expect(card.locator(".link-preview__url")).to_have_text(
        re.compile(r"^127\.0\.0\.2/harbour/ferry-timetable-returns-to-w.*…$")
    )
    expect(card.locator(".link-preview__site")).to_have_text(SITE_NAME)
    expect(card.locator(".link-preview__title")).to_have_text(TITLE)
    image = card.locator("img.link-preview__image")
    expect(image).to_have_attribute("alt", "")
    expect(image).to_have_attribute("width", "400")
    expect(image).to_have_attribute("height", "210")
    card.scroll_into_view_if_needed()
    expect(image).to_have_js_property("complete", True)
    assert image.evaluate("img => img.naturalWidth") == 400


@pytest.mark.browser
def test_a_link_preview_appears_live_in_both_windows(
    new_page, live_site, link_site, reader_password
):
    """The comment shows at once as a plain link; its card follows within seconds, in the
    poster's window and in another reader's, with no reload."""
    gate = Gate()
    url = publish_story(link_site, gate)
    errors: list[str] = []

    reader = new_page()  # anonymous, following the thread live
    reader.on("pageerror", lambda exc: errors.append(str(exc)))
    reader.goto(ARTICLE + "#discussion")
    show = reader.locator("#discussion").get_by_role(
        "button", name=re.compile(r"^Show new comments")
    )
    expect(show).to_have_text("Show new comments (0)")

    poster = new_page()
    poster.on("pageerror", lambda exc: errors.append(str(exc)))
    sign_in(poster, POSTER, reader_password, ARTICLE)
    for window in (reader, poster):
        window.evaluate("window.stillTheSamePage = true")
    text = "The harbour board's notice says the ferries run again from Monday"
    poster.locator("#composer-body").fill(f"{text}: {url}")
    poster.get_by_role("button", name="Post comment").click()
    expect(poster.locator("[data-live]")).to_have_text("Comment posted.")
    # Published at once, the link plain: the preview never holds a comment back.
    expect(
        poster.locator(".comment__body", has_text=text).locator(f'a[href="{url}"]')
    ).to_have_count(1)

    expect(show).to_have_text("Show new comments (1)", timeout=5_000)
    show.click()
    expect(comment_of(reader, text)).to_have_count(1)
    # While the linked site has not answered, both show the plain link; then the card
    # arrives in both through the live stream (comment.edited, and a refetch).
    if gate.still_closed():
        for window in (poster, reader):
            assert card_of(window, text).count() == 0
    gate.open.set()
    expect_card(card_of(poster, text), url)
    expect_card(card_of(reader, text), url)

    for window in (reader, poster):
        assert window.evaluate("window.stillTheSamePage") is True
    assert errors == []
    assert link_site.paths().count(STORY) == 1  # one fetch, shared by every reader

    ARTIFACTS.mkdir(exist_ok=True)
    comment_of(poster, text).screenshot(path=ARTIFACTS / "previews-desktop.png")
    reader.set_viewport_size({"width": 375, "height": 812})
    card = card_of(reader, text)
    card.scroll_into_view_if_needed()
    comment_of(reader, text).screenshot(path=ARTIFACTS / "previews-375.png")
    reader.screenshot(path=ARTIFACTS / "previews-375-page.png")
    box = card.bounding_box()
    content = comment_of(reader, text).locator(":scope > .comment__main > .comment__content")
    room = content.bounding_box()
    assert box is not None and room is not None
    assert room["x"] <= box["x"] and box["x"] + box["width"] <= room["x"] + room["width"] + 0.5
    assert reader.evaluate("document.documentElement.scrollWidth") <= 375
