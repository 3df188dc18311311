/**
 * The shared follower: poll a finder until it names the transcript (it may appear late, or only
 * once the agent writes its first line), then tail it, parse each line and emit events plus the
 * compacted raw line. Nothing here throws into the caller: problems become one warning.
 */
import type { Claim } from './claims.js';
import { tailFile, type Tail } from './tail.js';
import type { AgentEvent, Follower, FollowIO, LineOrder, ParseCounters, TranscriptParser } from './types.js';

export interface Found {
  file: string;
  /** Bytes already there before this recording (a resumed session): skipped. */
  offset: number;
  claim?: Claim;
  /** Lines before `offset` read only for the session id (a resumed rollout names it in line 1). */
  prime?: string[];
  /** Line ids already in the file before `offset` (a resumed session): what comes again is not new. */
  known?: Iterable<string>;
}

/** A file that belongs to the same session (a subagent's transcript): tailed from `offset`. */
export interface Sibling {
  file: string;
  offset: number;
  /** A subagent's file: its id, and the tool call that started it when known. */
  agentId?: string;
  toolUseId?: string;
}

export interface FollowExtras {
  /** Puts lines in order and drops repeats before they are parsed (all files share it). */
  order?: LineOrder;
  /** The session's other files, listed on every poll once the transcript is found. */
  siblings?(found: Found, first: boolean): Sibling[];
}

/** Called on every poll until it returns a transcript; `final` is the last call, at stop. */
export type Finder = (final: boolean) => Promise<Found | undefined>;

const MAX_STRING = 4000;
/** How often a transcript is polled for new lines (and searched for, until found). */
export const TRANSCRIPT_POLL_MS = 250;

export function followTranscript<S extends ParseCounters>(
  agent: string, find: Finder, parser: TranscriptParser<S>, io: FollowIO, extras: FollowExtras = {},
): Follower {
  const { order } = extras;
  const pollMs = io.pollMs ?? TRANSCRIPT_POLL_MS;
  const state = parser.init();
  let warned = false;
  let found: Found | undefined;
  let tail: Tail | undefined;
  const siblingTails = new Map<string, Tail>();
  const agentTails = new Map<string, Tail>();
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
  const parse = (line: string) => {
    const before = state.problems;
    const events = parser.parseLine(line, state);
    const at = state.lineTime;
    const damaged = state.problems > before;
    // Compacted before any event goes out: the events hold parts of the parsed line, which the
    // compactor reads again (parseLineObject), and a listener must not be able to change it first.
    const kept = damaged ? null : parser.compact(line, { keepThinking: io.keepThinking, maxString: MAX_STRING });
    for (const event of events) emit(event, at);
    if (damaged) warnOnce(`${agent} transcript ${found?.file}: skipped a line that is not valid JSON`);
    if (kept !== null) emit({ kind: 'transcript', line: kept }, at);
  };
  const onLine = (line: string) => {
    if (!order) return parse(line);
    for (const ready of order.push(line, Date.now())) parse(ready);
  };
  const addSiblings = (first: boolean) => {
    if (!found || !extras.siblings) return;
    try {
      for (const s of extras.siblings(found, first)) {
        if (siblingTails.has(s.file) || s.file === found.file) continue;
        if (s.agentId && s.toolUseId) order?.link(s.agentId, s.toolUseId);
        const t = tailFile({ file: s.file, offset: s.offset, onLine, pollMs, onError: (err) => warnOnce(`${agent} transcript ${s.file}: ${(err as Error).message}`) });
        siblingTails.set(s.file, t);
        if (s.agentId) agentTails.set(s.agentId, t);
      }
    } catch (err) {
      warnOnce(`${agent} transcript: ${(err as Error).message}`);
    }
  };
  // A parent's result waits for its subagent: read that subagent's file first (done by then).
  const settleAgents = async () => {
    if (!order) return;
    for (const id of new Set(order.awaiting())) {
      await agentTails.get(id)?.sync();
      for (const ready of order.settle(id)) parse(ready);
    }
  };
  let housekeeping: Promise<void> = Promise.resolve();
  const housekeep = () => {
    housekeeping = housekeeping.then(async () => {
      addSiblings(false);
      await settleAgents();
      for (const ready of order?.expire(Date.now()) ?? []) parse(ready);
    }).catch((err: Error) => warnOnce(`${agent} transcript: ${err.message}`));
    return housekeeping;
  };
  const attach = (f: Found) => {
    found = f;
    for (const uuid of f.known ?? []) order?.know(uuid);
    for (const line of f.prime ?? []) {
      for (const event of parser.parseLine(line, state)) if (event.kind === 'session') emit(event);
    }
    tail = tailFile({ file: f.file, offset: f.offset, onLine, pollMs, onError: (err) => warnOnce(`${agent} transcript ${f.file}: ${(err as Error).message}`) });
    addSiblings(true);
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
    if (found) void housekeep();
    else void search(false);
  }, pollMs);
  timer.unref();
  void search(false);

  return {
    file: () => found?.file,
    async sync() {
      if (stopped) return;
      if (!found) await search(false);
      await tail?.sync().catch((err: Error) => warnOnce(`${agent} transcript: ${err.message}`));
      await housekeep();
      for (const t of siblingTails.values()) await t.sync().catch((err: Error) => warnOnce(`${agent} transcript: ${err.message}`));
    },
    async stop() {
      if (stopped) return;
      stopped = true;
      clearInterval(timer);
      await search(true);
      await tail?.stop();
      await housekeeping;
      addSiblings(false);
      for (const t of siblingTails.values()) await t.stop();
      await settleAgents();
      for (const ready of order?.drain() ?? []) parse(ready);
      await found?.claim?.release();
      if (!found) warnOnce(`${agent}: no transcript of this session was found; only the terminal was recorded`);
    },
  };
}
