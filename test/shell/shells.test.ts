import assert from 'node:assert/strict';
import { test } from 'node:test';
import { UserError } from '../../src/errors/user-error.js';
import { chooseShell } from '../../src/shell/shells.js';

const cases: Array<{ arg?: string; env?: string; expected: string | RegExp }> = [
  { arg: 'bash', env: '/usr/bin/zsh', expected: 'bash' },
  { arg: 'fish', expected: 'fish' },
  { env: '/usr/bin/zsh', expected: 'zsh' },
  { env: '/opt/homebrew/bin/fish', expected: 'fish' },
  { env: '-bash', expected: 'bash' },
  { arg: 'tcsh', env: '/bin/bash', expected: /^unknown shell 'tcsh': expected one of bash, zsh, fish$/ },
  { arg: '', expected: /^unknown shell '': expected one of bash, zsh, fish$/ },
  { env: '/bin/tcsh', expected: /^cannot tell the shell: \$SHELL is '\/bin\/tcsh', expected one of bash, zsh, fish$/ },
  { expected: /^cannot tell the shell: \$SHELL is not set$/ },
];

for (const { arg, env, expected } of cases) {
  test(`chooseShell(${JSON.stringify(arg)}, ${JSON.stringify(env)})`, () => {
    if (typeof expected === 'string') return assert.equal(chooseShell(arg, env), expected);
    assert.throws(() => chooseShell(arg, env), (err: unknown) => err instanceof UserError && expected.test(err.message) && err.kind === 'usage');
  });
}
