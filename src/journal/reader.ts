/** Reads a journal file: verified blocks → header and events with absolute times, plus a damage report. */
import { readFile } from 'node:fs/promises';
import { UserError } from '../errors/user-error.js';
import { scanBlocks, type BlockScan, type Damage } from './blocks.js';
import { EventDecoder, decodeHeader } from './codec.js';
import type { JournalEvent, JournalHeader } from './events.js';

export type { Damage } from './blocks.js';

export interface JournalContents {
  header: JournalHeader;
  events: JournalEvent[];
  /** The session's exit ('x') was recorded. */
  complete: boolean;
  damage: Damage[];
}

export async function readJournal(path: string): Promise<JournalContents> {
  let buf: Buffer;
  try {
    buf = await readFile(path);
  } catch (err) {
    throw new UserError(`cannot read journal ${path}: ${(err as Error).message}`, { kind: 'notFound', cause: err });
  }
  try {
    return decodeJournal(buf);
  } catch (err) {
    throw new UserError(`journal ${path} is damaged: ${(err as Error).message}`, { kind: 'badData', cause: err });
  }
}

/** Pure: decodes a whole journal buffer. Throws when not even the header is readable. */
export function decodeJournal(buf: Buffer, scan: BlockScan = scanBlocks(buf)): JournalContents {
  const damage = [...scan.damage];
  const [first, ...rest] = scan.blocks;
  if (!first || first.offset !== 0) throw new Error('the header block is unreadable');
  const newline = first.text.indexOf('\n');
  const header = decodeHeader(newline === -1 ? first.text : first.text.slice(0, newline));
  const events: JournalEvent[] = [];
  const decoder = new EventDecoder();
  const blocks = [{ offset: first.offset, text: newline === -1 ? '' : first.text.slice(newline + 1) }, ...rest];
  for (const block of blocks) {
    const before = decoder.errors.length;
    decoder.decode(block.text, events);
    for (const e of decoder.errors.slice(before)) {
      damage.push({ offset: block.offset, bytes: 0, reason: `bad event line: ${e.reason}` });
    }
  }
  damage.sort((a, b) => a.offset - b.offset);
  return { header, events, complete: events.some((e) => e.code === 'x'), damage };
}
