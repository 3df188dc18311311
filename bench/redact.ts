/**
 * Redaction variants side by side: secretlint's recommended preset alone, aisess's own rules alone,
 * both (the default), the screen filter that runs before them, and @secretlint/core's async lintSource
 * for reference. Prints speed over a
 * terminal stream (MB/s), the share of the secret corpus redacted without a trace, and the share
 * of innocent lines flagged. Run: node --import tsx bench/redact.ts [MB]
 */
import { lintSource } from '@secretlint/core';
import { creator as preset } from '@secretlint/secretlint-rule-preset-recommend';
import { readFileSync } from 'node:fs';
import type { SecretSample } from '../fixtures/secrets/generate.js';
import { builtinRules, redactEvents, redactText, type CastEvent, type Rules } from '../src/redact/index.js';
import { filterCastEvents } from '../src/term/screen-filter.js';
import { innocentLines } from '../test/redact/innocent.js';
import { leaks } from '../test/redact/inject.js';

const samples: SecretSample[] = JSON.parse(readFileSync(new URL('../fixtures/secrets/corpus.json', import.meta.url), 'utf8'));
const innocent = innocentLines();
const megabytes = Number(process.argv[2] ?? 4);

function stream(): CastEvent[] {
  const events: CastEvent[] = [];
  let size = 0;
  for (let i = 0; size < megabytes * 1e6; i++) {
    const line = innocent[i % innocent.length]!.line.slice(0, 300);
    const data = `\x1b[${(i % 24) + 1};1H\x1b[2K\x1b[38;5;${i % 255}m${line}\x1b[0m\r\n`;
    events.push([i / 100, 'o', data]);
    size += data.length;
  }
  return events;
}

const variants: { name: string; rules: Rules }[] = [
  { name: 'secretlint preset', rules: builtinRules({ without: ['formats', 'assignments', 'entropy'] }) },
  { name: 'own formats', rules: builtinRules({ without: ['secretlint', 'assignments', 'entropy'] }) },
  { name: 'own formats+assign+entropy', rules: builtinRules({ without: ['secretlint'] }) },
  { name: 'all (default)', rules: builtinRules() },
];

const events = stream();
const bytes = events.reduce((n, e) => n + e[2].length, 0);
console.log(`stream: ${(bytes / 1e6).toFixed(1)} MB in ${events.length} chunks; corpus: ${samples.length} secrets, ${innocent.length} innocent lines`);
console.log(['variant'.padEnd(28), 'MB/s'.padStart(7), 'detected'.padStart(9), 'FP lines'.padStart(9)].join(' '));
for (const v of variants) {
  const t0 = performance.now();
  redactEvents(events, v.rules);
  const mbs = bytes / 1e6 / ((performance.now() - t0) / 1000);
  const detected = samples.filter((s) => leaks(s.secret, [redactText(s.text, v.rules).text]).length === 0).length;
  const fp = innocent.filter((l) => redactText(l.line, v.rules).findings.length > 0).length;
  console.log([v.name.padEnd(28), mbs.toFixed(1).padStart(7), `${detected}/${samples.length}`.padStart(9), `${((fp / innocent.length) * 100).toFixed(2)}%`.padStart(9)].join(' '));
}

// The screen filter every note's stream passes before redaction (src/term/screen-filter.ts), same stream.
const f0 = performance.now();
filterCastEvents(events);
console.log(['screen filter (before it)'.padEnd(28), (bytes / 1e6 / ((performance.now() - f0) / 1000)).toFixed(1).padStart(7)].join(' '));

// Reference: the library's own async entry point over the same text (detection only, no mapping).
const text = events.map((e) => e[2]).join('');
const config = { rules: [{ id: preset.meta.id, rule: preset }] };
const t0 = performance.now();
await lintSource({ source: { content: text, filePath: 'stream.txt', ext: '.txt', contentType: 'text' }, options: { config } as never });
const mbs = bytes / 1e6 / ((performance.now() - t0) / 1000);
const found = await Promise.all(samples.map((s) => lintSource({ source: { content: s.text, filePath: 's.txt', ext: '.txt', contentType: 'text' }, options: { config } as never })));
console.log([`@secretlint/core lintSource`.padEnd(28), mbs.toFixed(1).padStart(7), `${found.filter((r) => r.messages.length > 0).length}/${samples.length}`.padStart(9), '(any hit)'.padStart(9)].join(' '));
