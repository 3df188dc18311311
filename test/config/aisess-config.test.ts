import assert from 'node:assert/strict';
import { describe, it, test } from 'node:test';
import { DEFAULT_EXPIRY_MS, DEFAULT_MAX_RECORD_BYTES, DEFAULT_NOTE_BUDGET, DEFAULT_NOTE_WARN_BYTES, DEFAULT_WARM_BINDER_MS, parseAisessConfig, parseExpiry, parseNoteBudget, parseWarmBinder } from '../../src/config/aisess-config.js';
import { parseConfigList } from '../../src/git/config-snapshot.js';

const expiry: [string, number | null][] = [
  ['14 days', DEFAULT_EXPIRY_MS],
  ['14', DEFAULT_EXPIRY_MS],
  ['2.weeks', DEFAULT_EXPIRY_MS],
  ['2w', DEFAULT_EXPIRY_MS],
  ['36h', 36 * 3_600_000],
  ['90 seconds', 90_000],
  ['30s', 30_000],
  ['5 min', 300_000],
  ['never', Infinity],
  ['soon', null],
  ['3 fortnights', null],
];
for (const [input, expected] of expiry) test(`parseExpiry ${JSON.stringify(input)}`, () => assert.equal(parseExpiry(input), expected));

const budgets: [string, number | undefined][] = [['1000', 1000], ['64k', 65536], ['2m', 2 * 1024 ** 2], ['1MiB', 1024 ** 2], ['off', Infinity], ['0', Infinity], ['lots', undefined]];
const warm: [string, number | undefined][] = [['10m', 600_000], ['90', 90_000], ['1.5s', 1500], ['off', 0], ['0', 0], ['false', 0], ['2 days', undefined], ['never', undefined], ['soon', undefined]];
for (const [value, expected] of warm) test(`parseWarmBinder ${JSON.stringify(value)}`, () => assert.equal(parseWarmBinder(value), expected));

for (const [value, expected] of budgets) test(`parseNoteBudget ${JSON.stringify(value)}`, () => assert.equal(parseNoteBudget(value), expected));

/** `git config --list -z` as git prints it. */
function snapshot(entries: [string, string][]) {
  return parseConfigList(entries.map(([k, v]) => `${k}\n${v}\0`).join(''));
}

describe('parseAisessConfig', () => {
  it('defaults for an empty config', () => {
    const { config, problems } = parseAisessConfig(snapshot([]));
    assert.deepEqual(problems, []);
    assert.deepEqual(config, {
      pendingExpiryMs: DEFAULT_EXPIRY_MS, noteBudget: DEFAULT_NOTE_BUDGET, maxRecordBytes: DEFAULT_MAX_RECORD_BYTES, autoInit: true, keepThinking: false,
      notesRef: 'refs/notes/aisess', redactPatterns: [], redactAllow: [], userEmail: null,
      pushRemotes: [], syncRemote: null, noteWarnBytes: DEFAULT_NOTE_WARN_BYTES, warmBinderMs: DEFAULT_WARM_BINDER_MS,
    });
  });

  it('reads every key, last value wins, names are case-insensitive', () => {
    const { config, problems } = parseAisessConfig(snapshot([
      ['aisess.pendingexpiry', '36h'], ['aisess.notebudget', '64k'], ['aisess.maxrecordbytes', '2g'], ['aisess.autoinit', 'no'],
      ['aisess.keepthinking', 'on'], ['aisess.notesref', 'team'], ['aisess.redact.pattern', 'a'], ['aisess.redact.pattern', 'b+'],
      ['aisess.redact.allow', 'ok'], ['user.email', 'ada@example.com'], ['aisess.keepthinking', 'true'],
      ['aisess.pushremote', 'origin'], ['aisess.pushremote', 'notes'], ['aisess.pushremote', 'origin'], ['aisess.syncremote', 'notes'], ['aisess.notewarnbytes', '2m'],
      ['aisess.warmbinder', '90s'],
    ]));
    assert.deepEqual(problems, []);
    assert.deepEqual(config, {
      pendingExpiryMs: 36 * 3_600_000, noteBudget: 65536, maxRecordBytes: 2 * 1024 ** 3, autoInit: false, keepThinking: true,
      notesRef: 'refs/notes/team', redactPatterns: ['a', 'b+'], redactAllow: ['ok'], userEmail: 'ada@example.com',
      pushRemotes: ['origin', 'notes'], syncRemote: 'notes', noteWarnBytes: 2 * 1024 ** 2, warmBinderMs: 90_000,
    });
  });

  it('a value that cannot be read is a problem naming key, value and what is expected; its default stands meanwhile', () => {
    const { config, problems } = parseAisessConfig(snapshot([
      ['aisess.pendingexpiry', 'soon'], ['aisess.notebudget', 'lots'], ['aisess.maxrecordbytes', '0'], ['aisess.autoinit', 'maybe'],
      ['aisess.notesref', 'refs/notes/../x'], ['aisess.redact.pattern', '(unclosed'], ['aisess.redact.pattern', 'fine'],
      ['aisess.pushremote', 'git@host:x.git'], ['aisess.syncremote', '../up'], ['aisess.notewarnbytes', 'big'],
      ['aisess.warmbinder', 'forever'],
    ]));
    assert.deepEqual(problems.map((p) => [p.key, p.value]), [
      ['aisess.pendingExpiry', 'soon'], ['aisess.noteBudget', 'lots'], ['aisess.maxRecordBytes', '0'], ['aisess.autoInit', 'maybe'],
      ['aisess.notesRef', 'refs/notes/../x'], ['aisess.redact.pattern', '(unclosed'], ['aisess.pushRemote', 'git@host:x.git'],
      ['aisess.syncRemote', '../up'], ['aisess.noteWarnBytes', 'big'], ['aisess.warmBinder', 'forever'],
    ]);
    for (const p of problems) assert.ok(p.expected.length > 5, p.key);
    assert.equal(config.pendingExpiryMs, DEFAULT_EXPIRY_MS);
    assert.deepEqual(config.redactPatterns, ['fine']);
  });
});
