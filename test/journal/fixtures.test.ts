import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, test } from 'node:test';
import { build, fixtures } from '../../fixtures/journal/generate.js';
import { readJournal } from '../../src/journal/reader.js';
import { fixturesDir } from '../helpers/cli.js';
import { tempDir } from '../helpers/git.js';
import { record } from './helpers.js';

/** An independent check of the asciicast v3 text, as a player would read it. */
function parseAsciicastV3(text: string): { header: Record<string, unknown>; events: [number, string, string][] } {
  const [first, ...rest] = text.split('\n');
  assert.equal(rest.pop(), '', 'ends with a newline');
  const header = JSON.parse(first!) as Record<string, unknown> & { term: { cols: unknown; rows: unknown } };
  assert.equal(header.version, 3);
  assert.ok(Number.isInteger(header.term.cols) && Number.isInteger(header.term.rows));
  const events = rest.map((line, i) => {
    const e = JSON.parse(line) as unknown;
    assert.ok(Array.isArray(e) && e.length === 3, `line ${i + 2} is a 3-element array`);
    assert.ok(typeof e[0] === 'number' && e[0] >= 0 && typeof e[1] === 'string' && typeof e[2] === 'string', `line ${i + 2}: ${line}`);
    return e as [number, string, string];
  });
  return { header, events };
}

describe('fixture journals', () => {
  for (const name of Object.keys(fixtures)) {
    const path = join(fixturesDir, 'journal', name);

    test(`${name} is what fixtures/journal/generate.ts builds`, () => {
      assert.ok(readFileSync(path).equals(build(name)), 'regenerate with: node --import tsx fixtures/journal/generate.ts');
    });

    test(`${name} reads back to its events`, async () => {
      const j = await readJournal(path);
      assert.deepEqual(j.header, fixtures[name]!.header);
      assert.deepEqual(j.events, fixtures[name]!.batches.flat());
      assert.equal(j.complete, true);
      assert.deepEqual(j.damage, []);
    });

    test(`zstd -dc ${name} is a valid asciicast v3`, () => {
      const cast = parseAsciicastV3(execFileSync('zstd', ['-dc', path], { encoding: 'utf8' }));
      assert.equal(cast.events.length, fixtures[name]!.batches.flat().length);
      assert.deepEqual(cast.events.at(-1)?.slice(1), ['x', '0']);
    });
  }

  test('zstd -dc of a live recording is a valid asciicast v3', async (t) => {
    const dir = tempDir();
    t.after(() => dir.cleanup());
    const { rec } = record(join(dir.path, 'state'), dir.path, { captureInput: true });
    rec.output('\u001b[31mred ✓\u001b[0m\r\n');
    rec.input('q');
    rec.resize(90, 30);
    rec.marker('m');
    rec.event('aisess.agent', { kind: 'answer', text: 'a' });
    await rec.close({ code: 0 });
    const cast = parseAsciicastV3(execFileSync('zstd', ['-dc', (await rec.ready)!], { encoding: 'utf8' }));
    assert.deepEqual(cast.events.map((e) => e[1]), ['o', 'i', 'r', 'm', 'aisess.agent', 'x']);
    assert.equal((cast.header.aisess as { id: string }).id, rec.id);
  });
});
