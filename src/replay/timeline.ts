import type { JournalEvent } from '../journal/events.js';

/** The event codes a player acts on; everything else (input, exit, aisess.*) is not played. */
export type FrameCode = 'o' | 'r' | 'm';

/** One playable event at its playback time (seconds from the start, after idle cap and speed). */
export interface Frame {
  time: number;
  code: FrameCode;
  data: string;
}

export interface TimelineOptions {
  /** Playback speed factor: 2 plays twice as fast. */
  speed?: number;
  /** Longest pause kept, in recorded seconds; longer pauses shrink to this. */
  idleLimit?: number;
}

const playable = new Set<string>(['o', 'r', 'm']);

/**
 * Recorded events → the frames a player writes, with their playback times. Pauses are capped in
 * recorded time and then scaled by speed, as asciinema does (so --speed 2 --idle-limit 2 waits 1 s).
 */
export function buildTimeline(events: readonly JournalEvent[], opts: TimelineOptions = {}): Frame[] {
  const speed = opts.speed ?? 1;
  const limit = opts.idleLimit ?? Infinity;
  const frames: Frame[] = [];
  let recordedPrev = 0;
  let capped = 0;
  for (const event of events) {
    if (!playable.has(event.code)) continue;
    // A clock step backwards in the recording must not make playback wait or go back in time.
    const gap = Math.max(0, event.time - recordedPrev);
    recordedPrev = Math.max(recordedPrev, event.time);
    capped += Math.min(gap, limit);
    frames.push({ time: capped / speed, code: event.code as FrameCode, data: event.data });
  }
  return frames;
}

/** Total playback length in seconds. */
export function duration(frames: readonly Frame[]): number {
  return frames.at(-1)?.time ?? 0;
}
