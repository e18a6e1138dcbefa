#!/usr/bin/env bash
# Prove that a backup restores: dump a PostgreSQL database with pg_dump -Fc,
# restore it into a fresh database, and compare the two table by table (the
# row count of every table, and every sequence's value). Any difference fails.
# docs/operations.md, "Testing a restore", says when and how to run it.
#
#   scripts/backup_restore_check.sh DATABASE_URL
#       Check that database. It is only read; the restored copy is dropped.
#   scripts/backup_restore_check.sh --seeded [SERVER_URL]
#       Make a throwaway database on the server (migrate + seed_demo under local
#       settings), check it, drop it. What CI and `make backup-check` run.
#       SERVER_URL names the server and a database to connect to for creating
#       and dropping: postgres://postgres@127.0.0.1:5432/postgres by default.
#   scripts/backup_restore_check.sh --compare URL_A URL_B
#       Only compare two databases' row counts and sequences.
#
# Options (before the mode): --media DIR also archives DIR with tar, unpacks
# the archive elsewhere and compares every file's SHA-256.
#
# Needs pg_dump, pg_restore and psql of the server's major version or newer. The
# databases and files it makes are removed on exit, whatever happens; it drops
# no database it did not create.
set -euo pipefail
cd "$(dirname "$0")/.."

# The portal's interpreter, for migrate and seed_demo (--seeded only).
PORTAL_PYTHON=${BACKUP_CHECK_PYTHON:-.venv/bin/python}
MEDIA_DIR=""
WORK=""
CREATED=()       # databases this run created, as "<maintenance URL> <name>"

say() { printf '%s\n' "$*"; }
fail() { printf 'FAIL: %s\n' "$*" >&2; exit 1; }

usage() {
  sed -n '2,22p' "$0" | sed 's/^# \{0,1\}//'
  exit 2
}

# postgres://user@host:port/name?options → the same URL naming database $2.
with_database() {
  local url=$1 name=$2 base query=""
  base=${url%%\?*}
  [[ $url == *\?* ]] && query="?${url#*\?}"
  [[ $base =~ ^postgres(ql)?://[^/]+/[^/]*$ ]] || fail "not a postgres://…/database URL: $url"
  printf '%s/%s%s' "${base%/*}" "$name" "$query"
}

database_of() {
  local base=${1%%\?*}
  printf '%s' "${base##*/}"
}

create_database() {  # maintenance URL, name
  psql -X -q -v ON_ERROR_STOP=1 -d "$1" -c "CREATE DATABASE \"$2\" TEMPLATE template0"
  CREATED+=("$1 $2")
}

cleanup() {
  local status=$? entry
  for entry in "${CREATED[@]}"; do
    psql -X -q -d "${entry%% *}" \
      -c "DROP DATABASE IF EXISTS \"${entry#* }\" WITH (FORCE)" >/dev/null 2>&1 ||
      say "could not drop ${entry#* }: drop it by hand" >&2
  done
  [[ -n $WORK ]] && rm -rf "$WORK"
  exit "$status"
}
trap cleanup EXIT
trap 'exit 130' INT TERM

# One line per table ("schema.table<TAB>rows") and per sequence
# ("sequence schema.name<TAB>last value"), sorted: a fingerprint to diff.
FINGERPRINT_SQL="
SELECT n.nspname || '.' || c.relname AS name,
       (xpath('/row/n/text()',
              query_to_xml(format('SELECT count(*) AS n FROM %I.%I', n.nspname, c.relname),
                           false, true, '')))[1]::text AS value
  FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
 WHERE c.relkind IN ('r', 'p')
   AND n.nspname NOT IN ('pg_catalog', 'information_schema')
   AND n.nspname NOT LIKE 'pg_toast%'
UNION ALL
SELECT 'sequence ' || schemaname || '.' || sequencename, coalesce(last_value, 0)::text
  FROM pg_sequences
ORDER BY 1"

fingerprint() {
  psql -X -q -At -F $'\t' -v ON_ERROR_STOP=1 -d "$1" -c "$FINGERPRINT_SQL"
}

compare() {  # URL_A URL_B
  local a b tables rows
  a=$(fingerprint "$1") || fail "could not read $(database_of "$1")"
  b=$(fingerprint "$2") || fail "could not read $(database_of "$2")"
  tables=$(grep -v '^sequence ' <<<"$a" | grep -c . || true)
  [[ $tables -gt 0 ]] || fail "$(database_of "$1") has no tables: nothing to compare"
  rows=$(grep -v '^sequence ' <<<"$a" | awk -F'\t' '{ sum += $2 } END { print sum + 0 }')
  if ! diff <(printf '%s\n' "$a") <(printf '%s\n' "$b") >"${WORK:-/tmp}/fingerprint.diff"; then
    say "FAIL: $(database_of "$1") and $(database_of "$2") differ (< the first, > the second):" >&2
    grep '^[<>]' "${WORK:-/tmp}/fingerprint.diff" >&2
    exit 1
  fi
  say "ok: $tables tables, $rows rows and every sequence match"
}

check_media() {  # DIR
  local archive="$WORK/media.tar.gz" restored="$WORK/media-restored"
  [[ -d $1 ]] || fail "no media folder at $1"
  tar -C "$1" -czf "$archive" .
  mkdir -p "$restored"
  tar -C "$restored" -xzf "$archive"
  if ! diff <(cd "$1" && find . -type f -print0 | sort -z | xargs -0r sha256sum) \
    <(cd "$restored" && find . -type f -print0 | sort -z | xargs -0r sha256sum); then
    fail "the media files restored from the archive differ from $1"
  fi
  say "ok: $(find "$1" -type f | wc -l) media files restored identical ($(du -h "$archive" | cut -f1) archive)"
}

check() {  # DATABASE_URL
  local source=$1 target maintenance dump
  WORK=${WORK:-$(mktemp -d)}
  dump="$WORK/backup.dump"
  target="restore_check_$(date +%Y%m%d%H%M%S)_$$"
  maintenance=$(with_database "$source" postgres)

  say "Dumping $(database_of "$source") (pg_dump -Fc)"
  pg_dump --format=custom --file="$dump" --dbname="$source"
  pg_restore --list "$dump" >/dev/null  # the archive reads back
  say "  $(du -h "$dump" | cut -f1) archive"

  say "Restoring into a fresh database, $target"
  create_database "$maintenance" "$target"
  pg_restore --exit-on-error --no-owner --no-acl \
    --dbname="$(with_database "$source" "$target")" "$dump"

  say "Comparing"
  compare "$source" "$(with_database "$source" "$target")"
  [[ -z $MEDIA_DIR ]] || check_media "$MEDIA_DIR"
}

seeded() {  # SERVER_URL
  local server=$1 name source
  name="backup_check_$(date +%Y%m%d%H%M%S)_$$"
  source=$(with_database "$server" "$name")
  WORK=$(mktemp -d)

  say "Making a throwaway database, $name (migrate + seed_demo, local settings)"
  create_database "$server" "$name"
  # Local settings with DEBUG on, so seed_demo loads the demo accounts and data;
  # nothing from a developer's .env, and uploads stay in the work folder.
  (
    export DJANGO_SETTINGS_MODULE=config.settings.local DJANGO_ENV_FILE="$WORK/no-env-file" \
      DJANGO_DEBUG=True DJANGO_LOG_LEVEL=WARNING DATABASE_URL="$source" \
      DJANGO_MEDIA_ROOT="$WORK/media"
    "$PORTAL_PYTHON" manage.py migrate --noinput -v 0
    "$PORTAL_PYTHON" manage.py seed_demo -v 0 >/dev/null
  )
  check "$source"
}

for tool in pg_dump pg_restore psql; do
  command -v "$tool" >/dev/null || fail "needs $tool: install PostgreSQL's client tools (apt-get install postgresql-client)"
done

while [[ ${1:-} == --media ]]; do
  [[ $# -ge 2 ]] || usage
  MEDIA_DIR=$2
  shift 2
done

case ${1:-} in
  --seeded) [[ $# -le 2 ]] || usage; seeded "${2:-postgres://postgres@127.0.0.1:5432/postgres}" ;;
  --compare) [[ $# -eq 3 ]] || usage; compare "$2" "$3" ;;
  postgres://* | postgresql://*) [[ $# -eq 1 ]] || usage; check "$1" ;;
  *) usage ;;
esac
