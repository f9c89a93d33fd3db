#!/usr/bin/env bash
# HTTP load benchmark, one run on loopback (see docs/benchmarks.md):
#   upstream      the OpenAI-speaking stand-in, measured directly
#   passthrough   Jetty + OkHttp + Jackson forwarding to it, no gateway: the stack's floor
#   jetty, vertx  the gateway (virtual-key auth, PII guardrails, a generous rate limit, a
#                 fallback route, Micrometer metrics) behind Jetty and behind Vert.x
#   jetty-inline  the same gateway behind Jetty with the endpoint's opt-in callsOnServerThread
#                 (whole answers computed on the container thread, as the passthrough does)
# each at concurrency 1 and 32, non-streamed and streamed, with wrk; then the ratios.
#
# usage: bench/http-load.sh [--short]     --short: 1 s per case, no warm-up (the test's mode)
# env:   BENCH_SECONDS, BENCH_WARMUP_SECONDS  override the durations
#        BENCH_SERVERS                        the servers to measure, in order (default: all,
#                                             "upstream passthrough jetty jetty-inline vertx");
#                                             e.g. "passthrough jetty" for a quick A/B
#        AEGIS_BENCH_CLASSPATH                run with this class path instead of building
#        JAVA                                 the java launcher (default: java on PATH)
set -euo pipefail
ROOT="$(cd "$(dirname "$0")/.." && pwd)"

SECONDS_PER_CASE=10
WARMUP=3
CHECK_CALLS=20   # whole and streamed calls each server answers before it is measured
if [[ "${1:-}" == "--short" ]]; then SECONDS_PER_CASE=1; WARMUP=0; CHECK_CALLS=2; fi
SECONDS_PER_CASE="${BENCH_SECONDS:-$SECONDS_PER_CASE}"
WARMUP="${BENCH_WARMUP_SECONDS:-$WARMUP}"
JAVA="${JAVA:-java}"
ALL_SERVERS="upstream passthrough jetty jetty-inline vertx"
read -r -a SERVERS <<<"${BENCH_SERVERS:-$ALL_SERVERS}"
for server in "${SERVERS[@]}"; do
  [[ " $ALL_SERVERS " == *" $server "* ]] || { echo "unknown server in BENCH_SERVERS: $server (known: $ALL_SERVERS)" >&2; exit 2; }
done

if ! command -v wrk >/dev/null; then
  if [[ "$(id -u)" == 0 ]] && command -v apt-get >/dev/null; then
    echo "installing wrk from the Debian packages" >&2
    apt-get update -qq && apt-get install -y -qq wrk >/dev/null
  else
    echo "wrk is missing: install it (Debian/Ubuntu: apt-get install -y wrk)" >&2
    exit 2
  fi
fi

WORK="$(mktemp -d)"
SERVERS_PID=""
cleanup() {
  if [[ -n "$SERVERS_PID" ]]; then kill "$SERVERS_PID" 2>/dev/null || true; wait "$SERVERS_PID" 2>/dev/null || true; fi
  rm -rf "$WORK"
}
trap cleanup EXIT

CP="${AEGIS_BENCH_CLASSPATH:-}"
if [[ -z "$CP" ]]; then
  echo "building aegis-examples and its class path" >&2
  (cd "$ROOT" && mvn -B -q -o -pl aegis-examples -am package -DskipTests dependency:build-classpath \
      -Dmdep.outputFile="$WORK/cp.txt" -Dmdep.includeScope=runtime >&2)
  CP="$ROOT/aegis-examples/target/classes:$(cat "$WORK/cp.txt")"
fi

"$JAVA" -Xms512m -Xmx512m -Dorg.slf4j.simpleLogger.defaultLogLevel=warn -cp "$CP" \
    dev.aegis.examples.bench.LoadBenchServers "$CHECK_CALLS" >"$WORK/servers.log" 2>&1 &
SERVERS_PID=$!
for _ in $(seq 1 300); do   # up to 60 s for the JVM to start on a loaded machine
  grep -q '^READY ' "$WORK/servers.log" && break
  kill -0 "$SERVERS_PID" 2>/dev/null || { cat "$WORK/servers.log" >&2; echo "the servers did not start" >&2; exit 1; }
  sleep 0.2
done
READY="$(grep '^READY ' "$WORK/servers.log")" || { cat "$WORK/servers.log" >&2; echo "the servers did not start in 60 s" >&2; exit 1; }
port() { sed -E "s/.* $1=([^ ]+).*/\1/" <<<"$READY"; }
KEY="$(port key)"

echo "machine: $(nproc) cores, $(uname -sr), load average $(cut -d' ' -f1-3 /proc/loadavg)"
echo "java:    $("$JAVA" -version 2>&1 | head -n 2 | tail -n 1)"
echo "wrk:     $(wrk -v 2>&1 | head -n 1 | cut -d' ' -f1-2)"
echo "cases:   ${SECONDS_PER_CASE} s each after ${WARMUP} s of warm-up"
echo
printf '%-12s %-6s %3s %10s %9s %9s %7s\n' server mode c 'req/s' 'p50 µs' 'p99 µs' errors

FAILED=0
declare -A RPS P50
for server in "${SERVERS[@]}"; do
  url="http://localhost:$(port "$server")/v1/chat/completions"
  key=""; [[ "$server" != upstream && "$server" != passthrough ]] && key="$KEY"
  for mode in json sse; do
    stream=0; [[ "$mode" == sse ]] && stream=1
    for c in 1 32; do
      threads=1; [[ "$c" -gt 1 ]] && threads=2
      if [[ "$WARMUP" != 0 ]]; then
        BENCH_KEY="$key" BENCH_STREAM="$stream" wrk -t"$threads" -c"$c" -d"${WARMUP}s" -s "$ROOT/bench/chat.lua" "$url" >/dev/null
      fi
      out="$(BENCH_KEY="$key" BENCH_STREAM="$stream" wrk -t"$threads" -c"$c" -d"${SECONDS_PER_CASE}s" --timeout 10s \
          -s "$ROOT/bench/chat.lua" "$url")"
      result="$(grep '^RESULT ' <<<"$out")" || { echo "$out" >&2; echo "no result from wrk for $server $mode c=$c" >&2; exit 1; }
      field() { sed -E "s/.* $1=([0-9]+).*/\1/" <<<"$result"; }
      requests="$(field requests)"; duration="$(field duration_us)"; errors="$(field errors)"
      rps="$(awk -v n="$requests" -v d="$duration" 'BEGIN { printf "%.0f", n / (d / 1e6) }')"
      RPS[$server.$mode.$c]="$rps"; P50[$server.$mode.$c]="$(field p50_us)"
      printf '%-12s %-6s %3s %10s %9s %9s %7s\n' "$server" "$mode" "$c" "$rps" "$(field p50_us)" "$(field p99_us)" "$errors"
      # a short case may end before a slow first request does; a full one must have requests
      if [[ "$errors" != 0 || ( "$requests" == 0 && "$WARMUP" != 0 ) ]]; then FAILED=1; fi
    done
  done
done

echo
echo "goals: gateway req/s at c=32 >= 90% of the passthrough's; gateway p50 at c=1 within 50 µs of the passthrough's"
for server in "${SERVERS[@]}"; do
  [[ "$server" == upstream || "$server" == passthrough || -z "${RPS[passthrough.json.1]:-}" ]] && continue
  for mode in json sse; do
    awk -v s="$server" -v m="$mode" -v g="${RPS[$server.$mode.32]}" -v p="${RPS[passthrough.$mode.32]}" \
        -v g1="${P50[$server.$mode.1]}" -v p1="${P50[passthrough.$mode.1]}" \
        'BEGIN { printf "ratio %-12s %-4s req/s at c=32: %.2f of passthrough; p50 at c=1: %+d µs over passthrough\n",
                 s, m, (p > 0 ? g / p : 0), g1 - p1 }'
  done
done
if [[ "$FAILED" != 0 ]]; then echo "some case had errors (or, after a warm-up, no requests)" >&2; exit 1; fi
