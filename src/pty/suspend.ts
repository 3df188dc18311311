/**
 * Ctrl-Z for agents that leave SUSP to the kernel. The agent leads its own session and its parent
 * (aisess) is outside it, so its process group is orphaned and the kernel discards the SIGTSTP the
 * line discipline sends (POSIX; Linux get_signal()). Without aisess the agent would stop, so aisess
 * stops it with SIGSTOP (never discarded) when the agent neither catches nor ignores SIGTSTP.
 */
import { readStatus } from '../os/procfs.js';
import { stty } from '../os/stty.js';

const ISIG = 0x1;
const VSUSP = 10;
const SUSP_KEY = 0x1a;
const SIGTSTP_BIT = 1n << 19n;

/** Pure: whether `stty -g` output says SUSP (Ctrl-Z) makes the line discipline send SIGTSTP. */
export function suspendKeyActive(sttyG: string): boolean {
  const fields = sttyG.trim().split(':').map((f) => parseInt(f, 16));
  const lflag = fields[3];
  const susp = fields[4 + VSUSP];
  return lflag !== undefined && (lflag & ISIG) !== 0 && susp === SUSP_KEY;
}

/** Pure: whether /proc/<pid>/status says SIGTSTP is caught or ignored (the program handles Ctrl-Z). */
export function handlesSigtstp(status: string): boolean {
  for (const name of ['SigCgt', 'SigIgn']) {
    const hex = new RegExp(`^${name}:\\s*([0-9a-f]+)`, 'm').exec(status)?.[1];
    if (hex && (BigInt(`0x${hex}`) & SIGTSTP_BIT) !== 0n) return true;
  }
  return false;
}

/** Whether aisess should stop the agent itself after the user typed Ctrl-Z. */
export async function shouldStopForSusp(pid: number, pts: string): Promise<boolean> {
  const [saved, status] = await Promise.all([stty(pts, ['-g']), readStatus(pid)]);
  return saved !== undefined && status !== undefined && suspendKeyActive(saved) && !handlesSigtstp(status);
}
