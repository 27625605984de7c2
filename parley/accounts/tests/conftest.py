from io import BytesIO

import pytest
from PIL import Image

from parley.accounts import services
from parley.discussion import services as discussion
from parley.discussion.models import Thread

PASSWORD = "a long and unusual passphrase 42"


@pytest.fixture(autouse=True)
def _no_comment_rate_limit(settings):
    settings.PARLEY_COMMENT_RATE_BURST = 0


@pytest.fixture
def make_user(db):
    def make(username="reader", *, email=None, password=PASSWORD, verified=True):
        return services.account_create(
            username=username,
            email=email or f"{username}@readers.example",
            password=password,
            verified=verified,
        )

    return make


@pytest.fixture
def alice(make_user):
    return make_user("alice")


@pytest.fixture
def bob(make_user):
    return make_user("bob")


@pytest.fixture
def thread(db) -> Thread:
    return discussion.thread_for_key(
        site="example", key="story-1", url="https://example.org/story-1", title="Story one"
    )


def image_bytes(fmt="PNG", size=(300, 200), colour=(200, 30, 30), **save) -> bytes:
    mode = "RGBA" if fmt == "PNG" and len(colour) == 4 else "RGB"
    out = BytesIO()
    Image.new(mode, size, colour).save(out, fmt, **save)
    return out.getvalue()
