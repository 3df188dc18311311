import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startRecording, type Recording, type RecordingOptions } from '../../src/store/recording.js';

/** A recording outside any repository, into `stateDir`, collecting warnings. */
export function record(stateDir: string, cwd: string, extra: Partial<RecordingOptions> = {}): { rec: Recording; warnings: string[] } {
  const warnings: string[] = [];
  const rec = startRecording({
    agent: 'generic', argv: ['sh'], cwd, term: { cols: 80, rows: 24 }, captureInput: false,
    env: { ...process.env, AISESS_STATE_DIR: stateDir, GIT_CEILING_DIRECTORIES: tmpdir() },
    onWarning: (m) => warnings.push(m),
    ...extra,
  });
  return { rec, warnings };
}

/** A fresh tmpfs (we run as root in CI). Mount failure fails the test: it is never skipped. */
export function mountTmpfs(options: string): { path: string; cleanup: () => void } {
  const path = mkdtempSync(join(tmpdir(), 'aisess-tmpfs-'));
  try {
    execFileSync('mount', ['-t', 'tmpfs', '-o', options, 'tmpfs', path], { stdio: 'pipe' });
  } catch (err) {
    rmdirSync(path);
    throw new Error(`cannot mount a tmpfs (${options}) at ${path}: this test needs root: ${(err as Error).message}`);
  }
  return {
    path,
    cleanup: () => {
      execFileSync('umount', [path], { stdio: 'pipe' });
      rmdirSync(path);
    },
  };
}
