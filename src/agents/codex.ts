/**
 * Codex: rollouts at $CODEX_HOME/sessions/YYYY/MM/DD/rollout-<timestamp>-<uuid>.jsonl (CODEX_HOME
 * defaults to ~/.codex). A fresh session is the first new rollout whose session_meta cwd is ours and
 * that no other live aisess session has claimed; a resumed one is read from the size it had at start
 * (a compressed .jsonl.zst one at its plain name, which Codex writes back: rollout-zst.ts).
 */
import { realpathSync } from 'node:fs';
import { homedir } from 'node:os';
import { basename, join } from 'node:path';
import { claimTranscript } from './claims.js';
import { planCodex } from './codex-args.js';
import { freshRolloutFinder } from './codex-fresh.js';
import { codexParser } from './codex-parse.js';
import { firstGrown, listJsonl, snapshot, statOrNull, type Snapshot } from './discover.js';
import { followTranscript, type Finder } from './follow.js';
import { noFollower } from './generic.js';
import { resumeTarget, type ResumeTarget } from './rollout-zst.js';
import { allRollouts, firstLine, firstLineCwd, rolloutDays, withoutShadowed } from './rollouts.js';
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

/** A resumed rollout's lines start after its session_meta: read that one for the session id. */
async function primeOf(file: string, offset: number, head?: string): Promise<string[]> {
  if (offset === 0) return [];
  const line = head ?? (await firstLine(file));
  return line ? [line] : [];
}

/** The rollout `codex resume <id>` continues, plain or compressed. */
function namedRollout(all: string[], id: string): string | undefined {
  return all.find((f) => f.endsWith(`-${id}.jsonl`) || f.endsWith(`-${id}.jsonl.zst`));
}

interface Candidate extends ResumeTarget {
  /** The file on disk now (a .jsonl.zst for a compressed one). */
  source: string;
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
    let fresh: ((io: FollowIO) => Finder) | undefined;
    if (launch.mode === 'fresh') {
      const before = snapshot(recent());
      fresh = (io) => freshRolloutFinder({ recent, before, isOurs, claim, io });
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
          return t ? [{ ...t, source }] : [];
        });
        const before: Snapshot = new Map(candidates.map((c) => [c.file, { size: c.offset, mtimeMs: statOrNull(c.source)?.mtimeMs ?? 0 }]));
        const heads = new Map(candidates.map((c) => [c.file, c.head]));
        find = async () => {
          if (launch.mode === 'last') {
            for (const { file, source, offset, head } of candidates) {
              if ((await isOurs(source)) !== true) continue;
              const c = await claim(file);
              if (c) return { file, offset, claim: c, prime: await primeOf(file, offset, head) };
            }
          }
          // A picker (or an id we could not find): the rollout that grows, or a new one.
          const files = [...candidates.map((c) => c.file), ...recent().filter((f) => !before.has(f))];
          const found = await firstGrown({ files, before, accept: isOurs, claim });
          return found && { ...found, prime: await primeOf(found.file, found.offset, heads.get(found.file)) };
        };
      }
    }
    return {
      argv: ctx.argv,
      env: ctx.env,
      follow: (io) => {
        const finder = fresh?.(io) ?? find;
        return finder ? followTranscript('codex', finder, codexParser, io) : noFollower();
      },
    };
  },
};
