#!/bin/sh
# The test suite as `npm test` runs it (after the build): the tests compiled to JavaScript by
# scripts/build-tests.mjs, so no test process starts a TypeScript loader. Extra arguments go to
# node's test runner (e.g. --test-reporter=dot).
set -eu
cd "$(dirname "$0")/.."
node scripts/build-tests.mjs
# No test opens a TLS connection, and node parses NODE_EXTRA_CA_CERTS at every start whatever it
# then does (~50 ms of CPU for a system bundle): the suite starts some 2,000 node processes.
unset NODE_EXTRA_CA_CERTS
# Unless the caller chose a reporter: TAP, with the failed tests listed above the closing summary.
case " $* " in
  *" --test-reporter"*) ;;
  *) set -- --test-reporter=./scripts/tap-reporter.mjs --test-reporter-destination=stdout "$@" ;;
esac
# shellcheck disable=SC2046 # one argument per file; no test file name has a space
exec node --enable-source-maps --test --test-concurrency=4 "$@" $(find .build/tests/test -name '*.test.js' | sort)
