import type { Frame } from './timeline.js';

/** Index of the first marker at or after `from`, or undefined when no marker is left. */
export function nextMarker(frames: readonly Frame[], from: number): number | undefined {
  for (let i = Math.max(0, from); i < frames.length; i++) {
    if (frames[i]?.code === 'm') return i;
  }
  return undefined;
}

/**
 * The end (exclusive) of one step from `from`: up to and including the next output frame, so a
 * step always changes the screen; resizes and markers on the way are taken along.
 */
export function stepEnd(frames: readonly Frame[], from: number): number {
  for (let i = Math.max(0, from); i < frames.length; i++) {
    if (frames[i]?.code === 'o') return i + 1;
  }
  return frames.length;
}

/** Every marker with its index and label, e.g. for a seek list. */
export function markers(frames: readonly Frame[]): { index: number; time: number; label: string }[] {
  const found: { index: number; time: number; label: string }[] = [];
  frames.forEach((f, index) => {
    if (f.code === 'm') found.push({ index, time: f.time, label: f.data });
  });
  return found;
}
