/**
 * Config values a user (or a repository's shared config) sets: sizes, the note budget, redaction
 * regexes, and `git config -z --list` output itself. A bad value is a clear UserError or a
 * documented fallback, never a crash. The run time of a user's own regex is not fuzzed: a
 * catastrophic pattern is the user's to fix.
 */
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { DEFAULT_NOTE_BUDGET, parseAisessConfig, parseNoteBudget } from '../../src/config/aisess-config.js';
import { UserError } from '../../src/errors/user-error.js';
import { parseByteSize } from '../../src/git/byte-size.js';
import { parseConfigList } from '../../src/git/config-snapshot.js';
import { builtinRules } from '../../src/redact/rules.js';
import { trial, type Trial } from './trial.js';

const DECODER = 'config values';
const UNITS: Record<string, number> = { '': 1, k: 1024, m: 1024 ** 2, g: 1024 ** 3 };
const sizeText = fc.oneof(
  fc.string(),
  fc.tuple(fc.constantFrom(' ', '', '\t'), fc.oneof(fc.nat(), fc.stringMatching(/^\d{1,40}$/)), fc.constantFrom('', ' '), fc.constantFrom('', 'k', 'm', 'g', 'K', 'M', 'G', 'kb', 'KiB', 'mib', 'x', 'kk', '.5'))
    .map(([pad, n, gap, unit]) => `${pad}${n}${gap}${unit}${pad}`),
);
/** Regex sources from regex syntax: most are invalid, some valid, some match the empty string. */
const regexSource = fc.oneof(
  fc.string({ unit: fc.constantFrom(...'()[]{}?*+|^$\\.-,:=!<>abcAZ019dDwWsSbBkpPu_'.split('')), maxLength: 16 }),
  fc.constantFrom('(', '[a-', 'a{2,1}', '(?<n>a)(?<n>b)', '\\', '(?<=a)b', 'sk-[a-z]{8}', '(secret)=\\w+', '', 'a*', '\\p{L}', '(?i)x'),
);

export const trials: Trial[] = [
  trial({ decoder: DECODER, target: 'parseByteSize (src/git/byte-size.ts)', property: 'any text: null or a whole number of bytes; n + unit reads as n × unit while safe', runs: 500 },
    fc.tuple(sizeText, fc.nat(1e6), fc.constantFrom('', 'k', 'm', 'g')), ([text, n, unit]) => {
      const bytes = parseByteSize(text);
      assert.ok(bytes === null || (Number.isSafeInteger(bytes) && bytes >= 0), `${JSON.stringify(text)} → ${bytes}`);
      assert.equal(parseByteSize(`${n}${unit.toUpperCase()}`), n * UNITS[unit]!);
    }),

  trial({ decoder: DECODER, target: 'parseNoteBudget (src/config/aisess-config.ts)', property: 'any text: a positive budget, Infinity (off), or unreadable (undefined); never 0, negative or NaN', runs: 500 },
    fc.oneof(sizeText, fc.constantFrom('off', 'OFF', 'none', '0', '')), (text) => {
      const budget = parseNoteBudget(text);
      assert.ok(budget === undefined || budget === Infinity || (Number.isSafeInteger(budget) && budget > 0), `budget ${budget}`);
      if (parseByteSize(text) === null && !/^\s*(off|none)\s*$/i.test(text)) assert.equal(budget, undefined);
    }),

  trial({ decoder: DECODER, target: 'parseAisessConfig (src/config/aisess-config.ts)', property: 'any values for every aisess key: typed settings (sizes positive or off, a refs/notes/ ref, booleans, a remote name or none), each unreadable value one problem naming its key, its default in its place', runs: 400 },
    fc.array(fc.tuple(fc.constantFrom('aisess.pendingexpiry', 'aisess.notebudget', 'aisess.maxrecordbytes', 'aisess.autoinit', 'aisess.keepthinking', 'aisess.notesref', 'aisess.pushremote', 'aisess.syncremote', 'aisess.notewarnbytes', 'aisess.redact.pattern', 'aisess.redact.allow', 'user.email'), fc.oneof(sizeText, regexSource, fc.string())), { maxLength: 10 }),
    (entries) => {
      const { config, problems } = parseAisessConfig(parseConfigList(entries.map(([k, v]) => `${k}\n${v.replaceAll('\0', '')}\0`).join('')));
      for (const n of [config.noteBudget, config.maxRecordBytes, config.pendingExpiryMs]) assert.ok(n === Infinity || (Number.isFinite(n) && n > 0) || (n === 0 && config.pendingExpiryMs === 0), `size ${n}`);
      assert.ok(Number.isSafeInteger(config.maxRecordBytes) && config.maxRecordBytes > 0);
      assert.match(config.notesRef, /^refs\/notes\/[A-Za-z0-9._/-]+$/);
      assert.equal(typeof config.autoInit, 'boolean');
      for (const r of config.pushRemotes) assert.match(r, /^\S+$/, `pushRemote ${JSON.stringify(r)}`);
      assert.ok(config.syncRemote === null || /^\S+$/.test(config.syncRemote), `syncRemote ${JSON.stringify(config.syncRemote)}`);
      for (const source of [...config.redactPatterns, ...config.redactAllow]) new RegExp(source, 'g');
      for (const p of problems) assert.ok(entries.some(([k, v]) => k === p.key.toLowerCase() && v.replaceAll('\0', '') === p.value), `${p.key}: ${p.value}`);
      if (problems.length === 0) assert.equal(config.noteBudget === DEFAULT_NOTE_BUDGET || entries.some(([k]) => k === 'aisess.notebudget'), true);
    }),

  trial({ decoder: DECODER, target: 'builtinRules (src/redact/rules.ts)', property: 'any aisess.redact.pattern / allow: rules or a UserError naming the key; valid rules run on short text', runs: 300 },
    fc.tuple(fc.array(regexSource, { maxLength: 3 }), fc.array(regexSource, { maxLength: 2 }), fc.string({ maxLength: 12 })), ([patterns, allow, text]) => {
      let rules: ReturnType<typeof builtinRules>;
      try {
        rules = builtinRules({ patterns, allow, without: ['secretlint', 'entropy'] });
      } catch (err) {
        assert.ok(err instanceof UserError, `not a UserError: ${String(err)}`);
        assert.match(err.message, /git config aisess\.redact\.(pattern|allow) has an invalid regular expression/);
        return;
      }
      for (const detect of rules.detectors) {
        for (const hit of detect(text)) assert.ok(hit.start >= 0 && hit.end <= text.length && hit.start < hit.end, JSON.stringify(hit));
      }
    }),

  trial({ decoder: DECODER, target: 'parseConfigList (src/git/config-snapshot.ts)', property: 'any output: no throw; written entries read back, last one wins, keys case-insensitive', runs: 400 },
    fc.tuple(fc.string(), fc.array(fc.tuple(fc.stringMatching(/^[a-zA-Z][a-zA-Z0-9-]{0,8}\.[a-zA-Z][a-zA-Z0-9-]{0,8}$/), fc.option(fc.string().filter((v) => !v.includes('\0')))), { maxLength: 8 })),
    ([junk, entries]) => {
      const any = parseConfigList(junk);
      for (const key of [junk, junk.split('\n')[0] ?? '', 'aisess.redact.pattern', '__proto__']) {
        assert.ok(Array.isArray(any.getAll(key)));
        any.get(key);
      }
      const out = entries.map(([k, v]) => (v === null ? `${k}\0` : `${k}\n${v}\0`)).join('');
      const config = parseConfigList(out);
      for (const [key] of entries) {
        const values = entries.filter(([k]) => k.toLowerCase() === key.toLowerCase()).map(([, v]) => v ?? 'true');
        assert.deepEqual(config.getAll(key.toUpperCase()), values);
        assert.equal(config.get(key), values.at(-1));
      }
    }),
];
