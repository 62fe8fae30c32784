#!/bin/sh
# `npm run bench`: the national dataset on PostgreSQL, the production build,
# then `node ace bench` (see the README's "Bench" section). Runs from a fresh
# checkout with PostgreSQL and Redis present.
#
# Knobs (environment):
#   BENCH_TRAINEES      trainees of the national dataset (default 100000)
#   BENCH_DB_DATABASE   throwaway PostgreSQL database (default cohorte_bench),
#                       created when missing; it is emptied (migration:fresh)
#   BENCH_PORT          port of the bench server on 127.0.0.1 (default 3334)
#   BENCH_FLAGS         extra flags for `node ace bench`, e.g. "--fast"
#   DB_HOST, DB_PORT, DB_USER, DB_PASSWORD   PostgreSQL, as for the app
set -e
cd "$(dirname "$0")/.."

# A fresh checkout has no .env: one from .env.example with a new APP_KEY.
if [ ! -f .env ]; then
  node -e "
    const fs = require('fs')
    const key = require('crypto').randomBytes(24).toString('base64url')
    fs.writeFileSync('.env', fs.readFileSync('.env.example', 'utf8').replace(/^APP_KEY=.*$/m, 'APP_KEY=' + key))
  "
fi
mkdir -p tmp

export NODE_ENV=development
export DB_CONNECTION=pg
export DB_DATABASE="${BENCH_DB_DATABASE:-cohorte_bench}"
export QUEUE_DRIVER=sync
export MAIL_MAILER=file
export LOG_LEVEL=warn

createdb -h "${DB_HOST:-127.0.0.1}" -p "${DB_PORT:-5432}" -U "${DB_USER:-postgres}" "$DB_DATABASE" 2>/dev/null || true

node ace migration:fresh --force
node ace bench:seed --trainees "${BENCH_TRAINEES:-100000}"
node ace build
# shellcheck disable=SC2086
node ace bench --port "${BENCH_PORT:-3334}" ${BENCH_FLAGS:-}
