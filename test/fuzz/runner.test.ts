/** The fuzz runner's own guarantees: a hang or a dead worker fails one trial, not the run; a failure replays from its seed and path. */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { moduleUrl } from '../helpers/compiled.js';
import { runTrials } from './runner.js';

const registry = moduleUrl('./sample-trials.ts', import.meta.url).href;

test('a failing, a hanging and an exiting trial are each reported; the trials after them still run', async () => {
  const results = await runTrials({ registry, seed: 42, scale: 1, hangMs: 3000 });
  const by = new Map(results.map((r) => [r.property, r]));
  assert.deepEqual(results.map((r) => [r.property, r.held]), [
    ['holds', true], ['fails from 1000 on', false], ['hangs', false], ['exits the thread', false], ['holds after them', true],
  ]);
  assert.equal(by.get('holds')!.cases, 50);
  assert.equal(by.get('fails from 1000 on')!.failure!.counterexample, '[1000]', 'shrunk to the smallest failing input');
  assert.match(by.get('hangs')!.failure!.error, /no result after 3000 ms: a case hangs/);
  assert.match(by.get('exits the thread')!.failure!.error, /exited \(code 3\)/);
});

test('a failure replays from its seed and path alone', async () => {
  const [first] = await runTrials({ registry, seed: 7, scale: 1, only: 'fails from' });
  const path = first!.failure!.path!;
  assert.ok(path);
  const [again] = await runTrials({ registry, seed: 7, scale: 1, only: 'fails from', path });
  assert.equal(again!.held, false);
  assert.equal(again!.failure!.counterexample, first!.failure!.counterexample);
  assert.ok(again!.cases < first!.cases || again!.cases === 1, `replay ran ${again!.cases} cases`);
});
