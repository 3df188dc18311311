/**
 * The shared follower: poll a finder until it names the transcript (it may appear late, or only
 * once the agent writes its first line), then tail it, parse each line and emit events plus the
 * compacted raw line. Nothing here throws into the caller: problems become one warning.
 */
import type { Claim } from './claims.js';
import { tailFile, type Tail } from './tail.js';
import type { AgentEvent, Follower, FollowIO, ParseCounters, TranscriptParser } from './types.js';

export interface Found {
  file: string;
  /** Bytes already there before this recording (a resumed session): skipped. */
  offset: number;
  claim?: Claim;
  /** Lines before `offset` read only for the session id (a resumed rollout names it in line 1). */
  prime?: string[];
}

/** Called on every poll until it returns a transcript; `final` is the last call, at stop. */
export type Finder = (final: boolean) => Promise<Found | undefined>;

const MAX_STRING = 4000;
/** How often a transcript is polled for new lines (and searched for, until found). */
export const TRANSCRIPT_POLL_MS = 250;

export function followTranscript<S extends ParseCounters>(
  agent: string, find: Finder, parser: TranscriptParser<S>, io: FollowIO,
): Follower {
  const pollMs = io.pollMs ?? TRANSCRIPT_POLL_MS;
  const state = parser.init();
  let warned = false;
  let found: Found | undefined;
  let tail: Tail | undefined;
  let stopped = false;

  const warnOnce = (message: string) => {
    if (warned) return;
    warned = true;
    io.warn(message);
  };
  const emit = (event: AgentEvent, at?: number) => {
    try {
      io.emit(event, at);
    } catch (err) {
      warnOnce(`${agent} transcript: ${(err as Error).message}`);
    }
  };
  const onLine = (line: string) => {
    const before = state.problems;
    const events = parser.parseLine(line, state);
    const at = state.lineTime;
    for (const event of events) emit(event, at);
    if (state.problems > before) warnOnce(`${agent} transcript ${found?.file}: skipped a line that is not valid JSON`);
    const kept = state.problems > before ? null : parser.compact(line, { keepThinking: io.keepThinking, maxString: MAX_STRING });
    if (kept !== null) emit({ kind: 'transcript', line: kept }, at);
  };
  const attach = (f: Found) => {
    found = f;
    for (const line of f.prime ?? []) {
      for (const event of parser.parseLine(line, state)) if (event.kind === 'session') emit(event);
    }
    tail = tailFile({ file: f.file, offset: f.offset, onLine, pollMs });
  };

  let searching: Promise<void> = Promise.resolve();
  const search = (final: boolean) => {
    searching = searching.then(async () => {
      if (found || (stopped && !final)) return;
      const f = await find(final);
      if (f) attach(f);
    }).catch((err: Error) => warnOnce(`${agent} transcript: ${err.message}`));
    return searching;
  };
  const timer = setInterval(() => {
    if (found) clearInterval(timer);
    else void search(false);
  }, pollMs);
  timer.unref();
  void search(false);

  return {
    file: () => found?.file,
    async stop() {
      if (stopped) return;
      stopped = true;
      clearInterval(timer);
      await search(true);
      await tail?.stop();
      await found?.claim?.release();
      if (!found) warnOnce(`${agent}: no transcript of this session was found; only the terminal was recorded`);
    },
  };
}
