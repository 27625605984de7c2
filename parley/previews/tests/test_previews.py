"""Previews end to end: refresh, images, storage, selectors, the task, the card, the check."""

import io
from datetime import timedelta
from pathlib import Path

import pytest
from django.conf import settings as django_settings
from django.core.management import call_command
from django.core.management.base import SystemCheckError
from django.template.loader import render_to_string
from django.utils import timezone
from PIL import Image

from parley.previews import guard
from parley.previews.guard import FetchFailed, FetchRefused
from parley.previews.images import preview_image, preview_image_from_bytes
from parley.previews.models import LinkPreview
from parley.previews.selectors import previews_for_urls
from parley.previews.services import preview_refresh
from parley.previews.tasks import previews_fetch
from parley.previews.tests import sites

pytestmark = pytest.mark.django_db


def png(width: int, height: int, mode: str = "RGB") -> bytes:
    out = io.BytesIO()
    Image.new(mode, (width, height), "red" if mode == "RGB" else 0).save(out, "PNG")
    return out.getvalue()


def article(site, path="/story", *, image="/lead.png", title="Kerry: agreement reached"):
    meta_image = f'<meta property="og:image" content="{image}">' if image else ""
    site.routes[path] = sites.page(
        f"""<html><head><meta property="og:site_name" content="Al-Masdar News">
        <meta property="og:title" content="{title}">
        <meta property="og:description" content="Both sides agreed.">{meta_image}
        <title>ignored</title></head><body></body></html>"""
    )
    return site.url(path)


def test_a_preview_is_fetched_stored_and_its_image_copied_to_media(site):
    """One row with the page's own words, and our own small WebP of its image."""
    site.routes["/lead.png"] = sites.page(png(1200, 600), content_type="image/png")
    url = article(site)
    preview = preview_refresh(url=url)
    assert preview.status == LinkPreview.Status.OK
    assert (preview.site_name, preview.title) == ("Al-Masdar News", "Kerry: agreement reached")
    assert preview.description == "Both sides agreed."
    assert preview.url == url
    assert preview.image.name.startswith("previews/") and preview.image.name.endswith(".webp")
    stored = Path(django_settings.MEDIA_ROOT) / preview.image.name
    with Image.open(stored) as image:
        assert image.format == "WEBP"
        assert image.size == (400, 200) == (preview.image_width, preview.image_height)
    assert preview.image.url.startswith("/media/previews/")


def test_a_fresh_preview_is_reused_and_a_stale_one_refetched(site, settings):
    url = article(site, image=None)
    first = preview_refresh(url=url)
    again = preview_refresh(url=url + "#comments")
    assert again.pk == first.pk
    assert site.paths() == ["/story"]
    LinkPreview.objects.filter(pk=first.pk).update(
        fetched_at=timezone.now() - timedelta(seconds=settings.PARLEY_PREVIEW_TTL + 1)
    )
    article(site, image=None, title="Updated title")
    refreshed = preview_refresh(url=url)
    assert refreshed.pk == first.pk
    assert refreshed.title == "Updated title"
    assert site.paths() == ["/story", "/story"]
    assert LinkPreview.objects.count() == 1


def test_remote_trouble_records_a_failed_row_retried_sooner(site, settings):
    url = site.url("/gone")
    preview = preview_refresh(url=url)
    assert preview.status == LinkPreview.Status.FAILED
    assert "404" in preview.reason
    assert preview_refresh(url=url).pk == preview.pk
    assert site.paths() == ["/gone"]  # not retried at once
    LinkPreview.objects.filter(pk=preview.pk).update(
        fetched_at=timezone.now() - timedelta(seconds=settings.PARLEY_PREVIEW_RETRY + 1)
    )
    article(site, "/gone", image=None)
    assert preview_refresh(url=url).status == LinkPreview.Status.OK


@pytest.mark.parametrize(
    "url",
    ["http://127.0.0.1/", "http://169.254.169.254/latest", "ftp://x.example/", "http://[::1]/"],
)
def test_refused_links_are_recorded_as_failed_not_raised(url):
    preview = preview_refresh(url=url)
    assert preview.status == LinkPreview.Status.FAILED
    assert preview.reason


def test_an_unexpected_error_inside_the_fetch_is_still_a_failed_row(monkeypatch):
    def broken(*args, **kwargs):
        raise RuntimeError("bug")

    monkeypatch.setattr(guard, "_fetch", broken)
    assert preview_refresh(url="https://example.com/").status == LinkPreview.Status.FAILED


def test_a_page_whose_image_fails_still_gets_a_card_without_one(site):
    site.routes["/lead.png"] = sites.page("<html>not an image</html>", content_type="image/png")
    preview = preview_refresh(url=article(site))
    assert preview.status == LinkPreview.Status.OK
    assert not preview.image
    assert preview.reason.startswith("Image:")


def test_an_image_that_is_really_html_is_refused(site):
    site.routes["/i.png"] = sites.page("<html><title>x</title></html>", content_type="image/png")
    with pytest.raises(FetchFailed, match="could not be read"):
        preview_image(site.url("/i.png"))
    site.routes["/i.html"] = sites.page("<html></html>", content_type="text/html")
    with pytest.raises(FetchRefused):
        preview_image(site.url("/i.html"))


def test_a_decompression_bomb_png_is_refused_before_decoding():
    """A 100-megapixel PNG in a few kilobytes: refused on its header, never decoded."""
    bomb = png(10_000, 10_000, mode="1")
    assert len(bomb) < 1024 * 1024
    with pytest.raises(FetchRefused, match="too many pixels"):
        preview_image_from_bytes(bomb)


def test_a_decompression_bomb_png_served_over_http_is_refused(site):
    site.routes["/bomb.png"] = sites.page(png(10_000, 10_000, mode="1"), content_type="image/png")
    with pytest.raises(FetchRefused, match="too many pixels"):
        preview_image(site.url("/bomb.png"))


def test_an_image_over_the_size_cap_is_refused(site):
    site.routes["/big.png"] = sites.endless("image/png")
    with pytest.raises(FetchRefused, match="larger than 1 MB"):
        preview_image(site.url("/big.png"))


def test_gif_jpeg_and_transparent_png_become_small_webp():
    for mode, fmt in (("RGB", "JPEG"), ("P", "GIF"), ("RGBA", "PNG"), ("RGB", "WEBP")):
        out = io.BytesIO()
        Image.new(mode, (900, 300)).save(out, fmt)
        made = preview_image_from_bytes(out.getvalue())
        assert (made.width, made.height) == (400, 133), fmt
        with Image.open(io.BytesIO(made.data)) as image:
            assert image.format == "WEBP"


def test_a_refresh_that_changes_the_image_removes_the_old_file(
    site, settings, django_capture_on_commit_callbacks
):
    site.routes["/lead.png"] = sites.page(png(800, 400), content_type="image/png")
    url = article(site)
    first = preview_refresh(url=url)
    old = Path(settings.MEDIA_ROOT) / first.image.name
    assert old.exists()
    LinkPreview.objects.filter(pk=first.pk).update(
        fetched_at=timezone.now() - timedelta(seconds=settings.PARLEY_PREVIEW_TTL + 1)
    )
    site.routes["/lead.png"] = sites.page(png(600, 600), content_type="image/png")
    with django_capture_on_commit_callbacks(execute=True):
        second = preview_refresh(url=url)
    assert second.image.name != first.image.name
    assert (Path(settings.MEDIA_ROOT) / second.image.name).exists()
    assert not old.exists()


def test_previews_for_urls_is_one_query_and_only_fetched_ones(site, django_assert_num_queries):
    good = article(site, "/a", image=None)
    other = article(site, "/b", image=None)
    bad = site.url("/missing")
    for url in (good, other, bad):
        preview_refresh(url=url)
    asked = [good, other.upper().replace("HTTP://", "http://"), bad, "https://unknown.example/"]
    with django_assert_num_queries(1):
        found = previews_for_urls(asked)
    assert set(found) == {good}
    assert found[good].title == "Kerry: agreement reached"
    with django_assert_num_queries(0):
        assert previews_for_urls([]) == {}


def test_previews_for_urls_keys_by_the_url_as_given(site):
    url = article(site, image=None)
    preview_refresh(url=url)
    spelled = url.replace("http://", "HTTP://") + "#c1"
    assert previews_for_urls([spelled])[spelled].url == url


def test_the_task_fetches_every_link_once(site):
    urls = [article(site, f"/{n}", image=None) for n in range(3)]
    previews_fetch.enqueue(urls=[*urls, urls[0], "javascript:alert(1)"])
    assert LinkPreview.objects.filter(status="ok").count() == 3
    assert sorted(site.paths()) == ["/0", "/1", "/2"]


def test_the_card_shows_image_display_url_site_and_title_escaped(site):
    site.routes["/lead.png"] = sites.page(png(1200, 600), content_type="image/png")
    preview = preview_refresh(url=article(site, title="&lt;script&gt;alert(1)&lt;/script&gt;"))
    html = render_to_string("previews/preview.html", {"preview": preview})
    assert "<script>" not in html
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in html
    assert f'href="{preview.url}"' in html
    assert 'rel="nofollow ugc noopener"' in html
    assert f'src="/media/{preview.image.name}" width="400" height="200" alt=""' in html
    assert (
        f'{preview.display_url}</span><span class="link-preview__bar" aria-hidden="true"> | </span>'
        in html
    )
    assert "Al-Masdar News" in html


def test_the_card_without_image_or_site_name_has_no_img_and_no_separator():
    preview = LinkPreview(url="https://example.com/a", title="Title", fetched_at=timezone.now())
    html = render_to_string("previews/preview.html", {"preview": preview})
    assert "<img" not in html
    assert " | " not in html
    assert "example.com/a" in html and "Title" in html


def test_the_template_never_marks_anything_safe():
    template = (
        Path(__file__).resolve().parents[1] / "templates" / "previews" / "preview.html"
    ).read_text()
    assert "|safe" not in template and "autoescape off" not in template


def test_the_allowance_setting_is_an_error_outside_debug(settings):
    settings.DEBUG = False
    settings.PARLEY_PREVIEW_ALLOW_ADDRESSES = ["127.0.0.1"]
    with pytest.raises(SystemCheckError, match=r"previews\.E001"):
        call_command("check")
    settings.DEBUG = True
    call_command("check")
    settings.DEBUG = False
    settings.PARLEY_PREVIEW_ALLOW_ADDRESSES = []
    call_command("check")


def test_tests_opt_in_to_loopback_addresses_with_a_warning(settings, capsys):
    """With PARLEY_INSECURE_TEST_ADDRESSES a production-settings server may reach exact
    loopback addresses (the browser tests' local site), and says so loudly; nothing else."""
    settings.DEBUG = False
    settings.PARLEY_INSECURE_TEST_ADDRESSES = True
    settings.PARLEY_PREVIEW_ALLOW_ADDRESSES = ["127.0.0.2"]
    call_command("check")
    assert "previews.W001" in capsys.readouterr().err
    for address in ("10.0.0.7", "169.254.169.254", "not an address"):
        settings.PARLEY_PREVIEW_ALLOW_ADDRESSES = ["127.0.0.2", address]
        with pytest.raises(SystemCheckError, match=r"previews\.E003"):
            call_command("check")


def test_the_allowance_is_read_from_the_environment_only_with_the_opt_in(monkeypatch):
    """A stray PARLEY_PREVIEW_ALLOW_ADDRESSES in the environment opens nothing."""
    import importlib

    import parley.settings as project

    monkeypatch.setenv("PARLEY_PREVIEW_ALLOW_ADDRESSES", "127.0.0.2")
    monkeypatch.delenv("PARLEY_INSECURE_TEST_ADDRESSES", raising=False)
    try:
        assert importlib.reload(project).PARLEY_PREVIEW_ALLOW_ADDRESSES == []
        monkeypatch.setenv("PARLEY_INSECURE_TEST_ADDRESSES", "1")
        assert importlib.reload(project).PARLEY_PREVIEW_ALLOW_ADDRESSES == ["127.0.0.2"]
    finally:
        monkeypatch.undo()
        importlib.reload(project)


def test_a_sideways_photo_is_turned_upright():
    """EXIF orientation 6 (camera held sideways): a 800x400 file shows as 200x400."""
    image = Image.new("RGB", (800, 400))
    exif = image.getexif()
    exif[0x0112] = 6
    out = io.BytesIO()
    image.save(out, "JPEG", exif=exif)
    made = preview_image_from_bytes(out.getvalue())
    assert (made.width, made.height) == (200, 400)
