import assert from 'node:assert/strict';
import { copyFileSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import { codexParser } from '../../src/agents/codex-parse.js';
import { plainOf, readCompressed, resumeTarget } from '../../src/agents/rollout-zst.js';
import { allRollouts, firstLine, firstLineCwd, withoutShadowed } from '../../src/agents/rollouts.js';
import { digest } from './summary.js';

const real = join(import.meta.dirname, '..', '..', 'fixtures', 'transcripts', 'codex', 'compressed-0.169.jsonl.zst');

function withDay(run: (day: string, root: string) => void | Promise<void>) {
  return async () => {
    const root = mkdtempSync(join(tmpdir(), 'aisess-rollouts-'));
    const day = join(root, '2026', '11', '26');
    mkdirSync(day, { recursive: true });
    try {
      await run(day, root);
    } finally {
      rmSync(root, { recursive: true, force: true });
    }
  };
}

test('a rollout the real Codex 0.169 compressed reads end to end', () => {
  const text = readCompressed(real)?.toString('utf8') ?? '';
  const state = codexParser.init();
  const events = text.split('\n').filter(Boolean).flatMap((l) => codexParser.parseLine(l, state));
  const d = digest(events);
  assert.deepEqual([d.session, d.prompts, d.answers], ['01a249e4-5cf8-7361-b8d8-4a10b96cf0e5', ['Make a file', 'Another one'],
    ['Done: I created file1.txt.', 'Done: I created file2.txt.']]);
  assert.equal(state.problems, 0);
});

test('discovery lists compressed rollouts; a .zst beside its plain file is a leftover', withDay((day, root) => {
  const a = join(day, 'rollout-2026-11-26T10-00-00-a.jsonl');
  const b = join(day, 'rollout-2026-11-26T11-00-00-b.jsonl');
  for (const f of [a, `${a}.zst`, `${b}.zst`, join(day, 'notes.txt')]) writeFileSync(f, '');
  assert.deepEqual(allRollouts(root), [a, `${a}.zst`, `${b}.zst`]);
  assert.deepEqual(withoutShadowed(allRollouts(root)), [a, `${b}.zst`]);
}));

test('a compressed rollout: first line and cwd from inside, resumed at its plain name after its old bytes', withDay(async (day) => {
  const file = join(day, 'rollout-2026-12-06T05-47-12-01a249e4-5cf8-7361-b8d8-4a10b96cf0e5.jsonl.zst');
  copyFileSync(real, file);
  const text = readCompressed(file) as Buffer;
  assert.match(await firstLine(file) ?? '', /^\{"timestamp":"[^"]+","ordinal":0,"type":"session_meta"/);
  assert.equal(await firstLineCwd(file), '/tmp/cxm/t2/repo');
  const target = resumeTarget(file);
  assert.deepEqual({ ...target, head: target?.head?.slice(0, 40) },
    { file: plainOf(file), offset: text.length, head: (await firstLine(file))?.slice(0, 40) });
}));

test('a plain rollout resumes at its size; an unreadable .zst is no target and has no first line', withDay(async (day) => {
  const plain = join(day, 'rollout-x.jsonl');
  writeFileSync(plain, '{"type":"session_meta","payload":{"cwd":"/w"}}\n');
  assert.deepEqual(resumeTarget(plain), { file: plain, offset: readFileSync(plain).length });
  const bad = join(day, 'rollout-y.jsonl.zst');
  writeFileSync(bad, 'not zstd at all');
  assert.equal(resumeTarget(bad), null);
  assert.equal(await firstLine(bad), undefined);
  assert.equal(resumeTarget(join(day, 'gone.jsonl')), null);
}));
