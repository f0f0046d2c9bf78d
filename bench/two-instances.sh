#!/usr/bin/env bash
# Every instance serves the active version, and no request fails while the rules switch: two packaged instances
# (A and B) on loopback ports against one PostgreSQL (a schema of its own, dropped after), a steady load of
# recorded evaluations on both (wrk with bench/post-eight.lua), and a probe on B sending previews one after
# another. An auditor activates an edited ruleset on A through the API (a comment added to a rules file: a new
# version, deciding as before), then rolls it back (POST /api/v1/ruleset/versions/1/activate); each time the
# time from A's 200 to B's first answer naming the new rulesetVersion is measured and printed, beside how long the
# activation itself took (it waits for B to compile the version ahead, so that B swaps at once). Build first:
#   mvn -B -q package -DskipTests && bench/two-instances.sh
# Exits 1 when B does not swap within BOUND seconds of an activation (its log), its answers do not name the new
# version within SEEN_BOUND seconds, or any request failed (a non-2xx or a socket error on
# either instance); 2 when the run itself failed. About 60-90 s on two cores.
# Settings (environment): PORT_A (18093), PORT_B (18094), LOAD_SECONDS (30), CONNECTIONS (2 per instance),
# BOUND (2 seconds), START_TIMEOUT (120), JAVA_OPTS, LANTIAN_PG_URL (jdbc:postgresql://localhost:5432/lantian),
# LANTIAN_PG_USER / LANTIAN_PG_PASSWORD (lantian).
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
cd "$root"
port_a="${PORT_A:-18093}"
port_b="${PORT_B:-18094}"
load_seconds="${LOAD_SECONDS:-30}"
connections="${CONNECTIONS:-2}"
bound="${BOUND:-2}"
# B's answers are read with previews, each taking B's latency under the load (p99 of seconds on two cores): the
# first one naming the new version may come a while after the swap. The bound holds B's own measure of the swap
# (its log: "switched to version … N ms after the activation", from the activation's time in the store); the
# previews must see the new version within SEEN_BOUND.
seen_bound="${SEEN_BOUND:-15}"
start_timeout="${START_TIMEOUT:-120}"
a="http://127.0.0.1:${port_a}"
b="http://127.0.0.1:${port_b}"
jar=target/quarkus-app/quarkus-run.jar
[ -f "$jar" ] || { echo "no $jar: run 'mvn -B -q package -DskipTests' first" >&2; exit 2; }
for tool in curl jq wrk psql; do
  command -v "$tool" >/dev/null || { echo "$tool is needed" >&2; exit 2; }
done
for base in "$a" "$b"; do
  if curl -s -o /dev/null "$base/"; then echo "${base##*:} is taken; set PORT_A / PORT_B" >&2; exit 2; fi
done

work="$(mktemp -d)"
pids=()
pg_url="${LANTIAN_PG_URL:-jdbc:postgresql://localhost:5432/lantian}"
pg_user="${LANTIAN_PG_USER:-lantian}"
pg_password="${LANTIAN_PG_PASSWORD:-lantian}"
schema="two_$$_$(date +%s)"
case "$pg_url" in *\?*) sep='&' ;; *) sep='?' ;; esac
# One store and one session key for both, as behind a load balancer.
export QUARKUS_HTTP_AUTH_SESSION_ENCRYPTION_KEY="two-instances-session-key-$$-$(date +%s)"
common=(-Dquarkus.http.host=127.0.0.1 -Dquarkus.profile=prod,pg -Dlantian.pg.url="${pg_url}${sep}currentSchema=${schema}"
  -Dlantian.pg.user="$pg_user" -Dlantian.pg.password="$pg_password" -Dquarkus.flyway.pg.schemas="$schema")

cleanup() {
  touch "$work/stop"
  for p in "${pids[@]}"; do kill "$p" 2>/dev/null || true; done
  for p in "${pids[@]}"; do wait "$p" 2>/dev/null || true; done
  uri="${pg_url#jdbc:}"; uri="${uri%%\?*}"
  PGPASSWORD="$pg_password" psql -q -U "$pg_user" -d "$uri" -c "drop schema if exists $schema cascade" >/dev/null 2>&1 \
    || echo "(could not drop the schema $schema)" >&2
  rm -rf "$work"
}
trap cleanup EXIT

# shellcheck source=bench/accounts.sh
. bench/accounts.sh
auditor="bench-auditor:bench-auditor-password-1"

# start NAME PORT: the packaged service, answering once signed-in requests are (rules compiled, store there).
start() {
  local name=$1 port=$2 launched status=000
  # shellcheck disable=SC2086
  java ${JAVA_OPTS:-} "${common[@]}" -Dquarkus.http.port="$port" -Dlantian.data.dir="$work/data-$name" \
    -Dlantian.instance.id="instance-$name" -jar "$jar" >>"$work/$name.log" 2>&1 &
  pids+=($!)
  local pid=$!
  launched=$(date +%s)
  until [ "$status" = 200 ]; do
    if ! kill -0 "$pid" 2>/dev/null; then echo "instance $name stopped:" >&2; tail -50 "$work/$name.log" >&2; exit 2; fi
    if [ $(( $(date +%s) - launched )) -ge "$start_timeout" ]; then
      echo "instance $name: no answer within $start_timeout s:" >&2; tail -20 "$work/$name.log" >&2; exit 2
    fi
    ready "http://127.0.0.1:$port" && status=200 || sleep 0.1
  done
  echo "instance $name answers on port $port after $(( $(date +%s) - launched )) s"
}

served() { curl -sf -u "$auditor" "$1/api/v1/ruleset" | jq -r .version; }
now_ms() { date +%s%3N; }
# decided_by BASE: the rulesetVersion a preview of the benchmark's record is answered with.
decided_by() {
  curl -s -m 10 -H "Authorization: $BENCH_AUTHORIZATION" -H 'Content-Type: application/json' \
    --data-binary @bench/src/main/resources/eight-site.json "$1/api/v1/evaluations?record=false" | jq -r '.rulesetVersion // "none"' 2>/dev/null || echo none
}

# probe BASE OUT: previews one after another until $work/stop exists; a line per answer: ms, status, version.
probe() {
  local base=$1 out=$2 answer
  while [ ! -e "$work/stop" ]; do
    answer=$(curl -s -m 10 -w '\n%{http_code}' -H "Authorization: $BENCH_AUTHORIZATION" -H 'Content-Type: application/json' \
      --data-binary @bench/src/main/resources/eight-site.json "$base/api/v1/evaluations?record=false" || echo $'\n000')
    printf '%s %s %s\n' "$(now_ms)" "$(tail -n1 <<<"$answer")" \
      "$(head -n -1 <<<"$answer" | jq -r '.rulesetVersion // "none"' 2>/dev/null || echo unreadable)" >>"$out"
  done
}

# switch LABEL URL BODY: activates on A, then waits for B to answer with the version A now serves.
switch() {
  local label=$1 url=$2 body=$3 status sent version seen=0 elapsed asked
  asked=$(now_ms)
  status=$(curl -s -o "$work/activation.json" -w '%{http_code}' -u "$auditor" -H 'Content-Type: application/json' \
    -H "Origin: $a" --data-binary "$body" "$a$url")
  sent=$(now_ms)
  [ "$status" = 200 ] || { echo "$label on A: HTTP $status $(head -c 600 "$work/activation.json")" >&2; exit 2; }
  version=$(served "$a")
  until [ "$seen" = 1 ]; do
    elapsed=$(( $(now_ms) - sent ))
    [ "$elapsed" -le $(( seen_bound * 1000 )) ] || { echo "FAIL $label: B still serves $(served "$b") $seen_bound s after A served $version" >&2; failed=1; return; }
    [ "$(decided_by "$b")" = "$version" ] && seen=1 || sleep 0.02
  done
  elapsed=$(( $(now_ms) - sent ))
  echo "$label: A answered 200 after $(( sent - asked )) ms (B had it compiled: $(jq -c '.instances // {}' "$work/activation.json")); B's evaluations named it $elapsed ms later (bound $seen_bound s)"
  switches+=("$elapsed")
}

echo "two instances on one PostgreSQL (schema $schema), $connections connections of recorded evaluations on each for $load_seconds s"
start a "$port_a"
ensure_inspector "$a" || exit 2
status=$(curl -s -o /dev/null -w '%{http_code}' -u "admin:$LANTIAN_ADMIN_PASSWORD" -H 'Content-Type: application/json' \
  -H "Origin: $a" --data '{"username": "bench-auditor", "password": "bench-auditor-password-1", "roles": ["AUDITOR"]}' "$a/api/v1/users")
case "$status" in 201|409) ;; *) echo "could not create the auditor (status $status)" >&2; exit 2 ;; esac
start b "$port_b"
first=$(served "$a")
[ "$(served "$b")" = "$first" ] || { echo "B does not serve A's version at start" >&2; exit 2; }
echo "both serve version 1 ($first)"

LOAD_PREFIX=ZZ-LOAD-A wrk -t1 -c"$connections" -d"${load_seconds}s" --timeout 10s -s bench/post-eight.lua "$a/api/v1/evaluations" >"$work/wrk-a.txt" 2>&1 &
pids+=($!); wrk_a=$!
LOAD_PREFIX=ZZ-LOAD-B wrk -t1 -c"$connections" -d"${load_seconds}s" --timeout 10s -s bench/post-eight.lua "$b/api/v1/evaluations" >"$work/wrk-b.txt" 2>&1 &
pids+=($!); wrk_b=$!
probe "$b" "$work/probe-b.txt" &
pids+=($!); probe_b=$!
probe "$a" "$work/probe-a.txt" &
pids+=($!); probe_a=$!
sleep 3

failed=0
switches=()
# An edited ruleset: the version serving with a comment added to one of its rules files (it decides as before).
edited=$(curl -sf -u "$auditor" "$a/api/v1/ruleset/versions/1" | jq -c --arg note "// two-instances check $(date -u +%FT%TZ)" \
  '{files: {"dust/standard-items.drl": (.rules["dust/standard-items.drl"] + "\n" + $note + "\n")},
    reason: "两实例检查：规则文件加注释", baseVersion: 1}')
switch "activated on A" /api/v1/ruleset/activate "$edited"
sleep 2
switch "rolled back on A" /api/v1/ruleset/versions/1/activate '{"reason": "两实例检查：回到版本 1"}'

wait "$wrk_a" "$wrk_b" || true
touch "$work/stop"
wait "$probe_a" "$probe_b" 2>/dev/null || true
for name in a b; do
  line=$(grep '^RESULT' "$work/wrk-$name.txt" || true)
  [ -n "$line" ] || { echo "wrk on $name gave no result:" >&2; cat "$work/wrk-$name.txt" >&2; exit 2; }
  echo "load on $name: ${line#RESULT }"
  non2xx=$(sed -n 's/.*non2xx=\([0-9]*\).*/\1/p' <<<"$line")
  socket=$(sed -n 's/.*socket_errors=\([0-9]*\).*/\1/p' <<<"$line")
  [ "$non2xx" = 0 ] && [ "$socket" = 0 ] || { echo "FAIL: requests failed on $name" >&2; failed=1; }
  total=$(wc -l <"$work/probe-$name.txt")
  bad=$(awk '$2 != 200' "$work/probe-$name.txt" | wc -l)
  versions=$(awk '$2 == 200 {print $3}' "$work/probe-$name.txt" | uniq | wc -l)
  echo "previews on $name: $total answered, $bad not 200, the version changed $(( versions - 1 )) times in their answers"
  [ "$bad" = 0 ] || { echo "FAIL: previews failed on $name: $(awk '$2 != 200' "$work/probe-$name.txt" | head -3)" >&2; failed=1; }
  if grep -q ' ERROR \[' "$work/$name.log"; then grep ' ERROR \[' "$work/$name.log" | head -5 >&2; fi
done
grep -h 'switched to version\|compiled ahead' "$work/b.log" | sed 's/^.*INFO *//' || true
swaps=()
while read -r ms; do
  swaps+=("$ms")
  [ "$ms" -le $(( bound * 1000 )) ] || { echo "FAIL: B swapped $ms ms after an activation (bound $bound s)" >&2; failed=1; }
done < <(sed -n 's/.*switched to version .* \([0-9]*\) ms after the activation.*/\1/p' "$work/b.log")
[ "${#swaps[@]}" = 2 ] || { echo "FAIL: B logged ${#swaps[@]} switches, not 2" >&2; failed=1; }
echo "RESULT swaps_ms=$(IFS=,; echo "${swaps[*]:-}") answers_named_it_ms=$(IFS=,; echo "${switches[*]:-}") bound_s=$bound failed=$failed"
exit "$failed"
