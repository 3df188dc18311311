import { tmpdir } from 'node:os';
import { startRecording } from '../../src/store/recording.js';

export type Step = { wait?: number } & (
  | { output: string }
  | { input: string }
  | { resize: [number, number] }
  | { marker: string }
  | { event: 'aisess.worktree' | 'aisess.agent' }
);

/**
 * Records a session through the journal's own recorder (as `aisess run` does) with an injected
 * clock, into the store of `cwd`. Returns its id, journal path and the output it recorded.
 */
export async function recordSession(
  cwd: string,
  steps: Step[],
  term = { cols: 120, rows: 40 },
): Promise<{ id: string; path: string; output: string }> {
  let clock = 0;
  const warnings: string[] = [];
  const rec = startRecording({
    agent: 'generic', argv: ['fake-agent'], cwd, term, captureInput: true, now: () => clock,
    env: { ...process.env, GIT_CEILING_DIRECTORIES: tmpdir() },
    onWarning: (m) => warnings.push(m),
  });
  let output = '';
  for (const step of steps) {
    clock += (step.wait ?? 0) * 1000;
    if ('output' in step) {
      rec.output(step.output);
      output += step.output;
    } else if ('input' in step) rec.input(step.input);
    else if ('resize' in step) rec.resize(...step.resize);
    else if ('marker' in step) rec.marker(step.marker);
    else if (step.event === 'aisess.agent') rec.event(step.event, { kind: 'answer', text: 'done' });
    else rec.event(step.event, { paths: [{ path: 'a.ts', blob: 'b'.repeat(40), status: 'modified' }] });
  }
  await rec.close({ code: 0 });
  const path = await rec.ready;
  if (!path || warnings.length > 0) throw new Error(`recording failed: ${warnings.join('; ')}`);
  return { id: rec.id, path, output };
}
