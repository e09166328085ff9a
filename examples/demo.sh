#!/bin/sh
# The demo `make demo` runs: ingest every document in examples/ into a fresh SQLite ledger
# ($LEDGER_DB), then ask it what definitions said on given dates, and why.
set -eu
LEDGER="${LEDGER:-.venv/bin/ledger}"

run() {
    printf '\n$ ledger'
    for arg in "$@"; do
        case "$arg" in
            *" "*) printf ' "%s"' "$arg" ;;
            *) printf ' %s' "$arg" ;;
        esac
    done
    printf '\n'
    "$LEDGER" "$@"
}

run ingest examples/*.txt
run instruments
run show "Lucent Facility" --as-of 1999-06-01
run show "Lucent Facility" --as-of 2000-07-01
run history "Newcourt Finance"
run terms --as-of 2000-01-01 --instrument harbor
run terms --as-of 2001-03-01 --instrument harbor
run certificates --instrument harbor
run diff "Conversion Price" --from 2000-01-01 --to 2001-03-01
run diff --instrument harbor --from 2000-01-01 --to 2001-03-01
run audit --instrument kmc
run audit --format html --output demo-audit.html
