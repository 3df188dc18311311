import { tmpdir } from 'node:os';
import type { AgentData } from '../../src/journal/event-data.js';
import { startRecording } from '../../src/store/recording.js';

export type Step = { wait?: number } & (
  | { output: string }
  | { input: string }
  | { change: { path: string; blob: string | null; status?: string }[] }
  /** A structured agent event, as an adapter journals it (prompt, answer, tool call…). */
  | { agent: AgentData }
);

/**
 * Records a session into the store of the repository at `cwd` through the journal's own recorder
 * (as `aisess run` does), with an injected clock. A `change` step journals a working-tree change,
 * which ends a segment; an `agent` step journals an agent event. Returns the id and, per segment, the output it recorded.
 */
export async function recordSteps(cwd: string, steps: Step[], opts: { agent?: string; term?: { cols: number; rows: number } } = {}) {
  let clock = 0;
  const warnings: string[] = [];
  const rec = startRecording({
    agent: opts.agent ?? 'claude', argv: [opts.agent ?? 'claude'], cwd, term: opts.term ?? { cols: 100, rows: 30 },
    captureInput: true, now: () => clock, env: { ...process.env, GIT_CEILING_DIRECTORIES: tmpdir() },
    onWarning: (m) => warnings.push(m),
  });
  const outputs: string[] = [''];
  for (const step of steps) {
    clock += (step.wait ?? 0) * 1000;
    if ('output' in step) {
      rec.output(step.output);
      outputs[outputs.length - 1] += step.output;
    } else if ('input' in step) rec.input(step.input);
    else if ('agent' in step) rec.event('aisess.agent', step.agent);
    else {
      rec.event('aisess.worktree', { paths: step.change.map((c) => ({ status: 'modified', ...c })) });
      outputs.push('');
    }
  }
  await rec.close({ code: 0 });
  const path = await rec.ready;
  if (!path || warnings.length > 0) throw new Error(`recording failed: ${warnings.join('; ')}`);
  return { id: rec.id, path, outputs };
}
