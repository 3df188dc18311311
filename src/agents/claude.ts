/**
 * Claude Code: transcripts at $CLAUDE_CONFIG_DIR/projects/<cwd, non-alphanumerics as '-'>/<uuid>.jsonl
 * (CLAUDE_CONFIG_DIR defaults to ~/.claude). A fresh session gets `--session-id`, so its file is known
 * before it exists; a resumed one is read from the size it had at start. --continue and the picker
 * take the session id the Claude process registers under its pid (claude-files.ts), and guess by
 * what grows only when no registry appears (older versions, a wrapper script between us and Claude).
 * Subagent transcripts are followed beside the main one; all lines go through one chain order.
 */
import { realpathSync } from 'node:fs';
import { basename, join } from 'node:path';
import { planClaude, type ClaudeLaunch } from './claude-args.js';
import { claudeConfigDir, registeredSession, subagentFiles, subagentOf, uuidsBefore } from './claude-files.js';
import { claudeLineOrder } from './claude-order.js';
import { claudeParser } from './claude-parse.js';
import { claimTranscript, type Claim } from './claims.js';
import { firstGrown, listJsonl, newestFirst, snapshot, statOrNull, type Snapshot } from './discover.js';
import { followTranscript, type Finder, type Found, type Sibling } from './follow.js';
import { noFollower } from './generic.js';
import type { Adapter, AgentContext, Env, FollowIO, Prepared } from './types.js';

/** How long --continue and the picker wait for Claude's registry before guessing. */
export const REGISTRY_WAIT_MS = 5000;

export function claudeProjectDir(env: Env, cwd: string): string {
  return join(claudeConfigDir(env), 'projects', realOrSame(cwd).replace(/[^A-Za-z0-9]/g, '-'));
}

function realOrSame(path: string): string {
  try {
    return realpathSync(path);
  } catch {
    return path;
  }
}

/** Subagent files: those there before a resumed recording are read from their size at its start. */
function siblings(found: Found, first: boolean): Sibling[] {
  return subagentFiles(found.file).map((file) => ({
    file, offset: first && found.offset > 0 ? statOrNull(file)?.size ?? 0 : 0, ...subagentOf(file),
  }));
}

async function exactly(file: string, offset: number, claim: Promise<Claim | null>): Promise<Found> {
  return { file, offset, known: await uuidsBefore(file, offset), claim: (await claim.catch(() => null)) ?? undefined };
}

interface Guess {
  launch: Extract<ClaudeLaunch, { mode: 'continue' | 'pick' }>;
  dir: string;
  config: string;
  before: Snapshot;
  claim(file: string): Promise<Claim | null>;
}

function guessingFinder(g: Guess, io: FollowIO): Finder {
  const mostRecent = newestFirst(g.before);
  let named: string | undefined;
  let firstPoll: number | undefined;
  return async (final) => {
    const pid = io.agentPid();
    const now = Date.now();
    if (pid !== undefined) firstPoll ??= now;
    named = (pid !== undefined ? registeredSession(g.config, pid)?.sessionId : undefined) ?? named;
    if (named) {
      // Exact: Claude said which session it is. Its file may only appear with the first prompt.
      const file = join(g.dir, `${named}.jsonl`);
      if (statOrNull(file)) return exactly(file, g.before.get(file)?.size ?? 0, g.claim(file));
      if (!final) return undefined;
    }
    if (!final && (firstPoll === undefined || now - firstPoll < REGISTRY_WAIT_MS)) return undefined;
    // --continue takes the newest transcript that no other live session follows.
    if (g.launch.mode === 'continue') {
      for (const file of mostRecent) {
        const c = await g.claim(file);
        const offset = g.before.get(file)?.size ?? 0;
        if (c) return { file, offset, claim: c, known: await uuidsBefore(file, offset) };
      }
    }
    const grown = await firstGrown({ files: listJsonl(g.dir), before: g.before, claim: g.claim });
    return grown && { ...grown, known: await uuidsBefore(grown.file, grown.offset) };
  };
}

export const claude: Adapter = {
  name: 'claude',
  matches: (command) => /^claude(?:\.(?:exe|cmd|js))?$/.test(command),
  prepare(ctx: AgentContext): Prepared {
    const { launch, argv } = planClaude(ctx.argv);
    const dir = claudeProjectDir(ctx.env, ctx.cwd);
    const claim = (file: string) => claimTranscript(ctx.storeDir, 'claude', basename(file, '.jsonl'), ctx.sessionId);
    let finder: ((io: FollowIO) => Finder) | undefined;
    if (launch.mode === 'exact') {
      const file = join(dir, `${launch.id}.jsonl`);
      const offset = launch.resumed ? statOrNull(file)?.size ?? 0 : 0;
      // Known exactly: the claim only tells concurrent --continue sessions to keep off.
      finder = () => async () => exactly(file, offset, claim(file));
    } else if (launch.mode !== 'none') {
      const guess: Guess = { launch, dir, config: claudeConfigDir(ctx.env), before: snapshot(listJsonl(dir)), claim };
      finder = (io) => guessingFinder(guess, io);
    }
    return {
      argv,
      env: ctx.env,
      follow: (io) => (finder
        ? followTranscript('claude', finder(io), claudeParser, io, { order: claudeLineOrder(), siblings })
        : noFollower()),
    };
  },
};
