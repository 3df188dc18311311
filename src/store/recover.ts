/**
 * Recovery of sessions whose recording process died (kill -9, crash, power cut): the readable
 * prefix of the journal is kept, an `aisess.recovered` event is appended as a new block so the file
 * stays a valid journal (and `zstd -dc` still works), and the metadata is closed.
 */
import { open, readFile, stat, truncate } from 'node:fs/promises';
import { join } from 'node:path';
import { LockTimeoutError, withLock } from '../os/lock.js';
import { readMeta, sessionsDir, writeMeta, type SessionMeta } from './meta.js';
import { isOwnerAlive, type Owner } from './owner.js';
import { readAllMeta } from './sessions.js';
import { encodeBlock, scanBlocks, type Damage } from '../journal/blocks.js';
import { EventEncoder } from '../journal/codec.js';
import { encodeEventData } from '../journal/event-data.js';
import { AisessCode } from '../journal/events.js';
import { decodeJournal } from '../journal/reader.js';

export interface Recovered {
  id: string;
  status: SessionMeta['status'];
  damage: Damage[];
}

/** A lock older than this was left by a recovery that itself died. */
const STALE_LOCK_MS = 30_000;

export async function recoverStale(
  store: { dir: string },
  isAlive: (owner: Owner) => Promise<boolean> = isOwnerAlive,
): Promise<Recovered[]> {
  const done: Recovered[] = [];
  for (const meta of await readAllMeta(store.dir)) {
    if (meta.status !== 'running' || (await isAlive(meta.owner))) continue;
    const result = await unlessLocked(join(sessionsDir(store.dir), `${meta.id}.recover.lock`), () => recoverOne(store.dir, meta.id));
    if (result) done.push(result);
  }
  return done;
}

async function recoverOne(storeDir: string, id: string): Promise<Recovered | null> {
  // Re-read under the lock: another aisess may have recovered it meanwhile.
  const meta = await readMeta(join(sessionsDir(storeDir), `${id}.json`));
  if (!meta || meta.status !== 'running') return null;
  const path = join(sessionsDir(storeDir), meta.journal);
  const buf = await readFile(path).catch(() => null);
  if (!buf) return close(storeDir, meta, 'damaged', [{ offset: 0, bytes: 0, reason: 'journal file missing' }]);
  const scan = scanBlocks(buf);
  let contents;
  try {
    contents = decodeJournal(buf, scan);
  } catch (err) {
    return close(storeDir, meta, 'damaged', [...scan.damage, { offset: 0, bytes: 0, reason: (err as Error).message }]);
  }
  if (scan.goodEnd < buf.length) await truncate(path, scan.goodEnd);
  const last = contents.events.at(-1)?.time ?? 0;
  const exit = contents.events.find((e) => e.code === 'x');
  if (exit) {
    // The owner wrote the exit but died before finishing the metadata.
    meta.exit = { code: Number(exit.data) };
  } else {
    const data = encodeEventData(AisessCode.recovered, { reason: 'the recording process died', damage: contents.damage });
    const line = new EventEncoder(last).encode([{ time: last, code: AisessCode.recovered, data }]);
    const fh = await open(path, 'a');
    await fh.write(encodeBlock(line)).finally(() => fh.close());
  }
  meta.events = contents.events.length + (exit ? 0 : 1);
  meta.duration = last;
  meta.bytes = (await stat(path)).size;
  const midDamage = contents.damage.filter((d) => d.reason !== 'truncated last block');
  const status = midDamage.length > 0 ? 'damaged' : exit ? 'finished' : 'recovered';
  return close(storeDir, meta, status, contents.damage);
}

async function close(storeDir: string, meta: SessionMeta, status: SessionMeta['status'], damage: Damage[]): Promise<Recovered> {
  meta.status = status;
  meta.endedAt = meta.startedAt + Math.round(meta.duration * 1000);
  if (damage.length > 0) meta.damage = damage.map((d) => `${d.reason} at byte ${d.offset} (${d.bytes} bytes)`).join('; ');
  await writeMeta(storeDir, meta);
  return { id: meta.id, status, damage };
}

/** Another aisess recovering the same session right now: leave it to that one (null). */
async function unlessLocked<T>(lock: string, fn: () => Promise<T>): Promise<T | null> {
  try {
    return await withLock(lock, fn, { staleMs: STALE_LOCK_MS, timeoutMs: 0 });
  } catch (err) {
    if (err instanceof LockTimeoutError) return null;
    throw err;
  }
}
