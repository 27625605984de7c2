"""Load bench/thread_read.py's generated threads into a scratch Parley, through the services.

    PARLEY_DATA_DIR=… SECRET_KEY=… PARLEY_COMMENT_RATE_BURST=0 \
        .venv/bin/python bench/thread_seed.py SPEC.json OUT.json

SPEC.json (written by thread_read.py) holds the users, their shared password and the threads
with their comments in posting order (each comment names its parent by index). The script
creates the users (one password hash, computed once, shared by all: hashing 50 passwords would
take longer than the rest; with verified addresses where django-allauth wants them), then
posts every comment with services.comment_create, one transaction per thread, and writes
OUT.json: {"threads": {key: {"id", "comment_ids"}}}.
It only ever runs against the scratch data folder thread_read.py made.
"""

import json
import os
import sys
import time
from pathlib import Path

import django


def main(spec_path: str, out_path: str) -> int:
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "parley.settings")
    django.setup()
    from django.conf import settings
    from django.contrib.auth import get_user_model
    from django.contrib.auth.hashers import make_password
    from django.db import transaction

    from parley.discussion import services

    if settings.PARLEY_COMMENT_RATE_BURST != 0:
        print("thread_seed.py: set PARLEY_COMMENT_RATE_BURST=0", file=sys.stderr)
        return 2
    spec = json.loads(Path(spec_path).read_text())
    user_model = get_user_model()
    hashed = make_password(spec["password"])
    user_model.objects.bulk_create(
        [
            user_model(username=name, email=f"{name}@bench.example", password=hashed)
            for name in spec["users"]
        ]
    )
    users = {u.username: u for u in user_model.objects.filter(username__in=spec["users"])}
    if "allauth.account" in settings.INSTALLED_APPS:
        # Sign-in requires a verified address.
        from allauth.account.models import EmailAddress

        EmailAddress.objects.bulk_create(
            [
                EmailAddress(user=u, email=u.email, verified=True, primary=True)
                for u in users.values()
            ]
        )
    out = {"threads": {}}
    for thread_spec in spec["threads"]:
        started = time.perf_counter()
        with transaction.atomic():
            thread = services.thread_for_key(
                site="bench",
                key=thread_spec["key"],
                url=thread_spec["url"],
                title=thread_spec["title"],
            )
            ids: list[int] = []
            for item in thread_spec["comments"]:
                parent = item["parent"]
                comment = services.comment_create(
                    thread_id=thread.pk,
                    author=users[spec["users"][item["author"]]],
                    body=item["body"],
                    parent_id=ids[parent] if parent is not None else None,
                )
                ids.append(comment.pk)
        seconds = time.perf_counter() - started
        out["threads"][thread_spec["key"]] = {"id": thread.pk, "comment_ids": ids}
        print(
            f"thread {thread_spec['key']}: {len(ids)} comments in {seconds:.1f}s "
            f"({seconds / max(len(ids), 1) * 1000:.1f} ms each)",
            flush=True,
        )
    Path(out_path).write_text(json.dumps(out))
    return 0


if __name__ == "__main__":
    if len(sys.argv) != 3:
        print(__doc__, file=sys.stderr)
        sys.exit(2)
    sys.exit(main(sys.argv[1], sys.argv[2]))
