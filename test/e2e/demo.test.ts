import assert from 'node:assert/strict';
import { rmSync } from 'node:fs';
import { test } from 'node:test';
import { runCli } from '../helpers/cli.js';
import { cliInTerminal } from '../helpers/term.js';

const strip = (s: string) => s.replace(/\x1b\[[0-9;?]*[A-Za-z]|\x1b\][^\x07]*\x07/g, '').replace(/\r/g, '');

test('aisess demo records the fake agent, commits, and shows the bound session with its prompts and model', async () => {
  const t = cliInTerminal(['demo'], { cols: 120, rows: 45 });
  let kept: string | undefined;
  try {
    assert.deepEqual(await t.exited, { code: 0 });
    const out = strip(t.output());
    kept = /kept at (\S+): cd there/.exec(out)?.[1];
    const log = out.slice(out.indexOf('== aisess log'), out.indexOf('== aisess show HEAD'));
    assert.match(log, /claude\s+claude-sonnet[\w.-]*\s+\d+ segments\s+\S+\s+add a greeting module with a test/);
    const show = out.slice(out.indexOf('== aisess show HEAD'), out.indexOf('== aisess replay'));
    assert.match(show, /resume\s+claude --resume [0-9a-f-]{36}/);
    assert.match(show, /files\s+A greet\.js \+3 -0/);
    assert.match(show, /❯ also test an empty name/);
  } finally {
    await t.dispose();
    if (kept) rmSync(kept, { recursive: true, force: true });
  }
});

test('aisess demo without a terminal says it needs one (exit 68)', () => {
  const r = runCli(['demo']);
  assert.equal(r.status, 68);
  assert.match(r.stderr, /needs a terminal/);
});
