/**
 * Runs the built CLI under /usr/bin/time and returns what it printed plus its peak resident set
 * size: the memory caps of the hostile-note tests are about the whole process a reader starts.
 */
import { spawnSync, type SpawnSyncOptions } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { cliArgv } from './cli.js';

export interface MeasuredRun {
  status: number | null;
  stdout: string;
  stderr: string;
  /** Peak RSS of the CLI process, in KB (GNU time's %M). */
  rssKb: number;
  /** Wall time of the whole run, in milliseconds. */
  ms: number;
}

export function measuredCli(args: string[], opts: Pick<SpawnSyncOptions, 'cwd' | 'env' | 'timeout'>): MeasuredRun {
  const dir = mkdtempSync(join(tmpdir(), 'aisess-time-'));
  try {
    const file = join(dir, 'rss');
    const [node, argv] = cliArgv(args);
    const started = process.hrtime.bigint();
    const r = spawnSync('/usr/bin/time', ['-f', '%M', '-o', file, node, ...argv], {
      timeout: 120_000, ...opts, encoding: 'utf8', maxBuffer: 1 << 30,
    });
    const ms = Number(process.hrtime.bigint() - started) / 1e6;
    if (r.error) throw r.error;
    // time(1) writes "Command exited with non-zero status N" before the figure when the CLI fails.
    const rssKb = Number(readFileSync(file, 'utf8').trim().split('\n').pop());
    return { status: r.status, stdout: r.stdout, stderr: r.stderr, rssKb, ms };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
