import assert from 'node:assert/strict';
import { chmodSync, mkdirSync, symlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { isAisessShim, resolveAgent } from '../../src/agents/resolve.js';
import { tempDir } from '../helpers/git.js';

describe('resolveAgent', () => {
  let dir: { path: string; cleanup: () => void };
  const p = (...parts: string[]): string => join(dir.path, ...parts);
  const file = (path: string, body: string, mode = 0o755): void => {
    writeFileSync(path, body);
    chmodSync(path, mode);
  };
  before(() => {
    dir = tempDir('aisess-resolve-');
    for (const d of ['a', 'b', 'c', 'self', 'cwd']) mkdirSync(p(d));
    file(p('self', 'aisess.js'), "import '../dist/main.js';\n");
    file(p('a', 'claude'), '#!/bin/sh\nexec aisess run claude "$@"\n');
    symlinkSync(p('self', 'aisess.js'), p('b', 'claude'));
    file(p('c', 'claude'), '#!/bin/sh\necho real\n');
    file(p('a', 'codex'), '#!/bin/sh\necho not executable\n', 0o644);
    mkdirSync(p('b', 'codex'));
    file(p('c', 'codex'), '#!/bin/sh\necho real\n');
    file(p('cwd', 'local'), '#!/bin/sh\n');
    file(p('c', 'wrapper'), `#!/bin/sh\n# mentions aisess but is not a shim\n${'x'.repeat(9000)}\n`);
  });
  after(() => dir.cleanup());

  const opts = (path: string[]) => ({ path: path.join(':'), cwd: p('cwd'), selfPaths: [p('self', 'aisess.js')] });
  const rows: { name: string; path: () => string[]; expected: () => string | undefined; why: string }[] = [
    { why: 'skips a shim script and a symlink to aisess itself', name: 'claude', path: () => [p('a'), p('b'), p('c')], expected: () => p('c', 'claude') },
    { why: 'skips non-executable files and directories', name: 'codex', path: () => [p('a'), p('b'), p('c')], expected: () => p('c', 'codex') },
    { why: 'finds nothing when only aisess answers', name: 'claude', path: () => [p('a'), p('b')], expected: () => undefined },
    { why: 'an empty PATH entry means the current directory', name: 'local', path: () => [p('a'), ''], expected: () => p('cwd', 'local') },
    { why: 'a name with a slash is taken relative to cwd, PATH unused', name: './local', path: () => [], expected: () => p('cwd', 'local') },
    { why: 'an absolute path is used as is', name: '/bin/sh', path: () => [], expected: () => '/bin/sh' },
    { why: 'a missing explicit path is not found', name: './missing', path: () => [p('c')], expected: () => undefined },
    { why: 'a big script is never taken for a shim', name: 'wrapper', path: () => [p('c')], expected: () => p('c', 'wrapper') },
    { why: 'an empty name is not found', name: '', path: () => [p('c')], expected: () => undefined },
  ];
  for (const row of rows) {
    it(row.why, () => assert.equal(resolveAgent(row.name, opts(row.path())), row.expected()));
  }

  it('recognises shim scripts by their hand-over to `aisess run`', () => {
    const cases: [string, boolean][] = [
      ['#!/bin/sh\nexec aisess run claude "$@"\n', true],
      ['#!/usr/bin/env bash\n"/opt/aisess/bin/aisess.js" run codex "$@"\n', true],
      ['#!/bin/sh\n# AISESS_SHIM\nexec node x\n', true],
      ['#!/bin/sh\necho aisess is great\n', false],
      ['exec aisess run claude\n', false],
    ];
    for (const [body, expected] of cases) {
      file(p('c', 'probe'), body);
      assert.equal(isAisessShim(p('c', 'probe')), expected, body);
    }
  });
});
