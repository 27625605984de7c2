from parley.discussion.tests.conftest import (  # noqa: F401  (shared fixtures)
    _no_rate_limit,
    alice,
    bob,
    make_user,
    thread,
)
