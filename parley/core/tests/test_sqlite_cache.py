"""The SQLite cache: Django's cache semantics, shared by every process on the host."""

import multiprocessing
import time

import pytest

from parley.core import sqlite_cache
from parley.core.sqlite_cache import SQLiteCache


@pytest.fixture
def cache(tmp_path):
    return SQLiteCache(tmp_path / "cache.sqlite3", {"TIMEOUT": 60, "OPTIONS": {"MAX_ENTRIES": 50}})


def test_values_round_trip(cache):
    value = {"content": b"\x00" * 1000, "keys": ["thread-1"], "versions": [12]}
    cache.set("page", value)
    assert cache.get("page") == value
    assert cache.get("missing", "default") == "default"
    assert cache.has_key("page") and not cache.has_key("missing")


def test_set_many_and_get_many(cache):
    assert cache.set_many({"a": 1, "b": 2, "c": None}) == []
    assert cache.get_many(["a", "b", "c", "d"]) == {"a": 1, "b": 2, "c": None}
    assert cache.get_many([]) == {}


def test_expired_entries_are_gone(cache):
    cache.set("short", 1, timeout=0.05)
    cache.set("forever", 2, timeout=None)
    time.sleep(0.1)
    assert cache.get("short") is None and not cache.has_key("short")
    assert cache.get("forever") == 2


def test_add_only_when_absent_or_expired(cache):
    assert cache.add("k", 1)
    assert not cache.add("k", 2)
    assert cache.get("k") == 1
    cache.set("old", 1, timeout=0.05)
    time.sleep(0.1)
    assert cache.add("old", 3)
    assert cache.get("old") == 3


def test_delete_touch_incr_clear(cache):
    cache.set("n", 5)
    assert cache.incr("n", 2) == 7 and cache.decr("n") == 6
    with pytest.raises(ValueError):
        cache.incr("absent")
    assert cache.touch("n", timeout=0.05)
    time.sleep(0.1)
    assert cache.get("n") is None and not cache.touch("n")
    cache.set_many({"x": 1, "y": 2})
    assert cache.delete("x") and not cache.delete("x")
    cache.delete_many(["y"])
    assert cache.get("y") is None
    cache.set("z", 1)
    cache.clear()
    assert cache.get("z") is None


def test_cull_keeps_the_newest_entries(cache, monkeypatch):
    monkeypatch.setattr(sqlite_cache, "CULL_EVERY", 10)
    for n in range(120):
        cache.set(f"k{n}", n)
    (count,) = cache.db().execute("SELECT count(*) FROM cache").fetchone()
    assert count <= 50 + 10
    assert cache.get("k119") == 119
    assert cache.get("k0") is None


def writer(path, key, value):
    SQLiteCache(path, {}).set(key, value)


def test_another_process_sees_a_write(tmp_path):
    """Workers are separate processes: a purge in one must reach the others."""
    path = tmp_path / "cache.sqlite3"
    mine = SQLiteCache(path, {})
    mine.set("pc:v:thread-1", 1)
    assert mine.get("pc:v:thread-1") == 1
    process = multiprocessing.get_context("spawn").Process(
        target=writer, args=(path, "pc:v:thread-1", 2)
    )
    process.start()
    process.join(30)
    assert process.exitcode == 0
    assert mine.get("pc:v:thread-1") == 2
