/**
 * Which files a process tree holds open (Linux /proc). Two codex sessions started together in one
 * directory both see two new rollouts; the one our agent's processes hold open for writing is ours.
 */
import { readdir, readFile, readlink } from 'node:fs/promises';

/** Open files of `pid` and its descendants, or null where /proc is not available. */
export async function openFilesOfTree(pid: number): Promise<Set<string> | null> {
  let entries: string[];
  try {
    entries = await readdir('/proc');
  } catch {
    return null;
  }
  const parents = new Map<number, number>();
  await Promise.all(entries.filter((e) => /^\d+$/.test(e)).map(async (e) => {
    try {
      const stat = await readFile(`/proc/${e}/stat`, 'utf8');
      const ppid = Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]);
      parents.set(Number(e), ppid);
    } catch {
      // Gone already.
    }
  }));
  const tree = new Set([pid]);
  for (let grew = true; grew;) {
    grew = false;
    for (const [child, parent] of parents) {
      if (tree.has(parent) && !tree.has(child)) [grew] = [true, tree.add(child)];
    }
  }
  const files = new Set<string>();
  for (const p of tree) {
    const fds = await readdir(`/proc/${p}/fd`).catch(() => [] as string[]);
    for (const fd of fds) {
      const target = await readlink(`/proc/${p}/fd/${fd}`).catch(() => undefined);
      if (target?.startsWith('/')) files.add(target);
    }
  }
  return files;
}
