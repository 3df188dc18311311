/**
 * Which waiting changes of a finished session are done waiting though no commit holds all of them:
 * no line a commit could still take is left (src/segment/pending.ts openLines), because the change
 * was thrown away (a rejected edit, `git restore`, an edit another agent overwrote: "discarded") or
 * what no commit took was rewritten before any commit could take it ("superseded"). No later commit
 * of the same file is ever taken for them.
 */
import { mkdir } from 'node:fs/promises';
import type { Repo } from '../git/repo.js';
import { changeShape } from '../segment/change-lines.js';
import type { Ledger, SettleReason } from '../segment/ledger.js';
import { openLines, type PendingChange } from '../segment/pending.js';
import { coveredElsewhere } from '../segment/rules.js';
import { blobsDir, KEPT_BLOB_BYTES } from '../store/blobs-dir.js';
import { hashPaths, indexBlobs, midWrite, objectFormat, statPath } from '../watch/blobs.js';
import { watchRun } from '../watch/run-git.js';
import type { Contents } from './contents.js';
import { treeBlobs } from './git-facts.js';
import { headLogSize } from './reflog.js';

/** How many stash entries are looked into (the newest). */
const STASHES = 10;

/**
 * A file written this recently, or while it was read, may be half-written (a save truncates the file,
 * then fills it): what it held then says nothing about the change, and a change judged done never
 * binds. Its changes wait for the next run (a commit's, `aisess status`, the next session's).
 */
const QUIET_MS = 1000;
/** A change is judged done only if what a second look this much later finds has not moved. */
const SECOND_LOOK_MS = 250;

/**
 * `head` is HEAD as it was when the run read the reflog: every commit up to it has been looked at,
 * so a line it holds that no live commit took came from elsewhere (or was never committed at all).
 * HEAD read later may hold commits made meanwhile, not looked at yet: their lines still wait.
 * `logSize` is the HEAD reflog's size then. A commit made after it and checked out away at once
 * (`git commit && git checkout main`) is in neither HEAD nor the working tree: when the reflog has
 * moved, nothing is judged done this run (the next binder looks at that commit first).
 */
export async function doneWaiting(
  repo: Repo, storeDir: string, contents: Contents, ledger: Ledger, pending: readonly PendingChange[], live: (commit: string) => boolean, head: string | null,
  logSize?: number,
): Promise<Map<string, SettleReason>> {
  const done = new Map<string, SettleReason>();
  if (pending.length === 0 || repo.workTree === null) return done;
  const paths = [...new Set(pending.map((p) => p.change.path))];
  const places = await placesOf(repo, storeDir, paths, head);
  // After the places were read: a move between the run's reading and now could hide a commit.
  if ((await headLogSize(repo)) !== logSize) return done;
  await contents.load([...pending.flatMap((p) => [p.change.before, p.change.blob]), ...[places.head, ...places.sources].flatMap((m) => [...m.values()])]);
  for (const p of pending) {
    // A change whose content before is unknown (an older journal) cannot be judged: it waits.
    if (p.change.before === undefined || places.unsettled.has(p.change.path)) continue;
    const shape = changeShape(p.change.before, p.change.blob, contents);
    if (shape.count === 0) continue;
    const held = coveredElsewhere(ledger, p.change.key, shape.count, null, live);
    const at = (m: Map<string, string | null>) => m.get(p.change.path) ?? null;
    if (openLines(shape, places.sources.map(at), at(places.head), held) > 0) continue;
    done.set(p.change.key, held.includes(1) ? 'superseded' : 'discarded');
  }
  if (done.size === 0) return done;
  // For good, so only if a second look finds the same (working tree, index, stashes, no commit):
  // a save caught half-done (the file empty, its time not yet moved) has moved by then.
  await new Promise((resolve) => setTimeout(resolve, SECOND_LOOK_MS));
  const judged = [...new Set(pending.filter((p) => done.has(p.change.key)).map((p) => p.change.path))];
  const again = await placesOf(repo, storeDir, judged, head);
  if ((await headLogSize(repo)) !== logSize) return new Map();
  const seen = (m: typeof places, path: string) => m.sources.map((s) => s.get(path) ?? null).join(' ');
  for (const p of pending) {
    const path = p.change.path;
    if (done.has(p.change.key) && (again.unsettled.has(path) || seen(again, path) !== seen(places, path))) done.delete(p.change.key);
  }
  return done;
}

/**
 * path → content id where commits come from (the working tree as files, the index, stashes) and in
 * HEAD; `unsettled`, the paths whose file was being written as it was read.
 */
async function placesOf(
  repo: Repo, storeDir: string, paths: string[], headCommit: string | null,
): Promise<{ sources: Map<string, string | null>[]; head: Map<string, string | null>; unsettled: Set<string> }> {
  // Independent lookups, at once: this runs after every bind, and readers wait for it.
  const [worktree, indexed, head, stashed] = await Promise.all([
    worktreeBlobs(repo, storeDir, paths, headCommit),
    indexBlobs(watchRun(repo.git), paths),
    headCommit ? treeBlobs(repo, headCommit, paths) : new Map<string, string | null>(),
    repo.git.run(['stash', 'list', `-n${STASHES}`, '--format=%H'], { okCodes: [1, 128] })
      .then((r) => Promise.all(r.stdout.split('\n').filter(Boolean).map((s) => treeBlobs(repo, s, paths)))),
  ]);
  const index = new Map<string, string | null>(paths.map((p) => [p, null]));
  for (const [p, blob] of indexed) index.set(p, blob);
  return { sources: [worktree.blobs, index, ...stashed], head, unsettled: worktree.unsettled };
}

/**
 * The working tree's content as blob ids, as git would store it (symlinks as their target, filters
 * applied), kept in the store's object directory so their lines can be read: content without
 * lines (binary, large) is compared by id.
 */
async function worktreeBlobs(
  repo: Repo, storeDir: string, paths: readonly string[], knownId: string | null,
): Promise<{ blobs: Map<string, string | null>; unsettled: Set<string> }> {
  const root = repo.workTree!;
  const stats = await Promise.all(paths.map((p) => statPath(root, p)));
  const present = paths.flatMap((path, i) => (stats[i] ? [{ path, stat: stats[i]! }] : []));
  const run = watchRun(repo.git);
  const objectsDir = blobsDir(storeDir);
  await mkdir(objectsDir, { recursive: true });
  // A commit id's length says the object format without asking git.
  const format = knownId?.length === 64 ? 'sha256' : knownId?.length === 40 ? 'sha1' : await objectFormat(run);
  const hashed = await hashPaths(run, root, present, format, { objectsDir, maxBytes: KEPT_BLOB_BYTES });
  const after = await Promise.all(paths.map((p) => statPath(root, p)));
  const now = Date.now();
  // A file absent at the first stat was not hashed: it is in flux only if it appeared since.
  const unsettled = new Set(paths.filter((_, i) => (stats[i] ? midWrite(stats[i]!, after[i] ?? null, now, QUIET_MS) : after[i] !== null)));
  return { blobs: new Map(paths.map((p) => [p, hashed.get(p) ?? null])), unsettled };
}
