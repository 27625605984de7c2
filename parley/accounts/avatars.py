"""Avatar pictures: uploads checked and redrawn with Pillow, and identicons for everyone else.

An upload is never stored as it came. It must decode as a JPEG, PNG, WebP or GIF within a
size and pixel budget; its first frame is then center-cropped and redrawn at 256 x 256 into a
fresh PNG (when it has transparency) or JPEG, so none of the uploaded bytes or metadata (EXIF
location, comments, extra frames, trailing data) survive.

The pixel budget is checked on the header before anything is decoded. Pillow's own
decompression-bomb limit (Image.MAX_IMAGE_PIXELS) is process-wide and also guards the
newsroom's large photographs, so it is left as it is; ours is lower and checked first, and
Pillow's error (or its warning, where warnings are errors) is still caught as a refusal.
"""

import hashlib
import logging
from io import BytesIO

from PIL import Image, ImageDraw, ImageOps, UnidentifiedImageError

from parley.accounts.errors import AccountError

log = logging.getLogger(__name__)

SIZE = 256
MAX_BYTES = 5 * 1024 * 1024
# 40 megapixels covers any phone camera (8000 x 5000) and is well under Pillow's own limit.
MAX_PIXELS = 40_000_000
FORMATS = ("JPEG", "PNG", "WEBP", "GIF")

# The twelve avatar colours of discussion/thread.css (.avatar--h0 … h11), 30 degrees apart.
PALETTE = (
    "#a64e30", "#866f27", "#627722", "#3b7e25", "#257e3b", "#257e68",
    "#2c7c96", "#304ea6", "#4e30a6", "#8930a6", "#a63089", "#a6304e",
)  # fmt: skip
IDENTICON_BACKGROUND = "#f1efe9"
IDENTICON_GRID = 5
IDENTICON_DESIGN = "1"  # change it to give every identicon a new URL


def too_large(size: int) -> AccountError:
    return AccountError(
        f"Pictures can be at most 5 MB; this one is {size / 1024 / 1024:.1f} MB.",
        code="too_large",
        field="avatar",
    )


def read_upload(upload) -> bytes:
    """The uploaded bytes, refusing anything over the size limit without reading it all."""
    size = getattr(upload, "size", None)
    if size is not None and size > MAX_BYTES:
        raise too_large(size)
    data = upload.read(MAX_BYTES + 1)
    if len(data) > MAX_BYTES:
        raise too_large(size or len(data))
    if not data:
        raise AccountError("The file is empty.", code="not_an_image", field="avatar")
    return data


def avatar_image(data: bytes) -> tuple[bytes, str]:
    """A clean 256 x 256 picture (bytes, "png" or "jpg") redrawn from an uploaded image."""
    not_an_image = AccountError(
        "That file is not a picture we can use: upload a JPEG, PNG, WebP or GIF image.",
        code="not_an_image",
        field="avatar",
    )
    bomb = AccountError(
        "That picture has too many pixels: upload one of at most 40 megapixels.",
        code="too_many_pixels",
        field="avatar",
    )
    try:
        with Image.open(BytesIO(data), formats=FORMATS) as probe:
            width, height = probe.size
            if width * height > MAX_PIXELS:
                raise bomb
            probe.verify()
        with Image.open(BytesIO(data), formats=FORMATS) as image:
            if image.format == "JPEG":
                image.draft("RGB", (SIZE * 2, SIZE * 2))  # decode a scaled-down JPEG directly
            image.seek(0)
            image.load()
            return redraw(image)
    except AccountError:
        raise
    except (Image.DecompressionBombError, Image.DecompressionBombWarning):
        raise bomb from None
    except UnidentifiedImageError:
        raise not_an_image from None
    except Exception as exc:  # any decoder failure on untrusted bytes is a refusal
        log.info("avatar upload refused: %s: %s", type(exc).__name__, exc)
        raise not_an_image from None


def redraw(image: Image.Image) -> tuple[bytes, str]:
    """Crop to the centre square, scale to SIZE, and encode a new file from the pixels alone."""
    image = ImageOps.exif_transpose(image)
    alpha = image.mode in ("RGBA", "LA", "PA") or (
        image.mode == "P" and "transparency" in image.info
    )
    image = image.convert("RGBA" if alpha else "RGB")
    image = ImageOps.fit(image, (SIZE, SIZE), Image.Resampling.LANCZOS)
    out = BytesIO()
    if alpha:
        image.save(out, "PNG", optimize=True)
        return out.getvalue(), "png"
    image.save(out, "JPEG", quality=85, optimize=True)
    return out.getvalue(), "jpg"


def file_name(data: bytes, extension: str) -> str:
    """A name from the picture's content: a new picture is a new URL, so caches never go stale."""
    return f"{hashlib.sha256(data).hexdigest()[:24]}.{extension}"


# Identicons ------------------------------------------------------------------------------


def identicon_digest(user_id: int) -> bytes:
    return hashlib.blake2b(
        f"{user_id}".encode(), digest_size=16, person=b"parley-identicon"
    ).digest()


def identicon_version(user_id: int) -> str:
    """Part of the identicon's URL and its ETag: changes only with the design."""
    return hashlib.blake2b(
        f"{IDENTICON_DESIGN}:{user_id}".encode(), digest_size=6, person=b"parley-iconver"
    ).hexdigest()


def identicon_png(user_id: int, hue: int) -> bytes:
    """A 5 x 5 left-right symmetric pattern drawn from a hash of the user id, as a PNG."""
    digest = identicon_digest(user_id)
    bits = int.from_bytes(digest[:4], "big")
    half = (IDENTICON_GRID + 1) // 2
    cells = [
        [bool(bits >> (row * half + col) & 1) for col in range(half)]
        for row in range(IDENTICON_GRID)
    ]
    if sum(map(sum, cells)) < 3:  # an almost empty pattern reads as a broken image
        cells[2] = [True] * half
    colour = PALETTE[(hue % 360) * len(PALETTE) // 360]
    # Small enough that the whole grid stays inside the circle avatars are shown in.
    cell = 32
    margin = (SIZE - cell * IDENTICON_GRID) // 2
    image = Image.new("RGB", (SIZE, SIZE), IDENTICON_BACKGROUND)
    draw = ImageDraw.Draw(image)
    for row, left in enumerate(cells):
        full = left + left[: IDENTICON_GRID - half][::-1]
        for col, on in enumerate(full):
            if on:
                x, y = margin + col * cell, margin + row * cell
                draw.rectangle((x, y, x + cell - 1, y + cell - 1), fill=colour)
    out = BytesIO()
    image.save(out, "PNG", optimize=True)
    return out.getvalue()
