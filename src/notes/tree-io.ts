import type { CatFileBatch } from '../git/cat-file.js';
import type { MkTreeBatch } from '../git/mktree.js';
import type { GitRunner } from '../git/runner.js';
import { isFanoutDir, type Level, type TreeEntry, type TreeSpec } from './fanout.js';

/** Parses a raw tree object (`<mode> <name>\0<binary id>`…); oidBytes is 20 (SHA-1) or 32 (SHA-256). */
export function parseTree(data: Buffer, oidBytes: number): TreeEntry[] {
  const entries: TreeEntry[] = [];
  let pos = 0;
  while (pos < data.length) {
    const sp = data.indexOf(0x20, pos);
    const nul = data.indexOf(0, sp);
    const mode = data.subarray(pos, sp).toString('latin1');
    const name = data.subarray(sp + 1, nul).toString('utf8');
    const oid = data.subarray(nul + 1, nul + 1 + oidBytes).toString('hex');
    const type = mode === '40000' ? 'tree' : mode === '160000' ? 'commit' : 'blob';
    entries.push({ mode: mode === '40000' ? '040000' : mode, type, oid, name });
    pos = nul + 1 + oidBytes;
  }
  return entries;
}

/** Reads the trees from the notes root down the fanout directories of objectId, as far as they exist. */
export async function loadLevels(cat: CatFileBatch, rootTree: string | null, objectId: string): Promise<Level[]> {
  if (rootTree === null) return [];
  const oidBytes = rootTree.length / 2;
  const levels: Level[] = [];
  let tree: string | undefined = rootTree;
  let consumed = 0;
  while (tree) {
    const obj = await cat.read(tree);
    if (!obj || obj.type !== 'tree') throw new Error(`notes tree ${tree} is missing or not a tree`);
    const entries = parseTree(obj.data, oidBytes);
    levels.push({ consumed, entries });
    const dir = objectId.slice(consumed, consumed + 2);
    tree = entries.find((e) => isFanoutDir(e) && e.name === dir)?.oid;
    consumed += 2;
  }
  return levels;
}

/** Writes a planned tree bottom-up and returns its id. */
export async function writeSpec(mk: MkTreeBatch, spec: TreeSpec): Promise<string> {
  const entries: TreeEntry[] = [];
  for (const e of spec.entries) {
    if ('oid' in e) entries.push(e);
    else entries.push({ mode: '040000', type: 'tree', oid: await writeSpec(mk, e.spec), name: e.name });
  }
  return mk.write(entries);
}

export async function writeEmptyTree(git: GitRunner): Promise<string> {
  return (await git.run(['hash-object', '-w', '-t', 'tree', '--stdin'], { input: '' })).stdout.trim();
}
