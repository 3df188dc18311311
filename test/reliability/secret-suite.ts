/**
 * The secret corpus as a reliability suite (scripts/reliability.ts): every sample of
 * fixtures/secrets/corpus.json, wrapped every way a program wraps (test/redact/wraps.ts), carried as
 * a raw stream, cursor-drawn rows, a transcript event, screen text and a transcript value, redacted,
 * then searched with lines joined and borders stripped: nothing of it, no 12-character piece, may be
 * found. Also the false-positive rate on the innocent corpus, plain and wrapped.
 */
import { readFileSync } from 'node:fs';
import type { SecretSample } from '../../fixtures/secrets/generate.js';
import { builtinRules, createRedactor, redactValue } from '../../src/redact/index.js';
import type { Suite } from '../../scripts/reliability/suite.js';
import { innocentLines } from '../redact/innocent.js';
import { carriers, findable, transcriptLine, wraps } from '../redact/wraps.js';

const COLS = 120;

export function secretSuite(): Suite {
  return {
    name: 'secret corpus (program-wrapped, boxed, folded, split)',
    async run() {
      const samples: SecretSample[] = JSON.parse(readFileSync(new URL('../../fixtures/secrets/corpus.json', import.meta.url), 'utf8'));
      const rules = builtinRules();
      let cases = 0;
      const leaks: string[] = [];
      for (const s of samples) {
        for (const [name, wrap] of Object.entries(wraps)) {
          const rows = wrap(s.text, s.secret);
          for (const [way, carry] of Object.entries(carriers)) {
            cases++;
            const data = createRedactor(rules, { cols: COLS }).events(carry(rows)).events.map((e) => e[2]);
            if (findable(s.secret, [data.join(''), ...data]).length > 0) leaks.push(`${s.kind} ${name} ${way}`);
          }
          const text = rows.join('\n');
          cases += 2;
          if (findable(s.secret, [createRedactor(rules, { cols: COLS }).text(text).text]).length > 0) leaks.push(`${s.kind} ${name} screen text`);
          if (findable(s.secret, [JSON.stringify(redactValue(JSON.parse(transcriptLine(text)), rules).value)]).length > 0) leaks.push(`${s.kind} ${name} transcript value`);
        }
      }
      const lines = innocentLines();
      const flagged = lines.filter((l) => createRedactor(rules).text(l.line).findings.length > 0).length;
      return {
        cases,
        held: leaks.length === 0,
        notes: [
          `${samples.length} secret samples (every kind the rules know) × ${Object.keys(wraps).length} wraps (${Object.keys(wraps).join(', ')}) × ${Object.keys(carriers).length + 2} carriers (${Object.keys(carriers).join(', ')}, screen text, transcript value).`,
          'Held means: after redaction, with lines joined and borders and indent stripped, no secret and no 12-character piece of one can be found.',
          leaks.length ? `Findable: ${leaks.slice(0, 20).join('; ')}${leaks.length > 20 ? ` and ${leaks.length - 20} more` : ''}.` : 'Findable after redaction: none.',
          `False positives on the innocent corpus (real code, hashes, UUIDs, base64, long identifiers): ${flagged} of ${lines.length} lines (${((100 * flagged) / lines.length).toFixed(3)} %).`,
        ],
      };
    },
  };
}
