import assert from 'node:assert/strict';
import { test } from 'node:test';
import { quoteFish, quotePosix } from '../../src/text/shell-quote.js';
import { runShell, shellArgv, shellNames } from '../shell/shell-harness.js';

const values = ['plain', '', 'two words', "it's", "''", '"dq"', '$HOME', '`id`', '$(id)', 'back\\slash', 'trail\\', "\\'", 'new\nline', 'tab\there', '*?[a]', '~user', 'ünï 🚀', '{a,b}', ';&|<>'];

// Each shell prints every quoted value NUL-terminated; they must come back byte for byte.
for (const shell of shellNames) {
  test(`${shell} reads every quoted value back unchanged`, () => {
    const quote = shell === 'fish' ? quoteFish : quotePosix;
    const script = `printf '%s\\0' ${values.map(quote).join(' ')}`;
    const r = runShell(shellArgv(shell, script), process.env);
    assert.equal(r.stderr, '');
    assert.deepEqual(r.stdout.split('\0').slice(0, -1), values);
  });
}
