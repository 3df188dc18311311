import type { JournalHeader } from '../../src/journal/events.js';

export const sampleHeader: JournalHeader = {
  version: 3,
  term: { cols: 80, rows: 24, type: 'xterm-256color' },
  timestamp: 1795610764,
  command: 'claude --resume',
  aisess: {
    format: 1, id: '20261125-124604-5ac91a', agent: 'claude', argv: ['claude', '--resume'],
    cwd: '/work/project', pid: 42, startedAt: 1795610764825, captureInput: false,
  },
};
