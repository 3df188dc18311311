/**
 * The one way aisess talks to a terminal's line discipline: `stty`. Node exposes only raw mode,
 * not termios, so flags are read and set through the program on the terminal's fd (handed over as
 * its stdin) or by device path (`-F`). Failures give undefined: callers decide what an unknown
 * terminal state means (the echo check counts it as hidden).
 */
import { execFile, spawn, spawnSync } from 'node:child_process';

/** A terminal: an open fd, or a device path such as /dev/pts/3. */
export type TermTarget = number | string;

function argsFor(target: TermTarget, args: readonly string[]): { argv: string[]; stdin: number | 'ignore' } {
  return typeof target === 'number' ? { argv: [...args], stdin: target } : { argv: ['-F', target, ...args], stdin: 'ignore' };
}

/** Runs stty synchronously; its output (trimmed), or undefined when it failed. */
export function sttySync(target: TermTarget, args: readonly string[], timeoutMs = 5000): string | undefined {
  const { argv, stdin } = argsFor(target, args);
  try {
    const r = spawnSync('stty', argv, { stdio: [stdin, 'pipe', 'ignore'], encoding: 'utf8', timeout: timeoutMs });
    return r.status === 0 ? r.stdout.trim() : undefined;
  } catch {
    return undefined;
  }
}

/** Runs stty without blocking the event loop; resolves its output (trimmed), or undefined when it failed. */
export function stty(target: TermTarget, args: readonly string[]): Promise<string | undefined> {
  const { argv, stdin } = argsFor(target, args);
  if (typeof target === 'string') {
    return new Promise((resolve) => execFile('stty', argv, { encoding: 'utf8' }, (err, out) => resolve(err ? undefined : out.trim())));
  }
  return new Promise((resolve) => {
    const child = spawn('stty', argv, { stdio: [stdin, 'pipe', 'ignore'] });
    let out = '';
    child.stdout?.setEncoding('utf8').on('data', (d: string) => (out += d));
    child.on('error', () => resolve(undefined));
    child.on('close', (code) => resolve(code === 0 ? out.trim() : undefined));
  });
}

/** The local-mode flags (c_lflag) from `stty -g` output (GNU and busybox: iflag:oflag:cflag:lflag:… in hex). */
export function localFlags(sttyG: string): number | undefined {
  const field = sttyG.trim().split(':')[3];
  return field !== undefined && /^[0-9a-f]+$/i.test(field) ? parseInt(field, 16) : undefined;
}
