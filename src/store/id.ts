import { randomBytes } from 'node:crypto';

/** A session id that sorts by start time and reads as one: `20261125-131502-3fa9c1` (UTC). */
export function newSessionId(epochMs: number = Date.now()): string {
  const iso = new Date(epochMs).toISOString(); // 2026-11-25T13:15:02.123Z
  const stamp = `${iso.slice(0, 10).replaceAll('-', '')}-${iso.slice(11, 19).replaceAll(':', '')}`;
  return `${stamp}-${randomBytes(3).toString('hex')}`;
}

export const SESSION_ID_PATTERN = /^\d{8}-\d{6}-[0-9a-f]{6}$/;
