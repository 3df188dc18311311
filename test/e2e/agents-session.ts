/**
 * The agents e2e tests on the one harness (helpers/scenario.ts): `aisess run <agent>` playing a
 * script with the fake's own flags and staying open, commits made from outside, and the live
 * binder's note waited for.
 */
import assert from 'node:assert/strict';
import { runCli } from '../helpers/cli.js';
import { git } from '../helpers/git.js';
import { noteText, sandbox, scenarioRepo } from '../helpers/scenario.js';
import { cliInTerminal, type OuterTerminal } from '../helpers/term.js';

export interface AgentsWorld {
  repo: string;
  env: Record<string, string>;
  cleanup(): void;
}

/** A sandbox and a repository holding a README. */
export function agentsWorld(): AgentsWorld {
  const sb = sandbox();
  const repo = scenarioRepo({ 'README.md': 'hi\n' });
  return { repo: repo.path, env: sb.env, cleanup: () => (repo.cleanup(), sb.cleanup()) };
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
export async function waitForNote(w: AgentsWorld, commit: string, records = 1): Promise<void> {
  await noteText({ env: w.env }, w.repo, commit, records);
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
