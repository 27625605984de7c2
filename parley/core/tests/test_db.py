"""The SQLite writer lock, hooks after commit, and the per-process connection pool."""

import threading

import pytest
from django.db import connections, transaction
from django.db.utils import load_backend

from parley.core import db
from parley.core.database_url import sqlite_database


@pytest.fixture(autouse=True)
def own_connections(request, django_db_blocker):
    """The pool tests open their own SQLite files, outside the test database."""
    if "tmp_path" in request.fixturenames and "pool" in request.node.name:
        with django_db_blocker.unblock():
            yield
    else:
        yield


def wrapper(path):
    """A fresh connection object for a SQLite file, as a request's thread would get."""
    entry = connections.configure_settings({"default": sqlite_database(path)})["default"]
    return load_backend("parley.core.sqlite").DatabaseWrapper(entry, "pooled")


def test_pool_gives_a_closed_connection_to_the_next_user_in_the_process(tmp_path):
    """Closing a file database's connection keeps it open for the next request."""
    first = wrapper(tmp_path / "pool.sqlite3")
    first.ensure_connection()
    raw = first.connection
    first.close()
    second = wrapper(tmp_path / "pool.sqlite3")
    second.ensure_connection()
    assert second.connection is raw
    with second.cursor() as cursor:
        cursor.execute("PRAGMA journal_mode")
        assert cursor.fetchone()[0] == "wal"
    second.close()


def test_pool_rolls_back_a_connection_returned_mid_transaction(tmp_path):
    """Nothing uncommitted survives in a pooled connection."""
    first = wrapper(tmp_path / "pool.sqlite3")
    with first.cursor() as cursor:
        cursor.execute("CREATE TABLE t (x integer)")
    first.set_autocommit(False)
    with first.cursor() as cursor:
        cursor.execute("INSERT INTO t VALUES (1)")
    first.close()
    second = wrapper(tmp_path / "pool.sqlite3")
    with second.cursor() as cursor:
        cursor.execute("SELECT count(*) FROM t")
        assert cursor.fetchone()[0] == 0
    second.close()


@pytest.mark.django_db(transaction=True)
def test_hooks_after_commit_run_once_the_writer_lock_is_free(tmp_path, monkeypatch):
    """A purge scheduled inside a write runs after the lock is released, not under it."""
    monkeypatch.setattr(db, "lock_path", lambda alias: str(tmp_path / "db.write-lock"))
    seen = []

    def hook():
        # Another thread can take the writer lock now: the hook does not hold it up.
        taken = threading.Event()

        def other():
            with db.serialized_writes():
                taken.set()

        worker = threading.Thread(target=other)
        worker.start()
        seen.append(taken.wait(timeout=5))
        worker.join()

    with db.serialized_writes(), transaction.atomic():
        db.after_commit(hook)
        assert seen == []
    assert seen == [True]


@pytest.mark.django_db(transaction=True)
def test_a_failing_hook_is_logged_and_the_rest_still_run(caplog):
    """A change is acknowledged once committed; a broken hook after it cannot undo that."""
    ran = []

    def broken():
        raise RuntimeError("cache unreachable")

    with transaction.atomic():
        db.after_commit(broken)
        db.after_commit(lambda: ran.append(True))
    assert ran == [True]
    assert "a hook after a commit failed" in caplog.text


@pytest.mark.django_db(transaction=True)
def test_hooks_of_a_rolled_back_write_never_run():
    """Nothing is announced for a change that did not happen."""
    ran = []
    with pytest.raises(ValueError), db.serialized_writes(), transaction.atomic():
        db.after_commit(lambda: ran.append(True))
        raise ValueError
    assert ran == []


def test_pool_every_transaction_queues_on_the_writer_lock(tmp_path):
    """Not only the services: any transaction on the file (the task worker's, a command's)
    waits for the writer lock at BEGIN, so it never sleeps in SQLite's busy handler."""
    path = tmp_path / "pool-lock.sqlite3"
    first = wrapper(path)
    with first.cursor() as cursor:
        cursor.execute("CREATE TABLE t (x integer)")
    first.set_autocommit(False, force_begin_transaction_with_broken_autocommit=True)
    assert db.lock_held()
    with first.cursor() as cursor:
        cursor.execute("INSERT INTO t VALUES (1)")
    events = []

    def other():
        second = wrapper(path)
        events.append("waiting")
        second.set_autocommit(False, force_begin_transaction_with_broken_autocommit=True)
        with second.cursor() as cursor:
            cursor.execute("SELECT count(*) FROM t")
            events.append(("in", cursor.fetchone()[0]))
        second.rollback()
        second.set_autocommit(True)
        events.append(("held after", db.lock_held()))
        second.close()

    worker = threading.Thread(target=other)
    worker.start()
    worker.join(timeout=0.5)
    assert events == ["waiting"]  # queued behind our open transaction
    first.commit()
    first.set_autocommit(True)
    assert not db.lock_held()
    worker.join(timeout=5)
    assert events == ["waiting", ("in", 1), ("held after", False)]
    first.close()
