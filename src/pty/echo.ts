/**
 * Whether keys typed now would be hidden on the terminal: the program in the pty reads lines with
 * echo off, as `read -s`, sudo, ssh and getpass() do for a password. Such keys are never journalled.
 *
 * node-pty does not expose termios, so this asks `stty -g` on the pty (Linux answers a master's
 * tcgetattr with the slave's termios). A synchronous child costs about 1.5 ms; it runs only with
 * --capture-input, once per key batch, just before the keys are written, so it sees the state the
 * line discipline will echo them under (a cached answer could miss a prompt that just began).
 */
import { localFlags, sttySync } from '../os/stty.js';

/** termios c_lflag bits (Linux). */
const ECHO = 0o10;
const ICANON = 0o2;

/** The pty's c_lflag, or undefined when it cannot be read (the pty is gone, no stty). */
export function readLocalFlags(fd: number): number | undefined {
  const saved = sttySync(fd, ['-g'], 1000);
  return saved === undefined ? undefined : localFlags(saved);
}

/**
 * Hidden: line mode with echo off (a password prompt). A raw-mode program (a TUI) turns echo off
 * too but draws what it takes itself, so its keys stay recordable. Unknown counts as hidden: the
 * state cannot be told, and a password prompt may be on screen.
 */
export function keysHidden(lflag: number | undefined): boolean {
  return lflag === undefined || ((lflag & ECHO) === 0 && (lflag & ICANON) !== 0);
}
