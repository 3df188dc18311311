/**
 * The hostile-note corpus as a reliability suite (scripts/reliability.ts): the built CLI reads every
 * case (fixtures/hostile) with every reading command; held means no human output carries a byte
 * that acts on a terminal, replay writes only what draws the screen, nothing crashes, and every run
 * stays under the memory cap. test/e2e/hostile-notes.test.ts checks the same, and more, in CI.
 */
import { tmpdir } from 'node:os';
import { buildCorpus, type CaseName } from '../../fixtures/hostile/generate.js';
import type { Suite } from '../../scripts/reliability/suite.js';
import { nonDrawing } from '../e2e/replay-allowlist.js';
import { gitEnv, tempDir } from '../helpers/git.js';
import { measuredCli } from '../helpers/measure.js';

const UNSAFE = /[\x00-\x08\x0b-\x1f\x7f-\x9f\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]/;
const RSS_CAP_KB = 400 * 1024;
const COMMANDS = [['show'], ['show', '--screen'], ['show', '--json'], ['scan'], ['replay', '--instant']];

export function hostileSuite(): Suite {
  return {
    name: 'hostile-note corpus (every reading command over crafted notes)',
    async run() {
      const dir = tempDir('aisess-hostile-suite-');
      const env = { ...process.env, ...gitEnv, GIT_CEILING_DIRECTORIES: tmpdir(), TZ: 'UTC', NO_COLOR: '1' };
      try {
        const corpus = buildCorpus(dir.path, { many: [250, 1000], chain: 2000, hugeMb: 2 });
        const failures: string[] = [];
        let cases = 0;
        let peak = 0;
        const run = (args: string[]) => {
          cases++;
          const r = measuredCli(args, { cwd: dir.path, env, timeout: 300_000 });
          peak = Math.max(peak, r.rssKb);
          const what = `aisess ${args.join(' ').replace(/[0-9a-f]{40}/, (c) => c.slice(0, 12))}`;
          if (r.rssKb >= RSS_CAP_KB) failures.push(`${what}: ${r.rssKb} KB`);
          if (/internal error|    at /.test(r.stderr) || r.status === null) failures.push(`${what}: crashed`);
          if (UNSAFE.test(r.stderr)) failures.push(`${what}: unsafe byte on stderr`);
          if (args[0] === 'replay') {
            if (nonDrawing(r.stdout).length > 0) failures.push(`${what}: ${nonDrawing(r.stdout).length} non-drawing sequences`);
          } else if (!args.includes('--json') && UNSAFE.test(r.stdout)) failures.push(`${what}: unsafe byte on stdout`);
        };
        for (const name of Object.keys(corpus.commits) as CaseName[]) for (const args of COMMANDS) run([...args, corpus.commits[name]]);
        run(['log']);
        run(['log', '--json']);
        return {
          cases,
          held: failures.length === 0,
          notes: [
            `${Object.keys(corpus.commits).length} crafted commits (${Object.keys(corpus.commits).join(', ')}) under a chain of ${corpus.chain.count} noted commits; escape sequences, C1, bidi overrides and NUL in every text field and the replay stream, decompression bombs, deep JSON, invalid UTF-8, 2 MB lines, 1000 records on one commit.`,
            `Commands: ${COMMANDS.map((c) => `\`${c.join(' ')}\``).join(', ')} on each, and \`log\`, \`log --json\` over all.`,
            `Peak RSS of any run: ${Math.round(peak / 1024)} MB (cap ${RSS_CAP_KB / 1024} MB).`,
            failures.length ? `Failed: ${failures.join('; ')}.` : 'No run crashed, printed an acting byte, or replayed a non-drawing sequence.',
          ],
        };
      } finally {
        dir.cleanup();
      }
    },
  };
}
