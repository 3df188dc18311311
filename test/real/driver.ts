/**
 * Drives `aisess run <client> …` (the built dist/, as bin/aisess.js does) in a real pty, as a person
 * would: a headless xterm reads the screen, keys are typed, and the raw stream is kept.
 */
import xterm from '@xterm/headless';
import { cliInTerminal, type OuterTerminal } from '../helpers/term.js';
import { eventually, sleep } from '../helpers/wait.js';
import type { World } from './world.js';

export const COLS = 120;
export const ROWS = 40;

export interface Driver {
  term: OuterTerminal;
  /** The visible screen as text, rows joined by newlines. */
  screen(): string;
  waitScreen(pattern: RegExp, timeoutMs?: number): Promise<void>;
  /** Types text, then Enter a moment later (typed at once it could read as a paste). */
  type(text: string): Promise<void>;
  dispose(): Promise<void>;
}

export function drive(w: World, args: string[], [cols, rows]: readonly [number, number] = [COLS, ROWS]): Driver {
  const term = cliInTerminal(['run', ...args], { cwd: w.repo, env: w.env, cols, rows });
  const screen = new xterm.Terminal({ cols, rows, allowProposedApi: true });
  let fed = 0;
  const sync = async (): Promise<void> => {
    const buf = term.outputBuffer();
    if (buf.length === fed) return;
    const chunk = buf.subarray(fed);
    fed = buf.length;
    await new Promise<void>((resolve) => screen.write(chunk, resolve));
  };
  const text = (): string => {
    const b = screen.buffer.active;
    const lines: string[] = [];
    for (let y = 0; y < rows; y++) lines.push(b.getLine(b.viewportY + y)?.translateToString(true) ?? '');
    return lines.join('\n');
  };
  return {
    term,
    screen: text,
    async waitScreen(pattern, timeoutMs = 30_000) {
      const shown = await eventually(async () => (await sync(), text()), (t) => pattern.test(t), { timeoutMs, intervalMs: 100 });
      if (!pattern.test(shown)) throw new Error(`timed out waiting for ${pattern} on screen:\n${shown}`);
    },
    async type(keys) {
      term.write(keys);
      await sleep(400);
      term.write('\r');
    },
    async dispose() {
      await term.dispose();
      screen.dispose();
    },
  };
}


/** Waits for the TUI to take input: Claude shows its accept-edits footer; Codex its shortcuts hint, then needs ~2 s. */
export async function ready(d: Driver, client: 'claude' | 'codex'): Promise<void> {
  if (client === 'claude') return d.waitScreen(/accept/);
  await d.waitScreen(/shortcuts/);
  await sleep(2000);
}

/** Ends the TUI as a person does and waits for aisess to exit. */
export async function exitTui(d: Driver, client: 'claude' | 'codex'): Promise<unknown> {
  await d.type(client === 'claude' ? '/exit' : '/quit');
  return Promise.race([d.term.exited, sleep(20_000).then(() => 'timeout')]);
}
