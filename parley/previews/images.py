"""Preview images: fetched through the guard, decoded with a pixel cap, re-encoded small.

We never hot-link a remote image (it would tell that site who reads our comments) and
never serve its bytes as they came: Pillow decodes them and we write a fresh WebP.
"""

import io
import warnings
from dataclasses import dataclass

from PIL import Image

from parley.previews.guard import FetchFailed, FetchRefused, fetch

MAX_WIDTH = 400
MAX_HEIGHT = 400
# A 1 MB file can claim billions of pixels; this many is plenty for any real photo.
MAX_PIXELS = 40_000_000
FORMATS = ("PNG", "JPEG", "GIF", "WEBP")
ORIENTATION_TAG = 0x0112
# EXIF orientation -> the turn that makes the image upright (as ImageOps.exif_transpose).
ORIENTATIONS = {
    2: Image.Transpose.FLIP_LEFT_RIGHT,
    3: Image.Transpose.ROTATE_180,
    4: Image.Transpose.FLIP_TOP_BOTTOM,
    5: Image.Transpose.TRANSPOSE,
    6: Image.Transpose.ROTATE_270,
    7: Image.Transpose.TRANSVERSE,
    8: Image.Transpose.ROTATE_90,
}


@dataclass(frozen=True)
class PreviewImage:
    """A re-encoded image ready to store."""

    data: bytes
    width: int
    height: int
    extension: str = "webp"


def preview_image_from_bytes(data: bytes) -> PreviewImage:
    """Decode, check the pixel count, shrink to the card's size, re-encode as WebP."""
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("error", Image.DecompressionBombWarning)
            with Image.open(io.BytesIO(data), formats=FORMATS) as image:
                width, height = image.size
                if width <= 0 or height <= 0 or width * height > MAX_PIXELS:
                    raise FetchRefused("The image claims too many pixels.")
                image.draft("RGB", (MAX_WIDTH * 2, MAX_HEIGHT * 2))  # JPEG: decode smaller
                image.seek(0)  # first frame of an animation
                orientation = image.getexif().get(ORIENTATION_TAG)
                image = image.convert("RGBA" if has_alpha(image) else "RGB")
                # The box is square, so shrinking before turning the image upright is the
                # same result at a fraction of the work.
                image.thumbnail((MAX_WIDTH, MAX_HEIGHT), Image.Resampling.LANCZOS)
                if orientation in ORIENTATIONS:
                    image = image.transpose(ORIENTATIONS[orientation])
                out = io.BytesIO()
                # method 2: half the encoding time of the default 4 for a few % more bytes.
                image.save(out, "WEBP", quality=80, method=2)
                return PreviewImage(data=out.getvalue(), width=image.width, height=image.height)
    except FetchFailed:
        raise
    except (Image.DecompressionBombError, Image.DecompressionBombWarning):
        raise FetchRefused("The image claims too many pixels.") from None
    except Exception:
        # Pillow raises many types for broken files (OSError, SyntaxError, ValueError, …).
        raise FetchFailed("The image could not be read.") from None


def has_alpha(image: Image.Image) -> bool:
    return image.mode in {"RGBA", "LA", "PA"} or (
        image.mode == "P" and "transparency" in image.info
    )


def preview_image(url: str) -> PreviewImage:
    """Fetch an image URL through the guard and make the card's image of it."""
    fetched = fetch(url, kind="image")
    if fetched.truncated:
        raise FetchRefused("The image is larger than 1 MB.")
    return preview_image_from_bytes(fetched.body)
