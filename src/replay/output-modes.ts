/**
 * Output post-processing of the terminal stdout is on. A recording holds the bytes the user's
 * terminal got from the shim, which turns OPOST off (as cfmakeraw and script(1) do); replaying them
 * with ONLCR on would give a TUI's bare "\n" a "\r" and draw it wrong. So playback turns OPOST off
 * too, and puts the saved modes back afterwards.
 */
import { spawnSync } from 'node:child_process';

/** Turns OPOST off on the terminal behind `fd`; returns the function that restores its modes. */
export function rawOutput(fd: number): () => void {
  const saved = stty(fd, ['-g']);
  if (!saved || stty(fd, ['-opost']) === undefined) return () => {};
  let restored = false;
  return () => {
    if (restored) return;
    restored = true;
    stty(fd, [saved]);
  };
}

// stty acts on its stdin, so the terminal's fd is handed over as the child's stdin.
function stty(fd: number, args: string[]): string | undefined {
  const r = spawnSync('stty', args, { stdio: [fd, 'pipe', 'ignore'], encoding: 'utf8', timeout: 5000 });
  return r.status === 0 ? r.stdout.trim() : undefined;
}
