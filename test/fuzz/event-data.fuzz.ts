/**
 * aisess's own journal events (src/journal/event-data.ts): the decoders every reader uses, on the
 * real `aisess.*` events of fixtures/real journals, damaged. Documented: they never throw, damaged
 * data is null, and the order of keys does not matter.
 */
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import fc from 'fast-check';
import { agentData, agentKind, commitData, eventAgo, pauseData, recoveredData, withPaths, worktreeData } from '../../src/journal/event-data.js';
import type { JournalEvent } from '../../src/journal/events.js';
import { damaged, damagedJson } from './mutate.js';
import { trial, type Trial } from './trial.js';

const realDir = join(import.meta.dirname, '..', '..', 'fixtures', 'real');
const own = readdirSync(realDir, { recursive: true, encoding: 'utf8' })
  .filter((f) => /journals\/\d+\.jsonl$/.test(f))
  .flatMap((f) => readFileSync(join(realDir, f), 'utf8').split('\n').slice(1).filter((l) => l.includes('"aisess.')))
  .map((l) => JSON.parse(l) as [number, string, string])
  .filter(([, code, data]) => code.startsWith('aisess.') && data.startsWith('{'));
const CODES = [...new Set(own.map(([, code]) => code)), 'aisess.pause', 'aisess.recovered'];

const data = fc.constantFrom(...own.map(([, , d]) => d));
const event: fc.Arbitrary<JournalEvent> = fc.tuple(
  fc.constantFrom(...CODES),
  fc.oneof(data, damagedJson(data, 3), damaged(data), fc.json(), fc.constantFrom('{"paused":true}', '{"paused":1e400}', '{"reason":"x","damage":[]}', 'null')),
).map(([code, d]) => ({ time: 1, code, data: d }));

/** Every decoder's reading of an event (fresh copies: the decoders remember what they saw per event). */
function readings(e: JournalEvent): unknown[] {
  const f = () => ({ ...e });
  return [agentData(f()), agentKind(f()), worktreeData(f()), commitData(f()), pauseData(f()), recoveredData(f()), eventAgo(f())];
}

/** The same JSON object with its keys in reverse order (data that is no object stays as it is). */
function reordered(text: string): string {
  try {
    const v = JSON.parse(text) as unknown;
    if (v === null || typeof v !== 'object' || Array.isArray(v)) return text;
    return JSON.stringify(Object.fromEntries(Object.entries(v).reverse()));
  } catch {
    return text;
  }
}

export const trials: Trial[] = [
  trial({ decoder: 'journal event data', target: 'agentData, worktreeData, commitData, pauseData, recoveredData, eventAgo (src/journal/event-data.ts)', property: 'damaged aisess.* data: no throw; what decodes has its fields typed; key order does not matter', runs: 400 },
    event, (e) => {
      const [agent, kind, worktree, commit, pause, recovered, ago] = readings(e) as [
        ReturnType<typeof agentData>, ReturnType<typeof agentKind>, ReturnType<typeof worktreeData>, ReturnType<typeof commitData>,
        ReturnType<typeof pauseData>, ReturnType<typeof recoveredData>, ReturnType<typeof eventAgo>];
      assert.equal(kind, agent?.kind ?? null);
      for (const p of worktree?.paths ?? []) assert.ok(typeof p.path === 'string' && p.path !== '' && typeof p.status === 'string' && (p.blob === null || typeof p.blob === 'string'));
      if (commit) assert.ok([commit.commit, commit.tree, commit.ref].every((s) => typeof s === 'string') && commit.parents.every((p) => typeof p === 'string'));
      if (pause) assert.ok(typeof pause.paused === 'boolean' || Number.isFinite(pause.paused));
      if (recovered) assert.equal(typeof recovered.reason, 'string');
      assert.ok(ago === undefined || Number.isFinite(ago));
      assert.deepEqual(readings({ ...e, data: reordered(e.data) }), readings(e));
    }),

  trial({ decoder: 'journal event data', target: 'withPaths (src/journal/event-data.ts)', property: 'damaged worktree data: no throw; the result keeps only the asked paths and decodes as before', runs: 300 },
    fc.tuple(event.map((e) => ({ ...e, code: 'aisess.worktree' })), fc.array(fc.string({ maxLength: 12 }), { maxLength: 4 })), ([e, extra]) => {
      const before = worktreeData({ ...e });
      const keep = new Set([...(before?.paths ?? []).filter((_, i) => i % 2 === 0).map((p) => p.path), ...extra]);
      const after = worktreeData(withPaths({ ...e }, keep));
      if (before === null) return;
      assert.deepEqual(after?.paths, before.paths.filter((p) => keep.has(p.path)));
    }),
];
