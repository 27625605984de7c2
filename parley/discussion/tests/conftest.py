import pytest

from parley.discussion import services
from parley.discussion.models import Thread


@pytest.fixture(autouse=True)
def _no_rate_limit(settings):
    # Rate limits and repeated-text checks are moderation's (parley/moderation/tests); these
    # tests post many short comments quickly.
    settings.PARLEY_COMMENT_RATE_BURST = 0
    settings.PARLEY_COMMENT_RATE_IP_BURST = 0
    settings.PARLEY_MODERATION_DUPLICATE_SECONDS = 0


@pytest.fixture
def thread(db) -> Thread:
    return services.thread_for_key(
        site="example", key="story-1", url="https://example.org/story-1", title="Story one"
    )


@pytest.fixture
def make_user(django_user_model):
    def make(name="reader"):
        return django_user_model.objects.create_user(name, password="pw")

    return make


@pytest.fixture
def alice(make_user):
    return make_user("alice")


@pytest.fixture
def bob(make_user):
    return make_user("bob")
