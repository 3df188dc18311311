/**
 * Runs the agent without a pty, stdio inherited: the fallback when there is no terminal to shim,
 * when recording is off, or inside another aisess session. aisess stays out of the way.
 */
import { spawn } from 'node:child_process';
import type { ExitStatus } from '../journal/events.js';

export interface DirectOptions {
  file: string;
  /** argv[0] as the agent should see it (the name the user typed). */
  argv0: string;
  args: string[];
  env: NodeJS.ProcessEnv;
  cwd: string;
}

/** Keyboard signals reach the agent from the terminal itself; aisess must survive them. */
const KEYBOARD: NodeJS.Signals[] = ['SIGINT', 'SIGQUIT'];
/** Signals sent to aisess alone: passed on to the agent. */
const FORWARDED: NodeJS.Signals[] = ['SIGTERM', 'SIGHUP'];

export function runDirect(opts: DirectOptions): Promise<ExitStatus> {
  return new Promise((resolve, reject) => {
    const child = spawn(opts.file, opts.args, {
      argv0: opts.argv0, env: opts.env, cwd: opts.cwd, stdio: 'inherit',
    });
    const ignore = (): void => {};
    const forward = (signal: NodeJS.Signals): void => {
      child.kill(signal);
    };
    for (const s of KEYBOARD) process.on(s, ignore);
    for (const s of FORWARDED) process.on(s, forward);
    const cleanup = (): void => {
      for (const s of KEYBOARD) process.off(s, ignore);
      for (const s of FORWARDED) process.off(s, forward);
    };
    child.on('error', (err) => {
      cleanup();
      reject(err);
    });
    child.on('exit', (code, signal) => {
      cleanup();
      resolve(signal ? { signal } : { code: code ?? 0 });
    });
  });
}
