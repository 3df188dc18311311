/**
 * Output post-processing of the terminal stdout is on. A recording holds the bytes the user's
 * terminal got from the shim, which turns OPOST off (as cfmakeraw and script(1) do); replaying them
 * with ONLCR on would give a TUI's bare "\n" a "\r" and draw it wrong. So playback turns OPOST off
 * too, and puts the saved modes back afterwards.
 */
import { sttySync } from '../os/stty.js';

/** Turns OPOST off on the terminal behind `fd`; returns the function that restores its modes. */
export function rawOutput(fd: number): () => void {
  const saved = sttySync(fd, ['-g']);
  if (!saved || sttySync(fd, ['-opost']) === undefined) return () => {};
  let restored = false;
  return () => {
    if (restored) return;
    restored = true;
    sttySync(fd, [saved]);
  };
}
