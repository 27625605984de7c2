"""A held comment's way through the moderators' workspace, in a real Chromium.

A reader writes a word on the demo's suspect list, reads "Awaiting review" with the reason and
a link to the community standards; the demo moderator signs in to Wagtail's admin, opens the
Pending queue, moves to the comment with j and approves it with a; an anonymous reader then
sees it. Screenshots of the queue land in tests/browser/artifacts/moderation-*.png.
"""

import re
import secrets
from pathlib import Path

import pytest
from playwright.sync_api import Page, expect

ARTIFACTS = Path(__file__).parent / "artifacts"
ARTICLE = "/world/bengaluru-civic-election-count/"
READER = "kofi_reads"  # no other browser test posts as this reader
SUSPECT_WORD = "rigged"  # on the demo's word list (parley/moderation/demo_load.py)


def sign_in_reader(page: Page, password: str) -> None:
    page.goto(ARTICLE)
    page.locator("#discussion").get_by_role("link", name="Comment via Parley").click()
    page.get_by_label("Username or email").fill(READER)
    page.get_by_label("Password").fill(password)
    page.get_by_role("button", name="Sign in").click()
    expect(page).to_have_url(re.compile(re.escape(ARTICLE) + r"#discussion$"))


def sign_in_moderator(page: Page, password: str) -> None:
    page.goto("/admin/login/")
    page.get_by_label("Username").fill("moderator")
    page.get_by_label("Password").fill(password)
    page.get_by_role("button", name="Sign in").click()
    expect(page).to_have_url(re.compile(r"/admin/$"))


@pytest.mark.browser
def test_a_held_comment_is_approved_from_the_keyboard(new_page, live_site, reader_password):
    reader, moderator, anonymous = new_page(), new_page(), new_page()
    errors = []
    for page in (reader, moderator, anonymous):
        page.on("pageerror", lambda exc: errors.append(str(exc)))
    tag = secrets.token_hex(3)
    text = f"The count in ward 12 was {SUSPECT_WORD}, everyone here says so ({tag})"

    # The reader posts; the comment waits, and says why and where the standards are.
    sign_in_reader(reader, reader_password)
    reader.get_by_label("Your comment", exact=True).fill(text)
    reader.get_by_role("button", name="Post comment").click()
    expect(reader.locator("[data-live]")).to_have_text("Your comment is waiting for review.")
    held = reader.locator("li.comment", has=reader.locator(".comment__body", has_text=text))
    status = held.locator(".comment__status")
    expect(status).to_contain_text("Awaiting review.")
    expect(status).to_contain_text("words a moderator checks")
    expect(status.get_by_role("link", name="Community standards")).to_have_attribute(
        "href", re.compile(r"/community-standards/")
    )
    comment_id = held.get_attribute("data-id")
    # The same after a reload, as the server renders it.
    reader.reload()
    expect(reader.locator(f"#comment-{comment_id} .comment__status")).to_contain_text(
        "Awaiting review."
    )

    # Nobody else sees it yet.
    anonymous.goto(ARTICLE)
    expect(anonymous.locator("#discussion")).to_be_visible()
    expect(anonymous.locator(f"#comment-{comment_id}")).to_have_count(0)

    # The moderator finds it in Pending, with its reason.
    sign_in_moderator(moderator, live_site.moderator_password)
    moderator.get_by_role("link", name="Moderation", exact=True).first.click()
    moderator.get_by_role("link", name=re.compile(r"^Pending \(\d+\)$")).click()
    expect(moderator).to_have_url(re.compile(r"/admin/moderation/queue/pending/"))
    item = moderator.locator(f"#mc-{comment_id}")
    expect(item).to_contain_text(text)
    expect(item).to_contain_text("words a moderator checks")
    ARTIFACTS.mkdir(exist_ok=True)
    moderator.screenshot(path=ARTIFACTS / "moderation-queue.png", full_page=True)

    # j moves down the queue to the comment (newest first, so it may not be the first).
    items = moderator.locator(".moderation-comment")
    position = [i.get_attribute("id") for i in items.all()].index(f"mc-{comment_id}")
    moderator.locator("body").click(position={"x": 5, "y": 5})
    for _ in range(position + 1):
        moderator.keyboard.press("j")
    expect(item).to_have_class(re.compile(r"\bis-current\b"))
    expect(item).to_be_focused()
    moderator.screenshot(path=ARTIFACTS / "moderation-queue-current.png")

    # a approves it: it leaves the queue.
    moderator.keyboard.press("a")
    expect(moderator).to_have_url(re.compile(r"/admin/moderation/queue/pending/"))
    expect(moderator.locator(f"#mc-{comment_id}")).to_have_count(0)

    # Every reader sees it now, and the author no longer reads "Awaiting review".
    anonymous.reload()
    published = anonymous.locator(f"#comment-{comment_id}")
    expect(published.locator(".comment__body")).to_contain_text(text)
    expect(published.locator(".comment__status")).to_have_count(0)
    reader.reload()
    expect(reader.locator(f"#comment-{comment_id} .comment__status")).to_have_count(0)
    assert errors == []
