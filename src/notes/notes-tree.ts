import type { CatFileBatch } from '../git/cat-file.js';
import { isFanoutDir, type TreeEntry } from './fanout.js';
import { parseTree } from './tree-io.js';

/** One tree of the notes tree, read when first needed; `children` are its subtrees read so far. */
interface Node {
  oid: string;
  /** Hex digits of the object id consumed by the directories above. */
  consumed: number;
  entries: TreeEntry[] | null;
  /** The read in flight: concurrent lookups share it, so each tree is read once. */
  loading?: Promise<TreeEntry[]>;
  children: Map<string, Node>;
}

/**
 * A notes tree to look many notes up in: each tree object is read once, by the first lookup that
 * needs it (a sync of thousands of notes reads the root and its fanout subtrees once each, not
 * once per note), and lookups made together share one stream of reads. Every fanout depth is
 * accepted, mixed ones too.
 */
export class NotesTree {
  private readonly root: Node | null;

  constructor(private readonly cat: CatFileBatch, rootTree: string | null) {
    this.root = rootTree === null ? null : { oid: rootTree, consumed: 0, entries: null, children: new Map() };
  }

  /** The note blob(s) of objectId, from the root down its fanout path (usually one). */
  async find(objectId: string): Promise<string[]> {
    const found: string[] = [];
    for (let node = this.root ?? undefined; node; node = await this.child(node, objectId)) {
      for (const e of await this.load(node)) if (e.type === 'blob' && e.name === objectId.slice(node.consumed)) found.push(e.oid);
    }
    return found;
  }

  private load(node: Node): TreeEntry[] | Promise<TreeEntry[]> {
    if (node.entries) return node.entries;
    node.loading ??= this.cat.read(node.oid).then((obj) => {
      if (!obj || obj.type !== 'tree') throw new Error(`notes tree ${node.oid} is missing or not a tree`);
      node.entries ??= parseTree(obj.data, node.oid.length / 2);
      return node.entries;
    });
    return node.loading;
  }

  private async child(node: Node, objectId: string): Promise<Node | undefined> {
    const name = objectId.slice(node.consumed, node.consumed + 2);
    const known = node.children.get(name);
    if (known) return known;
    const entry = (await this.load(node)).find((e) => isFanoutDir(e) && e.name === name);
    if (!entry) return undefined;
    // Another lookup may have made it while this one waited for the read.
    const sub = node.children.get(name) ?? { oid: entry.oid, consumed: node.consumed + 2, entries: null, children: new Map() };
    node.children.set(name, sub);
    return sub;
  }
}
