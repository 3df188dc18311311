import type { CommandDef } from 'citty';

/** What a command's run() may return: an exit code, or a signal to die by (the agent's). */
export type CommandResult = number | { signal: NodeJS.Signals } | void;

export interface RawCommand {
  description: string;
  /** Receives argv untouched: `run` must pass every agent argument byte for byte. */
  runRaw: (argv: string[]) => Promise<CommandResult>;
  usage: string;
}

type Loader = () => Promise<{ default: CommandDef<any> | RawCommand }>;

/** Lazily loaded so start-up pays only for the command being run. */
export const commands: Record<string, { description: string; load: Loader; hidden?: boolean }> = {
  run: { description: 'Run an agent (or any command) under the recorder', load: () => import('./run.js') },
  sessions: { description: 'List recorded sessions of this repository', load: () => import('./sessions.js') },
  replay: { description: 'Play a recorded session back in the terminal', load: () => import('./replay.js') },
  demo: { description: 'Record a bundled fake agent in a throw-away repository and show the result', load: () => import('./demo.js') },
  init: { description: 'Install the git hooks that bind sessions to commits (--undo removes them)', load: () => import('./init.js') },
  status: { description: 'Show recorded changes not yet in a commit, and why', load: () => import('./status.js') },
  hook: { description: '(internal) run by the git hooks that aisess init installs', load: () => import('./hook.js'), hidden: true },
  log: { description: 'List the commits that carry recorded segments', load: () => import('./log.js') },
  show: { description: 'Show the segments bound to a commit', load: () => import('./show.js') },
  attach: { description: 'Bind a recording (or some of its segments) to a commit by hand', load: () => import('./attach.js') },
  detach: { description: 'Remove recorded segments from a commit', load: () => import('./detach.js') },
  'shell-init': { description: 'Print shell code that routes agents through aisess', load: () => import('./shell-init.js') },
  scan: { description: 'Report what redaction finds in a session or a commit\'s notes (kinds and positions only)', load: () => import('./scan.js') },
};
