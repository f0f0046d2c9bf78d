#!/usr/bin/env bash
# Nothing acknowledged is lost: N recorded evaluations, the service killed with SIGKILL mid-burst,
# restarted on the same database, and every evaluation it answered 200 read back byte for byte through
# GET /api/v1/evaluations/{id}. Build the service first:
#   mvn -B -q package -DskipTests && bench/crash.sh            # the embedded H2 default
#   DB=pg bench/crash.sh                                       # PostgreSQL (a schema of its own, dropped after)
# Prints "sent=… acknowledged=… lost=…" and exits 1 when an acknowledged evaluation is lost (0 when none
# is, 2 when the run itself failed). Bounded: each start has START_TIMEOUT (120 s), the burst 120 s; on
# an idle 2-core machine the whole run takes about 30 s.
# Settings (environment): DB (h2 or pg), N (2000 requests), CONCURRENCY (16 connections), KILL_AFTER
# (the 200s before the kill, N/2), PORT (18082), START_TIMEOUT (120), JAVA_OPTS (extra JVM flags for the service), and for pg
# LANTIAN_PG_URL (jdbc:postgresql://localhost:5432/lantian), LANTIAN_PG_USER / LANTIAN_PG_PASSWORD (lantian).
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
cd "$root"
db="${DB:-h2}"
n="${N:-2000}"
concurrency="${CONCURRENCY:-16}"
kill_after="${KILL_AFTER:-$(( n / 2 ))}"
port="${PORT:-18082}"
start_timeout="${START_TIMEOUT:-120}"
base="http://127.0.0.1:${port}"
jar=target/quarkus-app/quarkus-run.jar
body=bench/src/main/resources/eight-site.json
[ -f "$jar" ] || { echo "no $jar: run 'mvn -B -q package -DskipTests' first" >&2; exit 2; }
if curl -s -o /dev/null "$base/"; then
  echo "port ${port} is taken; set PORT" >&2
  exit 2
fi

work="$(mktemp -d)"
pid=
service_args=(-Dquarkus.http.host=127.0.0.1 -Dquarkus.http.port="$port" -Dlantian.data.dir="$work/data")
pg_url="${LANTIAN_PG_URL:-jdbc:postgresql://localhost:5432/lantian}"
pg_user="${LANTIAN_PG_USER:-lantian}"
pg_password="${LANTIAN_PG_PASSWORD:-lantian}"
schema="crash_$$_$(date +%s)"
case "$db" in
  h2) ;;
  pg)
    # A schema of its own (Flyway creates it), so that the run neither reads nor leaves other data.
    case "$pg_url" in *\?*) sep='&' ;; *) sep='?' ;; esac
    service_args+=(-Dquarkus.profile=prod,pg -Dlantian.pg.url="${pg_url}${sep}currentSchema=${schema}"
      -Dlantian.pg.user="$pg_user" -Dlantian.pg.password="$pg_password" -Dquarkus.flyway.pg.schemas="$schema")
    ;;
  *) echo "DB is h2 or pg, not $db" >&2; exit 2 ;;
esac

cleanup() {
  if [ -n "$pid" ]; then kill "$pid" 2>/dev/null && wait "$pid" 2>/dev/null || true; fi
  if [ "$db" = pg ] && command -v psql >/dev/null; then
    # jdbc:postgresql://host:port/db?… -> postgresql://host:port/db
    uri="${pg_url#jdbc:}"; uri="${uri%%\?*}"
    PGPASSWORD="$pg_password" psql -q -U "$pg_user" -d "$uri" -c "drop schema if exists $schema cascade" >/dev/null 2>&1 \
      || echo "(could not drop the schema $schema)" >&2
  fi
  rm -rf "$work"
}
trap cleanup EXIT

start() {
  # shellcheck disable=SC2086
  java ${JAVA_OPTS:-} "${service_args[@]}" -jar "$jar" >>"$work/service.log" 2>&1 &
  pid=$!
  local launched status=000
  launched=$(date +%s)
  until [ "$status" = 200 ]; do
    if ! kill -0 "$pid" 2>/dev/null; then
      echo "the service stopped:" >&2; tail -50 "$work/service.log" >&2; exit 2
    fi
    if [ $(( $(date +%s) - launched )) -ge "$start_timeout" ]; then
      echo "no answer within $start_timeout s:" >&2; tail -20 "$work/service.log" >&2; exit 2
    fi
    ready "$base" && status=200 || sleep 0.05
  done
  ensure_inspector "$base" || exit 2
}

probe() { java bench/CrashProbe.java "$@"; }
# shellcheck source=bench/accounts.sh
. bench/accounts.sh

echo "database: $db; $n recorded evaluations from $concurrency connections, SIGKILL after $kill_after answered 200"
start
set +e
probe send "$base" "$body" "$n" "$concurrency" "$kill_after" "$pid" "$work/acknowledged.tsv" | tee "$work/send.txt"
sent_status=${PIPESTATUS[0]}
set -e
{ wait "$pid"; } 2>/dev/null || true
pid=
[ "$sent_status" = 0 ] || { echo "the burst failed (status $sent_status)" >&2; exit 2; }
echo "restarting on the same database"
start
set +e
probe verify "$base" "$work/acknowledged.tsv" | tee "$work/verify.txt"
verified=${PIPESTATUS[0]}
set -e
[ "$verified" = 0 ] || [ "$verified" = 1 ] || { echo "the read-back failed (status $verified)" >&2; exit 2; }
sent=$(sed -n 's/^sent=\([0-9]*\).*/\1/p' "$work/send.txt")
acknowledged=$(sed -n 's/.*acknowledged=\([0-9]*\).*/\1/p' "$work/send.txt")
lost=$(sed -n 's/.*lost=\([0-9]*\).*/\1/p' "$work/verify.txt")
echo "RESULT db=$db sent=$sent acknowledged=$acknowledged lost=$lost"
exit "$verified"
