/**
 * Notes are foreign input: a payload that expands to gigabytes, or JSON nested a hundred thousand
 * levels deep, is reported as a damaged record and skipped while the rest of the note shows.
 * `show`, `log` and `scan` stay under a memory cap (peak RSS of the CLI process, from /usr/bin/time)
 * and name each bad record; before, a 17 KB note made `show` use 3.1 GB and five bombs ran V8 out of memory.
 */
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import { compress } from 'zstd-napi';
import { z85Encode } from '../../src/notes/z85.js';
import { cliArgv } from '../helpers/cli.js';
import { git, gitEnv, tempRepo, writeTree } from '../helpers/git.js';
import { measuredCli } from '../helpers/measure.js';
import { zeroBomb } from '../helpers/zstd-bomb.js';
import { recordSteps } from '../history/record.js';

const env = { ...process.env, ...gitEnv, GIT_CEILING_DIRECTORIES: tmpdir(), TZ: 'UTC' };
const cleanups: (() => void)[] = [];
after(() => cleanups.forEach((c) => c()));
const GB = 1024 ** 3;
/** Peak RSS allowed to one CLI run: the 64 MB record cap plus node, far below the gigabytes of a bomb. */
const RSS_CAP_KB = 400 * 1024;

function measured(cwd: string, args: string[]) {
  return measuredCli(args, { cwd, env });
}

function payloadLine(id: string, zstd: Buffer, hash = '0'.repeat(16)): string {
  return `aisess2 ${id} ${hash} ${z85Encode(zstd)}`;
}

/** A well-formed envelope whose body nests `depth` arrays: valid zstd, right hash, hostile JSON. */
function nestedLine(id: string, depth: number): string {
  const json = `{"id":${JSON.stringify(id)},"summary":{"time":0,"agent":"x","durationMs":0,"title":"t","files":0},"body":${'['.repeat(depth)}${']'.repeat(depth)}}`;
  const bytes = Buffer.from(json);
  return payloadLine(id, compress(bytes), createHash('sha256').update(bytes).digest('hex').slice(0, 16));
}

describe('hostile note payloads', () => {
  let cwd = '';
  let recId = '';
  let short = '';
  before(async () => {
    const r = tempRepo({ 'a.txt': 'a0\n' });
    cleanups.push(r.cleanup);
    cwd = r.path;
    writeTree(cwd, { 'a.txt': 'a1\n' });
    const blob = git(cwd, ['hash-object', '-w', 'a.txt']);
    git(cwd, ['commit', '-qam', 'change 1']);
    short = git(cwd, ['rev-parse', 'HEAD']).slice(0, 12);
    const rec = await recordSteps(cwd, [{ output: 'one\r\n' }, { change: [{ path: 'a.txt', blob }] }, { output: 'two\r\n' }]);
    recId = rec.id;
    const [node, argv] = cliArgv(['attach', 'HEAD', '--session', rec.id]);
    assert.equal(spawnSync(node, argv, { cwd, env }).status, 0);
    const streamed = zeroBomb(2 * GB, false);
    const declared = zeroBomb(2 * GB, true);
    const bad = [
      payloadLine('bomb:0', streamed), payloadLine('bomb:1', streamed), payloadLine('bomb:2', streamed),
      payloadLine('bomb:declared', declared), nestedLine('deep:0', 100_000),
    ];
    const note = `${git(cwd, ['notes', '--ref=aisess', 'show', 'HEAD'])}\n${bad.join('\n')}\n`;
    assert.ok(note.length < 1024 * 1024, `the hostile note is ${note.length} bytes`);
    const file = join(cwd, '..', `${short}.note`);
    writeFileSync(file, note);
    cleanups.push(() => spawnSync('rm', ['-f', file]));
    git(cwd, ['notes', '--ref=aisess', 'add', '-f', '-F', file, 'HEAD']);
  });

  const DAMAGED = [
    /record bomb:0 \(note line \d+\): payload too large: it decompresses to more than the limit of 67108864 bytes \(aisess\.maxRecordBytes\)/,
    /record bomb:2 \(note line \d+\): payload too large/,
    /record bomb:declared \(note line \d+\): payload too large: it declares 2147483648 bytes, over the limit of 67108864/,
    /record deep:0 \(note line \d+\): payload JSON nests deeper than 256 levels/,
  ];

  test('show names each bad record as damaged, shows the good ones, stays small', () => {
    const r = measured(cwd, ['show', 'HEAD']);
    assert.equal(r.status, 0, r.stderr);
    assert.ok(r.rssKb < RSS_CAP_KB, `show peaked at ${r.rssKb} KB`);
    assert.match(r.stdout, new RegExp(`segment 1/2  .*${recId}:0`));
    assert.match(r.stdout, /│ two/);
    for (const re of DAMAGED) assert.match(r.stdout, new RegExp(`── damaged: ${re.source}`));
    assert.doesNotMatch(r.stdout + r.stderr, /call stack|out of memory|    at /);
    const json = measured(cwd, ['show', 'HEAD', '--json']);
    assert.equal(json.status, 0, json.stderr);
    assert.deepEqual(JSON.parse(json.stdout).problems.map((p: { recordId: string }) => p.recordId).sort(), ['bomb:0', 'bomb:1', 'bomb:2', 'bomb:declared', 'deep:0']);
  });

  test('log lists the commit without decoding any payload, stays small', () => {
    const r = measured(cwd, ['log', '--json']);
    assert.equal(r.status, 0, r.stderr);
    assert.ok(r.rssKb < RSS_CAP_KB, `log peaked at ${r.rssKb} KB`);
    assert.equal(JSON.parse(r.stdout)[0].commit.slice(0, 12), short);
  });

  test('scan scans the readable records and warns of each damaged one, stays small', () => {
    const r = measured(cwd, ['scan', 'HEAD']);
    assert.equal(r.status, 0, r.stderr);
    assert.ok(r.rssKb < RSS_CAP_KB, `scan peaked at ${r.rssKb} KB`);
    for (const re of DAMAGED) assert.match(r.stderr, new RegExp(`^aisess: warning: not scanned, damaged on ${short}: ${re.source}`, 'm'));
    assert.match(r.stderr, /0 findings in 2 parts/);
  });

  test('aisess.maxRecordBytes sets the cap: under it nothing is readable (exit 65); a bad value is one clear error', () => {
    git(cwd, ['config', 'aisess.maxRecordBytes', '100']);
    try {
      const r = measured(cwd, ['show', 'HEAD']);
      assert.equal(r.status, 65);
      assert.match(r.stderr, /^aisess: the aisess note on [0-9a-f]{12} is damaged: record .*: payload too large: it declares \d+ bytes, over the limit of 100 .*\(and 6 more\)$/m);
      git(cwd, ['config', 'aisess.maxRecordBytes', 'lots']);
      const bad = measured(cwd, ['show', 'HEAD']);
      assert.equal(bad.status, 65);
      assert.match(bad.stderr, /^aisess: git config aisess\.maxRecordBytes is 'lots': expected a positive size in bytes/m);
      assert.doesNotMatch(bad.stderr, /    at /);
    } finally {
      git(cwd, ['config', '--unset', 'aisess.maxRecordBytes']);
    }
    assert.equal(measured(cwd, ['show', 'HEAD']).status, 0);
  });
});
