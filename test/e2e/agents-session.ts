/**
 * Helpers for the agents e2e tests: a temp repository, fake agents first on PATH with their
 * transcript homes in temp dirs, `aisess run <agent>` in an outer terminal playing a script and
 * staying open, commits made from outside, and waits for the live binder's note.
 */
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { fixturesDir, runCli } from '../helpers/cli.js';
import { git, gitEnv, tempDir, tempRepo } from '../helpers/git.js';
import { cliInTerminal, type OuterTerminal } from '../helpers/term.js';

export interface AgentsWorld {
  repo: string;
  env: Record<string, string>;
  cleanup(): void;
}

export function agentsWorld(): AgentsWorld {
  const repo = tempRepo({ 'README.md': 'hi\n' });
  const homes = tempDir('aisess-agent-homes-');
  const env = {
    ...gitEnv,
    PATH: `${join(fixturesDir, 'agents')}:${process.env.PATH}`,
    CLAUDE_CONFIG_DIR: join(homes.path, 'claude'),
    CODEX_HOME: join(homes.path, 'codex'),
    HOME: homes.path,
    TZ: 'UTC',
  };
  return { repo: repo.path, env, cleanup: () => (repo.cleanup(), homes.cleanup()) };
}

/** `aisess run <agent> --script … --stay`: plays the steps and keeps running until Ctrl-D. */
export function runAgent(w: AgentsWorld, agent: 'claude' | 'codex', steps: unknown[]): OuterTerminal {
  return cliInTerminal(['run', agent, '--script', JSON.stringify(steps), '--speed', '2', '--stay'], { cwd: w.repo, env: w.env, cols: 100, rows: 30 });
}

/** Commits the given paths (only them) and returns the commit id. */
export function commitPaths(w: AgentsWorld, paths: string[], message: string): string {
  git(w.repo, ['add', '--', ...paths]);
  git(w.repo, ['commit', '-q', '-m', message, '--', ...paths]);
  return git(w.repo, ['rev-parse', 'HEAD']);
}

/** Waits until the note on `commit` holds `records` records (the live binder writes it in the background). */
export async function waitForNote(w: AgentsWorld, commit: string, records = 1, timeoutMs = 30_000): Promise<void> {
  const until = Date.now() + timeoutMs;
  for (;;) {
    const r = spawnSync('git', ['notes', '--ref=aisess', 'show', commit], { cwd: w.repo, encoding: 'utf8' });
    const lines = r.status === 0 ? r.stdout.split('\n').filter((l) => l.startsWith('# aisess ')).length : 0;
    if (lines >= records) return;
    if (Date.now() > until) assert.fail(`no note with ${records} record(s) on ${commit} after ${timeoutMs} ms (${lines} so far)`);
    await new Promise((r) => setTimeout(r, 200));
  }
}

export function aisess(w: AgentsWorld, args: string[]): string {
  const r = runCli(args, { cwd: w.repo, env: { ...process.env, ...w.env } });
  assert.equal(r.status, 0, `aisess ${args.join(' ')}: ${r.stderr}`);
  return r.stdout;
}

/** Quits the fake (Ctrl-D) and waits for aisess to exit 0. */
export async function quit(t: OuterTerminal): Promise<void> {
  t.write('\x04');
  assert.deepEqual(await t.exited, { code: 0 });
}
