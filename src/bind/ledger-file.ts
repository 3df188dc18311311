/**
 * `<store>/ledger/<session>.json`: a session's binding state (src/segment/ledger.ts), kept as long as
 * its journal, so a record id names the same segment for good. A version-1 pending file held the
 * older ledger (settled changes by segment index and path): what it bound counts as bound.
 */
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { emptyLedger, parseLedger, type Ledger } from '../segment/ledger.js';
import type { Segment } from '../segment/types.js';
import { writeJsonAtomic } from '../os/atomic-write.js';
import { readPendingRaw } from './pending-file.js';

export function ledgerPath(storeDir: string, session: string): string {
  return join(storeDir, 'ledger', `${session}.json`);
}

export type LedgerRead = { ledger: Ledger; found: boolean } | { damaged: string };

/** The session's ledger; a missing one is empty, a damaged one is reported (never silently reset). */
export async function readLedger(storeDir: string, session: string): Promise<LedgerRead> {
  let text: string;
  try {
    text = await readFile(ledgerPath(storeDir, session), 'utf8');
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') return { ledger: emptyLedger(), found: false };
    return { damaged: (err as Error).message };
  }
  try {
    const ledger = parseLedger(JSON.parse(text));
    return ledger ? { ledger, found: true } : { damaged: 'not a ledger this version of aisess reads' };
  } catch (err) {
    return { damaged: (err as Error).message };
  }
}

export async function writeLedger(storeDir: string, session: string, ledger: Ledger): Promise<void> {
  await writeJsonAtomic(ledgerPath(storeDir, session), ledger);
}

/** What a version-1 pending file bound, carried into a fresh ledger: those changes wait no more. */
export async function migrateV1(storeDir: string, session: string, segments: readonly Segment[], ledger: Ledger, now: number): Promise<Ledger> {
  const raw = await readPendingRaw(storeDir, session);
  if (raw?.v !== 1 || !raw.ledger) return ledger;
  const settled = raw.ledger.settled ?? [];
  const next: Ledger = { ...ledger, settled: { ...ledger.settled }, evaluated: [...ledger.evaluated] };
  for (const s of segments) {
    for (const c of s.changes) {
      if (settled.some((x) => x.path === c.path && x.blob === c.blob)) next.settled[c.key] = { reason: 'bound', at: now };
    }
  }
  next.evaluated.push(...new Set(settled.flatMap((x) => (x.commit ? [x.commit] : []))));
  return next;
}
