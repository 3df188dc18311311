/** Builds journal events for segmenter and rule tables: o(text), w([path, blob]...), base([path, blob]...). */
import type { JournalEvent } from '../../src/journal/events.js';

export function sessionEvents(...steps: ((t: number) => JournalEvent)[]): JournalEvent[] {
  return steps.map((step, i) => step(i + 1));
}

export const o = (text: string) => (time: number): JournalEvent => ({ time, code: 'o', data: text });

const worktree = (pairs: [string, string | null][], baseline: boolean) => (time: number): JournalEvent => ({
  time,
  code: 'aisess.worktree',
  data: JSON.stringify({
    ...(baseline ? { baseline: true } : {}),
    paths: pairs.map(([path, blob]) => ({ path, blob, status: blob === null ? 'deleted' : 'modified' })),
  }),
});

export const w = (...pairs: [string, string | null][]) => worktree(pairs, false);
export const base = (...pairs: [string, string | null][]) => worktree(pairs, true);
