/**
 * Pure: the prompt that opened a segment, for its summary title. Agent adapters will journal
 * prompts as `aisess.agent` events; until then typed input (when captured) is the best evidence.
 */
import { parseObject } from '../agents/compact.js';
import type { JournalEvent } from '../journal/events.js';
import { terminalText } from './screen-text.js';

export function firstPrompt(events: readonly JournalEvent[]): string | null {
  return agentPrompt(events) ?? typedLine(events);
}

function agentPrompt(events: readonly JournalEvent[]): string | null {
  for (const e of events) {
    if (e.code !== 'aisess.agent') continue;
    const value = parseObject(e.data);
    const kind = value?.kind ?? value?.type;
    const text = value?.text;
    if ((kind === 'prompt' || kind === 'user') && typeof text === 'string' && text.trim()) return oneLine(text);
  }
  return null;
}

/** The first line typed (up to Enter) that has any text. */
function typedLine(events: readonly JournalEvent[]): string | null {
  let line = '';
  for (const e of events) {
    if (e.code !== 'i') continue;
    for (const part of e.data.split(/(\r|\n)/)) {
      if (part !== '\r' && part !== '\n') {
        line += part;
        continue;
      }
      const text = oneLine(terminalText([line]));
      if (text) return text;
      line = '';
    }
  }
  return oneLine(terminalText([line])) || null;
}

function oneLine(text: string): string {
  return text.replace(/\s+/g, ' ').trim();
}
