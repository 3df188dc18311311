/**
 * The bundled demo: a fake Claude Code records a short session in a throw-away repository, the
 * result is committed, and aisess shows what it kept. Everything runs through the real CLI.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { delimiter, join } from 'node:path';
import { waitForBinders } from '../bind/in-flight.js';

export interface DemoStep {
  title: string;
  argv: string[];
}

/** The steps, as data: what the demo will run, in order (the CLI entry is argv[0] after node). */
export function planDemo(entry: string): DemoStep[] {
  const cli = (...args: string[]) => [process.execPath, entry, ...args];
  return [
    { title: 'Recording a fake Claude Code session (it writes two files)', argv: cli('run', 'claude', '--auto') },
    { title: 'Committing what the agent wrote', argv: ['git', 'commit', '-q', '-m', 'demo: greeting module'] },
    { title: 'aisess sessions', argv: cli('sessions') },
    { title: 'aisess log', argv: cli('log') },
    { title: 'aisess show HEAD', argv: cli('show', 'HEAD') },
    { title: 'aisess replay --last --speed 4 --idle-limit 0.3', argv: cli('replay', '--last', '--speed', '4', '--idle-limit', '0.3') },
  ];
}

export function makeDemoRepo(): string {
  const dir = mkdtempSync(join(tmpdir(), 'aisess-demo-'));
  const git = (...args: string[]) => spawnSync('git', args, { cwd: dir, stdio: 'ignore' });
  git('init', '-q', '-b', 'main');
  git('config', 'user.name', 'aisess demo');
  git('config', 'user.email', 'demo@aisess.invalid');
  writeFileSync(join(dir, 'README.md'), '# demo\n');
  git('add', '-A');
  git('commit', '-q', '-m', 'initial');
  return dir;
}

/** Runs the steps in the user's terminal; returns the first failing step's exit code, or 0. */
export async function runDemo(steps: DemoStep[], repo: string, fixturesAgents: string, say: (line: string) => void): Promise<number> {
  const env: NodeJS.ProcessEnv = { ...process.env, PATH: `${fixturesAgents}${delimiter}${process.env.PATH ?? ''}` };
  delete env.AISESS_SESSION;
  // The fake agent writes a transcript in Claude Code's format there, so `show` has prompts and tools;
  // inside .git it never shows up as a change of the working tree.
  env.CLAUDE_CONFIG_DIR = join(repo, '.git', 'demo-claude-config');
  for (const step of steps) {
    say(`\n\x1b[1m== ${step.title}\x1b[0m`);
    if (step.argv[0] === 'git') spawnSync('git', ['add', '-A'], { cwd: repo, stdio: 'ignore' });
    const [file, ...args] = step.argv;
    const r = spawnSync(file!, args, { cwd: repo, env, stdio: 'inherit' });
    if (r.status !== 0) {
      say(`demo step failed (${step.title}): exit ${r.status ?? r.signal}`);
      return r.status ?? 1;
    }
    // The commit hook binds in the background; the next steps read what it wrote.
    if (step.argv[0] === 'git') await waitForBinders(join(repo, '.git', 'aisess'));
  }
  say(`\nThe demo repository is kept at ${repo}: cd there and try \`aisess replay --last\` or \`aisess show HEAD\`.`);
  return 0;
}
