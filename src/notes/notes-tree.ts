import type { CatFileBatch } from '../git/cat-file.js';
import type { MkTreeBatch } from '../git/mktree.js';
import { FANOUT_AT, isFanoutDir, type TreeEntry } from './fanout.js';
import { parseTree } from './tree-io.js';

/** One tree of the notes tree, read when first needed; `children` are its subtrees read so far. */
interface Node {
  oid: string | null;
  /** Hex digits of the object id consumed by the directories above. */
  consumed: number;
  entries: TreeEntry[] | null;
  children: Map<string, Node>;
  dirty: boolean;
}

/**
 * A notes tree to look up and edit many notes in: each tree object is read once (a sync of
 * thousands of notes reads the root and its fanout subtrees once each, not once per note), edits
 * stay in memory, and `write` writes each changed tree once through one `git mktree --batch`
 * (unchanged subtrees are referenced by id). Lookups accept every fanout depth, mixed ones too.
 */
export class NotesTree {
  private readonly root: Node;

  constructor(private readonly cat: CatFileBatch, rootTree: string | null, private readonly oidHex = 40) {
    this.root = { oid: rootTree, consumed: 0, entries: rootTree === null ? [] : null, children: new Map(), dirty: false };
  }

  /** The note blob(s) of objectId, from the root down its fanout path (usually one). */
  async find(objectId: string): Promise<string[]> {
    const found: string[] = [];
    for (let node: Node | undefined = this.root; node; node = await this.child(node, objectId)) {
      for (const e of await this.load(node)) if (isNoteOf(e, node.consumed, objectId)) found.push(e.oid);
    }
    return found;
  }

  /** Makes blob objectId's only note (null: removes every note of it). */
  async set(objectId: string, blob: string | null): Promise<void> {
    let node: Node = this.root;
    const path: Node[] = [];
    for (;;) {
      const entries = await this.load(node);
      const rest = entries.filter((e) => !isNoteOf(e, node.consumed, objectId));
      if (rest.length !== entries.length) node.entries = rest, node.dirty = true;
      path.push(node);
      const next = await this.child(node, objectId);
      if (!next) break;
      node = next;
    }
    if (blob !== null) this.place(node, objectId, blob);
    if (path.some((n) => n.dirty)) for (const n of path) n.dirty = true;
  }

  /** Writes every changed tree bottom-up; the root's id, or null when no note is left. */
  async write(mk: MkTreeBatch): Promise<string | null> {
    return this.writeNode(mk, this.root);
  }

  private place(node: Node, objectId: string, blob: string): void {
    const entries = node.entries!;
    node.dirty = true;
    if (entries.some(isFanoutDir)) {
      // Already fanned out and no directory for this prefix yet (else we would be inside it): start one.
      const name = objectId.slice(node.consumed, node.consumed + 2);
      const sub: Node = { oid: null, consumed: node.consumed + 2, entries: [], children: new Map(), dirty: true };
      entries.push({ mode: '040000', type: 'tree', oid: '', name });
      node.children.set(name, sub);
      this.place(sub, objectId, blob);
      return;
    }
    entries.push({ mode: '100644', type: 'blob', oid: blob, name: objectId.slice(node.consumed) });
    const nameLength = this.oidHex - node.consumed;
    if (entries.filter((e) => isHexNote(e, nameLength)).length > FANOUT_AT) this.split(node, nameLength);
  }

  /** Moves a level's flat notes into `xx/` subtrees, so no tree grows without bound (as fanout.ts does). */
  private split(node: Node, nameLength: number): void {
    const keep: TreeEntry[] = [];
    for (const e of node.entries!) {
      if (!isHexNote(e, nameLength)) {
        keep.push(e);
        continue;
      }
      const name = e.name.slice(0, 2);
      let sub = node.children.get(name);
      if (!sub) {
        sub = { oid: null, consumed: node.consumed + 2, entries: [], children: new Map(), dirty: true };
        node.children.set(name, sub);
        keep.push({ mode: '040000', type: 'tree', oid: '', name });
      }
      sub.entries!.push({ ...e, name: e.name.slice(2) });
    }
    node.entries = keep;
  }

  private async writeNode(mk: MkTreeBatch, node: Node): Promise<string | null> {
    if (!node.dirty) return node.entries === null || node.entries.length > 0 ? node.oid : null;
    const out: TreeEntry[] = [];
    for (const e of node.entries!) {
      const sub = e.type === 'tree' ? node.children.get(e.name) : undefined;
      if (!sub) {
        out.push(e);
        continue;
      }
      const oid = await this.writeNode(mk, sub);
      if (oid !== null) out.push({ ...e, oid });
    }
    return out.length === 0 ? null : mk.write(out);
  }

  private async load(node: Node): Promise<TreeEntry[]> {
    if (node.entries) return node.entries;
    const obj = await this.cat.read(node.oid!);
    if (!obj || obj.type !== 'tree') throw new Error(`notes tree ${node.oid} is missing or not a tree`);
    node.entries = parseTree(obj.data, node.oid!.length / 2);
    return node.entries;
  }

  private async child(node: Node, objectId: string): Promise<Node | undefined> {
    const name = objectId.slice(node.consumed, node.consumed + 2);
    const known = node.children.get(name);
    if (known) return known;
    const entry = (await this.load(node)).find((e) => isFanoutDir(e) && e.name === name);
    if (!entry) return undefined;
    const sub: Node = { oid: entry.oid, consumed: node.consumed + 2, entries: null, children: new Map(), dirty: false };
    node.children.set(name, sub);
    return sub;
  }
}

function isNoteOf(e: TreeEntry, consumed: number, objectId: string): boolean {
  return e.type === 'blob' && e.name === objectId.slice(consumed);
}

function isHexNote(e: TreeEntry, length: number): boolean {
  return e.type === 'blob' && e.name.length === length && /^[0-9a-f]+$/.test(e.name);
}
