import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { GitRunner } from './runner.js';

/**
 * Writes many blobs for the cost of one process: `git fast-import` with only `blob` commands
 * touches no ref, and its exported marks give each blob's id (`git hash-object -w` is one process
 * per blob, which a sync of thousands of merged notes cannot afford). Ids come back in order.
 */
export async function writeBlobs(git: GitRunner, texts: readonly string[]): Promise<string[]> {
  if (texts.length === 0) return [];
  if (texts.length === 1) return [(await git.run(['hash-object', '-w', '--stdin'], { input: texts[0]! })).stdout.trim()];
  const dir = await mkdtemp(join(tmpdir(), 'aisess-blobs-'));
  try {
    const marks = join(dir, 'marks');
    const parts: Buffer[] = [];
    texts.forEach((text, i) => {
      const data = Buffer.from(text, 'utf8');
      parts.push(Buffer.from(`blob\nmark :${i + 1}\ndata ${data.length}\n`), data, Buffer.from('\n'));
    });
    await git.run(['fast-import', '--quiet', `--export-marks=${marks}`], { input: Buffer.concat(parts) });
    const ids = new Map<number, string>();
    for (const line of (await readFile(marks, 'utf8')).split('\n')) {
      const m = /^:(\d+) ([0-9a-f]+)$/.exec(line);
      if (m) ids.set(Number(m[1]), m[2]!);
    }
    return texts.map((_, i) => {
      const id = ids.get(i + 1);
      if (!id) throw new Error(`git fast-import wrote no blob for mark :${i + 1}`);
      return id;
    });
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}
