#!/usr/bin/env bash
# Benchmark the article page the way readers get it, against a bare ASGI floor.
#
#   bash bench/article_page.sh                  # uvicorn, 10 s per measurement
#   SERVER=both DURATION=5s bash bench/article_page.sh
#
# It sets up a throw-away demo site (its own SQLite database and cache file in a
# temporary folder), serves it with `parley serve --no-scheduler` on a free loopback
# port, and measures with wrk:
#   a) the warm article page (whole-page cache HIT),
#   b) the same page revalidated with If-None-Match (304),
#   c) the page rendered by Django + Wagtail (a session cookie makes the cache skip it),
#   d) bench/bare_asgi.py sending the same bytes through the same server and workers.
# For each: req/s, latency p50/p90/p99, non-2xx/3xx responses, socket errors and the
# resident memory of the server's whole process tree after the load. The table is also
# saved to bench/results/article_page-<date>.txt.
#
# Settings (environment):
#   DURATION=10s  CONNECTIONS=32  THREADS=2  WORKERS=2  SERVER=uvicorn|granian|both
#   WARMUP=1s     (wrk run before a measurement, so every worker has done the work once)
#   ARTICLE=/middle-east/ceasefire-talks-resume-in-geneva/
#   BENCH_REDIS_URL=redis://...  (optional: use this Redis as the cache instead of files;
#                                 it is not flushed, so give it a database of its own)
set -euo pipefail

DURATION=${DURATION:-10s}
CONNECTIONS=${CONNECTIONS:-32}
THREADS=${THREADS:-2}
WORKERS=${WORKERS:-2}
SERVER=${SERVER:-uvicorn}
WARMUP=${WARMUP:-1s}
ARTICLE=${ARTICLE:-/middle-east/ceasefire-talks-resume-in-geneva/}
READY_TIMEOUT=${READY_TIMEOUT:-90}

cd "$(dirname "${BASH_SOURCE[0]}")/.."
ROOT=$PWD
BIN=$ROOT/.venv/bin

die() {
    echo "article_page.sh: $*" >&2
    exit 1
}
say() { echo "== $*" >&2; }

[[ -x $BIN/parley ]] || die "$BIN/parley not found: run make demo or make test first"
command -v wrk >/dev/null || die "wrk not found: install wrk: apt-get install wrk"
command -v curl >/dev/null || die "curl not found: install curl: apt-get install curl"
case $SERVER in
    uvicorn | granian) SERVERS=("$SERVER") ;;
    both) SERVERS=(uvicorn granian) ;;
    *) die "SERVER must be uvicorn, granian or both (got '$SERVER')" ;;
esac
for server in "${SERVERS[@]}"; do
    [[ -x $BIN/$server ]] || die "$BIN/$server not found: run make demo or make test first"
done

# Only the scratch site: never a database, cache or key from the caller's environment.
unset DATABASE_URL REDIS_URL SECRET_KEY DEBUG ALLOWED_HOSTS PARLEY_MEDIA_ROOT
if [[ -n ${BENCH_REDIS_URL:-} ]]; then
    export REDIS_URL=$BENCH_REDIS_URL
fi

SCRATCH=$(mktemp -d "${TMPDIR:-/tmp}/parley-bench.XXXXXX")
export PARLEY_DATA_DIR=$SCRATCH/data
SERVER_PID=""
LOAD_BEFORE=""

stop_server() {
    [[ -n $SERVER_PID ]] || return 0
    local pid=$SERVER_PID
    SERVER_PID=""
    # The server was started with setsid: its pid is its process group.
    kill -TERM -- "-$pid" 2>/dev/null || true
    local i
    for ((i = 0; i < 50; i++)); do
        kill -0 -- "-$pid" 2>/dev/null || break
        sleep 0.2
    done
    kill -KILL -- "-$pid" 2>/dev/null || true
    wait "$pid" 2>/dev/null || true
}

cleanup() {
    stop_server
    rm -rf "$SCRATCH"
}
trap cleanup EXIT
trap 'exit 130' INT
trap 'exit 143' TERM

free_port() {
    "$BIN/python" -c '
import socket
with socket.socket() as s:
    s.bind(("127.0.0.1", 0))
    print(s.getsockname()[1])'
}

# start_server LOG COMMAND...: run COMMAND in a process group of its own.
start_server() {
    local log=$1
    shift
    setsid "$@" >"$log" 2>&1 </dev/null &
    SERVER_PID=$!
    local pgid
    pgid=$(ps -o pgid= -p "$SERVER_PID" | tr -d ' ')
    [[ $pgid == "$SERVER_PID" ]] || die "server $SERVER_PID is not a process group leader"
}

# wait_ready URL LOG: until URL answers 200, or fail with the server's log.
wait_ready() {
    local url=$1 log=$2 deadline=$((SECONDS + READY_TIMEOUT)) code
    while ((SECONDS < deadline)); do
        if ! kill -0 "$SERVER_PID" 2>/dev/null; then
            tail -n 30 "$log" >&2
            die "the server exited before answering $url"
        fi
        code=$(curl -s -o /dev/null -w '%{http_code}' --max-time 10 "$url" || true)
        [[ $code == 200 ]] && return 0
        sleep 0.25
    done
    tail -n 30 "$log" >&2
    die "no 200 from $url after ${READY_TIMEOUT}s"
}

tree_pids() {
    local child
    echo "$1"
    for child in $(ps -o pid= --ppid "$1" || true); do
        tree_pids "$child"
    done
}

# tree_rss PID: "<MB> <processes>" for PID and all its descendants.
tree_rss() {
    local total=0 count=0 pid kb
    for pid in $(tree_pids "$1"); do
        kb=$(awk '/^VmRSS:/ {print $2}' "/proc/$pid/status" 2>/dev/null || true)
        [[ -n $kb ]] || continue
        total=$((total + kb))
        count=$((count + 1))
    done
    awk -v kb="$total" -v n="$count" 'BEGIN {printf "%.1f %d\n", kb / 1024, n}'
}

# tree_breakdown PID: one "pid MB command" line per process of the tree.
tree_breakdown() {
    local pid kb cmd
    for pid in $(tree_pids "$1"); do
        kb=$(awk '/^VmRSS:/ {print $2}' "/proc/$pid/status" 2>/dev/null || true)
        [[ -n $kb ]] || continue
        cmd=$(tr '\0' ' ' <"/proc/$pid/cmdline" 2>/dev/null | cut -c1-70 || true)
        awk -v pid="$pid" -v kb="$kb" -v cmd="$cmd" 'BEGIN {printf "%7d %7.1f MB  %s\n", pid, kb / 1024, cmd}'
    done
}

# parse_wrk FILE: "req/s p50 p90 p99 non-2xx/3xx socket-errors requests" (latency in ms).
parse_wrk() {
    awk '
        function ms(v) {
            if (v ~ /us$/) return v / 1000
            if (v ~ /ms$/) return v + 0
            if (v ~ /m$/) return v * 60000
            if (v ~ /s$/) return v * 1000
            return v + 0
        }
        /^ +50% / { p50 = ms($2) }
        /^ +90% / { p90 = ms($2) }
        /^ +99% / { p99 = ms($2) }
        /requests in / { total = $1 }
        /^Requests\/sec:/ { rps = $2 }
        /Non-2xx or 3xx responses:/ { bad = $NF }
        /Socket errors:/ {
            gsub(",", "")
            errors = $4 + $6 + $8 + $10
        }
        END { printf "%.1f %.2f %.2f %.2f %d %d %d\n", rps, p50, p90, p99, bad, errors, total }
    ' "$1"
}

ROWS=$SCRATCH/rows.tsv
NOTES=$SCRATCH/notes.txt
: >"$ROWS"
: >"$NOTES"
note() {
    echo "$*" >>"$NOTES"
    say "$*"
}

# measure SERVER CASE URL [wrk options...]: one wrk run, one row of the table.
measure() {
    local server=$1 case=$2 url=$3
    shift 3
    local out=$SCRATCH/wrk-$server-${case%% *}.txt
    say "$server: $case: wrk -t$THREADS -c$CONNECTIONS -d$DURATION $*"
    wrk --latency -t "$THREADS" -c "$CONNECTIONS" -d "$DURATION" --timeout 10s "$@" "$url" >"$out"
    local stats rss
    stats=$(parse_wrk "$out")
    rss=$(tree_rss "$SERVER_PID")
    printf '%s\t%s\t%s\t%s\n' "$server" "$case" "${stats// /$'\t'}" "${rss// /$'\t'}" >>"$ROWS"
}

warm_up() {
    wrk -t "$THREADS" -c "$CONNECTIONS" -d "$WARMUP" --timeout 10s "$@" >/dev/null
}

header() {
    # header FILE NAME: the value of response header NAME in a curl -D dump.
    awk -v name="$2" -F': ' 'tolower($1) == tolower(name) {sub(/\r$/, "", $2); print $2}' "$1"
}

bench_server() {
    local server=$1 port url log headers page etag code cache
    port=$(free_port)
    url=http://127.0.0.1:$port$ARTICLE
    log=$SCRATCH/serve-$server.log
    say "$server: starting parley serve --workers $WORKERS on port $port"
    local started=$SECONDS
    start_server "$log" env PARLEY_BASE_URL="http://127.0.0.1:$port" \
        "$BIN/parley" serve --host 127.0.0.1 --port "$port" --workers "$WORKERS" \
        --server "$server" --no-scheduler
    wait_ready "$url" "$log"
    note "$server: parley answered after $((SECONDS - started))s"

    # a) prime the page, then check that a second GET is a cache hit.
    headers=$SCRATCH/headers-$server.txt
    page=$SCRATCH/page-$server.html
    curl -s -o /dev/null "$url"
    code=$(curl -s -D "$headers" -o "$page" -w '%{http_code}' "$url")
    cache=$(header "$headers" X-Cache)
    etag=$(header "$headers" ETag)
    note "$server: second GET: $code, X-Cache: ${cache:-none}, ETag: ${etag:-none}, $(wc -c <"$page") bytes"
    [[ $code == 200 ]] || die "$server: the article answered $code"
    local warm="article warm"
    if [[ $cache != HIT ]]; then
        warm="article warm (NOT HIT)"
        note "WARNING: $server: the warm page is not served from the page cache"
    fi

    # c) first, so that every worker has rendered the page before anything is timed.
    local cookie="Cookie: sessionid=bench"
    code=$(curl -s -D "$headers.cold" -o /dev/null -w '%{http_code}' -H "$cookie" "$url")
    cache=$(header "$headers.cold" X-Cache)
    note "$server: GET with a session cookie: $code, X-Cache: ${cache:-none} (expected: none)"
    warm_up -H "$cookie" "$url"
    warm_up "$url"

    measure "$server" "$warm" "$url"
    if [[ -n $etag ]]; then
        code=$(curl -s -o /dev/null -w '%{http_code}' -H "If-None-Match: $etag" "$url")
        note "$server: GET with If-None-Match: $code"
        [[ $code == 304 ]] || note "WARNING: $server: the conditional GET answered $code, not 304"
        measure "$server" "article 304 (If-None-Match)" "$url" -H "If-None-Match: $etag"
    else
        note "WARNING: $server: no ETag, the conditional request is skipped"
    fi
    measure "$server" "article cold (rendered)" "$url" -H "$cookie"
    note "$server: parley serve process tree after the load:"
    tree_breakdown "$SERVER_PID" | sed 's/^/    /' >>"$NOTES"

    cache=$(curl -s -D - -o /dev/null "$url" | header /dev/stdin X-Cache)
    note "$server: after the load the page is still X-Cache: ${cache:-none}"
    stop_server

    # d) the same bytes through the same server, without Django.
    port=$(free_port)
    local bare_url=http://127.0.0.1:$port$ARTICLE
    log=$SCRATCH/bare-$server.log
    say "$server: starting bench/bare_asgi.py with $WORKERS worker(s) on port $port"
    if [[ $server == uvicorn ]]; then
        start_server "$log" env BARE_ASGI_BODY="$page" "$BIN/uvicorn" bench.bare_asgi:app \
            --host 127.0.0.1 --port "$port" --workers "$WORKERS" \
            --no-access-log --log-level warning
    else
        start_server "$log" env BARE_ASGI_BODY="$page" "$BIN/granian" bench.bare_asgi:app \
            --interface asginl --host 127.0.0.1 --port "$port" --workers "$WORKERS" \
            --no-access-log --log-level warning
    fi
    wait_ready "$bare_url" "$log"
    curl -s -o "$page.bare" "$bare_url"
    cmp -s "$page" "$page.bare" || die "$server: bare_asgi.py does not send the saved page"
    warm_up "$bare_url"
    measure "$server" "bare ASGI, same bytes" "$bare_url"
    stop_server
}

report() {
    local now versions
    now=$(date '+%Y-%m-%d %H:%M:%S %z')
    versions=$("$BIN/python" -c '
import platform
from importlib.metadata import version
names = ["django", "wagtail", "uvicorn", "granian", "uvloop", "httptools"]
found = []
for name in names:
    try:
        found.append(f"{name} {version(name)}")
    except Exception:
        pass
print(f"Python {platform.python_version()}, " + ", ".join(found))')
    echo "Parley article page benchmark, $now"
    echo "commit $(git rev-parse --short HEAD 2>/dev/null || echo unknown)$(git diff --quiet HEAD -- parley 2>/dev/null || echo ' (+ uncommitted changes in parley/)')"
    echo "$versions"
    echo "$(nproc) CPUs ($(awk -F': ' '/^model name/ {print $2; exit}' /proc/cpuinfo)); wrk shares them with the server"
    echo "load average before / after: $LOAD_BEFORE / $(cut -d' ' -f1-3 /proc/loadavg)"
    echo "wrk -t$THREADS -c$CONNECTIONS -d$DURATION --latency, $WORKERS worker(s), cache: ${BENCH_REDIS_URL:+Redis}${BENCH_REDIS_URL:-files}"
    echo "page: $ARTICLE ($(wc -c <"$SCRATCH/page-${SERVERS[0]}.html") bytes)"
    echo
    printf '%-8s %-28s %9s %9s %9s %9s %8s %7s %11s\n' \
        server case req/s "p50 ms" "p90 ms" "p99 ms" "!2xx/3xx" "sockerr" "RSS MB (n)"
    awk -F'\t' '{
        printf "%-8s %-28s %9.1f %9.2f %9.2f %9.2f %8d %7d %7.1f (%d)\n",
            $1, $2, $3, $4, $5, $6, $7, $8, $10, $11
    }' "$ROWS"
    echo
    echo "RSS: resident memory of the server's process tree (parent, workers, helpers) after the load."
    echo
    awk -F'\t' '
        { rps[$1, $2] = $3; if (!($1 in seen)) { seen[$1] = 1; order[++n] = $1 } }
        function ratio(a, b) { return b > 0 ? sprintf("%.3f", a / b) : "n/a" }
        function find(server, prefix,   key, parts) {
            for (key in rps) {
                split(key, parts, SUBSEP)
                if (parts[1] == server && index(parts[2], prefix) == 1) return rps[key]
            }
            return 0
        }
        END {
            for (i = 1; i <= n; i++) {
                s = order[i]
                bare = find(s, "bare")
                printf "%s: article (warm) / bare ASGI req/s = %s\n", s, ratio(find(s, "article warm"), bare)
                printf "%s: article (304)  / bare ASGI req/s = %s\n", s, ratio(find(s, "article 304"), bare)
                printf "%s: article (cold) / bare ASGI req/s = %s\n", s, ratio(find(s, "article cold"), bare)
                printf "%s: article (warm) / article (cold) req/s = %s\n", s, ratio(find(s, "article warm"), find(s, "article cold"))
            }
            if (n == 2) {
                split("article warm|article 304|article cold|bare", cases, "|")
                for (c = 1; c <= 4; c++)
                    printf "%s / %s req/s, %s: %s\n", order[2], order[1], cases[c],
                        ratio(find(order[2], cases[c]), find(order[1], cases[c]))
            }
        }' "$ROWS"
    echo
    echo "Checks:"
    sed 's/^/  /' "$NOTES"
}

main() {
    local port load
    LOAD_BEFORE=$(cut -d' ' -f1-3 /proc/loadavg)
    load=${LOAD_BEFORE%% *}
    if awk -v l="$load" -v n="$(nproc)" 'BEGIN {exit !(l > n / 2)}'; then
        note "WARNING: load average $load on $(nproc) CPUs at the start: other work is running, expect noisy numbers"
    fi
    port=$(free_port)
    say "setting up the demo site in $SCRATCH (parley demo --no-serve)"
    if ! PARLEY_BASE_URL=http://127.0.0.1:$port "$BIN/parley" demo --no-serve \
        >"$SCRATCH/demo.log" 2>&1; then
        tail -n 30 "$SCRATCH/demo.log" >&2
        die "parley demo --no-serve failed"
    fi
    note "demo site ready after ${SECONDS}s"
    local server
    for server in "${SERVERS[@]}"; do
        bench_server "$server"
    done
    note "whole run: ${SECONDS}s"

    mkdir -p bench/results
    local out
    out=bench/results/article_page-$(date +%Y%m%d-%H%M%S).txt
    report | tee "$out"
    echo >&2
    say "saved to $out"
}

main
