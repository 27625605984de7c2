"""Avatar uploads: only real pictures, redrawn so nothing of the upload survives."""

import struct
import zlib
from io import BytesIO
from pathlib import Path

import pytest
from django.conf import settings
from django.core.files.uploadedfile import SimpleUploadedFile
from PIL import Image

from parley.accounts import selectors, services
from parley.accounts.errors import AccountError
from parley.accounts.tests.conftest import image_bytes
from parley.discussion import services as discussion


def upload(data: bytes, name="picture.png", content_type="image/png"):
    return SimpleUploadedFile(name, data, content_type=content_type)


def stored_files() -> set[str]:
    folder = Path(settings.MEDIA_ROOT) / "avatars"
    return {p.name for p in folder.iterdir()} if folder.exists() else set()


def png_claiming(width: int, height: int) -> bytes:
    """A small PNG whose header claims a huge picture: a decompression bomb's calling card."""

    def chunk(kind: bytes, data: bytes) -> bytes:
        crc = zlib.crc32(kind + data) & 0xFFFFFFFF
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", crc)

    header = struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0)
    pixels = zlib.compress(b"\x00" * 4096, 9)
    signature = b"\x89PNG\r\n\x1a\n"
    return signature + chunk(b"IHDR", header) + chunk(b"IDAT", pixels) + chunk(b"IEND", b"")


def stored_image(user) -> Image.Image:
    user.refresh_from_db()
    with user.avatar.open("rb") as f:
        return Image.open(BytesIO(f.read()))


def test_a_picture_is_cropped_to_a_256_pixel_square(alice):
    services.avatar_set(user=alice, upload=upload(image_bytes("PNG", (640, 300))))
    image = stored_image(alice)
    assert image.size == (256, 256)
    assert image.format == "JPEG"  # no transparency: the smaller format
    assert alice.avatar.name.startswith("avatars/")
    assert selectors.avatar_url(alice) == f"{settings.MEDIA_URL}{alice.avatar.name}"


def test_nothing_of_the_uploaded_file_survives(alice):
    """EXIF (here a description; a phone adds the location) and trailing bytes are gone."""
    exif = Image.Exif()
    exif[0x010E] = "secret description"
    data = image_bytes("JPEG", (400, 400), exif=exif.tobytes()) + b"TRAILING-PAYLOAD"
    assert b"secret description" in data
    services.avatar_set(user=alice, upload=upload(data, "me.jpg", "image/jpeg"))
    alice.refresh_from_db()
    with alice.avatar.open("rb") as f:
        stored = f.read()
    assert b"secret description" not in stored and b"TRAILING-PAYLOAD" not in stored
    assert dict(Image.open(BytesIO(stored)).getexif()) == {}


def test_transparency_is_kept_as_png(alice):
    services.avatar_set(user=alice, upload=upload(image_bytes("PNG", colour=(0, 0, 0, 0))))
    image = stored_image(alice)
    assert image.format == "PNG" and image.mode == "RGBA"


@pytest.mark.parametrize("fmt", ["GIF", "WEBP", "JPEG", "PNG"])
def test_the_four_formats_are_accepted(alice, fmt):
    services.avatar_set(user=alice, upload=upload(image_bytes(fmt), f"p.{fmt.lower()}"))
    assert stored_image(alice).size == (256, 256)


def test_an_animated_gif_keeps_its_first_frame_only(alice):
    frames = [Image.new("RGB", (100, 100), c) for c in ((255, 0, 0), (0, 0, 255))]
    out = BytesIO()
    frames[0].save(out, "GIF", save_all=True, append_images=frames[1:], duration=100, loop=0)
    services.avatar_set(user=alice, upload=upload(out.getvalue(), "a.gif", "image/gif"))
    image = stored_image(alice)
    assert getattr(image, "n_frames", 1) == 1
    red, _green, blue = image.convert("RGB").getpixel((128, 128))
    assert red > 200 and blue < 60


@pytest.mark.parametrize(
    ("data", "code", "message"),
    [
        (b"GIF89a but not really", "not_an_image", "not a picture we can use"),
        (b"<svg xmlns='http://www.w3.org/2000/svg'/>", "not_an_image", "not a picture"),
        (b"%PDF-1.7 a document", "not_an_image", "not a picture"),
        (image_bytes("BMP"), "not_an_image", "JPEG, PNG, WebP or GIF"),
        (image_bytes("TIFF"), "not_an_image", "JPEG, PNG, WebP or GIF"),
        (image_bytes("PNG")[:120], "not_an_image", "not a picture"),  # truncated
        (b"", "not_an_image", "empty"),
        (png_claiming(50_000, 50_000), "too_many_pixels", "too many pixels"),
        (png_claiming(7_000, 7_000), "too_many_pixels", "too many pixels"),
    ],
    ids=["fake-gif", "svg", "pdf", "bmp", "tiff", "truncated", "empty", "bomb", "49-megapixels"],
)
def test_files_that_are_not_usable_pictures_are_refused_and_nothing_is_stored(
    alice, data, code, message
):
    before = stored_files()
    with pytest.raises(AccountError) as refused:
        services.avatar_set(user=alice, upload=upload(data))
    assert refused.value.code == code
    assert message in refused.value.message
    alice.refresh_from_db()
    assert not alice.avatar
    assert stored_files() == before


def test_a_6_mb_upload_is_refused_before_it_is_read(alice):
    before = stored_files()
    big = upload(image_bytes("PNG") + b"\0" * (6 * 1024 * 1024))
    with pytest.raises(AccountError) as refused:
        services.avatar_set(user=alice, upload=big)
    assert refused.value.code == "too_large"
    assert "at most 5 MB" in refused.value.message
    assert big.file.tell() == 0
    alice.refresh_from_db()
    assert not alice.avatar and stored_files() == before


def test_the_settings_page_shows_upload_errors(client, alice):
    client.force_login(alice)
    response = client.post(
        "/accounts/profile/avatar", {"avatar": upload(png_claiming(50_000, 50_000))}
    )
    assert response.status_code == 400
    assert "too many pixels" in response.content.decode()
    alice.refresh_from_db()
    assert not alice.avatar


def test_replacing_and_removing_a_picture_deletes_the_old_file(
    client, alice, django_capture_on_commit_callbacks
):
    client.force_login(alice)
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            "/accounts/profile/avatar", {"avatar": upload(image_bytes(colour=(1, 2, 3)))}
        )
    assert response.status_code == 302
    alice.refresh_from_db()
    first = Path(alice.avatar.path)
    assert first.exists()
    # The profile's picture URL now leads to the upload.
    assert client.get("/people/alice/avatar.png")["Location"] == alice.avatar.url
    with django_capture_on_commit_callbacks(execute=True):
        client.post("/accounts/profile/avatar", {"avatar": upload(image_bytes(colour=(9, 9, 9)))})
    alice.refresh_from_db()
    assert not first.exists() and Path(alice.avatar.path).exists()
    second = Path(alice.avatar.path)
    with django_capture_on_commit_callbacks(execute=True):
        assert client.post("/accounts/profile/avatar/remove").status_code == 302
    alice.refresh_from_db()
    assert not alice.avatar and not second.exists()
    assert selectors.avatar_url(alice).startswith("/people/alice/avatar.png?v=")


def test_comments_show_the_picture(client, alice, thread):
    services.avatar_set(user=alice, upload=upload(image_bytes()))
    comment = discussion.comment_create(thread_id=thread.pk, author=alice, body="With a face")
    alice.refresh_from_db()
    data = client.get(f"/api/v1/comments/{comment.pk}").json()
    assert data["author"]["url"] == alice.avatar.url
