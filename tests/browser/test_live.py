"""Two readers on the same article: one comments, the other sees it arrive live.

The site is the demo served by `parley serve`; the second window follows the thread over
Server-Sent Events and counts the new comment on "Show new comments (N)" without a reload.
"""

import re
from pathlib import Path

import pytest
from playwright.sync_api import expect

from tests.browser.test_discussion import sign_in

ARTIFACTS = Path(__file__).parent / "artifacts"
ARTICLE = "/middle-east/beirut-extends-water-rationing/"
WRITER = "marguerite_o"


@pytest.mark.browser
def test_a_comment_appears_live_in_another_window(new_page, live_site, reader_password):
    """The other window shows "Show new comments (1)" within a second; a click shows it."""
    reader = new_page()
    reader.goto(ARTICLE + "#discussion")
    thread = reader.locator("#discussion")
    show = thread.get_by_role("button", name=re.compile(r"^Show new comments"))
    expect(show).to_have_text("Show new comments (0)")
    expect(show).to_be_disabled()
    before = int(thread.locator("[data-count]").inner_text())

    writer = new_page()
    sign_in(writer, WRITER, reader_password, ARTICLE)
    text = "Live from the other window: the reservoirs were lower in 2014."
    writer.locator("#composer-body").fill(text)
    writer.get_by_role("button", name="Post comment").click()
    expect(writer.locator(".comment__body", has_text=text)).to_have_count(1)

    # Within a second, and without moving what the reader is reading.
    scroll_before = reader.evaluate("window.scrollY")
    expect(show).to_have_text("Show new comments (1)", timeout=1_500)
    expect(show).to_be_enabled()
    expect(thread.locator("[data-count]")).to_have_text(str(before + 1))
    # The "Discussion (N)" link in the (cached) article part follows too.
    expect(reader.locator("[data-discussion-count]")).to_have_text(str(before + 1))
    writer_link = writer.locator("[data-discussion-count]")
    expect(writer_link).to_have_text(str(before + 1))
    expect(reader.locator(".comment__body", has_text=text)).to_have_count(0)
    assert reader.evaluate("window.scrollY") == scroll_before

    show.click()
    arrived = reader.locator("li.comment", has=reader.locator(".comment__body", has_text=text))
    expect(arrived).to_have_count(1)
    expect(arrived).to_have_class(re.compile(r"\bcomment--new\b"))
    expect(show).to_have_text("Show new comments (0)")
    ARTIFACTS.mkdir(exist_ok=True)
    reader.screenshot(path=ARTIFACTS / "live-new-comment.png")

    # An edit by the writer updates the reader's copy in place.
    comment_id = arrived.get_attribute("data-id")
    writer.locator(f"#comment-{comment_id} > .comment__main").get_by_role(
        "link", name="Edit"
    ).click()
    field = writer.locator(f"#comment-{comment_id}").get_by_role("textbox")
    field.fill(text + " (Checked: it was 2014.)")
    writer.locator(f"#comment-{comment_id}").get_by_role("button", name="Save").click()
    expect(reader.locator(f"#comment-{comment_id} .comment__body")).to_contain_text(
        "Checked: it was 2014.", timeout=3_000
    )
    expect(reader.locator(f"#comment-{comment_id} .comment__edited")).to_have_count(1)

    # A deletion takes the comment off the reader's page, and the count follows.
    count_before = int(thread.locator("[data-count]").inner_text())
    writer.locator(f"#comment-{comment_id} > .comment__main").get_by_role(
        "link", name="Delete"
    ).click()
    writer.locator(f"#comment-{comment_id} > .comment__main").get_by_role(
        "button", name="Delete comment"
    ).click()
    expect(reader.locator(f"#comment-{comment_id}")).to_have_count(0, timeout=3_000)
    expect(thread.locator("[data-count]")).to_have_text(str(count_before - 1))
