import { spawnSync } from 'node:child_process';
import { chmodSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

export type ShellName = 'bash' | 'zsh' | 'fish';
export const shellNames: ShellName[] = ['bash', 'zsh', 'fish'];

/** How each shell is started without the user's own rc files, running `script`. */
export function shellArgv(shell: ShellName, script: string, opts: { interactive?: boolean } = {}): string[] {
  const i = opts.interactive ? ['-i'] : [];
  if (shell === 'bash') return ['bash', '--norc', '--noprofile', ...i, '-c', script];
  if (shell === 'zsh') return ['zsh', '-f', ...i, '-c', script];
  return ['fish', '--no-config', ...i, '-c', script];
}

export function runShell(argv: string[], env: NodeJS.ProcessEnv, cwd?: string): { status: number | null; stdout: string; stderr: string } {
  const [file, ...args] = argv;
  const r = spawnSync(file!, args, { env, cwd, encoding: 'utf8', timeout: 60_000, stdio: ['ignore', 'pipe', 'pipe'] });
  if (r.error) throw r.error;
  return { status: r.status, stdout: r.stdout, stderr: r.stderr };
}

export interface AgentReport {
  argv: string[];
  /** The command line of the process that started the agent, and of the one that started that. */
  parent: string[];
  grandparent: string[];
}

/**
 * Writes an executable `name` into dir that prints its argv and its two ancestors' command lines
 * as one JSON line (to tell "through aisess" from "direct"), then exits with $AGENT_EXIT.
 */
export function writeReportingAgent(dir: string, name: string): void {
  const file = join(dir, name);
  writeFileSync(file, `#!${process.execPath}
const { readFileSync } = require('node:fs');
const cmdline = (pid) => readFileSync('/proc/' + pid + '/cmdline', 'utf8').split('\\0').slice(0, -1);
const ppidOf = (pid) => Number(/^PPid:\\s*(\\d+)/m.exec(readFileSync('/proc/' + pid + '/status', 'utf8'))[1]);
console.log(JSON.stringify({ argv: process.argv.slice(2), parent: cmdline(process.ppid), grandparent: cmdline(ppidOf(process.ppid)) }));
process.exitCode = Number(process.env.AGENT_EXIT || 0);
`);
  chmodSync(file, 0o755);
}

/** The agent reports printed in stdout, in order. */
export function reports(stdout: string): AgentReport[] {
  return stdout.split('\n').filter((l) => l.startsWith('{"argv"')).map((l) => JSON.parse(l) as AgentReport);
}
