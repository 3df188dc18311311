/**
 * A session metadata file that is damaged or inconsistent (status 'running' with no owner,
 * unparsable JSON, fields missing) never crashes the readers: `sessions` lists it as damaged and
 * goes on with the rest, `replay` of it says what is wrong with exit 65 (badData) and where the
 * recording is, the sound sessions still play, and nothing in the store is changed or lost.
 */
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { copyFileSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { ExitCode } from '../../src/cli/errors.js';
import { cliArgv, runCli } from '../helpers/cli.js';
import { gitEnv, tempRepo } from '../helpers/git.js';
import { recordSession } from '../replay/sample-session.js';

const env = { ...process.env, ...gitEnv };

function replay(cwd: string, args: string[]): { status: number | null; stdout: Buffer; stderr: string } {
  const [file, argv] = cliArgv(['replay', '--instant', ...args]);
  const r = spawnSync(file, argv, { cwd, env, timeout: 60_000 });
  return { status: r.status, stdout: r.stdout, stderr: r.stderr.toString() };
}

const BROKEN = '29990101-000000-ffffff';

const cases: { name: string; meta: (sound: Record<string, unknown>) => string; problem: RegExp }[] = [
  {
    name: "status 'running' and no owner",
    meta: (s) => JSON.stringify({ ...s, id: BROKEN, journal: `${BROKEN}.cast.zst`, status: 'running', endedAt: null, exit: null, owner: undefined }),
    problem: /status 'running' with no valid owner/,
  },
  { name: 'unparsable JSON', meta: (s) => JSON.stringify({ ...s, id: BROKEN }).slice(0, 40), problem: /not valid JSON/ },
  {
    name: 'fields missing',
    meta: (s) => JSON.stringify({ ...s, id: BROKEN, startedAt: undefined, journal: undefined }),
    problem: /missing or invalid fields startedAt, journal|missing or invalid fields journal, startedAt/,
  },
];

for (const c of cases) {
  test(`a metadata file with ${c.name}: sessions lists it as damaged, replay says so (exit 65), nothing is lost`, async (t) => {
    const repo = tempRepo({ 'a.txt': 'a\n' });
    t.after(repo.cleanup);
    const rec = await recordSession(repo.path, [{ output: 'hello from the sound session\r\n' }]);
    const dir = join(repo.path, '.git', 'aisess', 'sessions');
    const sound = JSON.parse(readFileSync(join(dir, `${rec.id}.json`), 'utf8')) as Record<string, unknown>;
    const metaFile = join(dir, `${BROKEN}.json`);
    const journal = join(dir, `${BROKEN}.cast.zst`);
    writeFileSync(metaFile, c.meta(sound));
    copyFileSync(rec.path, journal);
    const before = new Map(readdirSync(dir).map((n) => [n, readFileSync(join(dir, n))]));

    const list = runCli(['sessions'], { cwd: repo.path, env });
    assert.equal(list.status, ExitCode.ok, list.stderr);
    const rows = list.stdout.split('\n');
    assert.ok(rows.some((l) => l.startsWith(rec.id)), `the sound session is listed:\n${list.stdout}`);
    assert.ok(rows.some((l) => l.startsWith(BROKEN) && /damaged/.test(l)), `the damaged one is listed as damaged:\n${list.stdout}`);
    assert.match(list.stderr, c.problem);
    assert.ok(list.stderr.includes(journal), list.stderr);

    const json = runCli(['sessions', '--json'], { cwd: repo.path, env });
    assert.equal(json.status, ExitCode.ok, json.stderr);
    const entries = JSON.parse(json.stdout) as { id: string; status: string; damage?: string }[];
    assert.deepEqual(entries.map((e) => [e.id, e.status]), [[rec.id, 'finished'], [BROKEN, 'damaged']]);
    assert.match(entries[1]!.damage!, c.problem);

    for (const args of [[BROKEN], [BROKEN.slice(0, 10)]]) {
      const r = replay(repo.path, args);
      assert.equal(r.status, ExitCode.badData, `${args.join(' ')}: ${r.stderr}`);
      assert.match(r.stderr, c.problem);
      assert.ok(r.stderr.includes(metaFile) && r.stderr.includes(journal), r.stderr);
      assert.doesNotMatch(r.stderr, /internal error|TypeError/);
      assert.equal(r.stdout.length, 0);
    }
    // The rest still plays: by id, and as the last session; the damaged one's recording by its path.
    for (const args of [[rec.id], [], [journal]]) {
      const r = replay(repo.path, args);
      assert.equal(r.status, ExitCode.ok, `${args.join(' ')}: ${r.stderr}`);
      assert.equal(r.stdout.toString(), rec.output);
    }
    const after = new Map(readdirSync(dir).map((n) => [n, readFileSync(join(dir, n))]));
    assert.deepEqual([...after.keys()].sort(), [...before.keys()].sort());
    for (const [name, bytes] of before) assert.ok(after.get(name)!.equals(bytes), `${name} is unchanged`);
  });
}
