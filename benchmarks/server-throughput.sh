#!/usr/bin/env bash
# Request rate of two builds of the pet server, measured in one run with the builds alternated.
#
# usage: benchmarks/server-throughput.sh BASELINE_JAR CANDIDATE_JAR [ROUNDS]
#
# Every round starts each build with a fresh data directory (embedded H2), waits until it answers
# GET /health, registers a dataset as the administrator (ROWS rows, budget epsilon 10^6) and answers
# SEED_QUERIES count queries, so that the transparency log holds the same entries for both builds. Then,
# each after a warm-up that is not counted, wrk drives three workloads:
#   health  GET  /health                                  (routing and JSON only)
#   log     GET  /v1/transparency/log?limit=10            (a public database read)
#   count   POST /v1/datasets/{id}/queries {"type":"count","epsilon":0.000001}, admin bearer token
#           (a DP query: budget charge, answer and a signed transparency-log entry in the database)
# The reads run first, the count workload (which grows the log) last; then the servers stop.
#
# How the builds alternate (SLICES):
#   SLICES=k > 1      (default 10) both builds' servers are up for the round (the idle one waits for
#                     requests); each workload's DURATION is cut into k slices run alternately, B C C B B C
#                     ... in odd rounds and C B B C ... in even ones, so a burst of other work lands on both
#                     builds nearly alike and, with an even k, a steady drift cancels out.
#   SLICES=1          one build at a time: baseline up, all workloads, down; candidate up, ...; next round
#                     (B C B C ...). A burst of other work on the machine lasting seconds can fall on one
#                     build only: on a shared machine its A/A ratios were off by up to 46% per round.
# With SLICES=1 a measured run during which processes other than the server and wrk used more than
# MAX_OTHER_CPU (0.10) of the machine's CPU time is repeated up to RETRIES (2) times; the report keeps the
# least disturbed attempt.
#
# It prints requests/s of every measured run (slice); the report (OUT.json, machine-readable, and OUT.md,
# a short summary; both paths printed) gives each build's requests/s per round and median over the rounds,
# and the candidate/baseline ratio: the median of the rounds' ratios (also the ratio of the medians and a
# ratio of requests per server CPU-second). Any socket error or answer with status >= 400, warm-ups
# included, makes the run invalid.
#
# Settings (environment): SLICES (10), DURATION (10 s per build, workload and round), WARMUP (10 s),
# THREADS (2), CONNECTIONS (16), TIMEOUT (5 s), MAX_OTHER_CPU, RETRIES, ROWS (1000), SEED_QUERIES (20),
# OUT (path prefix, default $TMPDIR/server-throughput-<UTC time>), BASELINE_LABEL / CANDIDATE_LABEL
# (names in the report, default the jar paths), JAVA (java), JAVA_OPTS (extra JVM options for both
# builds), STARTUP_TIMEOUT (60 s).
#
# Exit codes: 0 valid run, 1 invalid run (errors counted) or a server that failed, 2 bad usage or a
# missing tool. Needs bash, curl, python3 and wrk (Debian: apt-get install wrk).
set -euo pipefail

usage() {
  sed -n '4p' "$0" | sed 's/^# //' >&2
  exit 2
}

[[ $# -ge 2 && $# -le 3 ]] || usage
declare -A JAR=([baseline]=$1 [candidate]=$2)
ROUNDS=${3:-3}
[[ $ROUNDS =~ ^[1-9][0-9]*$ ]] || { echo "ROUNDS must be a positive integer, was '$ROUNDS'" >&2; exit 2; }
for jar in "${JAR[@]}"; do
  [[ -f $jar ]] || { echo "no such jar: $jar" >&2; exit 2; }
done
for tool in wrk curl python3; do
  command -v "$tool" >/dev/null || { echo "$tool is required (Debian: apt-get install $tool)" >&2; exit 2; }
done

SLICES=${SLICES:-10}
DURATION=${DURATION:-10}
WARMUP=${WARMUP:-10}
THREADS=${THREADS:-2}
CONNECTIONS=${CONNECTIONS:-16}
TIMEOUT=${TIMEOUT:-5}
MAX_OTHER_CPU=${MAX_OTHER_CPU:-0.10}
RETRIES=${RETRIES:-2}
ROWS=${ROWS:-1000}
SEED_QUERIES=${SEED_QUERIES:-20}
STARTUP_TIMEOUT=${STARTUP_TIMEOUT:-60}
JAVA=${JAVA:-java}
JAVA_OPTS=${JAVA_OPTS:-}
OUT=${OUT:-${TMPDIR:-/tmp}/server-throughput-$(date -u +%Y%m%dT%H%M%SZ)}
BASELINE_LABEL=${BASELINE_LABEL:-${JAR[baseline]}}
CANDIDATE_LABEL=${CANDIDATE_LABEL:-${JAR[candidate]}}
[[ $SLICES =~ ^[1-9][0-9]*$ ]] || { echo "SLICES must be a positive integer, was '$SLICES'" >&2; exit 2; }
[[ $DURATION =~ ^[1-9][0-9]*$ && $WARMUP =~ ^[1-9][0-9]*$ ]] \
  || { echo "DURATION and WARMUP must be whole seconds > 0" >&2; exit 2; }
SLICE_S=$(awk -v d="$DURATION" -v k="$SLICES" 'BEGIN { printf "%g", d / k }')
awk -v s="$SLICE_S" 'BEGIN { exit !(s >= 1 && s == int(s)) }' \
  || { echo "DURATION / SLICES must be whole seconds >= 1 (wrk's unit), was $SLICE_S" >&2; exit 2; }
((SLICES == 1)) || RETRIES=0

HERE=$(cd "$(dirname "$0")" && pwd)
LUA=$HERE/server-throughput.lua
REPORT=$HERE/server-throughput-report.py
WORK=$(mktemp -d "${TMPDIR:-/tmp}/server-throughput.XXXXXX")
RAW=$WORK/raw.jsonl
CLK_TCK=$(getconf CLK_TCK)
NCPU=$(nproc)
# A fresh random administrator token, given to the servers in PET_ADMIN_TOKEN (not in the process list).
TOKEN="bench-$(od -An -N16 -tx1 /dev/urandom | tr -d ' \n')"
COUNT_BODY='{"type":"count","epsilon":0.000001}'
declare -A PID=() URL=() DATA=() DATASET=() STARTUP=()
: >"$RAW"

cleanup() {
  local label
  for label in "${!PID[@]}"; do
    if [[ -n ${PID[$label]} ]]; then
      kill "${PID[$label]}" 2>/dev/null || true
      wait "${PID[$label]}" 2>/dev/null || true
    fi
  done
}
trap cleanup EXIT
trap 'exit 130' INT TERM

fail() {
  echo "server-throughput: $*" >&2
  echo "server-throughput: logs in $WORK" >&2
  exit 1
}

# The dataset: ROWS people with an age and a region, as the JSON body of POST /v1/datasets.
python3 - "$ROWS" >"$WORK/dataset.json" <<'EOF'
import json, sys
rows = int(sys.argv[1])
csv = "person,age,region\n" + "".join(f"p{i},{18 + i * 7 % 70},r{i % 5}\n" for i in range(rows))
print(json.dumps({"name": "throughput", "unitColumn": "person", "csv": csv, "budget": {"epsilon": 1000000}}))
EOF

# Busy and steal CPU time of the whole machine (seconds), from /proc/stat.
machine_cpu() {
  awk -v hz="$CLK_TCK" '$1 == "cpu" { printf "%.2f %.2f\n", ($2 + $3 + $4 + $7 + $8 + $9) / hz, $9 / hz }' /proc/stat
}

# CPU time (user + system, seconds) so far of the processes given (0 for none).
process_cpu() {
  local files=() pid
  for pid in "$@"; do files+=("/proc/$pid/stat"); done
  ((${#files[@]})) || { echo 0; return; }
  awk -v hz="$CLK_TCK" '{ t += $14 + $15 } END { printf "%.2f\n", t / hz }' "${files[@]}"
}

# The servers of this run that are up, other than build $1's.
other_servers() {
  local label
  for label in "${!PID[@]}"; do
    [[ $label == "$1" || -z ${PID[$label]} ]] || echo "${PID[$label]}"
  done
}

start_server() { # label round
  local label=$1 round=$2 log port="" start
  DATA[$label]=$WORK/data-$label-$round
  log=$WORK/server-$label-$round.log
  mkdir -p "${DATA[$label]}"
  : >"$log"
  start=$(date +%s.%N)
  # shellcheck disable=SC2086  # JAVA_OPTS is a list of options
  PET_ADMIN_TOKEN=$TOKEN "$JAVA" $JAVA_OPTS -jar "${JAR[$label]}" server --port 0 --data-dir "${DATA[$label]}" \
    >"$log" 2>&1 &
  PID[$label]=$!
  # --port 0 lets the kernel pick a free port; the server prints it. Then wait until /health answers.
  while :; do
    if ! kill -0 "${PID[$label]}" 2>/dev/null; then
      wait "${PID[$label]}" || true
      PID[$label]=""
      fail "$label exited at start: $log"
    fi
    if [[ -z $port ]]; then
      port=$(sed -n 's#.*listening on http://[^ ]*:\([0-9][0-9]*\).*#\1#p' "$log" | head -1 || true)
    fi
    if [[ -n $port ]] && curl -fs -o /dev/null --max-time 2 "http://127.0.0.1:$port/health"; then
      break
    fi
    if (($(date +%s) - ${start%.*} > STARTUP_TIMEOUT)); then
      fail "$label did not answer /health within ${STARTUP_TIMEOUT}s: $log"
    fi
    sleep 0.1
  done
  URL[$label]=http://127.0.0.1:$port
  STARTUP[$label]=$(awk -v a="$start" -v b="$(date +%s.%N)" 'BEGIN { printf "%.2f", b - a }')
}

stop_server() { # label
  local label=$1 i
  kill -TERM "${PID[$label]}" 2>/dev/null || true
  for ((i = 0; i < 200; i++)); do
    kill -0 "${PID[$label]}" 2>/dev/null || break
    sleep 0.1
  done
  kill -KILL "${PID[$label]}" 2>/dev/null || true
  wait "${PID[$label]}" 2>/dev/null || true
  PID[$label]=""
  rm -rf "${DATA[$label]}"
}

# Checked request to a server: label method path body-or-"" expected-status. Prints the response body.
call() {
  local args=(-s -o "$WORK/response" -w '%{http_code}' -X "$2" -H "Authorization: Bearer $TOKEN") status
  [[ -n $4 ]] && args+=(-H 'Content-Type: application/json' --data-binary "$4")
  status=$(curl "${args[@]}" "${URL[$1]}$3")
  [[ $status == "$5" ]] || fail "$1: $2 $3 answered $status, expected $5: $(head -c 500 "$WORK/response")"
  cat "$WORK/response"
}

prepare() { # label: registers the dataset and fills the log
  local label=$1 response i
  response=$(call "$label" POST /v1/datasets "@$WORK/dataset.json" 201)
  DATASET[$label]=$(sed -n 's/.*"id":"\([^"]*\)".*/\1/p' <<<"$response")
  [[ -n ${DATASET[$label]} ]] || fail "$label: no dataset id in: $response"
  for ((i = 0; i < SEED_QUERIES; i++)); do
    call "$label" POST "/v1/datasets/${DATASET[$label]}/queries" "$COUNT_BODY" 200 >/dev/null
  done
  call "$label" GET /health "" 200 >/dev/null
  call "$label" GET "/v1/transparency/log?limit=10" "" 200 >/dev/null
}

# One wrk run against a build's server: label round workload phase seconds slice attempt.
# Appends a JSON line to $RAW and prints a summary line.
run_wrk() {
  local label=$1 round=$2 workload=$3 phase=$4 seconds=$5 slice=$6 attempt=$7
  local url body="" token="" out result m0 m1 s0 s1 o0 o1 wrk_cpu others
  case $workload in
    health) url=${URL[$label]}/health ;;
    log) url="${URL[$label]}/v1/transparency/log?limit=10" ;;
    count) url=${URL[$label]}/v1/datasets/${DATASET[$label]}/queries body=$COUNT_BODY token=$TOKEN ;;
  esac
  out=$WORK/wrk-$label-$round-$workload-$phase-$slice-$attempt.txt
  others=$(other_servers "$label")
  read -r -a m0 < <(machine_cpu)
  s0=$(process_cpu "${PID[$label]}")
  # shellcheck disable=SC2086  # a list of process ids
  o0=$(process_cpu $others)
  local TIMEFORMAT='%U %S'
  { time PET_WRK_BODY=$body PET_WRK_TOKEN=$token wrk -t"$THREADS" -c"$CONNECTIONS" -d"${seconds}s" \
      --timeout "${TIMEOUT}s" -s "$LUA" "$url" >"$out" 2>&1; } 2>"$out.time" \
    || fail "wrk failed: $out"
  kill -0 "${PID[$label]}" 2>/dev/null || fail "$label's server exited during $workload: $WORK/server-$label-$round.log"
  read -r -a m1 < <(machine_cpu)
  s1=$(process_cpu "${PID[$label]}")
  # shellcheck disable=SC2086
  o1=$(process_cpu $others)
  wrk_cpu=$(awk '{ printf "%.2f", $1 + $2 }' "$out.time")
  result=$(sed -n 's/^PET_WRK_RESULT //p' "$out")
  [[ -n $result ]] || fail "no result from wrk: $out"
  printf '{"round":%d,"build":"%s","workload":"%s","phase":"%s","slice":%d,"attempt":%d,"startup_s":%s,%s,"wrk":%s}\n' \
    "$round" "$label" "$workload" "$phase" "$slice" "$attempt" "${STARTUP[$label]}" \
    "$(awk -v b0="${m0[0]}" -v b1="${m1[0]}" -v t0="${m0[1]}" -v t1="${m1[1]}" -v s0="$s0" -v s1="$s1" \
      -v o0="$o0" -v o1="$o1" -v w="$wrk_cpu" 'BEGIN { printf "\"cpu\":{\"machine_busy_s\":%.2f,\"machine_steal_s\":%.2f," \
        "\"server_s\":%.2f,\"idle_server_s\":%.2f,\"wrk_s\":%.2f}", b1 - b0, t1 - t0, s1 - s0, o1 - o0, w }')" \
    "$result" >>"$RAW"
  [[ $phase == measured ]] || return 0
  local tag=""
  if ((SLICES > 1)); then tag=" slice $slice"; elif ((attempt > 1)); then tag=" attempt $attempt"; fi
  # requests/s, errors, and the share of the machine's CPU used by neither the server nor wrk
  tail -1 "$RAW" | awk -v b="$label" -v r="$round" -v w="$workload" -v ncpu="$NCPU" -v tag="$tag" '
    function field(name,   v) { v = $0; sub(".*\"" name "\":", "", v); sub(/[,}].*/, "", v); return v + 0 }
    { seconds = field("duration_us") / 1e6
      errors = field("connect_errors") + field("read_errors") + field("write_errors") + field("status_errors") \
        + field("timeouts")
      other = (field("machine_busy_s") - field("server_s") - field("idle_server_s") - field("wrk_s")) \
        / (ncpu * seconds)
      printf("  round %s %-9s %-7s %9.1f requests/s  %d errors  other processes %3.0f%% CPU%s\n", r, b, w,
        field("requests") / seconds, errors, (other < 0 ? 0 : other) * 100, tag) }'
}

# Whether the last measured run was disturbed: processes other than this run's servers and wrk used more
# than MAX_OTHER_CPU of the machine's CPU time.
disturbed() {
  tail -1 "$RAW" | awk -v ncpu="$NCPU" -v max="$MAX_OTHER_CPU" '
    function field(name,   v) { v = $0; sub(".*\"" name "\":", "", v); sub(/[,}].*/, "", v); return v + 0 }
    { other = field("machine_busy_s") - field("server_s") - field("idle_server_s") - field("wrk_s")
      exit !(other / (ncpu * field("duration_us") / 1e6) > max) }'
}

# One build at a time (SLICES=1).
sequential_round() { # round
  local round=$1 label workload attempt
  for label in baseline candidate; do
    start_server "$label" "$round"
    prepare "$label"
    for workload in health log count; do
      run_wrk "$label" "$round" "$workload" warmup "$WARMUP" 1 1
      for ((attempt = 1; attempt <= RETRIES + 1; attempt++)); do
        run_wrk "$label" "$round" "$workload" measured "$DURATION" 1 "$attempt"
        disturbed || break
      done
    done
    stop_server "$label"
  done
}

# Both builds up, slices alternating (SLICES > 1). Odd rounds go B C C B B C ..., even rounds C B B C C B ...
# (starts and warm-ups too): with an even SLICES a steady drift, such as JIT compilation still speeding a
# server up, falls on both builds alike.
sliced_round() { # round
  local round=$1 label workload slice first=baseline second=candidate
  if ((round % 2 == 0)); then first=candidate second=baseline; fi
  for label in $first $second; do
    start_server "$label" "$round"
    prepare "$label"
  done
  for workload in health log count; do
    for label in $first $second; do
      run_wrk "$label" "$round" "$workload" warmup "$WARMUP" 0 1
    done
    for ((slice = 1; slice <= SLICES; slice++)); do
      if ((slice % 2 == 1)); then
        run_wrk "$first" "$round" "$workload" measured "$SLICE_S" "$slice" 1
        run_wrk "$second" "$round" "$workload" measured "$SLICE_S" "$slice" 1
      else
        run_wrk "$second" "$round" "$workload" measured "$SLICE_S" "$slice" 1
        run_wrk "$first" "$round" "$workload" measured "$SLICE_S" "$slice" 1
      fi
    done
  done
  for label in $first $second; do
    stop_server "$label"
  done
}

STARTED=$(date -u +%Y-%m-%dT%H:%M:%SZ)
LOAD_BEFORE=$(cut -d' ' -f1-3 /proc/loadavg)
if ((SLICES == 1)); then
  echo "server-throughput: $ROUNDS rounds, one build at a time (baseline, candidate); ${WARMUP}s warm-up +" \
    "${DURATION}s per workload; wrk -t$THREADS -c$CONNECTIONS; logs in $WORK"
else
  echo "server-throughput: $ROUNDS rounds, both builds up, $SLICES alternating slices of ${SLICE_S}s per" \
    "build and workload after ${WARMUP}s warm-up each; wrk -t$THREADS -c$CONNECTIONS; logs in $WORK"
fi
for ((round = 1; round <= ROUNDS; round++)); do
  if ((SLICES == 1)); then sequential_round "$round"; else sliced_round "$round"; fi
done
FINISHED=$(date -u +%Y-%m-%dT%H:%M:%SZ)

json() { python3 -c 'import json, sys; print(json.dumps(sys.argv[1]))' "$1"; }
cat >"$WORK/meta.json" <<EOF
{"started": "$STARTED", "finished": "$FINISHED", "rounds": $ROUNDS,
 "baseline": {"label": $(json "$BASELINE_LABEL"), "jar": $(json "${JAR[baseline]}"),
              "sha256": "$(sha256sum "${JAR[baseline]}" | cut -d' ' -f1)"},
 "candidate": {"label": $(json "$CANDIDATE_LABEL"), "jar": $(json "${JAR[candidate]}"),
               "sha256": "$(sha256sum "${JAR[candidate]}" | cut -d' ' -f1)"},
 "settings": {"slices": $SLICES, "duration_s": $DURATION, "warmup_s": $WARMUP, "wrk_threads": $THREADS,
              "wrk_connections": $CONNECTIONS, "wrk_timeout_s": $TIMEOUT, "max_other_cpu": $MAX_OTHER_CPU,
              "retries": $RETRIES, "rows": $ROWS, "seed_queries": $SEED_QUERIES, "java_opts": $(json "$JAVA_OPTS"),
              "count_body": $(json "$COUNT_BODY")},
 "machine": {"nproc": $NCPU, "cpu": $(json "$(sed -n 's/^model name[[:space:]]*: //p' /proc/cpuinfo | head -1)"),
             "java": $(json "$("$JAVA" -version 2>&1 | head -1)"), "wrk": $(json "$(wrk -v 2>&1 | head -1 | cut -d' ' -f1-2)"),
             "kernel": "$(uname -r)", "loadavg_before": "$LOAD_BEFORE",
             "loadavg_after": "$(cut -d' ' -f1-3 /proc/loadavg)"}}
EOF
# Every figure of wrk's outputs is in raw.jsonl; the servers' logs stay.
rm -f "$WORK"/wrk-*.txt "$WORK"/wrk-*.txt.time
python3 "$REPORT" "$WORK/meta.json" "$RAW" "$OUT"
