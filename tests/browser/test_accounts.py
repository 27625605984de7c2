"""A new reader, from sign-up to a first comment, their data, and away again, in a real Chromium.

The site is the demo (`parley demo --no-serve`, then `parley serve`), which prints its mail to
the console: the verification link is read from the server's own output, as a person trying
the demo would read it from their terminal. Screenshots land in tests/browser/artifacts/.
"""

import json
import re
import secrets
import time
from pathlib import Path

import pytest
from PIL import Image, ImageDraw
from playwright.sync_api import Page, expect

ARTIFACTS = Path(__file__).parent / "artifacts"
ARTICLE = "/world/buenos-aires-transport-strike/"
PASSWORD = "Harbour lights at 4am, twice!"


def verification_link(log: Path, email: str, timeout: float = 15.0) -> str:
    """The confirmation link of the newest mail to `email` that the server printed."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        text = log.read_text(errors="replace") if log.exists() else ""
        # Mail headers say whom it is for; the link follows in the body.
        start = text.rfind(f"To: {email}")
        if start >= 0:
            found = re.search(r"https?://[^\s]+/accounts/confirm-email/[^\s/]+/", text[start:])
            if found:
                return found.group(0)
        time.sleep(0.2)
    raise AssertionError(f"no verification mail to {email} in {log}")


def picture(path: Path) -> Path:
    """A small, obviously synthetic portrait: a face on a teal ground."""
    image = Image.new("RGB", (320, 240), (22, 120, 110))
    draw = ImageDraw.Draw(image)
    draw.ellipse((100, 40, 220, 200), fill=(240, 200, 160))
    draw.ellipse((130, 95, 145, 110), fill=(30, 30, 30))
    draw.ellipse((175, 95, 190, 110), fill=(30, 30, 30))
    draw.arc((130, 120, 190, 170), 20, 160, fill=(120, 40, 40), width=5)
    image.save(path, "PNG")
    return path


def own_comment(page: Page, text: str):
    return page.locator("li.comment", has=page.locator(".comment__body", has_text=text)).locator(
        ":scope > .comment__main"
    )


@pytest.mark.browser
def test_reader_signs_up_comments_downloads_data_and_leaves(new_page, live_site, tmp_path):
    page = new_page()
    errors = []
    page.on("pageerror", lambda exc: errors.append(str(exc)))
    tag = secrets.token_hex(3)
    username, email = f"reader{tag}", f"reader.{tag}@readers.example"
    display = f"Harbour Reader {tag}"
    ARTIFACTS.mkdir(exist_ok=True)

    # Sign up; the site asks to confirm the address.
    page.goto("/")
    page.get_by_role("banner").get_by_role("link", name="Sign in").click()
    page.get_by_role("link", name="sign up").click()
    page.locator("#id_email").fill(email)
    page.locator("#id_username").fill(username)
    page.locator("#id_password1").fill(PASSWORD)
    page.locator("#id_password2").fill(PASSWORD)
    page.get_by_role("button", name="Sign Up").click()
    expect(page).to_have_url(re.compile(r"/accounts/confirm-email/$"))
    expect(page.get_by_role("heading", level=1)).to_have_text(re.compile("Verify Your Email"))

    # The demo prints the mail; its link verifies the address and signs the reader in.
    link = verification_link(live_site.data_dir / "server.log", email)
    assert link.startswith(live_site.base_url)
    page.goto(link)
    page.get_by_role("button", name="Confirm").click()
    banner = page.get_by_role("banner")
    expect(banner.get_by_role("link", name=username)).to_be_visible()

    # A display name and a picture.
    banner.get_by_role("link", name=username).click()
    expect(page).to_have_url(re.compile(r"/accounts/profile/$"))
    page.get_by_label("Display name").fill(display)
    page.get_by_label("About you").fill("Commutes by ferry; reads everything twice.")
    page.get_by_role("button", name="Save profile").click()
    expect(page.get_by_role("status")).to_contain_text("Your profile was saved.")
    expect(banner.get_by_role("link", name=display)).to_be_visible()
    page.get_by_label("New picture").set_input_files(picture(tmp_path / "me.png"))
    page.get_by_role("button", name="Upload picture").click()
    expect(page.get_by_role("status")).to_contain_text("Your picture was changed.")
    current = page.locator(".account-picture__image")
    expect(current).to_have_attribute("src", re.compile(r"^/media/avatars/\w+\.jpg$"))
    avatar_src = current.get_attribute("src")
    assert current.evaluate("img => img.complete && img.naturalWidth") == 256
    page.screenshot(path=ARTIFACTS / "accounts-settings.png", full_page=True)

    # A first comment shows the display name and the picture, live and after a reload.
    page.goto(ARTICLE)
    words = f"First time commenting: the ferries ran all night ({tag})."
    page.get_by_label("Your comment", exact=True).fill(words)
    page.get_by_role("button", name="Post comment").click()
    expect(page.locator("[data-live]")).to_have_text("Comment posted.")
    mine = own_comment(page, words)
    expect(mine.locator(".comment__author")).to_have_text(display)
    expect(mine.locator("img.avatar")).to_have_attribute("src", avatar_src)
    page.reload()
    mine = own_comment(page, words)
    expect(mine.locator(".comment__author")).to_have_text(display)
    expect(mine.locator("img.avatar")).to_have_attribute("src", avatar_src)
    expect(mine.locator("img.avatar")).to_have_attribute("alt", "")
    assert mine.locator("img.avatar").evaluate("img => img.complete && img.naturalWidth") == 256
    mine.screenshot(path=ARTIFACTS / "accounts-first-comment.png")

    # The public profile lists it.
    page.goto(f"/people/{username}/")
    expect(page.get_by_role("heading", level=1)).to_have_text(display)
    expect(page.locator(".profile__excerpt").first).to_have_text(words)
    page.screenshot(path=ARTIFACTS / "accounts-profile.png", full_page=True)

    # "Download my data" gives a JSON file with the comment in it.
    page.goto("/accounts/profile/")
    with page.expect_download() as download_info:
        page.get_by_role("link", name="Download my data").click()
    data = json.loads(Path(download_info.value.path()).read_text())
    assert data["profile"]["username"] == username
    assert data["profile"]["display_name"] == display
    assert [c["body"] for c in data["comments"]] == [words]
    assert data["comments"][0]["thread"]["url"].endswith(ARTICLE)
    assert data["email_addresses"] == [{"email": email, "verified": True, "primary": True}]

    # "Delete my account", keeping the comment: it stays, by "deleted user".
    page.get_by_role("link", name="Delete my account").click()
    page.get_by_label("Keep them").check()
    page.get_by_label("Your password").fill(PASSWORD)
    page.screenshot(path=ARTIFACTS / "accounts-delete.png", full_page=True)
    page.get_by_role("button", name="Delete my account").click()
    expect(page).to_have_url(live_site.url("/accounts/profile/deleted"))
    expect(page.get_by_role("heading", level=1)).to_have_text("Your account was deleted")
    expect(page.get_by_role("banner").get_by_role("link", name="Sign in")).to_be_visible()

    page.goto(ARTICLE)
    gone = own_comment(page, words)
    expect(gone.locator(".comment__author")).to_have_text("deleted user")
    expect(gone.locator("img.avatar")).to_have_count(0)
    assert page.goto(f"/people/{username}/").status == 404
    assert page.goto(avatar_src).status == 404  # the picture went with the account

    # Signing in again is impossible.
    page.goto("/accounts/login/")
    page.get_by_label("Username").fill(username)
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name="Sign In").click()
    expect(page.locator("main")).to_contain_text("not correct")
    assert errors == []
