#!/usr/bin/env bash
# Container smoke test (issue 22): build the image (Dockerfile) and run its web, worker and beat, then check that
# the web container turns healthy through its HEALTHCHECK, answers /healthz, /readyz (database and broker) and a
# page, runs as a non-root user, and that the worker and beat started. compose.yaml (the full stack, with the
# postgres and redis images) is validated with `compose config`.
#
# Exits 0 with "skipped: <why>" when this machine cannot run containers (no engine, no compose). Where Docker Hub
# cannot be reached, the base image is built from Debian's packages with debootstrap (carrying the host's CA
# bundle, so that pip inside the build trusts what the host trusts), and the stack runs against the host's
# PostgreSQL and Redis (docker/compose.smoke.yaml) instead of the postgres and redis images.
#
# Environment: PGHOST/PGPORT/PGUSER (127.0.0.1:5432 postgres), SMOKE_REDIS_URL (redis://127.0.0.1:6379/10),
# BASE_IMAGE (python:3.11-slim-bookworm, else the local mura-base:bookworm).
set -euo pipefail
cd "$(dirname "$0")/.."

skip() { echo "container smoke: skipped: $*"; exit 0; }
fail() { echo "container smoke: FAILED: $*" >&2; exit 1; }
for tool in curl psql; do command -v "$tool" >/dev/null 2>&1 || skip "$tool is not installed"; done
START=$SECONDS
VAR="${PWD}/var/container-smoke"
mkdir -p "$VAR"

# 1. An engine: a running daemon, or one we can start (root, dockerd installed).
if ! docker info >/dev/null 2>&1; then
  command -v dockerd >/dev/null 2>&1 || skip "no container engine (docker/dockerd not installed)"
  [ "$(id -u)" = 0 ] || skip "dockerd is not running and this user cannot start it"
  echo "starting dockerd (log: $VAR/dockerd.log)"
  (dockerd >"$VAR/dockerd.log" 2>&1 &)
  for _ in $(seq 60); do docker info >/dev/null 2>&1 && break; sleep 1; done
  docker info >/dev/null 2>&1 || skip "dockerd does not start here (see $VAR/dockerd.log)"
fi
if docker compose version >/dev/null 2>&1; then COMPOSE=(docker compose)
elif command -v docker-compose >/dev/null 2>&1; then COMPOSE=(docker-compose)
else skip "no compose (docker compose plugin or docker-compose)"
fi
echo "engine: $(docker version --format '{{.Server.Version}}'), compose: $("${COMPOSE[@]}" version --short 2>/dev/null || echo '?')"

SECRET_KEY="smoke-$(python3 -c 'import secrets; print(secrets.token_urlsafe(40))')" "${COMPOSE[@]}" -f compose.yaml config -q \
  || fail "compose.yaml does not validate"
echo "compose.yaml: valid"

# 2. The base image: Docker Hub's, or one made here from Debian's packages.
BASE_IMAGE=${BASE_IMAGE:-python:3.11-slim-bookworm}
if ! docker image inspect "$BASE_IMAGE" >/dev/null 2>&1 && ! timeout 60 docker pull -q "$BASE_IMAGE" >/dev/null 2>&1; then
  BASE_IMAGE=mura-base:bookworm
  if ! docker image inspect "$BASE_IMAGE" >/dev/null 2>&1; then
    command -v debootstrap >/dev/null 2>&1 || apt-get install -y -qq debootstrap >/dev/null 2>&1 \
      || skip "no registry for the base image and no debootstrap to make one"
    rootfs="$VAR/rootfs"
    rm -rf "$rootfs"
    echo "building $BASE_IMAGE from Debian bookworm with debootstrap"
    debootstrap --variant=minbase --include=python3,python3-venv,ca-certificates,passwd \
      bookworm "$rootfs" http://deb.debian.org/debian >"$VAR/debootstrap.log" 2>&1 \
      || skip "no registry for the base image, and debootstrap could not reach Debian (see $VAR/debootstrap.log)"
    cp /etc/ssl/certs/ca-certificates.crt "$rootfs/etc/ssl/certs/ca-certificates.crt"
    printf '[global]\ncert = /etc/ssl/certs/ca-certificates.crt\n' >"$rootfs/etc/pip.conf"
    rm -rf "$rootfs"/var/cache/apt/archives/*.deb
    tar -C "$rootfs" -c . | docker import - "$BASE_IMAGE" >/dev/null
    rm -rf "$rootfs"
  fi
fi
echo "base image: $BASE_IMAGE"

# 3. The image.
docker build -q --network host --build-arg BASE_IMAGE="$BASE_IMAGE" -t mura:smoke . >"$VAR/build.log" 2>&1 \
  || { tail -30 "$VAR/build.log"; fail "docker build failed"; }
echo "image: mura:smoke, $(docker image inspect mura:smoke --format '{{.Size}}' | awk '{printf "%d MB", $1/1e6}'), built in $((SECONDS - START)) s so far"

# 4. A database and a Redis database of the smoke test's own.
PGHOST=${PGHOST:-127.0.0.1} PGPORT=${PGPORT:-5432} PGUSER=${PGUSER:-postgres}
export PGHOST PGPORT PGUSER
DB="mura_smoke_$(date +%s)_$$"
export SMOKE_REDIS_URL=${SMOKE_REDIS_URL:-redis://127.0.0.1:6379/10}
export SMOKE_DATABASE_URL="postgresql://${PGUSER}@${PGHOST}:${PGPORT}/${DB}"
export SMOKE_PORT
SMOKE_PORT=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
export SMOKE_QUEUE="smoke-$$"
export SECRET_KEY
SECRET_KEY="smoke-$(python3 -c 'import secrets; print(secrets.token_urlsafe(40))')"
PROJECT="mura-smoke-$$"
SMOKE=("${COMPOSE[@]}" -p "$PROJECT" -f docker/compose.smoke.yaml)

cleanup() {
  "${SMOKE[@]}" logs --no-color >"$VAR/stack.log" 2>&1 || true
  "${SMOKE[@]}" down -v --remove-orphans >/dev/null 2>&1 || true
  psql -q -d postgres -c "DROP DATABASE IF EXISTS ${DB}" >/dev/null 2>&1 || true
}
trap cleanup EXIT
psql -q -v ON_ERROR_STOP=1 -d postgres -c "CREATE DATABASE ${DB}" || fail "could not create ${DB}"

# 5. Migrate (as the compose file's one-off `migrate` does), then the stack.
docker run --rm --network host -e DEBUG=false -e SECRET_KEY -e ALLOWED_HOSTS=localhost \
  -e DATABASE_URL="$SMOKE_DATABASE_URL" -e REDIS_URL="$SMOKE_REDIS_URL" mura:smoke \
  python manage.py migrate --noinput -v0 || fail "migrate failed in the container"
"${SMOKE[@]}" up -d >/dev/null 2>&1 || fail "compose up failed"
WEB=$("${SMOKE[@]}" ps -q web)

status=""
for _ in $(seq 90); do
  status=$(docker inspect --format '{{.State.Health.Status}}' "$WEB")
  [ "$status" = healthy ] && break
  sleep 2
done
[ "$status" = healthy ] || { "${SMOKE[@]}" logs --no-color --tail 40 web; fail "web is '$status', not healthy"; }
echo "web: healthy (HEALTHCHECK on /healthz)"

get() { curl -s -o /dev/null -w '%{http_code}' -H 'Host: localhost' "http://127.0.0.1:${SMOKE_PORT}$1"; }
[ "$(get /healthz)" = 200 ] || fail "/healthz"
[ "$(get /readyz)" = 200 ] || fail "/readyz: $(curl -s -H 'Host: localhost' "http://127.0.0.1:${SMOKE_PORT}/readyz")"
[ "$(get /sites/)" = 200 ] || fail "/sites/"
css=$(curl -s -H 'Host: localhost' "http://127.0.0.1:${SMOKE_PORT}/sites/" | grep -o '/static/[^"]*\.css' | head -1)
[ -n "$css" ] && [ "$(get "$css")" = 200 ] || fail "static files ($css) are not served"
echo "web: /healthz, /readyz (database and broker), /sites/ and its stylesheet answer 200"

uid=$(docker exec "$WEB" id -u)
[ "$uid" != 0 ] || fail "web runs as root"
echo "web: runs as uid $uid"

for _ in $(seq 60); do
  "${SMOKE[@]}" logs --no-color worker 2>&1 | grep -q "ready\." && break
  sleep 2
done
"${SMOKE[@]}" logs --no-color worker 2>&1 | grep -q "ready\." || fail "the worker did not become ready"
"${SMOKE[@]}" logs --no-color beat 2>&1 | grep -q "beat: Starting" || fail "beat did not start"
echo "worker: ready; beat: started"
echo "container smoke: passed in $((SECONDS - START)) s"
