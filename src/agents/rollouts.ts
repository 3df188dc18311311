/** Codex rollout files on disk: the day folders around a session, the full list, a rollout's cwd. */
import { readdirSync } from 'node:fs';
import { open } from 'node:fs/promises';
import { join } from 'node:path';
import { obj, parseObject, str } from './compact.js';
import { isCompressed, plainOf, readCompressed } from './rollout-zst.js';

const DAY = 86_400_000;
const pad = (n: number) => String(n).padStart(2, '0');

/** YYYY/MM/DD folders from the day before start to the day after now, in UTC and local time. */
export function rolloutDays(startedAt: number, now: number): string[] {
  const days = new Set<string>();
  for (let t = startedAt - DAY; t <= now + DAY; t += DAY / 2) {
    const d = new Date(t);
    days.add(`${d.getUTCFullYear()}/${pad(d.getUTCMonth() + 1)}/${pad(d.getUTCDate())}`);
    days.add(`${d.getFullYear()}/${pad(d.getMonth() + 1)}/${pad(d.getDate())}`);
  }
  return [...days].sort();
}

const isRollout = (name: string) => name.startsWith('rollout-') && (name.endsWith('.jsonl') || name.endsWith('.jsonl.zst'));

/** Every rollout under sessions/, plain or compressed, oldest first (the names start with their timestamp). */
export function allRollouts(root: string): string[] {
  const files: string[] = [];
  const walk = (dir: string, depth: number) => {
    let names: string[];
    try {
      names = readdirSync(dir).sort();
    } catch {
      return;
    }
    for (const name of names) {
      if (depth < 3) walk(join(dir, name), depth + 1);
      else if (isRollout(name)) files.push(join(dir, name));
    }
  };
  walk(root, 0);
  return files;
}

/** A .jsonl.zst beside its plain file is a leftover: the plain one is what Codex reads and writes. */
export function withoutShadowed(files: string[]): string[] {
  const plain = new Set(files.filter((f) => !isCompressed(f)));
  return files.filter((f) => !isCompressed(f) || !plain.has(plainOf(f)));
}

const MAX_FIRST_LINE = 1 << 20;

/** The cwd of a rollout's session_meta; undefined while the first line is not complete yet. */
export async function firstLineCwd(file: string): Promise<string | undefined | null> {
  const text = await firstLine(file);
  if (text === undefined) return undefined;
  if (text === null) return null;
  const line = parseObject(text);
  return line?.type === 'session_meta' ? str(obj(line.payload)?.cwd) ?? null : null;
}

/** The first complete line; undefined while there is none, null when it is absurdly long. */
export async function firstLine(file: string): Promise<string | undefined | null> {
  if (isCompressed(file)) return firstCompressedLine(file);
  let fh;
  try {
    fh = await open(file, 'r');
  } catch {
    return undefined;
  }
  try {
    const buf = Buffer.alloc(64 * 1024);
    const parts: Buffer[] = [];
    for (let pos = 0; ; pos += buf.length) {
      if (pos >= MAX_FIRST_LINE) return null;
      const { bytesRead } = await fh.read(buf, 0, buf.length, pos);
      if (bytesRead === 0) return undefined;
      const nl = buf.subarray(0, bytesRead).indexOf(10);
      parts.push(Buffer.from(buf.subarray(0, nl < 0 ? bytesRead : nl)));
      if (nl >= 0) break;
    }
    return Buffer.concat(parts).toString('utf8');
  } finally {
    await fh.close();
  }
}

function firstCompressedLine(file: string): string | undefined | null {
  const text = readCompressed(file);
  if (!text) return undefined;
  const nl = text.indexOf(10);
  if (nl < 0 || nl > MAX_FIRST_LINE) return nl < 0 ? undefined : null;
  return text.subarray(0, nl).toString('utf8');
}

/** A resumed rollout's lines start after its session_meta: read that one for the session id. */
export async function primeOf(file: string, offset: number, head?: string): Promise<string[]> {
  if (offset === 0) return [];
  const line = head ?? (await firstLine(file));
  return line ? [line] : [];
}
