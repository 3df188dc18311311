/** A hand-made export document: two segments of one session on one commit, hostile text included. */
import type { SegmentView } from '../../src/history/segment-view.js';
import { exportDocument, type ExportDocument } from '../../src/export/document.js';

const agent = (data: object): [number, string, string] => [0, 'aisess.agent', JSON.stringify(data)];
const at = (time: number, e: [number, string, string]): [number, string, string] => [time, e[1], e[2]];

export function view(over: Partial<SegmentView> & Pick<SegmentView, 'id' | 'events'>): SegmentView {
  return {
    session: 's1', agent: 'claude', model: 'claude-x', argv: ['claude'], cwd: '/w', start: Date.UTC(2026, 0, 2, 3, 4, 5), durationMs: 3000,
    title: '', paths: [], term: { cols: 80, rows: 24 }, screen: null, boundAt: null, boundBy: null, ...over,
  };
}

export const EVIL = 'fix `it` ```` </script><script>alert(1)</script> \x1b]52;c;ZXZpbA==\x07 <b>x</b> [l](javascript:x) \u2028';

export function sampleDocument(): ExportDocument {
  const first = view({
    id: 's1:0', title: EVIL, paths: [{ path: 'a.txt', status: 'modified', bound: 'full' }],
    events: [
      at(1, agent({ kind: 'session', agent: 'claude', id: 'abc', resume: 'claude --resume abc' })),
      at(1, agent({ kind: 'prompt', text: EVIL })),
      [1.5, 'o', 'hello \x1b]0;title\x07\x1b[1mworld\x1b[0m\r\n'],
      at(2, agent({ kind: 'answer', text: 'done </details> <img src=x>' })),
      at(2.5, agent({ kind: 'tool_call', id: 't', name: 'Edit', args: { path: '/w/a.txt' } })),
      at(2.6, agent({ kind: 'usage', input: 10, output: 5 })),
      [3, 'o', 'bye\r\n'],
    ],
  });
  const second = view({
    id: 's1:1', start: first.start + 5000, title: 'second',
    events: [at(6, agent({ kind: 'prompt', text: 'second' })), [6.5, 'o', 'two\r\n'], [7, 'r', '100x30'], [7.1, 'r', 'evil'], [7.5, 'i', 'typed']],
  });
  return exportDocument({ kind: 'commit', name: 'HEAD', units: [{ commit: 'c'.repeat(40), subject: 'subject <b>', segments: [first, second], numstat: new Map(), problems: [] }] });
}
