"""Readers discuss an article in a real Chromium: post, reply deep, hide, like, edit, delete,
page through a long thread, and do the same basics with JavaScript switched off.

The site is the demo (`parley demo --no-serve`, then `parley serve`): the demo readers share
one password, every article has a discussion, and the Geneva article has 1,200+ comments.
Screenshots land in tests/browser/artifacts/discussion*.png for a human to look at.
"""

import re
import secrets
from pathlib import Path

import pytest
from playwright.sync_api import Page, expect

ARTIFACTS = Path(__file__).parent / "artifacts"

POSTING_ARTICLE = "/science/deep-coral-reef-found-off-izu-islands/"
NO_JS_ARTICLE = "/culture/museum-of-applied-glass-reopens/"
LONG_ARTICLE = "/middle-east/ceasefire-talks-resume-in-geneva/"
PAGE_SIZE = 20  # settings.PARLEY_THREAD_PAGE_SIZE

# Each reader may post three comments in a burst (the per-account rate limit), so the
# conversation below takes turns between two readers; a third posts without JavaScript.
ALICE = "lianasammartino"
BOB = "vendor"
CAROL = "ivanwa88"


def sign_in(page: Page, username: str, password: str, article: str) -> None:
    """From the article, through "Comment via Parley", and back to the discussion."""
    page.goto(article)
    page.locator("#discussion").get_by_role("link", name="Comment via Parley").click()
    expect(page).to_have_url(re.compile(r"/accounts/login/\?next="))
    page.get_by_label("Username or email").fill(username)
    page.get_by_label("Password").fill(password)
    page.get_by_role("button", name="Sign in").click()
    expect(page).to_have_url(re.compile(re.escape(article) + r"#discussion$"))


def comment(page: Page, comment_id: str):
    """The comment's own part (not its replies)."""
    return page.locator(f"#comment-{comment_id} > .comment__main")


def id_of(page: Page, text: str) -> str:
    body = page.locator(".comment__body", has_text=text)
    expect(body).to_have_count(1)
    return body.evaluate("el => el.closest('li.comment').dataset.id")


def reply(page: Page, parent_id: str, text: str) -> str:
    """Reply through the inline form; returns the new comment's id."""
    comment(page, parent_id).get_by_role("button", name="Reply", exact=True).click()
    field = comment(page, parent_id).get_by_role("textbox", name=re.compile("^Reply to "))
    expect(field).to_be_focused()
    field.fill(text)
    comment(page, parent_id).get_by_role("button", name="Post reply").click()
    expect(page.locator("[data-live]")).to_have_text("Reply posted.")
    return id_of(page, text)


def expand(page: Page, root_id: str) -> None:
    """Load the replies beyond the branch preview (the first three) in place."""
    more = page.locator(f"#comment-{root_id} > [data-more-replies]")
    if more.count():
        more.click()
        expect(more).to_have_count(0)


def count(page: Page) -> int:
    return int(page.locator("#discussion [data-count]").inner_text())


@pytest.mark.browser
def test_readers_hold_a_conversation(new_page, live_site, reader_password):
    alice, bob = new_page(), new_page()
    errors = []
    alice.on("pageerror", lambda exc: errors.append(str(exc)))
    bob.on("pageerror", lambda exc: errors.append(str(exc)))
    tag = secrets.token_hex(3)

    sign_in(alice, ALICE, reader_password, POSTING_ARTICLE)
    sign_in(bob, BOB, reader_password, POSTING_ARTICLE)

    # Alice posts; the comment appears at the top without a reload.
    before = count(alice)
    alice.evaluate("window.stillTheSamePage = true")
    first = f"The survey ship's cameras found a whole reef down there ({tag})."
    alice.get_by_label("Your comment", exact=True).fill(first)
    alice.get_by_role("button", name="Post comment").click()
    expect(alice.locator("[data-live]")).to_have_text("Comment posted.")
    top = id_of(alice, first)
    expect(alice.locator("[data-comments] > li").first).to_have_id(f"comment-{top}")
    expect(comment(alice, top).locator(".comment__author")).to_have_text(ALICE)
    expect(comment(alice, top).locator("time")).to_have_text("now")
    assert alice.evaluate("window.stillTheSamePage") is True
    assert count(alice) == before + 1
    expect(alice.get_by_label("Your comment", exact=True)).to_have_value("")

    # Taking turns, they reply down to five levels below the top comment.
    bob.reload()
    level1 = reply(bob, top, f"Level one: how deep was it? ({tag})")
    alice.reload()
    level2 = reply(alice, level1, f"Level two: about 800 metres ({tag})")
    bob.reload()
    level3 = reply(bob, level2, f"Level three: no sunlight at all then ({tag})")
    alice.reload()
    level4 = reply(alice, level3, f"Level four: none, it lives on what drifts down ({tag})")
    # The page shows three replies of a branch; the rest load in place.
    bob.reload()
    expect(bob.locator(f"#comment-{top} > [data-more-replies]")).to_have_text("Show 1 more reply")
    expand(bob, top)
    level5 = reply(bob, level4, f"Level five: remarkable ({tag})")

    # Past the visible depth (3) replies stay at one indent under their level-3 ancestor
    # and say whom they answer, linking to that comment.
    bob.reload()
    expand(bob, top)
    for deep, parent, parent_name in [(level4, level3, BOB), (level5, level4, ALICE)]:
        expect(
            bob.locator(f"#comment-{level3} > .comment__replies > #comment-{deep}")
        ).to_have_count(1)
        label = comment(bob, deep).locator(".comment__reply-to")
        expect(label).to_have_text(f"in reply to {parent_name}")
        expect(label.get_by_role("link")).to_have_attribute("href", f"#comment-{parent}")
    expect(comment(bob, level3).locator(".comment__reply-to")).to_have_count(0)

    # Bob likes Alice's reply; the count changes, and taking the like back restores it.
    like = comment(bob, level4).get_by_role("button", name=re.compile("^Like"))
    expect(like).to_have_attribute("aria-pressed", "false")
    like.click()
    expect(like).to_have_attribute("aria-pressed", "true")
    expect(like).to_have_accessible_name("Like 1")
    like.click()
    expect(like).to_have_attribute("aria-pressed", "false")
    expect(like).to_have_accessible_name("Like")
    like.click()
    expect(like).to_have_accessible_name("Like 1")

    # Alice hides the branch under her comment; the page remembers it; she shows it again.
    alice.reload()
    branch = alice.locator(f"#comment-{top}")
    toggle = comment(alice, top).get_by_role("button", name="Hide comment")
    expect(toggle).to_have_attribute("aria-expanded", "true")
    toggle.click()
    toggle = comment(alice, top).get_by_role("button", name="Show comment")
    expect(toggle).to_have_attribute("aria-expanded", "false")
    expect(branch.locator(":scope > .comment__replies")).to_be_hidden()
    expect(comment(alice, top).locator(".comment__body")).to_be_hidden()
    expect(comment(alice, top).locator(".comment__author")).to_be_visible()
    expect(comment(alice, top)).to_contain_text("5 replies hidden")
    alice.reload()
    expect(comment(alice, top).get_by_role("button", name="Show comment")).to_be_visible()
    expect(branch.locator(":scope > .comment__replies")).to_be_hidden()
    comment(alice, top).get_by_role("button", name="Show comment").click()
    expect(alice.locator(f"#comment-{level1}")).to_be_visible()
    expect(comment(alice, top).get_by_role("button", name="Hide comment")).to_be_visible()

    # Alice edits her comment inside the edit window.
    comment(alice, top).get_by_role("link", name="Edit").click()
    field = comment(alice, top).get_by_role("textbox", name="Edit your comment")
    expect(field).to_have_value(first)
    edited = f"The survey ship's cameras found a whole living reef down there ({tag})."
    field.fill(edited)
    comment(alice, top).get_by_role("button", name="Save changes").click()
    expect(comment(alice, top).locator(".comment__body")).to_have_text(edited)
    expect(comment(alice, top).locator(".comment__edited")).to_have_text("(edited)")
    alice.reload()
    expect(comment(alice, top).locator(".comment__body")).to_have_text(edited)
    expect(comment(alice, top).locator(".comment__edited")).to_have_text("(edited)")

    # Screenshots of the conversation, on a desktop and on a phone.
    ARTIFACTS.mkdir(exist_ok=True)
    alice.locator(f"#comment-{top}").scroll_into_view_if_needed()
    alice.locator("#discussion").screenshot(path=ARTIFACTS / "discussion.png")
    alice.set_viewport_size({"width": 390, "height": 844})
    alice.locator("#discussion").screenshot(path=ARTIFACTS / "discussion-phone.png")
    assert alice.evaluate("document.documentElement.scrollWidth") <= 390
    alice.set_viewport_size({"width": 1280, "height": 900})

    # She deletes it: the replies stay, under a tombstone.
    before = count(alice)
    comment(alice, top).get_by_role("link", name="Delete").click()
    comment(alice, top).get_by_role("button", name="Delete comment").click()
    expect(comment(alice, top)).to_have_text(re.compile(r"^\s*This comment was deleted\.\s*"))
    expect(comment(alice, top).locator(".comment__author")).to_have_count(0)
    expect(alice.locator(f"#comment-{level1}")).to_be_visible()
    assert count(alice) == before - 1
    alice.reload()
    expect(comment(alice, top).locator(".comment__tombstone")).to_have_text(
        "This comment was deleted."
    )
    expand(alice, top)
    expect(alice.locator(f"#comment-{top} #comment-{level5}")).to_have_count(1)
    alice.locator(f"#comment-{top}").screenshot(path=ARTIFACTS / "discussion-branch.png")
    assert errors == []


@pytest.mark.browser
def test_reader_pages_through_a_long_thread(new_page, live_site):
    page = new_page()
    errors = []
    page.on("pageerror", lambda exc: errors.append(str(exc)))
    page.goto(LONG_ARTICLE)
    top_level = page.locator("[data-comments] > li.comment")
    expect(top_level).to_have_count(PAGE_SIZE)
    assert count(page) > 1000

    seen = top_level.evaluate_all("items => items.map(li => li.id)")
    more = page.get_by_role("button", name="Show more comments")
    for round_ in range(1, 4):
        more.click()
        expect(top_level).to_have_count(PAGE_SIZE * (round_ + 1))
        ids = top_level.evaluate_all("items => items.map(li => li.id)")
        assert ids[: len(seen)] == seen, "earlier comments moved"
        assert len(set(ids)) == len(ids), "a comment was shown twice"
        seen = ids
    expect(page.locator("[data-live]")).to_have_text(f"{PAGE_SIZE} more comments shown.")

    # A branch with more replies than the preview loads the rest in place.
    more_replies = page.locator("[data-more-replies]").first
    if more_replies.count():
        root = more_replies.evaluate("el => el.closest('li.comment').id")
        remaining = int(more_replies.get_attribute("data-remaining"))
        shown = page.locator(f"#{root} li.comment").count()
        more_replies.click()
        expect(page.locator(f"#{root} li.comment")).to_have_count(
            shown + min(remaining, 200), timeout=10_000
        )
        branch_ids = page.locator(f"#{root} li.comment").evaluate_all(
            "items => items.map(li => li.id)"
        )
        assert len(set(branch_ids)) == len(branch_ids)

    # A link to a comment that is not on the first page opens its branch at the top.
    target = seen[-1].removeprefix("comment-")
    linked = new_page()
    linked.goto(f"{LONG_ARTICLE}#comment-{target}")
    section = linked.locator("[data-linked]")
    expect(section.get_by_role("heading", name="Linked comment")).to_be_visible()
    expect(section.locator(f"#comment-{target}")).to_have_class(re.compile("comment--target"))
    expect(section.locator(f"#comment-{target}")).to_be_in_viewport()
    assert errors == []


@pytest.mark.browser
def test_reader_without_javascript_posts_with_plain_forms(new_page, live_site, reader_password):
    page = new_page(javascript=False)
    sign_in(page, CAROL, reader_password, NO_JS_ARTICLE)
    text = f"Six years is a long restoration, but the glass deserved it ({secrets.token_hex(3)})."
    page.get_by_label("Your comment", exact=True).fill(text)
    page.get_by_role("button", name="Post comment").click()

    # Back on the article, at the comment, which the server shows as the linked comment.
    expect(page).to_have_url(re.compile(re.escape(NO_JS_ARTICLE) + r"\?comment=(\d+)#comment-\1$"))
    posted = page.url.rsplit("#comment-", 1)[1]
    section = page.locator("section.thread__linked")
    expect(section.get_by_role("heading", name="Linked comment")).to_be_visible()
    expect(section.locator(f"#comment-{posted} .comment__body")).to_have_text(text)
    expect(section.locator(f"#comment-{posted}")).to_have_class(re.compile("comment--target"))
    expect(page.locator(f"#comment-{posted}")).to_have_count(1)  # not repeated in the list

    # A reply through the <details> form lands at the reply.
    mine = page.locator(f"#comment-{posted} > .comment__main")
    mine.get_by_text("Reply", exact=True).click()
    answer = f"And the museum kept the original kiln ({secrets.token_hex(3)})."
    mine.get_by_role("textbox", name=f"Reply to {CAROL}").fill(answer)
    mine.get_by_role("button", name="Post reply").click()
    expect(page).to_have_url(re.compile(r"\?comment=(\d+)#comment-\1$"))
    reply_id = page.url.rsplit("#comment-", 1)[1]
    expect(
        page.locator(f"#comment-{posted} > .comment__replies > #comment-{reply_id}")
    ).to_contain_text(answer)

    # Liking someone else's comment is a plain form post too.
    page.goto(NO_JS_ARTICLE)
    other = page.locator("[data-comments] > li.comment:not([data-own])").first
    other_id = other.get_attribute("data-id")
    like = page.locator(f"#comment-{other_id} > .comment__main").get_by_role(
        "button", name=re.compile("^Like")
    )
    pressed = like.get_attribute("aria-pressed")
    like.click()
    expect(page).to_have_url(re.compile(rf"#comment-{other_id}$"))
    like = page.locator(f"#comment-{other_id} > .comment__main").get_by_role(
        "button", name=re.compile("^Like")
    )
    expect(like).to_have_attribute("aria-pressed", "false" if pressed == "true" else "true")

    ARTIFACTS.mkdir(exist_ok=True)
    page.locator("#discussion").screenshot(path=ARTIFACTS / "discussion-nojs.png")
