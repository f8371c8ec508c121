#!/usr/bin/env bash
# A client of `bandit serve`, in curl calls: create a bandit, decide, reward late, inspect,
# snapshot, export the log, delete. Starts its own server on a temporary database unless
# BANDIT_URL points at a running one.
#   Examples/curl-client.sh            (needs Server/.build/*/bandit-server: `make server`)
set -euo pipefail
cd "$(dirname "$0")/.."

TOKEN="${BANDIT_TOKEN:-example-token}"
URL="${BANDIT_URL:-}"
if [[ -z "$URL" ]]; then
    SERVER=$(ls Server/.build/release/bandit-server Server/.build/debug/bandit-server 2>/dev/null | head -1 || true)
    [[ -n "$SERVER" ]] || { echo "build the server first: make server" >&2; exit 1; }
    WORK=$(mktemp -d)
    PORT=$((18000 + RANDOM % 2000))
    BANDIT_TOKEN="$TOKEN" "$SERVER" serve --db "$WORK/bandits.sqlite" --port "$PORT" >"$WORK/server.log" 2>&1 &
    SERVER_PID=$!
    trap 'kill $SERVER_PID 2>/dev/null; rm -rf "$WORK"' EXIT
    URL="http://127.0.0.1:$PORT"
    for _ in $(seq 100); do curl -sf "$URL/health" >/dev/null && break; sleep 0.1; done
fi
AUTH=(-H "Authorization: Bearer $TOKEN" -H "Content-Type: application/json")

say() { printf '\n$ %s\n' "$*"; }
say "create an ε-greedy bandit with 3 arms"
curl -sf "${AUTH[@]}" -X POST "$URL/bandits" -d '{"name":"homepage","policy":"epsilon-greedy(epsilon=0.1)","arms":3,"seed":1}'
say "a mutating call without the token is refused (401)"
code=$(curl -s -o /dev/null -w '%{http_code}' -X POST "$URL/bandits/homepage/decisions" -d '{"eventID":"x"}')
echo "$code"; [[ "$code" == 401 ]]
say "decide for three requests"
for id in r1 r2 r3; do curl -sf "${AUTH[@]}" -X POST "$URL/bandits/homepage/decisions" -d "{\"eventID\":\"$id\"}"; echo; done
say "rewards arrive later and out of order; the last two as one batch"
curl -sf "${AUTH[@]}" -X POST "$URL/bandits/homepage/rewards" -d '{"eventID":"r3","value":1}'; echo
curl -sf "${AUTH[@]}" -X POST "$URL/bandits/homepage/rewards" -d '{"rewards":[{"eventID":"r1","value":0},{"eventID":"r2","value":1}]}'; echo
say "a reward for an unknown event is rejected (404)"
code=$(curl -s -o /dev/null -w '%{http_code}' "${AUTH[@]}" -X POST "$URL/bandits/homepage/rewards" -d '{"eventID":"nope","value":1}')
echo "$code"; [[ "$code" == 404 ]]
say "inspect"
curl -sf "$URL/bandits/homepage"; echo
say "snapshot (first line: the header)"
curl -sf "$URL/bandits/homepage/snapshot" | head -1
say "the log for off-policy evaluation"
curl -sf "$URL/bandits/homepage/log.csv"
say "metrics"
curl -sf "$URL/metrics" | grep -E '^bandit_(decisions|rewards)_total'
say "delete"
curl -sf "${AUTH[@]}" -X DELETE "$URL/bandits/homepage" -o /dev/null -w '%{http_code}\n'
echo "ok"
