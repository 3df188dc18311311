/**
 * The adapters, most specific first; the generic one takes anything. Adding an agent = one module
 * here and a fixture folder under fixtures/transcripts/.
 */
import { basename } from 'node:path';
import { claude } from './claude.js';
import { codex } from './codex.js';
import { generic } from './generic.js';
import type { Adapter } from './types.js';

export const adapters: readonly Adapter[] = [claude, codex, generic];

/**
 * The adapter for a command (its basename decides), or the one named by `--agent`; an unknown
 * forced name records terminal only.
 */
export function pickAdapter(command: string, forced?: string): Adapter {
  if (forced !== undefined) return adapters.find((a) => a.name === forced) ?? generic;
  const name = basename(command);
  return adapters.find((a) => a.matches(name)) ?? generic;
}
