import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { defineCommand, QUIET } from '../../src/cli/command.js';
import { commandHelp } from '../../src/cli/help.js';
import { parseCommandArgs } from '../../src/cli/parse.js';
import { closest } from '../../src/cli/suggest.js';

const cmd = defineCommand({
  name: 'replay',
  summary: 'Play it',
  positionals: [{ name: 'target', description: 'What to play' }],
  flags: {
    speed: { type: 'string', value: 'X', description: 'Speed' },
    segment: { type: 'string', multiple: true, value: 'N', description: 'Segments' },
    instant: { type: 'boolean', description: 'At once' },
    quiet: QUIET,
  },
  run: () => 0,
});
const needs = defineCommand({ name: 'show', summary: 'Show', positionals: [{ name: 'commit', required: true, description: 'A commit id' }], flags: {}, run: () => 0 });
const many = defineCommand({ name: 'log', summary: 'Log', positionals: [{ name: 'range', variadic: true, description: 'Revisions' }], flags: {}, run: () => 0 });

describe('parseCommandArgs', () => {
  it('reads flags, shorts, repeats and positionals; booleans default to false', () => {
    assert.deepEqual(parseCommandArgs(cmd, ['HEAD', '--speed', '2', '-q', '--segment', '1', '--segment=2']), {
      speed: '2', segment: ['1', '2'], instant: false, quiet: true, target: 'HEAD',
    });
    assert.deepEqual(parseCommandArgs(cmd, []), { speed: undefined, segment: [], instant: false, quiet: false, target: undefined });
    assert.deepEqual(parseCommandArgs(many, ['a..b', 'c']), { range: ['a..b', 'c'] });
  });

  it('keeps a negative number as the value it was meant to be, for the command to judge', () => {
    assert.equal(parseCommandArgs(cmd, ['--speed', '-1']).speed, '-1');
  });

  it('takes what follows -- as arguments', () => {
    assert.equal(parseCommandArgs(cmd, ['--', '--instant']).target, '--instant');
  });

  const errors: [string, typeof cmd, string[], RegExp][] = [
    ['an unknown option, with the nearest one', cmd, ['--instnat'], /^unknown option '--instnat' for 'aisess replay' \(did you mean --instant\?\)$/],
    ['an unknown option nothing is near', cmd, ['--frobnicate'], /^unknown option '--frobnicate' for 'aisess replay'$/],
    ['an option without its value', cmd, ['--speed'], /^option '--speed' needs a value \(X\)$/],
    ['a value given to a switch', cmd, ['--instant=yes'], /^option '--instant' takes no value$/],
    ['a missing argument', needs, [], /^'aisess show' needs <commit>: a commit id$/],
    ['one argument too many', needs, ['a', 'b'], /^unexpected argument 'b' for 'aisess show'$/],
  ];
  for (const [name, c, argv, message] of errors) {
    it(`${name} is a usage error with the usage line`, () => {
      assert.throws(() => parseCommandArgs(c, argv), (err: Error & { exitCode?: number; hint?: string }) => {
        assert.match(err.message, message);
        assert.equal(err.exitCode, 64);
        assert.match(err.hint ?? '', /^Usage: aisess \w+ /);
        return true;
      });
    });
  }
});

describe('help and suggestions', () => {
  it('help is one plain layout: usage, summary, arguments, options', () => {
    const help = commandHelp(cmd);
    assert.match(help, /^Usage: aisess replay \[options\] \[target\]\n\nPlay it\n\nArguments:\n {2}\[target\] +What to play\n\nOptions:\n/);
    assert.match(help, /\n {2}-q, --quiet +No status lines on stderr\n/);
    assert.match(help, /--segment N +Segments \(may be repeated\)/);
    assert.doesNotMatch(help, /\x1b/);
  });

  it('closest: one edit for short names, two for long ones, none beyond', () => {
    assert.equal(closest('shwo', ['show', 'log', 'status']), 'show');
    assert.equal(closest('sessons', ['sessions', 'show']), 'sessions');
    assert.equal(closest('lg', ['log', 'show']), 'log');
    assert.equal(closest('xyz', ['log', 'show']), undefined);
    assert.equal(closest('statsu', ['status']), 'status');
  });
});
