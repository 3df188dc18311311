/** Runs every detector over a text, drops allow-listed hits and empty ones. */
import type { Hit, Rules } from './types.js';

export function detect(text: string, rules: Rules): Hit[] {
  const hits: Hit[] = [];
  for (const detector of rules.detectors) {
    for (const h of detector(text)) {
      if (h.end <= h.start) continue;
      const secret = text.slice(h.start, h.end);
      if (rules.allow.some((a) => a.test(secret))) continue;
      hits.push(h);
    }
  }
  return hits;
}
