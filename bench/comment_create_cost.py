"""What posting one comment costs in-process: queries and milliseconds per comment_create.

    .venv/bin/python bench/comment_create_cost.py          # 300 comments
    .venv/bin/python bench/comment_create_cost.py -n 1000

It builds a throw-away Parley (SQLite in a temporary folder, migrated, the SQLite cache), one
article in a section with a section policy, word lists and blocked domains as an editor
would have them, and posts N comments through services.comment_create with the default
screening pipeline (rate limits, repeats, words, links, toxicity, spam), each by its own
account so the rate limit never refuses one. A warm-up comment loads the toxicity model
first. It prints queries per comment (the median, and the statements of one post) and the
median, mean and p95 wall-clock milliseconds per comment, and the median CPU time
of the process (steadier than wall-clock on a busy machine).
"""

import argparse
import os
import shutil
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
BODIES = [
    "The ceasefire will only hold if both sides keep their word this time.",
    "I read the whole agreement and the monitoring section is weaker than reported.",
    "Good reporting. The map of the front line helps a lot, see https://example.org/map",
    "Why does nobody ask who pays for the reconstruction afterwards?",
    "My family lives near the border and they say the night was quiet for once.",
]
TERMS = [(f"badword{n}", "banned") for n in range(20)]
TERMS += [(f"iffy phrase {n}", "suspect") for n in range(15)]
TERMS += [(f"cheap pills {n}", "spam") for n in range(10)]
DOMAINS = [f"blocked{n}.example" for n in range(10)]


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("-n", type=int, default=300, help="comments to post")
    args = parser.parse_args()

    data = Path(tempfile.mkdtemp(prefix="parley-bench-post-"))
    os.environ.update(
        PARLEY_DATA_DIR=str(data),
        SECRET_KEY="bench-only-" + "x" * 40,
        DJANGO_SETTINGS_MODULE="parley.settings",
        LOG_LEVEL="WARNING",
    )
    for name in ("DATABASE_URL", "REDIS_URL"):
        os.environ.pop(name, None)
    sys.path.insert(0, str(ROOT))
    try:
        return run(args.n)
    finally:
        shutil.rmtree(data, ignore_errors=True)


def run(n: int) -> int:
    import django

    django.setup()
    from django.contrib.auth import get_user_model
    from django.contrib.auth.hashers import make_password
    from django.core.management import call_command
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    call_command("migrate", verbosity=0)
    from parley.discussion import selectors, services
    from parley.moderation.models import BlockedDomain, ModeratedTerm, SectionPolicy
    from parley.newsroom.tests import factories

    section = factories.section()
    article = factories.article(section, lead_image=False)
    SectionPolicy.objects.create(section=section, toxicity_threshold=0.9)
    for term, kind in TERMS:
        ModeratedTerm.objects.create(term=term, kind=kind)
    for domain in DOMAINS:
        BlockedDomain.objects.create(domain=domain)
    thread = selectors.thread_for_page(article.pk)

    user_model = get_user_model()
    hashed = make_password("bench")
    user_model.objects.bulk_create(
        [user_model(username=f"reader{i}", password=hashed) for i in range(n + 1)]
    )
    users = list(user_model.objects.filter(username__startswith="reader").order_by("pk"))

    def post(i: int):
        body = f"{BODIES[i % len(BODIES)]} ({i})"
        return services.comment_create(
            thread_id=thread.pk, author=users[i], body=body, client_ip=f"10.0.{i // 250}.{i % 250}"
        )

    post(n)  # warm-up: the toxicity model loads on first use
    times, cpu, queries, sample = [], [], [], []
    for i in range(n):
        with CaptureQueriesContext(connection) as ctx:
            started, started_cpu = time.perf_counter(), time.process_time()
            comment = post(i)
            times.append((time.perf_counter() - started) * 1000)
            cpu.append((time.process_time() - started_cpu) * 1000)
        assert comment.status == "published", (comment.status, comment.status_reason)
        queries.append(len(ctx))
        if i == 0:
            sample = [q["sql"][:110] for q in ctx.captured_queries]

    times.sort()
    print(f"{n} comments, default pipeline, SQLite + SQLite cache")
    print(f"queries per comment_create: median {statistics.median(queries):g}")
    for sql in sample:
        print("   ", sql)
    print(
        f"ms per comment_create: median {statistics.median(times):.2f}, "
        f"mean {statistics.fmean(times):.2f}, p95 {times[int(0.95 * (n - 1))]:.2f}; "
        f"CPU ms median {statistics.median(cpu):.2f}"
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
