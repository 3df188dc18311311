import assert from 'node:assert/strict';
import { test } from 'node:test';
import { gitVersionEnough, MIN_GIT_VERSION, parseGitVersion } from '../../src/git/version.js';

test('git version lines are read, and compared with the minimum aisess needs', () => {
  const rows: { out: string; version: [number, number, number] | null; enough?: boolean }[] = [
    { out: 'git version 2.39.5\n', version: [2, 39, 5], enough: true },
    { out: 'git version 2.31.0', version: [2, 31, 0], enough: true },
    { out: 'git version 2.30.9', version: [2, 30, 9], enough: false },
    { out: 'git version 2.45.1.windows.1', version: [2, 45, 1], enough: true },
    { out: 'git version 3.0', version: [3, 0, 0], enough: true },
    { out: 'git version 1.99.9', version: [1, 99, 9], enough: false },
    { out: 'hub version 2.14.2', version: null },
    { out: '', version: null },
  ];
  for (const r of rows) {
    const v = parseGitVersion(r.out);
    assert.deepEqual(v, r.version, r.out);
    if (v) assert.equal(gitVersionEnough(v), r.enough, r.out);
  }
  assert.equal(MIN_GIT_VERSION, '2.31');
});
