/**
 * Runs `<program> --version` and never waits long: the program runs in its own process group, and
 * at the deadline the whole group is killed and whatever it printed is used (an agent that starts
 * its TUI instead, or leaves a child holding the pipe, costs the deadline and no more).
 */
import { spawn } from 'node:child_process';

export type ProbeResult =
  | { ok: true; output: string }
  | { ok: false; reason: string };

const MAX_OUTPUT = 4096;

export function probeVersion(file: string, args: readonly string[], timeoutMs: number, env: NodeJS.ProcessEnv = process.env): Promise<ProbeResult> {
  return new Promise((resolve) => {
    let output = '';
    let exit: { code: number | null; signal: NodeJS.Signals | null } | null = null;
    let done = false;
    const child = spawn(file, args, { stdio: ['ignore', 'pipe', 'pipe'], detached: true, env });
    const finish = (r: ProbeResult): void => {
      if (done) return;
      done = true;
      clearTimeout(timer);
      if (exit === null && child.pid !== undefined) {
        try {
          process.kill(-child.pid, 'SIGKILL');
        } catch {}
      }
      child.stdout.destroy();
      child.stderr.destroy();
      child.unref();
      resolve(r);
    };
    const settle = (): void => {
      const text = output.trim();
      if (exit?.code === 0 && text) finish({ ok: true, output: text });
      else if (exit === null) finish({ ok: false, reason: `did not answer within ${timeoutMs / 1000} s` });
      else finish({ ok: false, reason: exit.signal ? `was killed by ${exit.signal}` : `exited with ${exit.code}${text ? `: ${text.split('\n')[0]}` : ''}` });
    };
    const timer = setTimeout(settle, timeoutMs);
    const take = (b: Buffer): void => {
      if (output.length < MAX_OUTPUT) output += b.toString('utf8');
    };
    child.stdout.on('data', take);
    child.stderr.on('data', take);
    child.on('error', (err) => finish({ ok: false, reason: err.message }));
    child.on('exit', (code, signal) => {
      exit = { code, signal };
    });
    child.on('close', settle);
  });
}
