import assert from 'node:assert/strict';
import { test } from 'node:test';
import { parseConfigList, readConfig } from '../../src/git/config-snapshot.js';
import { createGitRunner } from '../../src/git/runner.js';
import { git, gitEnv, tempRepo } from '../helpers/git.js';

test('parseConfigList: last value wins, multi-valued keys keep their order, keys are case-insensitive, a bare key is true', () => {
  const c = parseConfigList('user.email\na@x\0aisess.redact.pattern\none\0aisess.redact.pattern\ntwo\0core.bare\nfalse\0aisess.flag\0user.email\nb@x\0');
  assert.equal(c.get('user.email'), 'b@x');
  assert.deepEqual(c.getAll('aisess.redact.pattern'), ['one', 'two']);
  assert.equal(c.get('AISESS.Redact.Pattern'), 'two');
  assert.equal(c.get('aisess.flag'), 'true');
  assert.equal(c.get('aisess.missing'), null);
  assert.deepEqual(c.getAll('aisess.missing'), []);
});

test('readConfig reads what git config has, values with newlines and spaces included', async (t) => {
  const r = tempRepo({ 'a.txt': 'a\n' });
  t.after(r.cleanup);
  git(r.path, ['config', 'aisess.noteBudget', '64 k']);
  git(r.path, ['config', '--add', 'aisess.redact.pattern', 'x\ny']);
  const c = await readConfig(createGitRunner(r.path, gitEnv));
  assert.equal(c.get('aisess.notebudget'), '64 k');
  assert.deepEqual(c.getAll('aisess.redact.pattern'), ['x\ny']);
});
