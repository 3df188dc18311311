import { play } from '../../replay/player.js';
import { loadReplayTarget } from '../../replay/from-commit.js';
import { openTerminal } from '../../replay/terminal.js';
import { buildTimeline } from '../../replay/timeline.js';
import { filterOutputEvents } from '../../term/screen-filter.js';
import { ExitCode, UserError } from '../errors.js';
import { warn } from '../output.js';
import { defineCommand, QUIET } from '../command.js';

export default defineCommand({
  name: 'replay',
  summary: 'Play a recorded session back in the terminal, with its original timing',
  details: 'Keys: space pause/resume, . step (paused), ] next marker, + / - speed, q quit.',
  positionals: [
    { name: 'target', description: 'Session id or unique prefix, a journal (.cast.zst), an asciicast v2/v3 file, or a commit with bound segments (default: the last session)' },
  ],
  flags: {
    last: { type: 'boolean', description: 'Play the most recent session (the default)' },
    speed: { type: 'string', value: 'X', description: 'Playback speed factor, e.g. 2 for twice as fast' },
    'idle-limit': { type: 'string', value: 'S', description: 'Cap every pause at S seconds' },
    segment: { type: 'string', value: 'N', description: 'With a commit: only segment N (as `aisess show` numbers them) or a record id' },
    instant: { type: 'boolean', description: 'Write the whole output at once, without timing or keys' },
    unfiltered: {
      type: 'boolean',
      description: "Play a session of this machine's store as recorded, with titles, clipboard writes and terminal queries (never for a note or a file)",
    },
    quiet: QUIET,
  },
  async run(args) {
    if (args.last && args.target !== undefined) {
      throw new UserError(`give either --last or '${args.target}', not both`);
    }
    const speed = positive('--speed', args.speed) ?? 1;
    const idleLimit = positive('--idle-limit', args['idle-limit']);
    const playable = await loadReplayTarget(args.target, process.cwd(), args.segment);
    for (const line of playable.skipped) warn(`${playable.name}: skipped unreadable data (${line})`);
    if (args.unfiltered && !playable.local) {
      throw new UserError(`--unfiltered plays only a session recorded on this machine, and ${playable.name} is ${playable.name === args.target ? 'a file' : "a commit's note"}`, {
        hint: 'a note or a file may come from someone else: its titles, clipboard writes and terminal queries stay filtered',
      });
    }
    // Only what draws the screen is played (src/term/screen-filter.ts), whoever wrote the recording.
    const events = args.unfiltered ? playable.events : filterOutputEvents(playable.events);
    const frames = buildTimeline(events, { speed, idleLimit });
    const terminal = openTerminal({ keys: !args.instant });
    try {
      await play(frames, terminal.io, { recorded: playable.term, instant: args.instant, signal: terminal.signal });
    } finally {
      await terminal.close();
    }
    return terminal.killedBy ? { signal: terminal.killedBy } : ExitCode.ok;
  },
});

function positive(flag: string, value: string | undefined): number | undefined {
  if (value === undefined) return undefined;
  const n = Number(value);
  if (value.trim() === '' || !Number.isFinite(n) || n <= 0) {
    throw new UserError(`${flag} expects a positive number of ${flag === '--speed' ? 'times' : 'seconds'}, got '${value}'`);
  }
  return n;
}
