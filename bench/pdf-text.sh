#!/usr/bin/env bash
# A printed decision is what a bureau signs: the packaged service makes a 行政处罚决定书（草稿） as PDF, and
# Debian's pdftotext (poppler-utils), a reader other than the library that wrote it, finds the party's name,
# the fine and the document's title in it, so the CJK font is embedded and the text is text, not outlines.
# Build the service first:  mvn -B -q package -DskipTests && bench/pdf-text.sh
# Prints the PDF's text lines it checked and exits 0, 1 when one is missing, 2 when the run itself failed.
# Settings (environment): PORT (18083), START_TIMEOUT (120), KEEP (a path to keep the PDF at).
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
cd "$root"
port="${PORT:-18083}"
start_timeout="${START_TIMEOUT:-120}"
base="http://127.0.0.1:${port}"
jar=target/quarkus-app/quarkus-run.jar
[ -f "$jar" ] || { echo "no $jar: run 'mvn -B -q package -DskipTests' first" >&2; exit 2; }
command -v pdftotext >/dev/null || { echo "no pdftotext: install poppler-utils" >&2; exit 2; }
if curl -s -o /dev/null "$base/"; then
  echo "port ${port} is taken; set PORT" >&2
  exit 2
fi
work="$(mktemp -d)"
pid=
cleanup() {
  if [ -n "$pid" ]; then kill "$pid" 2>/dev/null && wait "$pid" 2>/dev/null || true; fi
  rm -rf "$work"
}
trap cleanup EXIT
# shellcheck source=bench/accounts.sh
. bench/accounts.sh

java -Dquarkus.http.host=127.0.0.1 -Dquarkus.http.port="$port" -Dlantian.data.dir="$work/data" -jar "$jar" \
  >"$work/service.log" 2>&1 &
pid=$!
launched=$(date +%s)
until ready "$base"; do
  kill -0 "$pid" 2>/dev/null || { echo "the service stopped:" >&2; tail -50 "$work/service.log" >&2; exit 2; }
  [ $(( $(date +%s) - launched )) -lt "$start_timeout" ] || { echo "no answer within $start_timeout s" >&2; exit 2; }
  sleep 0.2
done
ensure_inspector "$base"

name="文书核对工地"
# A site whose enclosure falls short: a rectification order and the fine the default benchmark decides.
request='{"inspectedAt": "2026-12-14T10:30:00+08:00",
  "subject": {"kind": "SITE", "id": "PDF-CHECK-1", "name": "'"$name"'", "jurisdiction": "zhengzhou", "standard": "SIX"},
  "site": {"enclosure": {"perimeterM": 420, "enclosedM": 399, "minHeightM": 2.5, "alongMainRoad": true}}}'
answer=$(curl -s -H "Authorization: $BENCH_AUTHORIZATION" -H 'Content-Type: application/json' --data "$request" \
  "$base/api/v1/evaluations")
id=$(printf '%s' "$answer" | sed -n 's/.*"evaluationId" *: *"\([^"]*\)".*/\1/p')
[ -n "$id" ] || { echo "no evaluation recorded: $answer" >&2; exit 2; }
fine=$(printf '%s' "$answer" | sed -n 's/.*"recommendedFineYuan" *: *\([0-9]*\).*/\1/p' | head -1)
[ -n "$fine" ] || { echo "the evaluation recommends no fine: $answer" >&2; exit 2; }
status=$(curl -s -o "$work/decision.pdf" -w '%{http_code}' -H "Authorization: $BENCH_AUTHORIZATION" \
  -H 'Accept: application/pdf' "$base/api/v1/evaluations/$id/documents/penalty-decision")
[ "$status" = 200 ] || { echo "the decision's PDF: status $status: $(cat "$work/decision.pdf")" >&2; exit 2; }
[ -z "${KEEP:-}" ] || cp "$work/decision.pdf" "$KEEP"
pdftotext -layout "$work/decision.pdf" "$work/decision.txt"
# The fine as the document prints it: 10000 as 10,000.
shown=$(echo "$fine" | sed ':a;s/\B[0-9]\{3\}\>/,&/;ta')
flat=$(tr -d ' \n' <"$work/decision.txt")
missing=0
for want in "$name" "${shown}元" "行政处罚决定书（草稿）"; do
  if printf '%s' "$flat" | grep -qF -- "$want"; then
    echo "found in the PDF's text: $want"
  else
    echo "NOT in the PDF's text: $want" >&2
    missing=1
  fi
done
if [ "$missing" = 1 ]; then
  echo "--- pdftotext:" >&2; head -60 "$work/decision.txt" >&2
  exit 1
fi
echo "the penalty decision's PDF ($(wc -c <"$work/decision.pdf") bytes) holds the party, the fine and its title"
