import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { describe, it } from 'node:test';
import type { SecretSample } from '../../fixtures/secrets/generate.js';
import { builtinRules, redactEvents, redactText, redactValue, type CastEvent } from '../../src/redact/index.js';
import { haystacks, injections, leaks } from './inject.js';

const samples: SecretSample[] = JSON.parse(readFileSync(new URL('../../fixtures/secrets/corpus.json', import.meta.url), 'utf8'));
const rules = builtinRules();

describe('secret corpus', () => {
  it('has at least 40 samples of 15 kinds', () => {
    assert.ok(samples.length >= 40);
    assert.ok(new Set(samples.map((s) => s.kind)).size >= 15);
  });

  for (const [way, inject] of Object.entries(injections)) {
    it(`no sample is findable after redaction: ${way}`, () => {
      const failed = samples.filter((s) => leaks(s.secret, haystacks(redactEvents(inject(s.text), rules).events)).length > 0);
      assert.deepEqual(failed.map((s) => `${s.kind}: ${s.text.slice(0, 60)}`), []);
    });
  }

  it('no sample is findable in an OSC title kept with keepOsc (the payload is redacted)', () => {
    const keep = builtinRules({ keepOsc: true });
    const failed = samples.filter((s) => leaks(s.secret, haystacks(redactEvents(injections.oscTitle!(s.text), keep).events)).length > 0);
    assert.deepEqual(failed.map((s) => s.kind), []);
  });

  it('a secret split across two chunks at every position is caught', () => {
    for (const s of samples.filter((_, i) => i % 6 === 0)) {
      const line = `${s.text.replaceAll('\n', '\r\n')}\r\n`;
      for (let at = 1; at < line.length; at++) {
        const events: CastEvent[] = [[0, 'o', line.slice(0, at)], [0.05, 'o', line.slice(at)]];
        const out = redactEvents(events, rules);
        assert.deepEqual(leaks(s.secret, haystacks(out.events)), [], `${s.kind} split at ${at}`);
        assert.equal(out.events[0]![0], 0);
        assert.equal(out.events[1]![0], 0.05);
      }
    }
  });

  it('plain text and JSON values: every sample redacted, findings carry no secret', () => {
    for (const s of samples) {
      const text = redactText(`before\n${s.text}\nafter`, rules);
      assert.deepEqual(leaks(s.secret, [text.text]), [], s.kind);
      assert.ok(text.text.startsWith('before\n') && text.text.endsWith('\nafter'));
      const value = redactValue({ lines: [{ content: s.text }], n: 1 }, rules);
      assert.deepEqual(leaks(s.secret, [JSON.stringify(value.value), value.value.lines[0]!.content]), [], s.kind);
      assert.ok(!JSON.stringify([text.findings, value.findings]).includes(s.secret));
    }
  });

  it('names the kind in the marker', () => {
    const sample = samples.find((s) => s.kind === 'github-token')!;
    assert.match(redactText(sample.text, rules).text, /\[REDACTED:github-token\]/);
  });
});
