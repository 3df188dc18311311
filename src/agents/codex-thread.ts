/**
 * Pure: the Codex thread our agent's process tree names exactly, measured with the real 0.169:
 * from start to exit the codex process holds `$CODEX_HOME/thread-writer-locks/<thread id>.lock` open
 * (before its rollout exists, in the TUI and in exec alike), and the commands it runs get
 * CODEX_THREAD_ID (and CODEX_SESSION_ID) = that id. The rollout's name ends with the same id.
 */
import type { HoldWatch } from './holds.js';

const LOCK = /\/thread-writer-locks\/([0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12})\.lock$/i;

export const THREAD_ENV = 'CODEX_THREAD_ID';

/** The thread id a writer-lock path names, if it is one. */
export function lockThread(file: string): string | undefined {
  return LOCK.exec(file)?.[1];
}

/** Thread ids the tree named, first seen first: the first lock (taken at start) leads; a sub-agent's comes later. */
export function threadsNamed(holds: Pick<HoldWatch, 'held' | 'env'>): string[] {
  const ids = [...holds.held].flatMap((f) => lockThread(f) ?? []);
  for (const id of holds.env) if (!ids.includes(id)) ids.push(id);
  return ids;
}

/** The rollout among `files` of the first of `ids` that has one. */
export function rolloutOfThreads(files: readonly string[], ids: readonly string[]): string | undefined {
  for (const id of ids) {
    const file = files.find((f) => f.endsWith(`-${id}.jsonl`) || f.endsWith(`-${id}.jsonl.zst`));
    if (file) return file;
  }
  return undefined;
}
