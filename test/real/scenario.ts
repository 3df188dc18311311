/**
 * A scenario is a list of actions a person takes: start a TUI session through `aisess run`, type a
 * prompt and wait for its answer, commit from another process, quit, run a piped non-interactive
 * command. `play` runs one against the real client and returns what the checks need.
 */
import { spawn, spawnSync } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';
import { basename, join } from 'node:path';
import { cliEntry } from '../helpers/cli.js';
import { testEnv } from '../helpers/term.js';
import { drive, exitTui, ready, type Driver } from './driver.js';
import { turnExpect, type CommitExpect, type Expectation, type TurnExpect } from './expect.js';
import type { Client } from './install.js';
import { scriptOf, type Turn } from './script.js';
import { world, type World } from './world.js';
import { eventually, sleep } from '../helpers/wait.js';

export type Action =
  /** Starts a TUI session `name`; `$x` in args becomes agent session x's id; `as` names the agent session it continues. */
  | { start: string; args?: string[]; as?: string }
  | { turn: Turn; in: string }
  /** Commits these files from another process and waits for the note; `prompts`: exactly the turns it must hold. */
  | { commit: string[]; prompts: string[] }
  | { exit: string }
  /** `aisess run <client> <args…>` with stdout piped and stdin from /dev/null, as session `session`. */
  | { pipe: string[]; turn: Turn; session: string };

export interface Scenario {
  name: string;
  client: Client;
  actions: Action[];
  /** The terminal's size (default 120×40). */
  size?: readonly [number, number];
  /** Turns the model must know but no person types (a subagent's task prompt). */
  extraTurns?: Turn[];
}

export interface Played {
  world: World;
  expectation: Expectation;
  /** Piped runs' stdout. */
  piped: string[];
  /** What went wrong while playing (a note that never came, a TUI that would not quit…); the run goes on where it can. */
  problems: string[];
  ms: number;
}

const TUI_ARGS: Record<Client, string[]> = { claude: ['--permission-mode', 'acceptEdits'], codex: [] };

export async function play(s: Scenario, version?: string): Promise<Played> {
  const turns = s.actions.flatMap((a) => ('turn' in a ? [a.turn] : []));
  const w = await world(s.client, scriptOf([...turns, ...(s.extraTurns ?? [])]), version);
  const t0 = Date.now();
  const drivers = new Map<string, Driver>();
  const aliases = new Map<string, string>();
  const expTurns: TurnExpect[] = [];
  const commits: CommitExpect[] = [];
  const piped: string[] = [];
  const problems: string[] = [];
  try {
    for (const a of s.actions) {
      if ('start' in a) {
        const args = (a.args ?? []).map((x) => (x.startsWith('$') ? agentSessionOf(w, expTurns, x.slice(1)) : x));
        const d = drive(w, [s.client, ...args, ...TUI_ARGS[s.client]], s.size);
        drivers.set(a.start, d);
        aliases.set(a.start, a.as ?? a.start);
        await ready(d, s.client);
      } else if ('in' in a) {
        const d = drivers.get(a.in)!;
        const e = turnExpect(s.client, a.turn, aliases.get(a.in)!, s.extraTurns);
        expTurns.push(e);
        await d.type(a.turn.prompt);
        await d.waitScreen(new RegExp(e.answer.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')), 60_000);
        // The transcript tail polls every 250 ms and the answer line may land after the screen shows it.
        await sleep(1500);
      } else if ('commit' in a) {
        const { id, problem } = await commitAndWait(w, a.commit);
        commits.push({ id, files: a.commit, prompts: a.prompts });
        if (problem) problems.push(problem);
      } else if ('exit' in a) {
        const d = drivers.get(a.exit)!;
        const status = await exitTui(d, s.client);
        if (status === 'timeout') throw new Error(`${a.exit}: the TUI did not exit on ${s.client === 'claude' ? '/exit' : '/quit'}`);
        await d.dispose();
        drivers.delete(a.exit);
      } else {
        expTurns.push({ ...turnExpect(s.client, a.turn, a.session), argument: true });
        piped.push(await runPiped(w, [s.client, ...a.pipe, a.turn.prompt]));
      }
    }
  } catch (err) {
    problems.push((err as Error).message);
  } finally {
    for (const d of drivers.values()) await d.dispose();
  }
  const model = s.client === 'claude' ? claudeModel(w) : 'gpt-5.5';
  const names = [...new Set(expTurns.map((t) => t.session))];
  const agentSessions = Object.fromEntries(names.map((n) => [n, agentSessionOf(w, expTurns, n)]));
  return { world: w, piped, problems, ms: Date.now() - t0, expectation: { scenario: s.name, client: s.client, version: w.version, model, turns: expTurns, commits, agentSessions } };
}

/** The model Claude asked the mock for in its tool-bearing requests (its default differs by version). */
function claudeModel(w: World): string {
  const r = w.mock.requests.find((q) => Array.isArray((q.body as { tools?: unknown[] } | null)?.tools) && ((q.body as { tools: unknown[] }).tools.length > 0));
  return (r?.body as { model?: string } | undefined)?.model ?? 'unknown';
}

/** Transcript files of the world's client: Claude's project files (subagents too), Codex's rollouts. */
export function transcripts(w: World): string[] {
  const root = w.client === 'claude' ? join(w.agentHome, 'projects') : join(w.agentHome, 'sessions');
  const walk = (dir: string): string[] => {
    let entries;
    try { entries = readdirSync(dir, { withFileTypes: true }); } catch { return []; }
    return entries.flatMap((e) => (e.isDirectory() ? walk(join(dir, e.name)) : /\.(?:jsonl|meta\.json)$/.test(e.name) ? [join(dir, e.name)] : []));
  };
  return walk(root).sort();
}

/** The id of agent session `name`: the transcript holding the prompt of its first turn. */
function agentSessionOf(w: World, turns: readonly TurnExpect[], name: string): string {
  const first = turns.find((t) => t.session === name);
  if (!first) throw new Error(`no turn ran in session ${name}`);
  const needle = JSON.stringify(first.prompt);
  const file = transcripts(w).find((f) => !f.includes('/subagents/') && readFileSync(f, 'utf8').includes(needle));
  if (!file) throw new Error(`no transcript holds ${needle}`);
  return basename(file, '.jsonl').slice(-36);
}

async function commitAndWait(w: World, files: string[]): Promise<{ id: string; problem?: string }> {
  const env = { ...process.env, ...w.env };
  const run = (args: string[]) => {
    const r = spawnSync('git', args, { cwd: w.repo, env, encoding: 'utf8' });
    if (r.status !== 0) throw new Error(`git ${args.join(' ')}: ${r.stderr}`);
    return r.stdout.trim();
  };
  run(['add', '--', ...files]);
  run(['commit', '-q', '-m', `add ${files.join(', ')}`, '--', ...files]);
  const id = run(['rev-parse', 'HEAD']);
  const noted = () => {
    const r = spawnSync('git', ['notes', '--ref=aisess', 'show', id], { cwd: w.repo, env, encoding: 'utf8' });
    return r.status === 0 && r.stdout.includes('# aisess ');
  };
  if (await eventually(noted, (n) => n, { timeoutMs: 30_000, intervalMs: 200 })) return { id };
  return { id, problem: `no note on the commit of ${files.join(', ')} after 30 s` };
}

function runPiped(w: World, args: string[]): Promise<string> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [cliEntry(), 'run', ...args], { cwd: w.repo, env: testEnv(w.env), stdio: ['ignore', 'pipe', 'pipe'] });
    const out: Buffer[] = [];
    const err: Buffer[] = [];
    child.stdout.on('data', (c: Buffer) => out.push(c));
    child.stderr.on('data', (c: Buffer) => err.push(c));
    const timer = setTimeout(() => child.kill('SIGKILL'), 120_000);
    child.on('close', (code, signal) => {
      clearTimeout(timer);
      if (code === 0) resolve(Buffer.concat(out).toString('utf8'));
      else reject(new Error(`aisess run ${args.join(' ')} → ${code ?? signal}: ${Buffer.concat(err).toString('utf8')}`));
    });
  });
}
