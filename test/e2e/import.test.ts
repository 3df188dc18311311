/**
 * `aisess import` end to end: the built CLI, real git, and sessions written where the agents keep
 * them, in their real formats: the real clients' own files (fixtures/real/, with the run's paths and
 * times moved to this test's repository and clock) and hand-built Claude lines of the same shape.
 * Commits are dated after the sessions, as they would be.
 */
import assert from 'node:assert/strict';
import { mkdirSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { test } from 'node:test';
import { fixturesDir } from '../helpers/cli.js';
import { cli, noteText, notesOn, setup, sh, type Sandbox } from '../helpers/scenario.js';
import { session } from './binding-harness.js';
import { claimPath } from '../../src/agents/claims.js';
import { currentOwner } from '../../src/store/owner.js';

const HOUR = 3_600_000;
const DAY = 24 * HOUR;
const real = (dir: string) => join(fixturesDir, 'real', dir);

interface Report {
  dryRun: boolean;
  sessions: { agent: string; id: string }[];
  bound: { commit: string; agent: string; session: string; turn: number; record: string; paths: { path: string; bound: string }[]; conversation: boolean; state: string }[];
  unbound: { agent: string; session: string; turn: number; path: string; reason: string }[];
  recorded: unknown[];
  recording: { agent: string; file: string }[];
  copies: unknown[];
  unreadable: unknown[];
}

async function importJson(sb: Sandbox, repo: string, args: string[] = []): Promise<Report> {
  const r = await cli(sb, repo, ['import', '--json', ...args]);
  assert.equal(r.status, 0, r.stderr);
  return JSON.parse(r.stdout) as Report;
}

/** A fixture's text with its run's repository path and clock moved: its first timestamp becomes `start`. */
function moved(text: string, fixtureRepo: string, repo: string, start: number, first: number): string {
  return text
    .replaceAll(fixtureRepo, repo)
    .replace(/"timestamp":"([^"]+)"/g, (_, t: string) => `"timestamp":"${new Date(Date.parse(t) - first + start).toISOString()}"`);
}

function firstTime(text: string): number {
  return Date.parse(/"timestamp":"([^"]+)"/.exec(text)![1]!);
}

function files(dir: string): string[] {
  return readdirSync(dir, { recursive: true, encoding: 'utf8' }).filter((f) => statSync(join(dir, f)).isFile());
}

const claudeProject = (sb: Sandbox, repo: string) => join(sb.env.CLAUDE_CONFIG_DIR!, 'projects', repo.replace(/[^A-Za-z0-9]/g, '-'));

/** A real Claude run's transcripts (subagents included) as if run in `repo`, starting at `start`. */
function placeClaude(sb: Sandbox, repo: string, scenario: string, start: number): string {
  const from = join(real(scenario), 'transcripts', 'project');
  const fixtureRepo = (JSON.parse(readFileSync(join(real(scenario), 'expect.json'), 'utf8')) as { repo: string }).repo;
  const all = files(from);
  const first = Math.min(...all.filter((f) => f.endsWith('.jsonl')).map((f) => firstTime(readFileSync(join(from, f), 'utf8'))));
  for (const f of all) {
    const to = join(claudeProject(sb, repo), f);
    mkdirSync(join(to, '..'), { recursive: true });
    writeFileSync(to, moved(readFileSync(join(from, f), 'utf8'), fixtureRepo, repo, start, first));
  }
  return (JSON.parse(readFileSync(join(real(scenario), 'expect.json'), 'utf8')) as { agentSessions: { a: string } }).agentSessions.a;
}

/** A real Codex rollout as if run in `repo`, plain or compressed as Codex 0.169 compresses old ones. */
function placeCodex(sb: Sandbox, repo: string, scenario: string, start: number, zst: boolean): string {
  const from = join(real(scenario), 'transcripts');
  const expect = JSON.parse(readFileSync(join(real(scenario), 'expect.json'), 'utf8')) as { repo: string; agentSessions: { a: string } };
  for (const f of files(from)) {
    const text = readFileSync(join(from, f), 'utf8');
    const out = moved(text, expect.repo, repo, start, firstTime(text));
    const to = join(sb.env.CODEX_HOME!, 'sessions', f);
    mkdirSync(join(to, '..'), { recursive: true });
    if (zst) writeFileSync(`${to}.zst`, (createRequire(import.meta.url)('zstd-napi') as { compress(b: Buffer): Buffer }).compress(Buffer.from(out)));
    else writeFileSync(to, out);
  }
  return expect.agentSessions.a;
}

/** Claude lines in 2.1.197's shape for one session: each turn a prompt, its edits (tool call + result), an answer. */
interface HandTurn {
  prompt: string;
  answer: string;
  edits?: { file: string; old: string; new: string; before: string; after: string }[];
}

function handClaude(sb: Sandbox, repo: string, id: string, start: number, turns: HandTurn[]): void {
  const lines: unknown[] = [];
  let t = start;
  let parent: string | null = null;
  let n = 0;
  const entry = (type: string, rest: Record<string, unknown>) => {
    const uuid = `${id.slice(0, 8)}-u${n++}`;
    lines.push({ parentUuid: parent, isSidechain: false, type, ...rest, uuid, timestamp: new Date((t += 1000)).toISOString(),
      userType: 'external', entrypoint: 'cli', cwd: repo, sessionId: id, version: '2.1.197', gitBranch: 'main' });
    parent = uuid;
  };
  for (const [i, turn] of turns.entries()) {
    entry('user', { message: { role: 'user', content: turn.prompt } });
    for (const [j, e] of (turn.edits ?? []).entries()) {
      const tool = `toolu_${i}_${j}`;
      const filePath = join(repo, e.file);
      entry('assistant', { message: { id: `msg_${i}_${j}`, role: 'assistant', model: 'claude-opus-4-8',
        content: [{ type: 'tool_use', id: tool, name: 'Edit', input: { file_path: filePath, old_string: e.old, new_string: e.new } }],
        usage: { input_tokens: 10, output_tokens: 5 } } });
      const before = e.before.split('\n').slice(0, -1);
      const after = e.after.split('\n').slice(0, -1);
      const kept = before.filter((l) => after.includes(l));
      entry('user', { message: { role: 'user', content: [{ tool_use_id: tool, type: 'tool_result', content: `The file ${filePath} has been updated.` }] },
        toolUseResult: { filePath, oldString: e.old, newString: e.new, originalFile: e.before, userModified: false, replaceAll: false,
          structuredPatch: [{ oldStart: 1, oldLines: before.length, newStart: 1, newLines: after.length,
            lines: [...kept.map((l) => ` ${l}`), ...before.filter((l) => !after.includes(l)).map((l) => `-${l}`), ...after.filter((l) => !before.includes(l)).map((l) => `+${l}`)] }] } });
    }
    entry('assistant', { message: { id: `msg_${i}_a`, role: 'assistant', model: 'claude-opus-4-8', content: [{ type: 'text', text: turn.answer }],
      usage: { input_tokens: 10, output_tokens: 5 } } });
    entry('system', { subtype: 'turn_duration', durationMs: 1000 });
  }
  mkdirSync(claudeProject(sb, repo), { recursive: true });
  writeFileSync(join(claudeProject(sb, repo), `${id}.jsonl`), `${lines.map((l) => JSON.stringify(l)).join('\n')}\n`);
}

/** Writes files and commits them, dated `at`. */
async function commitAt(sb: Sandbox, repo: string, at: number, tree: Record<string, string>, message: string): Promise<string> {
  for (const [f, text] of Object.entries(tree)) writeFileSync(join(repo, f), text);
  const date = new Date(at).toISOString();
  const dated = { ...sb, env: { ...sb.env, GIT_AUTHOR_DATE: date, GIT_COMMITTER_DATE: date } };
  await sh(dated, repo, ['add', '--', ...Object.keys(tree)]);
  await sh(dated, repo, ['commit', '-q', '-m', message]);
  return sh(sb, repo, ['rev-parse', 'HEAD']);
}

const notesRef = (sb: Sandbox, repo: string) => sh(sb, repo, ['for-each-ref', '--format=%(objectname)', 'refs/notes/aisess']);
const turnsOn = (b: Report['bound'], commit: string) =>
  b.filter((x) => x.commit === commit).map((x) => `${x.agent}:${x.turn} ${x.conversation ? '(conversation)' : x.paths.map((p) => `${p.path}:${p.bound}`).join(' ')}`);

test('Claude: each commit gets the turn whose edit it holds; a file committed differently and an edit never committed get nothing; dry run writes nothing; twice adds nothing', async () => {
  const { sb, repo } = setup();
  const now = Date.now();
  const id = placeClaude(sb, repo, 'claude@2.1.197/multi-turn', now - 3 * HOUR);
  const c1 = await commitAt(sb, repo, now - 2 * HOUR, { 'one.txt': 'one\n' }, 'one');
  const c2 = await commitAt(sb, repo, now - 2 * HOUR + 60_000, { 'two.txt': 'two\n' }, 'two');
  // three.txt was created by turn 3 as "three"; the commit holds another text.
  const c3 = await commitAt(sb, repo, now - HOUR, { 'three.txt': 'something else\n' }, 'three, by hand');
  const hand = 'aaaaaaaa-1111-4111-8111-000000000001';
  handClaude(sb, repo, hand, now - 3 * HOUR, [
    { prompt: 'What does a.txt hold?', answer: 'It holds a0.' },
    { prompt: 'Add an alpha line to a.txt \u001b]0;pwned\u0007\u001b[2J', answer: 'Added.', edits: [{ file: 'a.txt', old: 'a0', new: 'a0\nalpha line', before: 'a0\n', after: 'a0\nalpha line\n' }] },
    { prompt: 'Add a beta line to b.txt', answer: 'Added.', edits: [{ file: 'b.txt', old: 'b0', new: 'b0\nbeta line', before: 'b0\n', after: 'b0\nbeta line\n' }] },
  ]);
  const ca = await commitAt(sb, repo, now - HOUR + 60_000, { 'a.txt': 'a0\nalpha line\n' }, 'alpha');

  const dry = await importJson(sb, repo, ['--dry-run']);
  assert.equal(dry.dryRun, true);
  assert.deepEqual(dry.bound.map((b) => b.state).filter((s) => s !== 'planned'), []);
  assert.equal(await notesRef(sb, repo), '', 'a dry run writes nothing');
  const human = await cli(sb, repo, ['import', '--dry-run']);
  assert.match(human.stdout, /would bind/);
  assert.doesNotMatch(human.stdout, /\u001b|\u0007/, 'a prompt from a transcript reaches the terminal made safe');
  assert.match(human.stderr, /Claude Code deletes transcripts after 30 days by default \(cleanupPeriodDays/);

  const report = await importJson(sb, repo);
  assert.deepEqual(report.sessions.map((s) => s.id).sort(), [hand, id].sort());
  assert.deepEqual(turnsOn(report.bound, c1), ['claude:1 one.txt:full']);
  assert.deepEqual(turnsOn(report.bound, c2), ['claude:2 two.txt:full']);
  assert.deepEqual(turnsOn(report.bound, c3), []);
  assert.deepEqual(turnsOn(report.bound, ca), ['claude:1 (conversation)', 'claude:2 a.txt:full']);
  assert.deepEqual(report.unbound.map((u) => `${u.session === id ? 'real' : 'hand'}:${u.turn} ${u.path}`).sort(), ['hand:3 b.txt', 'real:3 three.txt']);
  assert.deepEqual(report.bound.map((b) => b.state).filter((s) => s !== 'added'), []);

  const shown = JSON.parse((await cli(sb, repo, ['show', c1, '--json'])).stdout) as { segments: { id: string; agentSession: { id: string } | null; prompts: string[]; answers: string[]; text: string; source: string | null }[] };
  assert.equal(shown.segments.length, 1);
  assert.equal(shown.segments[0]!.id, `claude-${id}:0`);
  assert.equal(shown.segments[0]!.agentSession?.id, id);
  assert.deepEqual(shown.segments[0]!.prompts, ['Create one.txt saying one']);
  assert.deepEqual(shown.segments[0]!.answers, ['DONE-ONE']);
  assert.equal(shown.segments[0]!.text, '');
  assert.equal(shown.segments[0]!.source, 'import');
  assert.match((await cli(sb, repo, ['show', c1])).stdout, /imported from the agent's own transcript/);
  assert.equal(await sh(sb, repo, ['notes', '--ref=aisess', 'list']).then((l) => l.includes(c3)), false, 'the commit of another text gets no note');

  const before = await notesRef(sb, repo);
  const again = await importJson(sb, repo);
  assert.deepEqual(again.bound.map((b) => b.state).filter((s) => s !== 'present'), []);
  assert.equal(await notesRef(sb, repo), before, 'importing twice adds nothing');
});

test("Claude: a subagent's edit binds with the turn that started the subagent", async () => {
  const { sb, repo } = setup();
  const now = Date.now();
  const id = placeClaude(sb, repo, 'claude@2.1.197/subagent', now - 2 * HOUR);
  const c = await commitAt(sb, repo, now - HOUR, { 'sub.txt': 'sub\n' }, 'sub');
  const report = await importJson(sb, repo, ['--agent', 'claude']);
  assert.deepEqual(turnsOn(report.bound, c), ['claude:1 sub.txt:full']);
  const [seg] = await notesOn(sb, repo, c);
  assert.equal(seg?.session, `claude-${id}`);
});

test('Codex: rollouts plain and compressed (.jsonl.zst) bind their apply_patch to the commit that holds it', async () => {
  const { sb, repo } = setup();
  const now = Date.now();
  placeCodex(sb, repo, 'codex@0.169.0/one-turn', now - 3 * HOUR, false);
  const zst = placeCodex(sb, repo, 'codex@0.169.0/two-files', now - 3 * HOUR + 60_000, true);
  const c1 = await commitAt(sb, repo, now - 2 * HOUR, { 'one.txt': 'one\n' }, 'one');
  const c2 = await commitAt(sb, repo, now - HOUR, { 'left.txt': 'left\n', 'right.txt': 'right\n' }, 'two files');
  const report = await importJson(sb, repo, ['--agent', 'codex']);
  assert.equal(report.sessions.length, 2);
  assert.deepEqual(turnsOn(report.bound, c1), ['codex:1 one.txt:full']);
  assert.deepEqual(turnsOn(report.bound, c2), ['codex:1 left.txt:full right.txt:full']);
  assert.ok(report.bound.some((b) => b.session === zst && b.commit === c2));
  const human = await cli(sb, repo, ['import', '--agent', 'codex']);
  assert.doesNotMatch(human.stderr, /Claude Code deletes/, 'the Claude warning is for Claude imports');
});

test('--since leaves out a session that started before it', async () => {
  const { sb, repo } = setup();
  const now = Date.now();
  placeClaude(sb, repo, 'claude@2.1.197/one-turn', now - 40 * DAY);
  const c = await commitAt(sb, repo, now - 40 * DAY + HOUR, { 'one.txt': 'one\n' }, 'one');
  const recent = await importJson(sb, repo);
  assert.deepEqual(recent.sessions, []);
  assert.deepEqual(recent.bound, []);
  const older = await importJson(sb, repo, ['--since', '60d', '--dry-run']);
  assert.deepEqual(turnsOn(older.bound, c), ['claude:1 one.txt:full']);
  const bad = await cli(sb, repo, ['import', '--since', 'soon']);
  assert.equal(bad.status, 64);
  assert.match(bad.stderr, /--since 'soon' is not an age/);
  const agent = await cli(sb, repo, ['import', '--agent', 'aider']);
  assert.equal(agent.status, 64);
});

test('a turn a recorded aisess session already bound is not imported again', { timeout: 60_000 }, async (t) => {
  const { sb, repo } = setup();
  await session(t, sb, repo, [{ prompt: 'add an alpha line to a' }, { write: { path: 'a.txt', content: 'a0\nalpha from the agent\n' } }, { say: 'DONE-A' }]);
  const c = await commitAt(sb, repo, Date.now(), { 'a.txt': 'a0\nalpha from the agent\n' }, 'a');
  assert.equal((await cli(sb, repo, ['status'])).status, 0);
  const note = await noteText(sb, repo, c, 1);
  assert.notDeepEqual(await notesOn(sb, repo, c), [], 'the session bound its turn, readably');
  const report = await importJson(sb, repo);
  assert.equal(report.sessions.length, 1, 'the fake agent wrote its transcript where Claude does');
  assert.deepEqual(report.bound, []);
  assert.deepEqual(report.recorded, [{ agent: 'claude', session: report.sessions[0]!.id, turn: 1 }]);
  // The note byte for byte as it was (a stricter check than its segments through `aisess show`, without a CLI run).
  assert.equal(await noteText(sb, repo, c, 1), note);
});

test('--all looks at the commits of every branch; by default only those reachable from HEAD', async () => {
  const { sb, repo } = setup();
  const now = Date.now();
  placeClaude(sb, repo, 'claude@2.1.197/one-turn', now - 2 * HOUR);
  await sh(sb, repo, ['checkout', '-q', '-b', 'side']);
  const c = await commitAt(sb, repo, now - HOUR, { 'one.txt': 'one\n' }, 'one, on a side branch');
  await sh(sb, repo, ['checkout', '-q', '-']);
  const head = await importJson(sb, repo, ['--dry-run']);
  assert.deepEqual(head.bound, []);
  assert.deepEqual(head.unbound.map((u) => u.path), ['one.txt']);
  const all = await importJson(sb, repo, ['--all']);
  assert.deepEqual(turnsOn(all.bound, c), ['claude:1 one.txt:full']);
});

test('a turn two session files hold (a forked session repeats its history) is imported once', async () => {
  const { sb, repo } = setup();
  const now = Date.now();
  const id = placeClaude(sb, repo, 'claude@2.1.197/one-turn', now - 2 * HOUR);
  const fork = 'ffffffff-0000-4000-8000-000000000001';
  const original = readFileSync(join(claudeProject(sb, repo), `${id}.jsonl`), 'utf8');
  writeFileSync(join(claudeProject(sb, repo), `${fork}.jsonl`), original.replaceAll(id, fork));
  const c = await commitAt(sb, repo, now - HOUR, { 'one.txt': 'one\n' }, 'one');
  const report = await importJson(sb, repo);
  assert.equal(report.sessions.length, 2);
  assert.deepEqual(turnsOn(report.bound, c), ['claude:1 one.txt:full']);
  assert.equal(report.bound[0]!.session, id < fork ? id : fork);
  assert.equal(report.copies.length, 1);
  assert.equal((await notesOn(sb, repo, c)).length, 1);
});

test('a session an aisess run records right now is left to that recording', async () => {
  const { sb, repo } = setup();
  const now = Date.now();
  const id = placeClaude(sb, repo, 'claude@2.1.197/one-turn', now - 2 * HOUR);
  await commitAt(sb, repo, now - HOUR, { 'one.txt': 'one\n' }, 'one');
  // The claim a running recording holds on the transcript; this test process stands in for its owner.
  const claim = claimPath(join(repo, '.git', 'aisess'), 'claude', id);
  mkdirSync(join(claim, '..'), { recursive: true });
  writeFileSync(claim, JSON.stringify({ session: 'live', owner: await currentOwner() }));
  const report = await importJson(sb, repo);
  assert.deepEqual(report.bound, []);
  assert.deepEqual(report.recording.map((r) => r.agent), ['claude']);
});
