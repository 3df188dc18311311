/**
 * node's TAP reporter, plus the list of the tests that failed just above its closing summary:
 * a CI log that keeps only its last lines still names what failed. The list is TAP comments, so the
 * output stays TAP and the summary stays the last lines.
 */
import { tap } from 'node:test/reporters';

export default async function* tapWithFailures(source) {
  yield* tap(withFailureList(source));
}

async function* withFailureList(source) {
  const failures = [];
  let listed = false;
  for await (const event of source) {
    if (event.type === 'test:fail') failures.push(failure(event.data));
    if (!listed && event.type === 'test:diagnostic' && /^tests \d/.test(event.data.message)) {
      listed = true;
      for (const message of failureList(failures)) yield { type: 'test:diagnostic', data: { nesting: 0, message } };
    }
    yield event;
  }
}

function failure(data) {
  const error = data.details?.error;
  const reason = String(error?.cause?.message ?? error?.message ?? 'failed').split('\n')[0];
  return { file: data.file ?? '', name: data.name, nesting: data.nesting, reason };
}

/** A suite fails when a test in it fails and is reported after it: keep the innermost only. */
function failureList(failures) {
  const innermost = failures.filter((f, i) => {
    const before = failures[i - 1];
    return !(before && before.file === f.file && before.nesting > f.nesting);
  });
  if (innermost.length === 0) return [];
  return [
    `--- ${innermost.length} failed ---`,
    ...innermost.map((f) => `✗ ${f.file.replace(/^.*\.build\/tests\//, '')} › ${f.name}: ${f.reason}`),
  ];
}
