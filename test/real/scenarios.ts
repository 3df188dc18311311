/** The conformance scenarios, for both clients unless a scenario is one client's own. */
import type { Client } from './install.js';
import type { Scenario } from './scenario.js';
import type { Turn } from './script.js';

const writes = (prompt: string, files: Record<string, string>, answer: string): Turn => ({
  prompt, steps: [{ write: files }, { say: answer }],
});

export function scenarios(client: Client): Scenario[] {
  const c = client;
  const t1 = writes('Create one.txt saying one', { 'one.txt': 'one\n' }, 'DONE-ONE');
  const t2 = writes('Create two.txt saying two', { 'two.txt': 'two\n' }, 'DONE-TWO');
  const t3 = writes('Create three.txt saying three', { 'three.txt': 'three\n' }, 'DONE-THREE');
  const list: Scenario[] = [
    { name: 'one-turn', client: c, actions: [{ start: 'a' }, { turn: t1, in: 'a' }, { commit: ['one.txt'], prompts: [t1.prompt] }, { exit: 'a' }] },
    {
      name: 'multi-turn', client: c, actions: [
        { start: 'a' },
        { turn: t1, in: 'a' }, { commit: ['one.txt'], prompts: [t1.prompt] },
        { turn: t2, in: 'a' }, { commit: ['two.txt'], prompts: [t2.prompt] },
        { turn: t3, in: 'a' }, { exit: 'a' }, { commit: ['three.txt'], prompts: [t3.prompt] },
      ],
    },
    {
      name: 'two-files', client: c, actions: [
        { start: 'a' },
        { turn: writes('Create left.txt and right.txt', { 'left.txt': 'left\n', 'right.txt': 'right\n' }, 'DONE-BOTH'), in: 'a' },
        { commit: ['left.txt', 'right.txt'], prompts: ['Create left.txt and right.txt'] },
        { exit: 'a' },
      ],
    },
    {
      name: 'resume', client: c, actions: [
        { start: 'a' }, { turn: t1, in: 'a' }, { exit: 'a' }, { commit: ['one.txt'], prompts: [t1.prompt] },
        { start: 'a2', args: client === 'claude' ? ['--resume', '$a'] : ['resume', '$a'], as: 'a' },
        { turn: t2, in: 'a2' }, { exit: 'a2' }, { commit: ['two.txt'], prompts: [t2.prompt] },
        ...(client === 'claude'
          ? [{ start: 'a3', args: ['--continue'], as: 'a' }, { turn: t3, in: 'a3' }, { exit: 'a3' }, { commit: ['three.txt'], prompts: [t3.prompt] }]
          : []),
      ],
    },
    {
      name: 'concurrent', client: c, actions: [
        { start: 'a' }, { start: 'b' },
        { turn: writes('Session A creates a.txt', { 'a.txt': 'a\n' }, 'DONE-A'), in: 'a' },
        { turn: writes('Session B creates b.txt', { 'b.txt': 'b\n' }, 'DONE-B'), in: 'b' },
        { commit: ['a.txt'], prompts: ['Session A creates a.txt'] },
        { commit: ['b.txt'], prompts: ['Session B creates b.txt'] },
        { exit: 'a' }, { exit: 'b' },
      ],
    },
    {
      name: 'piped', client: c, actions: [
        { pipe: client === 'claude' ? ['-p', '--permission-mode', 'acceptEdits'] : ['exec'], turn: writes('Create piped.txt saying piped', { 'piped.txt': 'piped\n' }, 'DONE-PIPED'), session: 'p' },
        { commit: ['piped.txt'], prompts: ['Create piped.txt saying piped'] },
      ],
    },
  ];
  // Eight turns in a small terminal, one commit after the session: early turns leave the screen (Codex redraws its alternate screen).
  const many = Array.from({ length: 8 }, (_, i) => writes(`Create file${i + 1}.txt saying ${i + 1}`, { [`file${i + 1}.txt`]: `${i + 1}\n` }, `DONE-FILE-${i + 1}`));
  list.push({
    name: 'eight-turns', client: c, size: [100, 20], actions: [
      { start: 'a' }, ...many.map((turn) => ({ turn, in: 'a' })), { exit: 'a' },
      { commit: many.map((_, i) => `file${i + 1}.txt`), prompts: many.map((t) => t.prompt) },
    ],
  });
  if (client === 'claude') {
    list.push({
      name: 'subagent', client: c,
      actions: [
        { start: 'a' },
        {
          turn: { prompt: 'Use a subagent to create sub.txt', steps: [{ task: { description: 'Create sub.txt', prompt: 'Subagent: create sub.txt saying sub' } }, { say: 'DONE-SUB' }] },
          in: 'a',
        },
        { commit: ['sub.txt'], prompts: ['Use a subagent to create sub.txt'] },
        { exit: 'a' },
      ],
      extraTurns: [writes('Subagent: create sub.txt saying sub', { 'sub.txt': 'sub\n' }, 'SUBAGENT-FINISHED')],
    });
  }
  return list;
}
