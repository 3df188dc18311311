/**
 * Pure: the prompt that opened a segment, for its summary title. Agent adapters will journal
 * prompts as `aisess.agent` events; until then typed input (when captured) is the best evidence.
 */
import { agentData } from '../journal/event-data.js';
import type { JournalEvent } from '../journal/events.js';
import { terminalText } from '../term/plain-text.js';

export function firstPrompt(events: readonly JournalEvent[]): string | null {
  return agentPrompt(events) ?? typedLine(events);
}

function agentPrompt(events: readonly JournalEvent[]): string | null {
  for (const e of events) {
    const value = agentData(e);
    if (value?.kind === 'prompt' && value.text.trim()) return oneLine(value.text);
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
