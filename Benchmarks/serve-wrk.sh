#!/usr/bin/env bash
# `make bench-serve`: requests/second and latency of `bandit serve` under wrk on loopback.
# Creates a UCB1 bandit and drives POST /bandits/b/decisions with unique event ids (each
# decision is appended to the SQLite log before it is answered). Prints one JSON line.
set -euo pipefail
cd "$(dirname "$0")/.."
SERVER=${SERVER:-Server/.build/release/bandit-server}
[[ -x "$SERVER" ]] || { echo "build the server first: make server" >&2; exit 1; }
command -v wrk >/dev/null || { echo "wrk is missing (apt-get install wrk)" >&2; exit 1; }
WORK=$(mktemp -d)
PORT=$((19000 + RANDOM % 1000))
BANDIT_TOKEN=bench "$SERVER" serve --db "$WORK/bench.sqlite" --port "$PORT" >"$WORK/server.log" 2>&1 &
PID=$!
trap 'kill $PID 2>/dev/null; rm -rf "$WORK"' EXIT
for _ in $(seq 100); do curl -sf "http://127.0.0.1:$PORT/health" >/dev/null && break; sleep 0.1; done
curl -sf -H "Authorization: Bearer bench" -X POST "http://127.0.0.1:$PORT/bandits" -d '{"name":"b","policy":"ucb1","arms":10}' >/dev/null
cat >"$WORK/decide.lua" <<'LUA'
-- Each wrk thread numbers its own requests; the thread id keeps event ids unique.
local threadCount = 0
function setup(thread)
    thread:set("tid", threadCount)
    threadCount = threadCount + 1
end
counter = 0
request = function()
    counter = counter + 1
    local body = string.format('{"eventID":"t%d-%d"}', tid, counter)
    return wrk.format("POST", "/bandits/b/decisions", {["Authorization"] = "Bearer bench", ["Content-Type"] = "application/json"}, body)
end
done = function(summary, latency, requests)
    io.write(string.format('{"name":"serve/decide/ucb1","value":%.1f,"unit":"req/s","p50_us":%d,"p99_us":%d,"errors":%d,"threads":%s,"connections":%s}\n',
        summary.requests / (summary.duration / 1e6), latency:percentile(50), latency:percentile(99),
        summary.errors.status + summary.errors.connect + summary.errors.read + summary.errors.write + summary.errors.timeout,
        os.getenv("WRK_THREADS") or "2", os.getenv("WRK_CONNECTIONS") or "16"))
end
LUA
WRK_THREADS=${WRK_THREADS:-2} WRK_CONNECTIONS=${WRK_CONNECTIONS:-16} \
    wrk -t "${WRK_THREADS:-2}" -c "${WRK_CONNECTIONS:-16}" -d "${WRK_DURATION:-10s}" -s "$WORK/decide.lua" "http://127.0.0.1:$PORT" | tail -1
