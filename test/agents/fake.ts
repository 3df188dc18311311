/** Test helpers: fake agents as plain child processes, an in-memory journal sink, temp homes. */
import { spawn } from 'node:child_process';
import { mkdtempSync, realpathSync, rmSync, mkdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { AisessEventCode } from '../../src/journal/events.js';
import { startAgentSession, type AgentSession, type AgentSessionOptions } from '../../src/agents/session.js';
import type { AgentEvent } from '../../src/agents/types.js';

const bin = join(import.meta.dirname, '..', '..', 'fixtures', 'bin');

export interface Dirs {
  work: string;
  claudeDir: string;
  codexHome: string;
  store: string;
  cleanup(): void;
}

export function tempDirs(): Dirs {
  const root = realpathSync(mkdtempSync(join(tmpdir(), 'aisess-agents-')));
  const d = { work: join(root, 'work'), claudeDir: join(root, 'claude'), codexHome: join(root, 'codex'), store: join(root, 'store') };
  for (const dir of Object.values(d)) mkdirSync(dir, { recursive: true });
  return { ...d, cleanup: () => rmSync(root, { recursive: true, force: true }) };
}

export type Step = Record<string, unknown>;

/** A short scripted session: one prompt, an answer, one file written. */
export function script(prompt: string, file: string, extra: Step[] = []): Step[] {
  return [{ prompt }, { think: 200 }, { say: `answer to ${prompt}` }, { write: { path: file, content: `${prompt}\n` } }, ...extra, { wait: 200 }, { exit: 0 }];
}

export function agentEnv(d: Dirs, steps: Step[]): NodeJS.ProcessEnv {
  return { ...process.env, CLAUDE_CONFIG_DIR: d.claudeDir, CODEX_HOME: d.codexHome, FAKE_AGENT_SCRIPT: JSON.stringify(steps), FAKE_AGENT_SPEED: '4' };
}

export interface Running {
  pid: number;
  exit: Promise<number | null>;
  /** Submits a prompt, which a script's `waitPrompt` step waits for. */
  type(text: string): void;
}

export function runFake(argv: string[], cwd: string, env: NodeJS.ProcessEnv): Running {
  const [name, ...args] = argv;
  const child = spawn(process.execPath, [join(bin, `fake-${name}`), ...args], { cwd, env, stdio: ['pipe', 'ignore', 'inherit'] });
  return {
    pid: child.pid as number,
    exit: new Promise((done) => child.on('exit', (code) => done(code))),
    type: (text) => void child.stdin.write(`${text}\r`),
  };
}

export interface MemorySink {
  /** Journalled agent events without their `ago`, which is kept apart in `agos` (same index). */
  events: AgentEvent[];
  agos: (number | undefined)[];
  markers: string[];
  marker(label: string): void;
  event(code: AisessEventCode, data: unknown): void;
}

export function memorySink(): MemorySink {
  const sink: MemorySink = {
    events: [], agos: [], markers: [],
    marker: (label) => void sink.markers.push(label),
    event: (code, data) => {
      if (code !== 'aisess.agent') throw new Error(`unexpected code ${code}`);
      // Round-trip through JSON like the journal does.
      const { ago, ...event } = JSON.parse(JSON.stringify(data)) as AgentEvent & { ago?: number };
      sink.events.push(event as AgentEvent);
      sink.agos.push(ago);
    },
  };
  return sink;
}

export interface Recorded {
  session: AgentSession;
  sink: MemorySink;
  warnings: string[];
}

/** startAgentSession, then the fake agent on what it returned, as the run command will do it. */
export async function record(d: Dirs, argv: string[], steps: Step[], id: string, opts: Partial<AgentSessionOptions> = {}): Promise<Recorded> {
  const r = begin(d, argv, steps, id, opts);
  const child = runFake(r.session.argv, d.work, r.session.env as NodeJS.ProcessEnv);
  r.session.attachPid(child.pid);
  await child.exit;
  await r.session.stop();
  return r;
}

export function begin(d: Dirs, argv: string[], steps: Step[], id: string, opts: Partial<AgentSessionOptions> = {}): Recorded {
  const sink = memorySink();
  const warnings: string[] = [];
  const session = startAgentSession({
    argv, cwd: d.work, env: agentEnv(d, steps), sink, storeDir: d.store, sessionId: id, pollMs: 50,
    onWarning: (m) => void warnings.push(m), ...opts,
  });
  return { session, sink, warnings };
}

export function kinds(events: AgentEvent[], kind: AgentEvent['kind']): AgentEvent[] {
  return events.filter((e) => e.kind === kind);
}

export function texts(events: AgentEvent[], kind: 'prompt' | 'answer'): string[] {
  return events.flatMap((e) => (e.kind === kind ? [e.text] : []));
}

