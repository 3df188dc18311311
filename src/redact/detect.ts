/** Runs every detector over a text, drops allow-listed hits, empty ones and our own markers. */
import type { Hit, Rules } from './types.js';
import { execAll } from './matches.js';

// `token: [REDACTED:github-token]` is what redaction leaves: scanning a note must not report it.
const MARKER = /\[REDACTED:[\w.-]+\]/g;

/** A hit made of markers and what a rule takes around them (a key name, quotes, line breaks). */
export function onlyMarkers(secret: string): boolean {
  if (!secret.includes('[REDACTED:')) return false;
  const runs = secret.replace(MARKER, ' ').match(/[\w+/=-]{8,}/g) ?? [];
  return !runs.some((r) => [/[a-z]/, /[A-Z]/, /[0-9]/].filter((c) => c.test(r)).length >= 2);
}

/** Spans of markers in the text: a hit inside one (`github-token]` as a password) is the marker. */
function markerSpans(text: string): [number, number][] {
  if (!text.includes('[REDACTED:')) return [];
  return execAll(MARKER, text).map((m) => [m.index, m.index + m[0].length]);
}

/**
 * Whether [start, end) lies inside one marker. Markers are in order and do not overlap, so only the
 * last one starting at or before `start` can hold it (a note scanned again holds thousands of both).
 */
export function insideMarker(markers: readonly [number, number][], start: number, end: number): boolean {
  let lo = 0;
  let hi = markers.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (markers[mid]![0] <= start) lo = mid + 1;
    else hi = mid;
  }
  return lo > 0 && end <= markers[lo - 1]![1];
}

export function detect(text: string, rules: Rules): Hit[] {
  const hits: Hit[] = [];
  const markers = markerSpans(text);
  for (const detector of rules.detectors) {
    for (const h of detector(text)) {
      if (h.end <= h.start) continue;
      const secret = text.slice(h.start, h.end);
      if (insideMarker(markers, h.start, h.end)) continue;
      if (onlyMarkers(secret) || rules.allow.some((a) => a.test(secret))) continue;
      hits.push(h);
    }
  }
  return hits;
}
