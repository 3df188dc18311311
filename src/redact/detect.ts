/** Runs every detector over a text, drops allow-listed hits, empty ones and our own markers. */
import type { Hit, Rules } from './types.js';

// `token: [REDACTED:github-token]` is what redaction leaves: scanning a note must not report it.
const MARKERS = /^["'`]?(?:\[REDACTED:[\w.-]+\])+["'`]?$/;

export function detect(text: string, rules: Rules): Hit[] {
  const hits: Hit[] = [];
  for (const detector of rules.detectors) {
    for (const h of detector(text)) {
      if (h.end <= h.start) continue;
      const secret = text.slice(h.start, h.end);
      if (MARKERS.test(secret) || rules.allow.some((a) => a.test(secret))) continue;
      hits.push(h);
    }
  }
  return hits;
}
