/**
 * Pure: what the notes already say about agent sessions. A turn an `aisess run` recording already
 * bound (its records name the agent's session, as `agentSession` in `aisess show --json`, and hold
 * the turn's prompt) is not imported again: the recorded one has the terminal too.
 */
import { agentData } from '../journal/event-data.js';
import type { NoteRecord } from '../notes/types.js';
import { decodeStream } from '../record/decode.js';

/** `<agent>:<agent session id>` → the prompts recorded sessions bound of it. */
export type RecordedPrompts = Map<string, Set<string>>;

export const recordedKey = (agent: string, id: string) => `${agent}:${id}`;

export function recordedPrompts(records: Iterable<NoteRecord>): RecordedPrompts {
  const out: RecordedPrompts = new Map();
  for (const r of records) {
    const body = r.body as { source?: unknown; lead?: unknown } | null;
    if (!body || typeof body !== 'object' || body.source === 'import') continue;
    const lead = Array.isArray(body.lead) ? body.lead : [];
    let session: string | undefined;
    const prompts: string[] = [];
    for (const e of [...lead, ...decodeStream(body)]) {
      if (!Array.isArray(e) || typeof e[0] !== 'number' || typeof e[1] !== 'string' || typeof e[2] !== 'string') continue;
      const data = agentData({ time: e[0], code: e[1], data: e[2] });
      if (data?.kind === 'session' && typeof data.agent === 'string' && typeof data.id === 'string') session = recordedKey(data.agent, data.id);
      if (data?.kind === 'prompt' && typeof data.text === 'string') prompts.push(data.text);
    }
    if (!session) continue;
    const set = out.get(session) ?? new Set<string>();
    for (const p of prompts) set.add(p);
    out.set(session, set);
  }
  return out;
}
