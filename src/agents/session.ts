/**
 * The one call the recorder makes: pick the adapter, plan the launch (before spawning), follow the
 * transcript and journal each AgentEvent as `aisess.agent`, with markers at prompts and file edits
 * so replay can jump between them. It never throws: a problem is one warning and terminal-only recording.
 */
import type { AisessEventCode } from '../journal/events.js';
import { pickAdapter } from './registry.js';
import type { AgentEvent, Env, Follower } from './types.js';

export interface AgentSink {
  marker(label: string): void;
  /** false: the event was left out (recording paused when it happened), so its marker is too. */
  event(code: AisessEventCode, data: unknown): boolean | void;
}

export interface AgentSessionOptions {
  /** `--agent`, when given; otherwise argv[0]'s basename picks the adapter. */
  agentName?: string;
  /** The command as typed; argv[0] is the agent. */
  argv: string[];
  cwd: string;
  env: Env;
  sink: AgentSink;
  /** The aisess store directory (Store.dir). */
  storeDir: string;
  /** The aisess session id (Recording.id). */
  sessionId: string;
  startedAt?: number;
  /** `aisess.keepThinking`: journal thinking blocks and keep them in transcript lines. */
  keepThinking?: boolean;
  onWarning?(message: string): void;
  pollMs?: number;
}

export interface AgentSession {
  /** The adapter's name ('claude', 'codex', 'generic'). */
  agent: string;
  /** What to spawn: argv[0] unchanged, args possibly with `--session-id <uuid>` added. */
  argv: string[];
  env: Env;
  /** The transcript being followed, once known. */
  transcript(): string | undefined;
  /** Call right after spawning: tells concurrent sessions' transcripts apart by open files. */
  attachPid(pid: number): void;
  /** Reads the transcript as far as it is written now (before a commit is bound). Never rejects. */
  sync(): Promise<void>;
  /** Call after the agent exited and before the journal is closed: drains the transcript. */
  stop(): Promise<void>;
}

export const MARKER_TEXT = 60;

export function markerFor(event: AgentEvent): string | undefined {
  if (event.kind === 'prompt') return `prompt: ${event.text.replace(/\s+/g, ' ').trim().slice(0, MARKER_TEXT)}`;
  if (event.kind === 'file_edit') return `edit: ${event.path}`;
  return undefined;
}

/**
 * The journal stamps an event when the transcript tail reads it, up to a poll after the agent
 * wrote it. `ago` (seconds, written last) says how much earlier the line was written, so the
 * segmenter can put it back in its place (src/segment/order.ts). A difference of two readings
 * of the same clock: it needs no shared origin with the journal's.
 */
export function agoSeconds(at: number, now: number = Date.now()): number {
  return Math.round(now - at) / 1000;
}

export function startAgentSession(o: AgentSessionOptions): AgentSession {
  let warned = false;
  const warn = (message: string) => {
    if (warned) return;
    warned = true;
    try {
      o.onWarning?.(message);
    } catch {
      // A warning callback must not take the session down.
    }
  };
  const adapter = pickAdapter(o.argv[0] ?? '', o.agentName);
  const keepThinking = o.keepThinking ?? false;
  const emit = (event: AgentEvent, at?: number) => {
    if (event.kind === 'thinking' && !keepThinking) return;
    const kept = o.sink.event('aisess.agent', at === undefined ? event : { ...event, ago: agoSeconds(at) });
    const label = markerFor(event);
    if (label && kept !== false) o.sink.marker(label);
  };
  let follower: Follower | undefined;
  let pid: number | undefined;
  let argv = o.argv;
  let env = o.env;
  try {
    const ctx = { argv: o.argv, cwd: o.cwd, env: o.env, startedAt: o.startedAt ?? Date.now(), storeDir: o.storeDir, sessionId: o.sessionId };
    const prepared = adapter.prepare(ctx);
    [argv, env] = [prepared.argv, prepared.env];
    follower = prepared.follow({ emit, warn, keepThinking, agentPid: () => pid, ...(o.pollMs !== undefined && { pollMs: o.pollMs }) });
  } catch (err) {
    warn(`${adapter.name}: cannot follow its transcript (${(err as Error).message}); recording the terminal only`);
  }
  return {
    agent: adapter.name,
    argv,
    env,
    transcript: () => follower?.file(),
    attachPid: (p) => {
      pid = p;
    },
    sync: async () => {
      try {
        await follower?.sync();
      } catch (err) {
        warn(`${adapter.name}: ${(err as Error).message}`);
      }
    },
    stop: async () => {
      try {
        await follower?.stop();
      } catch (err) {
        warn(`${adapter.name}: ${(err as Error).message}`);
      }
    },
  };
}
