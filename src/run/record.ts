/**
 * A recorded session, start to end: raw terminal, journal, agent adapter, pty, pause key, live
 * git side; the agent is spawned as early as possible and everything slow runs beside it. Without a
 * terminal (stdout or stdin not a tty) the agent runs on pipes instead, recorded the same way.
 */
import { basename } from 'node:path';
import type { ExitStatus } from '../journal/events.js';
import type { Terminal } from '../pty/tty.js';
import type { Store } from '../store/locate.js';
import { capturePreSession, type PreSession } from '../watch/pre-session.js';
import { gitRunner } from '../watch/run-git.js';

export interface Recorded {
  file: string;
  args: string[];
  cwd: string;
  /** Forced with --agent; otherwise the adapter registry picks by the command's name. */
  agent?: string;
  argv: string[];
  captureInput: boolean;
}

export interface RecordedResult {
  exit: ExitStatus;
  /** At most one warning, shown after the terminal is restored (mid-session it would break a TUI). */
  warning?: string;
  /** Lines for the user once the session is over (e.g. hooks installed). */
  notices: string[];
}

/** Runs the agent in a pty under the recorder, with its transcript followed and commits bound. */
export async function recordSession(r: Recorded): Promise<RecordedResult> {
  // The git calls run while the modules load: all stand between the user and the agent's start.
  const store = import('../store/locate.js').then(({ locateStore }) => locateStore(r.cwd));
  const beforeSpawn = lookBeforeSpawn(r.cwd, store);
  const facts = Promise.all([store, readKeepThinking(r.cwd)]);
  const { userTerminal } = await import('../pty/tty.js');
  const terminal = userTerminal();
  // Raw mode now: its stty child runs while the rest loads instead of holding the agent's first output.
  terminal.enterRaw();
  try {
    return await recordInShim(r, terminal, facts, beforeSpawn);
  } catch (err) {
    await terminal.restore();
    throw err;
  }
}

async function recordInShim(r: Recorded, terminal: Terminal, facts: Promise<[Store, boolean]>, beforeSpawn: Promise<PreSession | null>): Promise<RecordedResult> {
  const [{ startRecording }, { spawnPty }, { runShim, catchEndingSignals }, { startAgentSession }, { startLiveSession }, { createPause }, { pickAdapter }] =
    await Promise.all([
      import('../store/recording.js'), import('../pty/spawn.js'), import('../pty/shim.js'),
      import('../agents/session.js'), import('./live.js'), import('../pty/pause.js'), import('../agents/registry.js'),
    ]);
  const size = terminal.size();
  let warning: string | undefined;
  const onWarning = (message: string) => { warning ??= message; };
  const notices: string[] = [];
  const [store, keepThinking] = await facts;
  const recording = startRecording({
    agent: r.agent ?? agentLabel(pickAdapter, r.argv[0] ?? ''), argv: r.argv, cwd: r.cwd,
    term: { ...size, type: process.env.TERM }, captureInput: r.captureInput, onWarning, store,
  });
  // Ctrl-] p pauses: output, keys and agent events (by when they happened) stay out of the journal until pressed again.
  const pause = createPause(recording);
  const agent = startAgentSession({
    agentName: r.agent, argv: r.argv, cwd: r.cwd, env: { ...process.env, AISESS_SESSION: recording.id },
    sink: pause.agent, storeDir: store.dir, sessionId: recording.id, keepThinking, onWarning,
  });
  const signals = catchEndingSignals();
  const before = await beforeSpawn;
  const spawnedAt = Date.now();
  const pty = spawnPty({
    file: r.file, args: agent.argv.slice(1), env: agent.env, cwd: r.cwd, ...size, displayFd: terminal.fd,
  });
  agent.attachPid(pty.pid);
  const live = startLiveSession({ recording, cwd: r.cwd, spawnedAt, beforeSpawn: before, syncTranscript: () => agent.sync(), notice: (m) => notices.push(m), onWarning });
  const beforeClose = async () => { await Promise.all([agent.stop(), live.settle()]); };
  const exit = await runShim({ pty, terminal, sink: pause.sink, pause, captureInput: r.captureInput, beforeClose, signals })
    .finally(() => signals.stop());
  await live.finish();
  return { exit, warning, notices };
}

/** A piped run's journal has no terminal size: this one, or the user's terminal when stdout is one. */
export const PIPED_TERM = { cols: 80, rows: 24 };

/** Runs the agent on pipes (no terminal to shim) under the recorder: output, transcript and commits as usual. */
export async function recordPiped(r: Recorded): Promise<RecordedResult> {
  const located = import('../store/locate.js').then(({ locateStore }) => locateStore(r.cwd));
  const beforeSpawn = lookBeforeSpawn(r.cwd, located);
  const [[store, keepThinking], { startRecording }, { runPiped }, { startAgentSession }, { startLiveSession }, { pickAdapter }] = await Promise.all([
    Promise.all([located, readKeepThinking(r.cwd)]),
    import('../store/recording.js'), import('../pty/pipes.js'), import('../agents/session.js'), import('./live.js'),
    import('../agents/registry.js'),
  ]);
  let warning: string | undefined;
  const onWarning = (message: string) => { warning ??= message; };
  const notices: string[] = [];
  const size = process.stdout.isTTY ? { cols: process.stdout.columns, rows: process.stdout.rows } : PIPED_TERM;
  const recording = startRecording({
    agent: r.agent ?? agentLabel(pickAdapter, r.argv[0] ?? ''), argv: r.argv, cwd: r.cwd,
    term: { ...size, type: process.env.TERM, piped: true }, captureInput: false, onWarning, store,
  });
  const agent = startAgentSession({
    agentName: r.agent, argv: r.argv, cwd: r.cwd, env: { ...process.env, AISESS_SESSION: recording.id },
    sink: recording, storeDir: store.dir, sessionId: recording.id, keepThinking, onWarning,
  });
  const before = await beforeSpawn;
  const spawnedAt = Date.now();
  const live = startLiveSession({ recording, cwd: r.cwd, spawnedAt, beforeSpawn: before, syncTranscript: () => agent.sync(), notice: (m) => notices.push(m), onWarning });
  const exit = await runPiped({
    file: r.file, argv0: r.argv[0] ?? r.file, args: agent.argv.slice(1), env: agent.env, cwd: r.cwd, sink: recording,
    onSpawn: (pid) => agent.attachPid(pid),
    beforeClose: async () => { await Promise.all([agent.stop(), live.settle()]); },
  });
  await live.finish();
  return { exit, warning, notices };
}

/** The adapter's name for a known agent; any other program is recorded under its own name. */
function agentLabel(pickAdapter: (command: string) => { name: string }, command: string): string {
  const name = pickAdapter(command).name;
  return name === 'generic' ? basename(command) : name;
}

/**
 * The dirty tracked files' content before the agent can write (src/watch/pre-session.ts); null
 * outside a working tree or when git fails. Its status runs beside the store's lookup, not after it.
 */
async function lookBeforeSpawn(cwd: string, located: Promise<Store>): Promise<PreSession | null> {
  try {
    return await capturePreSession(gitRunner(cwd), located.then((s) => s.worktree));
  } catch {
    return null;
  }
}

/** git config aisess.keepThinking where the agent runs (false outside a repository or when unreadable). */
async function readKeepThinking(cwd: string): Promise<boolean> {
  const [{ readAisessConfig }, { createGitRunner }] = await Promise.all([import('../config/aisess-config.js'), import('../git/runner.js')]);
  return (await readAisessConfig(createGitRunner(cwd)).catch(() => null))?.config.keepThinking ?? false;
}
