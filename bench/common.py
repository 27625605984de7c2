"""What the benchmarks share: process groups started and stopped cleanly, their memory,
free ports, and how a run reports progress and failure.
"""

from __future__ import annotations

import contextlib
import os
import re
import signal
import socket
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


class BenchError(Exception):
    pass


def say(message: str) -> None:
    print(f"== {message}", file=sys.stderr, flush=True)


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def loadavg() -> str:
    return " ".join(Path("/proc/loadavg").read_text().split()[:3])


def group_alive(group: int) -> bool:
    try:
        os.killpg(group, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    return True


def tail(log: Path, lines: int = 30) -> str:
    try:
        return "\n".join(log.read_text(errors="replace").splitlines()[-lines:])
    except OSError:
        return "(no log)"


def tree_pids(root: int) -> list[int]:
    children: dict[int, list[int]] = {}
    for entry in os.listdir("/proc"):
        if not entry.isdigit():
            continue
        try:
            stat = Path(f"/proc/{entry}/stat").read_text()
        except OSError:
            continue
        ppid = int(stat[stat.rindex(")") + 2 :].split()[1])
        children.setdefault(ppid, []).append(int(entry))
    out, todo = [], [root]
    while todo:
        pid = todo.pop()
        out.append(pid)
        todo.extend(children.get(pid, []))
    return out


def tree_cpu(root: int) -> float:
    """CPU seconds (user + system) used so far by a process and its living descendants."""
    ticks = 0
    for pid in tree_pids(root):
        try:
            stat = Path(f"/proc/{pid}/stat").read_text()
        except OSError:
            continue
        fields = stat[stat.rindex(")") + 2 :].split()
        ticks += int(fields[11]) + int(fields[12])
    return ticks / os.sysconf("SC_CLK_TCK")


def tree_rss(root: int) -> tuple[float, int]:
    """Resident memory (MB) of a process and all its descendants, and how many there are."""
    total_kb, count = 0, 0
    for pid in tree_pids(root):
        try:
            status = Path(f"/proc/{pid}/status").read_text()
        except OSError:
            continue
        match = re.search(r"^VmRSS:\s+(\d+)", status, re.M)
        if match:
            total_kb += int(match[1])
            count += 1
    return total_kb / 1024, count


class Processes:
    """Everything started here: each in a session (so a process group) of its own."""

    def __init__(self) -> None:
        self.live: dict[int, tuple[str, subprocess.Popen]] = {}

    def start(
        self,
        name: str,
        argv: list,
        *,
        env: dict,
        log: Path,
        cwd=ROOT,
        preexec=None,
        stdout=None,
    ) -> subprocess.Popen:
        """Start `argv` in a process group of its own; its output (or stderr) goes to `log`."""
        with open(log, "ab") as out:
            proc = subprocess.Popen(
                [str(a) for a in argv],
                env=env,
                cwd=cwd,
                stdin=subprocess.DEVNULL,
                stdout=stdout or out,
                stderr=out if stdout else subprocess.STDOUT,
                start_new_session=True,
                preexec_fn=preexec,
            )
        self.live[proc.pid] = (name, proc)
        return proc

    def stop(self, proc: subprocess.Popen | None, grace: float = 10) -> None:
        if proc is None or proc.pid not in self.live:
            return
        del self.live[proc.pid]
        group = proc.pid
        with contextlib.suppress(ProcessLookupError):
            os.killpg(group, signal.SIGTERM)
        deadline = time.monotonic() + grace
        while time.monotonic() < deadline:
            proc.poll()
            if not group_alive(group):
                break
            time.sleep(0.1)
        else:
            with contextlib.suppress(ProcessLookupError):
                os.killpg(group, signal.SIGKILL)
        with contextlib.suppress(subprocess.TimeoutExpired):
            proc.wait(timeout=5)

    def run(self, name: str, argv: list, *, env: dict, log: Path, timeout: float, cwd=ROOT) -> None:
        """Run to completion (or fail with the end of its log), never outliving `timeout`."""
        proc = self.start(name, argv, env=env, log=log, cwd=cwd)
        self.wait(name, proc, log, timeout)

    def wait(self, name: str, proc: subprocess.Popen, log: Path, timeout: float) -> None:
        try:
            code = proc.wait(timeout=timeout)
        except subprocess.TimeoutExpired:
            self.stop(proc)
            raise BenchError(f"{name} did not finish in {timeout:.0f}s\n{tail(log)}") from None
        self.stop(proc)  # its group may have left children behind
        if code != 0:
            raise BenchError(f"{name} failed with exit code {code}\n{tail(log)}")

    def stop_all(self) -> None:
        for _, proc in reversed(list(self.live.values())):
            self.stop(proc, grace=5)
