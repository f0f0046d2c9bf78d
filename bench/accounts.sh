# Sourced by the bench scripts: the service's users for a run, signed in as a real client would be.
# The service is started with LANTIAN_ADMIN_PASSWORD (the bootstrap admin of a first start); once it
# answers, the admin creates an inspector for all jurisdictions, and the load is sent as that inspector
# with HTTP Basic (the service caches a verified sign-in briefly, so bcrypt is not paid per request).
export LANTIAN_ADMIN_PASSWORD="${LANTIAN_ADMIN_PASSWORD:-bench-admin-password-1}"
bench_user="${BENCH_USER:-bench-inspector}"
bench_password="${BENCH_PASSWORD:-bench-inspector-password-1}"
bench_auth="Basic $(printf '%s:%s' "$bench_user" "$bench_password" | base64 -w0)"
export BENCH_AUTHORIZATION="$bench_auth"

# ready BASE: 0 once the service answers a signed-in request (rules compiled, store and users there).
ready() {
  [ "$(curl -s -o /dev/null -w '%{http_code}' -u "admin:$LANTIAN_ADMIN_PASSWORD" "$1/api/v1/users/me" || true)" = 200 ]
}

# ensure_inspector BASE: creates the bench inspector (201), or finds it there from an earlier start (409).
ensure_inspector() {
  local status
  status=$(curl -s -o /dev/null -w '%{http_code}' -u "admin:$LANTIAN_ADMIN_PASSWORD" \
    -H 'Content-Type: application/json' -H "Origin: $1" \
    --data "{\"username\": \"$bench_user\", \"password\": \"$bench_password\", \"roles\": [\"INSPECTOR\"], \"jurisdictions\": []}" \
    "$1/api/v1/users")
  case "$status" in
    201|409) ;;
    *) echo "could not create the user $bench_user (status $status)" >&2; return 1 ;;
  esac
}
