/**
 * Claude Code: transcripts at $CLAUDE_CONFIG_DIR/projects/<cwd, non-alphanumerics as '-'>/<uuid>.jsonl
 * (CLAUDE_CONFIG_DIR defaults to ~/.claude). A fresh session gets `--session-id`, so its file is known
 * before it exists; a resumed one is read from the size it had at start.
 */
import { realpathSync } from 'node:fs';
import { homedir } from 'node:os';
import { basename, join } from 'node:path';
import { planClaude } from './claude-args.js';
import { claudeParser } from './claude-parse.js';
import { claimTranscript } from './claims.js';
import { firstGrown, listJsonl, newestFirst, snapshot, statOrNull } from './discover.js';
import { followTranscript, type Finder } from './follow.js';
import { noFollower } from './generic.js';
import type { Adapter, AgentContext, Env, Prepared } from './types.js';

export function claudeProjectDir(env: Env, cwd: string): string {
  const config = env.CLAUDE_CONFIG_DIR || join(env.HOME || homedir(), '.claude');
  return join(config, 'projects', realOrSame(cwd).replace(/[^A-Za-z0-9]/g, '-'));
}

function realOrSame(path: string): string {
  try {
    return realpathSync(path);
  } catch {
    return path;
  }
}

export const claude: Adapter = {
  name: 'claude',
  matches: (command) => /^claude(?:\.(?:exe|cmd|js))?$/.test(command),
  prepare(ctx: AgentContext): Prepared {
    const { launch, argv } = planClaude(ctx.argv);
    const dir = claudeProjectDir(ctx.env, ctx.cwd);
    const claim = (file: string) => claimTranscript(ctx.storeDir, 'claude', basename(file, '.jsonl'), ctx.sessionId);
    let find: Finder | undefined;
    if (launch.mode === 'exact') {
      const file = join(dir, `${launch.id}.jsonl`);
      const offset = launch.resumed ? statOrNull(file)?.size ?? 0 : 0;
      // Known exactly: the claim only tells concurrent --continue sessions to keep off.
      find = async () => ({ file, offset, claim: (await claim(file).catch(() => null)) ?? undefined });
    } else if (launch.mode !== 'none') {
      const before = snapshot(listJsonl(dir));
      const mostRecent = newestFirst(before);
      find = async () => {
        // --continue takes the newest transcript that no other live session follows.
        if (launch.mode === 'continue') {
          for (const file of mostRecent) {
            const c = await claim(file);
            if (c) return { file, offset: before.get(file)?.size ?? 0, claim: c };
          }
        }
        return firstGrown({ files: listJsonl(dir), before, claim });
      };
    }
    return {
      argv,
      env: ctx.env,
      follow: (io) => (find ? followTranscript('claude', find, claudeParser, io) : noFollower()),
    };
  },
};
