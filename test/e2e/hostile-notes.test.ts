/**
 * The hostile-note corpus (fixtures/hostile) through every reading command: escape sequences in
 * every text field, C1, bidi, NUL, megabyte lines, thousands of records, bombs, deep JSON, invalid
 * UTF-8, truncated payloads, lying and duplicate records. Human output shows all of it visibly and
 * lets none of it act; --json returns it exactly; replay writes only what draws the screen. Every
 * CLI run stays under one memory cap. Time against size is bench/hostile-scale.ts (a timing claim
 * does not belong in a suite that runs on shared machines).
 */
import assert from 'node:assert/strict';
import { tmpdir } from 'node:os';
import { after, before, describe, test } from 'node:test';
import { buildCorpus, type HostileCorpus } from '../../fixtures/hostile/generate.js';
import { ACTING, DRAWING, evil } from '../../fixtures/hostile/strings.js';
import { markPending } from '../../src/bind/pending-file.js';
import { openRepo } from '../../src/git/repo.js';
import { storeDirOf } from '../../src/hooks/init.js';
import { git, gitEnv, tempDir } from '../helpers/git.js';
import { measuredCli, type MeasuredRun } from '../helpers/measure.js';
import { recordSteps } from '../history/record.js';
import { nonDrawing } from './replay-allowlist.js';

const env = { ...process.env, ...gitEnv, GIT_CEILING_DIRECTORIES: tmpdir(), TZ: 'UTC', NO_COLOR: '1' };
/** Peak RSS allowed to any CLI run over the corpus: node plus the 64 MB record cap and a 1000-record note. */
const RSS_CAP_KB = 400 * 1024;
/** What must never reach a terminal from human output: C0 but \n and \t, DEL, C1, bidi controls. */
const UNSAFE = /[\x00-\x08\x0b-\x1f\x7f-\x9f\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]/;
/** The first hostile sequence, as safe-text shows it: the field was printed, visibly. */
const SHOWN = '^[]52;c;Y3VybCBldmlsLnNofHNo^G^[]0;pwned^G';

const figures: { run: string; rssKb: number; ms: number }[] = [];
let corpus: HostileCorpus;
let cwd = '';
let cleanup = (): void => {};
let session = '';

/** Only these change the corpus; until one runs, a command prints the same each time. */
const WRITING = new Set(['attach', 'detach']);
/** Runs by their arguments: the cases that read the same command share its one run. */
const runs = new Map<string, MeasuredRun>();

function cli(args: string[], label = args.join(' ')): MeasuredRun {
  const writes = WRITING.has(args[0]!);
  if (writes) runs.clear();
  const key = args.join('\0');
  let r = writes ? undefined : runs.get(key);
  if (r === undefined) {
    r = measuredCli(args, { cwd, env, timeout: 300_000 });
    figures.push({ run: label, rssKb: r.rssKb, ms: Math.round(r.ms) });
    if (!writes) runs.set(key, r);
  }
  assert.ok(r.rssKb < RSS_CAP_KB, `aisess ${label} peaked at ${r.rssKb} KB`);
  assert.doesNotMatch(r.stderr, /internal error|    at /, `aisess ${label}: ${r.stderr}`);
  return r;
}

/** Runs a human-output command: exit code as expected, nothing unsafe on stdout or stderr. */
function human(args: string[], status = 0, label?: string): MeasuredRun {
  const r = cli(args, label);
  assert.equal(r.status, status, `aisess ${args.join(' ')}: ${r.stderr.slice(0, 2000)}`);
  assertSafe(r.stdout, `aisess ${label ?? args.join(' ')} stdout`);
  assertSafe(r.stderr, `aisess ${label ?? args.join(' ')} stderr`);
  return r;
}

function assertSafe(text: string, what: string): void {
  const at = text.search(UNSAFE);
  assert.equal(at, -1, `${what} has ${JSON.stringify(text.slice(Math.max(0, at - 60), at + 20))}`);
}

const short = (name: keyof HostileCorpus['commits']): string => corpus.commits[name].slice(0, 12);

describe('the hostile-note corpus', () => {
  before(async () => {
    const dir = tempDir('aisess-hostile-');
    cleanup = dir.cleanup;
    cwd = dir.path;
    corpus = buildCorpus(cwd, { many: [250, 1000], chain: 2000, hugeMb: 2 });
    // A recorded session waiting for a commit, for `status` and `sessions`: the store is read too.
    const blob = git(cwd, ['hash-object', '-w', '--stdin'], 'x\n');
    // A typed line is its title: ESC and C1 sequences are dropped from it, the override is not.
    const rec = await recordSteps(cwd, [
      { output: evil('out') }, { input: 'typed\u202e\x9b31m\x1b]0;t\x07 title\r' }, { wait: 1, change: [{ path: evil('spath'), blob }] },
    ], { agent: evil('sagent') });
    session = rec.id;
    await markPending(storeDirOf(await openRepo(cwd)), rec.id, cwd, Date.now());
  });

  after(() => {
    cleanup();
    const width = Math.max(...figures.map((f) => f.run.length));
    process.stderr.write(`hostile corpus, per CLI run (cap ${RSS_CAP_KB} KB):\n${figures.map((f) => `  ${f.run.padEnd(width)}  ${String(f.rssKb).padStart(7)} KB  ${String(f.ms).padStart(6)} ms`).join('\n')}\n`);
  });

  describe('human output shows every hostile field visibly and lets none act', () => {
    for (const name of ['fields', 'damaged', 'outOfRange', 'huge'] as const) {
      for (const args of [['show'], ['show', '--screen'], ['scan']]) {
        test(`aisess ${args.join(' ')} <${name}>`, () => {
          const r = human([...args, corpus.commits[name]], 0, `${args.join(' ')} ${name}`);
          if (args[0] === 'show') assert.ok(r.stdout.includes(SHOWN), r.stdout.slice(0, 3000));
        });
      }
    }

    test('show names each field of the note, made safe', () => {
      const out = human(['show', corpus.commits.fields, '--screen'], 0, 'show --screen fields').stdout;
      for (const tag of ['fsession', 'fagent', 'fargv', 'fmodel2', 'fresume ', 'fprompt', 'line two', 'ftool', 'farg', 'fthinking', '│ ', 'gprompt']) {
        assert.ok(out.includes(`${tag}${SHOWN}`), `${tag} in ${out.slice(0, 4000)}`);
      }
      assert.ok(out.includes('"fpath\\033]52;c;'), 'a path is quoted as git quotes it');
      assert.ok(out.includes('"fedited\\033]52;c;'), 'an edited path too');
    });

    test('log over the whole history (2000 hostile commits and the cases) and status, sessions', () => {
      const log = human(['log']).stdout;
      assert.ok(log.includes(`ctitle${SHOWN}`), log.slice(0, 2000));
      assert.ok(log.split('\n').length > 2000);
      const status = human(['status']).stdout;
      assert.ok(status.includes('sagent^[]52;c;'), status);
      assert.ok(status.includes('"spath\\033]52;c;'), status);
      const sessions = human(['sessions']).stdout;
      assert.ok(sessions.includes('sagent^[]52;c;'), sessions);
    });
  });

  describe('damaged records are reported, the rest shown', () => {
    const DAMAGED = [
      /record trunc:0 \(note line \d+\): payload does not decompress/, /record trunc:1 \(note line \d+\): payload is not valid Z85/,
      /record dup:0 \(note line \d+\): record has two different payloads/, /record deep:0 \(note line \d+\): payload JSON nests deeper than 256 levels/,
      /record bomb:0 \(note line \d+\): payload too large/, /record bomb:1 \(note line \d+\): payload too large: it declares/,
      /record lie:0 \(note line \d+\): payload belongs to record "lie\\u001b\]52/, /record json:0 \(note line \d+\): payload is not JSON/,
      /record future:0 \(note line \d+\): unsupported format version aisess9/, /a line \(note line \d+\): unrecognised line: "\\u001b\]52;c;/,
      /record \^\[\]52;c;Y3VybCBldmlsLnNofHNo\^G.* \(note line 2\): unreadable summary line/,
    ];

    test('show: the good record and the utf8 one show, every damaged line is named (exit 0)', () => {
      const out = human(['show', corpus.commits.damaged], 0, 'show damaged').stdout;
      assert.match(out, /segment 1\/3 {2}good:0/);
      assert.match(out, /dprompt\^\[\]52/);
      for (const re of DAMAGED) assert.match(out, new RegExp(`── damaged: ${re.source}`), re.source);
    });

    test('scan and replay warn of each, made safe; show --json lists them exactly', () => {
      const scan = human(['scan', corpus.commits.damaged], 0, 'scan damaged');
      for (const re of DAMAGED) assert.match(scan.stderr, new RegExp(`^aisess: warning: not scanned, damaged on ${short('damaged')}: ${re.source}`, 'm'), re.source);
      const replay = cli(['replay', corpus.commits.damaged, '--instant'], 'replay --instant damaged');
      assert.equal(replay.status, 0, replay.stderr);
      assertSafe(replay.stderr, 'replay stderr');
      for (const re of DAMAGED) assert.match(replay.stderr, new RegExp(`^aisess: warning: ${short('damaged')}: skipped unreadable data \\(${re.source}`, 'm'), re.source);
      const json = cli(['show', corpus.commits.damaged, '--json'], 'show --json damaged');
      assert.equal(json.status, 0);
      const problems = JSON.parse(json.stdout).problems as { recordId?: string; reason: string }[];
      assert.ok(problems.some((p) => p.recordId === ACTING.join('') && p.reason === 'unreadable summary line'), JSON.stringify(problems));
    });

    test('a note of which nothing decodes: exit 65 from show, show --json, scan and replay, the message made safe', () => {
      for (const args of [['show'], ['show', '--json'], ['scan'], ['replay', '--instant']]) {
        const r = human([...args, corpus.commits.unreadable], 65, `${args.join(' ')} unreadable`);
        assert.match(r.stderr, new RegExp(`^aisess: the aisess note on ${short('unreadable')} is damaged: .*\\(and 2 more\\)$`, 'm'));
        assert.equal(r.stdout, '');
      }
    });
  });

  describe('--json returns the hostile strings exactly', () => {
    test('show --json: every field byte for byte', () => {
      const r = cli(['show', corpus.commits.fields, '--json'], 'show --json fields');
      assert.equal(r.status, 0, r.stderr);
      const [s] = JSON.parse(r.stdout).segments;
      const [rec] = corpus.records.fields;
      const body = rec!.body as { session: { id: string; agent: string; argv: string[]; cwd: string }; screen: string; boundBy: string };
      assert.equal(s.id, 'fields:0');
      assert.equal(s.title, evil('ftitle'));
      assert.equal(s.session, body.session.id);
      assert.equal(s.agent, body.session.agent);
      assert.deepEqual(s.argv, body.session.argv);
      assert.equal(s.cwd, body.session.cwd);
      assert.equal(s.resume, evil('fresume '));
      assert.deepEqual(s.prompts, [evil('fprompt')]);
      assert.deepEqual(s.answers, [evil('fanswer\nline two')]);
      assert.deepEqual(s.toolCalls[0], { name: evil('ftool'), args: { command: evil('farg'), [evil('key')]: evil('farg2') }, ok: false, exitCode: 3 });
      assert.equal(s.paths[0].path, evil('fpath'));
      assert.equal(s.text, body.screen);
      assert.equal(s.boundBy, body.boundBy);
    });

    test('show --json: invalid UTF-8 becomes U+FFFD, a raw C1 in UTF-8 comes back as itself', () => {
      const r = cli(['show', corpus.commits.damaged, '--json'], 'show --json damaged');
      const utf8 = JSON.parse(r.stdout).segments.find((s: { id: string }) => s.id === 'utf8:0');
      assert.ok(utf8.title.startsWith('utitle\ufffd\ufffd\ufffd\u009b31m'), JSON.stringify(utf8.title.slice(0, 20)));
    });

    test('log --json: summary-line titles and agents exactly', () => {
      const r = cli(['log', '--json', '-n', '3']);
      assert.equal(r.status, 0, r.stderr);
      const [newest] = JSON.parse(r.stdout);
      assert.equal(newest.title, evil('ctitle'));
      assert.equal(newest.records[0].id, `chain:${corpus.chain.count}`);
    });
  });

  describe('replay writes only what draws the screen', () => {
    const drawn = (out: string): void => {
      for (const seq of ['\x1b[?1049h', ...DRAWING, '\x1b[?1049l']) assert.ok(out.includes(seq), `kept ${JSON.stringify(seq)}`);
    };

    test('--unfiltered is refused for a note (exit 64), nothing played', () => {
      const r = human(['replay', corpus.commits.fields, '--instant', '--unfiltered'], 64, 'replay --unfiltered fields');
      assert.equal(r.stdout, '');
      assert.match(r.stderr, /--unfiltered plays only a session recorded on this machine/);
    });

    test('the allowlist itself: every acting sequence is caught, every drawing one passes', () => {
      for (const seq of ACTING) assert.notDeepEqual(nonDrawing(`a${seq}b`), [], JSON.stringify(seq));
      for (const seq of DRAWING) assert.deepEqual(nonDrawing(`a${seq}b`), [], JSON.stringify(seq));
    });

    for (const name of ['fields', 'damaged', 'outOfRange', 'huge', 'manyA'] as const) {
      for (const timed of [false, true]) {
        test(`replay <${name}> ${timed ? '--speed 1000 (timed)' : '--instant'}`, () => {
          const args = ['replay', corpus.commits[name], ...(timed ? ['--speed', '1000', '--idle-limit', '0.001'] : ['--instant'])];
          const r = cli(args, `replay ${timed ? 'timed' : 'instant'} ${name}`);
          assert.equal(r.status, 0, r.stderr);
          assert.deepEqual([...new Set(nonDrawing(r.stdout))].map((s) => JSON.stringify(s)), []);
          if (name === 'fields') {
            drawn(r.stdout);
            // The text between the sequences is played. (What follows the last, C1 APC, is its string
            // until an ESC: a terminal swallows it too.)
            assert.ok(['f-start', 'f-0', 'link', 'f-27', 'g-start', 'g-27'].every((t) => r.stdout.includes(t)), JSON.stringify(r.stdout));
          }
        });
      }
    }
  });

  describe('export keeps every hostile field inert', () => {
    for (const name of ['fields', 'damaged', 'huge'] as const) {
      test(`export <${name}>: Markdown shows it safe, asciicast only draws, HTML runs only its own scripts`, () => {
        const md = human(['export', corpus.commits[name], '-f', 'markdown'], 0, `export markdown ${name}`).stdout;
        if (name === 'fields') assert.ok(md.includes(SHOWN), md.slice(0, 3000));
        const cast = cli(['export', corpus.commits[name], '-f', 'asciicast'], `export asciicast ${name}`);
        assert.equal(cast.status, 0, cast.stderr);
        const events = cast.stdout.trimEnd().split('\n').slice(1).map((l) => JSON.parse(l) as [number, string, string]);
        assert.deepEqual([...new Set(nonDrawing(events.filter((e) => e[1] === 'o').map((e) => e[2]).join('')))].map((x) => JSON.stringify(x)), []);
        for (const e of events.filter((x) => x[1] === 'm')) assertSafe(e[2], `marker ${JSON.stringify(e[2])}`);
        const page = cli(['export', corpus.commits[name], '-f', 'html'], `export html ${name}`);
        assert.equal(page.status, 0, page.stderr);
        assert.equal((page.stdout.match(/<script\b/gi) ?? []).length, 3);
        assert.equal((page.stdout.match(/<\/script/gi) ?? []).length, 3);
        // The player's own bundle holds raw bytes (its WebAssembly); everything else must be safe text.
        assertSafe(page.stdout.replace(/<script>[\s\S]*?<\/script>/g, ''), `export html ${name}`);
      });
    }
  });

  test('attach prints the title of the recording it bound, made safe', () => {
    const root = git(cwd, ['rev-list', '--max-parents=0', 'HEAD']);
    const r = human(['attach', root, '--session', session], 0, 'attach');
    assert.match(r.stdout, new RegExp(`attached  ${session}:0 .*typed\\\\u202e title`), r.stdout);
  });

  test('a commit without a note is 1, an unknown revision 66 (README); detach of a damaged note names what it removed, made safe', () => {
    const bare = git(cwd, ['commit-tree', '-m', 'no note', `${corpus.commits.fields}^{tree}`]);
    assert.match(human(['show', bare], 1, 'show (no note)').stderr, /carries no aisess segments/);
    for (const cmd of ['show', 'scan', 'replay']) human([cmd, 'no-such-rev'], 66, `${cmd} (unknown revision)`);
    const r = human(['detach', corpus.commits.unreadable], 0, 'detach unreadable');
    assert.ok(r.stdout.includes(`detached  ${SHOWN}`), r.stdout);
  });
});
