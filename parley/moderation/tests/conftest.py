import pytest
from django.test import Client

from parley.discussion import services
from parley.discussion.models import Thread


@pytest.fixture(autouse=True)
def _quiet_limits(settings):
    """Each test turns on the phase it is about; the others stay out of its way."""
    settings.PARLEY_COMMENT_RATE_BURST = 0
    settings.PARLEY_COMMENT_RATE_IP_BURST = 0
    settings.PARLEY_MODERATION_DUPLICATE_SECONDS = 0
    settings.PARLEY_TOXICITY_SCORER = ""
    settings.PARLEY_MODERATION_SPAM_THRESHOLD = 0


@pytest.fixture
def thread(db) -> Thread:
    return services.thread_for_key(
        site="example", key="story-1", url="https://example.org/story-1", title="Story one"
    )


@pytest.fixture
def make_user(django_user_model):
    def make(name="reader", **extra):
        return django_user_model.objects.create_user(name, password="pw", **extra)

    return make


@pytest.fixture
def alice(make_user):
    return make_user("alice")


@pytest.fixture
def bob(make_user):
    return make_user("bob")


@pytest.fixture
def moderator(make_user):
    from django.contrib.auth.models import Group

    from parley.newsroom import roles

    roles.ensure_groups()
    user = make_user("mod", is_staff=True)
    user.groups.add(Group.objects.get(name="Moderator"))
    return user


@pytest.fixture
def client_of():
    def make(user):
        client = Client()
        client.force_login(user)
        return client

    return make
