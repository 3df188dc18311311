/**
 * The lines of blobs, for the content-level binding rules: committed blobs from the repository, and
 * working-tree versions from the object directory the watcher keeps (src/store/blobs-dir.ts).
 * Loaded in batches through one `git cat-file --batch`, then answered synchronously
 * (src/segment/change-lines.ts LineSource). Binary or large content has no lines: its changes bind
 * as whole blobs.
 */
import { existsSync } from 'node:fs';
import { CatFileBatch } from '../git/cat-file.js';
import type { Repo } from '../git/repo.js';
import { createGitRunner } from '../git/runner.js';
import type { LineSource } from '../segment/change-lines.js';
import { LineTable, splitLines } from '../segment/line-diff.js';
import { blobsDir, KEPT_BLOB_BYTES } from '../store/blobs-dir.js';

/** git's own test for binary content: a NUL byte in the first 8000 bytes. */
const BINARY_PROBE = 8000;

export class Contents implements LineSource {
  private readonly table = new LineTable();
  private readonly known = new Map<string, Int32Array | undefined>();
  private cat: CatFileBatch | null = null;

  constructor(
    private readonly repo: Repo,
    private readonly storeDir: string,
  ) {}

  lines(blob: string): Int32Array | undefined {
    return this.known.get(blob);
  }

  /** Reads what is not known yet; a blob that cannot be read stays without lines. */
  async load(blobs: Iterable<string | null | undefined>): Promise<void> {
    const wanted = [...new Set(blobs)].filter((b): b is string => typeof b === 'string' && !this.known.has(b));
    if (wanted.length === 0) return;
    const cat = this.open();
    const found = await Promise.all(wanted.map((b) => cat.read(b).catch(() => null)));
    wanted.forEach((b, i) => {
      const obj = found[i];
      this.known.set(b, obj?.type === 'blob' ? this.intern(obj.data) : undefined);
    });
  }

  close(): void {
    this.cat?.close();
    this.cat = null;
  }

  private open(): CatFileBatch {
    if (this.cat) return this.cat;
    const kept = blobsDir(this.storeDir);
    // git warns about (and ignores) an alternate that does not exist.
    const env = existsSync(kept) ? { ...this.repo.git.env, GIT_ALTERNATE_OBJECT_DIRECTORIES: kept } : this.repo.git.env;
    this.cat = new CatFileBatch(createGitRunner(this.repo.git.cwd, { ...env }));
    return this.cat;
  }

  private intern(data: Buffer): Int32Array | undefined {
    if (data.length > KEPT_BLOB_BYTES || data.subarray(0, BINARY_PROBE).includes(0)) return undefined;
    return this.table.intern(splitLines(data.toString('utf8')));
  }
}
