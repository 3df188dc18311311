/** Pure: a doctor report as lines for people, one per check, the fix on the same line. */
import type { Check, DoctorReport } from './doctor.js';

const WIDTH = 'warning'.length;

export function checkLine(c: Check): string {
  return `${c.level.padEnd(WIDTH)}  ${c.id}: ${c.message}${c.fix ? ` — fix: ${c.fix}` : ''}`;
}

export function summaryLine(r: DoctorReport): string {
  if (r.problems === 0 && r.warnings === 0) return 'everything checked is in order';
  const parts = [r.problems ? `${r.problems} problem${r.problems === 1 ? '' : 's'}` : '', r.warnings ? `${r.warnings} warning${r.warnings === 1 ? '' : 's'}` : ''];
  return `${parts.filter(Boolean).join(', ')}${r.problems ? ': each problem line ends with the command that fixes it' : ''}`;
}
