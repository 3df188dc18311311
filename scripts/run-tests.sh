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
# The runner starts files in the order given. The few that take longest on their own (half a minute
# to a minute on a loaded machine) go first, then the other end-to-end files: started last, one of
# them would run alone at the end while a core idles.
first='e2e/privacy-corpus e2e/hostile-notes e2e/run-tail fuzz/fuzz'
files=$(find .build/tests/test -name '*.test.js' | sort | awk -v first="$first" '
  BEGIN { n = split(first, f, " "); for (i = 1; i <= n; i++) rank[".build/tests/test/" f[i] ".test.js"] = i }
  { key = ($0 in rank) ? rank[$0] : ($0 ~ "^.build/tests/test/e2e/" ? 100 : 200); print key "\t" NR "\t" $0 }' | sort -n -k1,1 -k2,2 | cut -f3)
# Six files at once on two cores: the end-to-end files spend much of their time waiting (on a
# session's pauses, on a binder): at four, the cores sat idle 43 core-seconds of a 255 s run; at
# six, 12 of a 227 s one.
# shellcheck disable=SC2086 # one argument per file; no test file name has a space
exec node --enable-source-maps --test --test-concurrency=6 "$@" $files
