import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, test } from 'node:test';
import { readObjects, streamObjects } from '../../src/git/cat-file.js';
import { createGitRunner } from '../../src/git/runner.js';
import { gitEnv, tempRepo } from '../helpers/git.js';

const repo = tempRepo({ 'a.txt': 'a\n' });
after(repo.cleanup);
/** Each text written as a blob, in one git process (one per text cost ~2 s of CPU for 500). */
function hashAll(texts: string[]): string[] {
  const dir = mkdtempSync(join(tmpdir(), 'aisess-blobs-'));
  try {
    const paths = texts.map((text, i) => {
      writeFileSync(join(dir, String(i)), text);
      return join(dir, String(i));
    });
    return execFileSync('git', ['hash-object', '-w', '--stdin-paths'], { cwd: repo.path, input: `${paths.join('\n')}\n`, env: { ...process.env, ...gitEnv }, encoding: 'utf8' }).trim().split('\n');
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

test('streamObjects hands each object over in the order asked, each id once, big ones whole, missing as null', async () => {
  const big = 'x'.repeat(300_000) + '\n';
  const texts = ['one\n', big, '', ...Array.from({ length: 500 }, (_, i) => `small ${i}\n`)];
  const ids = hashAll(texts);
  assert.equal(ids.length, texts.length);
  const missing = 'f'.repeat(40);
  const seen: [string, string | null][] = [];
  await streamObjects(createGitRunner(repo.path, gitEnv), [ids[0]!, missing, ...ids, ids[1]!], (id, data) => seen.push([id, data?.toString('utf8') ?? null]));
  assert.deepEqual(seen, [[ids[0]!, 'one\n'], [missing, null], ...ids.slice(1).map((id, i): [string, string] => [id, texts[i + 1]!])]);
  const map = await readObjects(createGitRunner(repo.path, gitEnv), [missing, ...ids]);
  assert.deepEqual([...map.keys()], ids);
  assert.equal(map.get(ids[1]!)!.toString('utf8'), big);
});
