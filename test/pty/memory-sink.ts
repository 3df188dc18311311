import type { ExitStatus } from '../../src/journal/events.js';
import type { JournalSink } from '../../src/journal/sink.js';

/** A journal sink that keeps every call as [code, data], for asserting what the shim recorded. */
export interface MemorySink extends JournalSink {
  events: [string, string][];
  closed?: ExitStatus;
}

export function memorySink(): MemorySink {
  const events: [string, string][] = [];
  const sink: MemorySink = {
    events,
    output: (d) => events.push(['o', d]),
    outputJsonText: (body) => events.push(['o', JSON.parse(`"${Buffer.from(body).toString()}"`) as string]),
    input: (d) => events.push(['i', d]),
    resize: (c, r) => events.push(['r', `${c}x${r}`]),
    marker: (l) => events.push(['m', l]),
    event: (code, data) => events.push([code, JSON.stringify(data)]),
    close: async (status) => { sink.closed = status; },
  };
  return sink;
}
