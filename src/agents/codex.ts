/**
 * Codex: rollouts at $CODEX_HOME/sessions/YYYY/MM/DD/rollout-<timestamp>-<uuid>.jsonl (CODEX_HOME
 * defaults to ~/.codex). A fresh session's rollout is the thread our agent names (codex-fresh.ts), a
 * `resume <id>` one is that id's, --last and the picker's the thread named or a guess (codex-pick.ts);
 * a resumed one is read from the size it had at start (a compressed .jsonl.zst one at its plain name,
 * which Codex writes back: rollout-zst.ts).
 */
import { realpathSync } from 'node:fs';
import { homedir } from 'node:os';
import { basename, join } from 'node:path';
import { claimTranscript } from './claims.js';
import { planCodex } from './codex-args.js';
import { freshRolloutFinder } from './codex-fresh.js';
import { codexParser } from './codex-parse.js';
import { listJsonl, snapshot, statOrNull } from './discover.js';
import { followTranscript, type Finder } from './follow.js';
import { noFollower } from './generic.js';
import { pickedRolloutFinder, type Candidate } from './codex-pick.js';
import { resumeTarget } from './rollout-zst.js';
import { allRollouts, firstLineCwd, primeOf, rolloutDays, withoutShadowed } from './rollouts.js';
import type { Adapter, AgentContext, Env, FollowIO, Prepared } from './types.js';

const PICK_LIMIT = 200;

export function codexSessionsDir(env: Env): string {
  return join(env.CODEX_HOME || join(env.HOME || homedir(), '.codex'), 'sessions');
}

function realOrSame(path: string): string {
  try {
    return realpathSync(path);
  } catch {
    return path;
  }
}

/** The rollout `codex resume <id>` continues, plain or compressed. */
function namedRollout(all: string[], id: string): string | undefined {
  return all.find((f) => f.endsWith(`-${id}.jsonl`) || f.endsWith(`-${id}.jsonl.zst`));
}

export const codex: Adapter = {
  name: 'codex',
  matches: (command) => /^codex(?:\.(?:exe|cmd|js))?$/.test(command),
  prepare(ctx: AgentContext): Prepared {
    const { launch, cwd } = planCodex(ctx.argv, ctx.cwd);
    const root = codexSessionsDir(ctx.env);
    const ours = realOrSame(cwd);
    const claim = (file: string) => claimTranscript(ctx.storeDir, 'codex', basename(file, '.jsonl'), ctx.sessionId);
    const recent = () => rolloutDays(ctx.startedAt, Date.now()).flatMap((day) => listJsonl(join(root, day), 'rollout-'));
    const isOurs = async (file: string) => {
      const c = await firstLineCwd(file);
      if (c === undefined) return undefined;
      return c !== null && realOrSame(c) === ours;
    };
    let find: Finder | undefined;
    // Finders that watch the agent's process tree: made with the io that gives its pid.
    let watching: ((io: FollowIO) => Finder) | undefined;
    if (launch.mode === 'fresh') {
      const before = snapshot(recent());
      watching = (io) => freshRolloutFinder({ recent, before, isOurs, claim, io });
    } else if (launch.mode !== 'none') {
      const all = withoutShadowed(allRollouts(root));
      const named = launch.mode === 'resume' ? namedRollout(all, launch.id) : undefined;
      const target = named ? resumeTarget(named) : null;
      if (target) {
        find = async () => ({ file: target.file, offset: target.offset, prime: await primeOf(target.file, target.offset, target.head),
          claim: (await claim(target.file).catch(() => null)) ?? undefined });
      } else {
        const candidates = all.slice(-PICK_LIMIT).reverse().flatMap((source): Candidate[] => {
          const t = resumeTarget(source);
          return t ? [{ ...t, source, mtimeMs: statOrNull(source)?.mtimeMs ?? 0 }] : [];
        });
        watching = (io) => pickedRolloutFinder({ last: launch.mode === 'last', candidates, recent, isOurs, claim, io });
      }
    }
    return {
      argv: ctx.argv,
      env: ctx.env,
      follow: (io) => {
        const finder = watching?.(io) ?? find;
        return finder ? followTranscript('codex', finder, codexParser, io) : noFollower();
      },
    };
  },
};
