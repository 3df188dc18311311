/**
 * Which files processes hold open (Linux /proc). Two codex sessions started together in one
 * directory both see two new rollouts; the one our agent's processes hold open for writing is ours.
 */
import { existsSync } from 'node:fs';
import { readdir, readFile, readlink } from 'node:fs/promises';
import { readStatFields } from '../os/procfs.js';

let hasProc: boolean | undefined;

/** Open files of `pid` and its descendants, or null where /proc is not available. */
export async function openFilesOfTree(pid: number): Promise<Set<string> | null> {
  return (await treeState(pid, ''))?.files ?? null;
}

export interface TreeState {
  files: Set<string>;
  /** Values of the asked environment variable in the descendants, where they differ from `pid`'s own. */
  env: Set<string>;
}

/**
 * Open files of the tree and what its descendants were given in one environment variable (Codex
 * exports CODEX_THREAD_ID to the commands it runs; a value `pid` itself inherited, as when aisess runs
 * inside another Codex's shell, names that other session). Null where /proc is not available.
 */
export async function treeState(pid: number, envVar: string): Promise<TreeState | null> {
  hasProc ??= existsSync('/proc/self/fd');
  if (!hasProc) return null;
  const tree = (await childrenFromTasks(pid)) ?? (await treeByScan(pid));
  if (!tree) return null;
  const state: TreeState = { files: new Set(), env: new Set() };
  const inherited = envVar ? await envValue(pid, envVar) : undefined;
  for (const p of tree) {
    for (const file of await openFiles(p)) state.files.add(file);
    if (!envVar || p === pid) continue;
    const value = await envValue(p, envVar);
    if (value && value !== inherited) state.env.add(value);
  }
  return state;
}

async function envValue(pid: number, name: string): Promise<string | undefined> {
  const environ = await readFile(`/proc/${pid}/environ`, 'latin1').catch(() => '');
  const entry = environ.split('\0').find((e) => e.startsWith(`${name}=`));
  return entry?.slice(name.length + 1);
}

/**
 * Which of `files` any live process holds open for writing, or null where /proc is not available.
 * Readers (aisess followers peeking at a first line) do not count.
 */
export async function heldForWriting(files: Iterable<string>): Promise<Set<string> | null> {
  const wanted = new Set(files);
  const pids = await listPids();
  if (!pids) return null;
  const held = new Set<string>();
  for (const p of pids) {
    if (held.size === wanted.size) break;
    const fds = await readdir(`/proc/${p}/fd`).catch(() => [] as string[]);
    for (const fd of fds) {
      const target = await readlink(`/proc/${p}/fd/${fd}`).catch(() => '');
      if (wanted.has(target) && (await writable(p, fd))) held.add(target);
    }
  }
  return held;
}

/** fdinfo's flags are octal open(2) flags: O_WRONLY = 1, O_RDWR = 2. */
async function writable(pid: number, fd: string): Promise<boolean> {
  const info = await readFile(`/proc/${pid}/fdinfo/${fd}`, 'utf8').catch(() => '');
  const flags = /^flags:\s*([0-7]+)/m.exec(info)?.[1];
  return flags !== undefined && (parseInt(flags, 8) & 3) !== 0;
}

async function openFiles(pid: number): Promise<string[]> {
  const fds = await readdir(`/proc/${pid}/fd`).catch(() => [] as string[]);
  const targets = await Promise.all(fds.map((fd) => readlink(`/proc/${pid}/fd/${fd}`).catch(() => '')));
  return targets.filter((t) => t.startsWith('/'));
}

async function listPids(): Promise<number[] | null> {
  try {
    return (await readdir('/proc')).filter((e) => /^\d+$/.test(e)).map(Number);
  } catch {
    return null;
  }
}

/** The tree through /proc/<pid>/task/<tid>/children (cheap); null where the kernel lacks that file. */
async function childrenFromTasks(pid: number): Promise<Set<number> | null> {
  const tree = new Set<number>();
  const visit = async (p: number): Promise<boolean> => {
    tree.add(p);
    const tasks = await readdir(`/proc/${p}/task`).catch(() => [] as string[]);
    for (const t of tasks) {
      let text: string;
      try {
        text = await readFile(`/proc/${p}/task/${t}/children`, 'utf8');
      } catch (err) {
        if ((err as NodeJS.ErrnoException).code === 'ENOENT' && p === pid && t === String(pid)) return false;
        continue;
      }
      for (const child of text.split(' ').filter(Boolean).map(Number)) if (!tree.has(child) && !(await visit(child))) return false;
    }
    return true;
  };
  return (await visit(pid)) ? tree : null;
}

/** The tree from every process's parent (/proc/<pid>/stat): the fallback, slow with many processes. */
async function treeByScan(pid: number): Promise<Set<number> | null> {
  const pids = await listPids();
  if (!pids) return null;
  const parents = new Map<number, number>();
  await Promise.all(pids.map(async (p) => {
    const parent = (await readStatFields(p))?.[1];
    // Gone already when there is none.
    if (parent !== undefined) parents.set(p, Number(parent));
  }));
  const tree = new Set([pid]);
  for (let grew = true; grew;) {
    grew = false;
    for (const [child, parent] of parents) {
      if (tree.has(parent) && !tree.has(child)) [grew] = [true, tree.add(child)];
    }
  }
  return tree;
}
