/**
 * The fixture replay: a saved live run → per commit, the segments `show --json` would print, made
 * without the binaries or git: transcripts re-parsed into the journals (rederive.ts), the segmenter,
 * the binding of a commit's changes plus the rest of their turns (src/segment/conversation.ts's
 * rule), the compaction pipeline (segmentRecord) and the show-json view.
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { basename, join } from 'node:path';
import { claudeLineOrder } from '../../src/agents/claude-order.js';
import { claudeParser } from '../../src/agents/claude-parse.js';
import { codexParser } from '../../src/agents/codex-parse.js';
import type { ParseCounters, TranscriptParser } from '../../src/agents/types.js';
import { segmentView } from '../../src/history/segment-view.js';
import { segmentDetail } from '../../src/history/show-json.js';
import type { JournalEvent, JournalHeader } from '../../src/journal/events.js';
import { segmentRecord, type SegmentRecord } from '../../src/record/body.js';
import { agentKind } from '../../src/journal/event-data.js';
import { leadEvents } from '../../src/segment/lead.js';
import { segmentSession } from '../../src/segment/segmenter.js';
import { isEmptySegment, turnsOf } from '../../src/segment/turns.js';
import type { Segment } from '../../src/segment/types.js';
import type { Expectation, ShownSegment } from './expect.js';
import { rederive, type Subagent } from './rederive.js';

export interface Fixture {
  dir: string;
  expect: Expectation;
  journals: { header: JournalHeader; events: JournalEvent[] }[];
  /** Transcript files, main ones (not subagents'), by agent session id. */
  transcripts: Map<string, string[]>;
  subagents: string[];
}

export function loadFixture(dir: string): Fixture {
  const expect = JSON.parse(readFileSync(join(dir, 'expect.json'), 'utf8')) as Expectation;
  // A run aisess did not record (a piped one, today) has no journal: its commits then show nothing.
  const journalDir = join(dir, 'journals');
  const journals = (existsSync(journalDir) ? readdirSync(journalDir) : []).sort().map((f) => {
    const [head, ...rest] = readFileSync(join(journalDir, f), 'utf8').trimEnd().split('\n');
    const events = rest.map((l) => JSON.parse(l) as [number, string, string]).map(([time, code, data]) => ({ time, code, data }));
    return { header: JSON.parse(head!) as JournalHeader, events };
  });
  const files = walk(join(dir, 'transcripts'));
  const transcripts = new Map<string, string[]>();
  for (const f of files.filter((x) => !x.includes('/subagents/'))) transcripts.set(basename(f, '.jsonl').slice(-36), lines(f));
  return { dir, expect, journals, transcripts, subagents: files.filter((x) => x.includes('/subagents/')) };
}

export function parserOf(client: string): TranscriptParser<ParseCounters> {
  return (client === 'claude' ? claudeParser : codexParser) as unknown as TranscriptParser<ParseCounters>;
}

export function lines(file: string): string[] {
  return readFileSync(file, 'utf8').split('\n').filter((l) => l !== '');
}

/** The agent session a journal recorded (its first session event), if any. */
function journalAgentSession(events: readonly JournalEvent[]): string | undefined {
  const e = events.find((x) => agentKind(x) === 'session');
  return e ? (JSON.parse(e.data) as { id: string }).id : undefined;
}

export interface OfflineSession {
  header: JournalHeader;
  events: JournalEvent[];
  segments: Segment[];
  problems: number;
}

/** Each journal with its agent events re-derived from its transcript by today's parser. */
export function sessionsOf(f: Fixture): OfflineSession[] {
  return f.journals.map(({ header, events }) => {
    const id = journalAgentSession(events);
    const transcript = (id && f.transcripts.get(id)) || [];
    const subagents = id ? f.subagents.filter((file) => file.includes(`/${id}/subagents/`)).map(subagentOf) : [];
    const { events: rederived, state } = rederiveFor(f.expect.client, events, header.aisess.startedAt, transcript, subagents);
    const { segments } = segmentSession(rederived, { startedAtMs: header.aisess.startedAt });
    return { header, events: rederived, segments, problems: state.problems };
  });
}

function rederiveFor(client: string, events: readonly JournalEvent[], startedAtMs: number, transcript: readonly string[], subagents: readonly Subagent[]) {
  return rederive(events, startedAtMs, transcript, parserOf(client), client === 'claude' ? claudeLineOrder() : undefined, subagents);
}

/** A subagent's lines and, when its `.meta.json` was saved, the Agent call that started it. */
function subagentOf(file: string): Subagent {
  const meta = file.replace(/\.jsonl$/, '.meta.json');
  const toolUseId = existsSync(meta) ? (JSON.parse(readFileSync(meta, 'utf8')) as { toolUseId?: string }).toolUseId : undefined;
  return { lines: lines(file), agentId: basename(file, '.jsonl').replace(/^agent-/, ''), ...(toolUseId && { toolUseId }) };
}

/** The segments a commit of `files` binds: those changing them, plus the rest of their turns. */
export function boundSegments(s: OfflineSession, files: readonly string[]): { index: number; taken: string[]; conversation: boolean }[] {
  const turns = turnsOf(s.segments);
  const changed = s.segments.filter((seg) => seg.changes.some((c) => files.includes(c.path)));
  const boundTurns = new Set(changed.map((seg) => turns[seg.index]));
  const out = changed.map((seg) => ({ index: seg.index, taken: [...new Set(seg.changes.filter((c) => files.includes(c.path)).map((c) => c.path))], conversation: false }));
  for (const seg of s.segments) {
    if (seg.changes.length || isEmptySegment(seg) || !boundTurns.has(turns[seg.index]) || changed.includes(seg)) continue;
    out.push({ index: seg.index, taken: [], conversation: true });
  }
  return out.sort((a, b) => a.index - b.index);
}

/** A commit's segments as `show --json` prints them, with their records (for the stream checks). */
export async function shownFor(sessions: readonly OfflineSession[], files: readonly string[]): Promise<{ shown: ShownSegment[]; records: { record: SegmentRecord; segment: Segment }[] }> {
  const records: { record: SegmentRecord; segment: Segment }[] = [];
  for (const s of sessions) {
    for (const b of boundSegments(s, files)) {
      const segment = s.segments[b.index]!;
      const record = await segmentRecord(segment, { segment: b.index, taken: b.taken, partial: [], conversation: b.conversation }, {
        header: s.header, commit: { id: '0'.repeat(40), tree: '0'.repeat(40), patchId: null, paths: [...files] }, boundAt: 0, boundBy: null,
        lead: leadEvents(s.segments, b.index),
      });
      records.push({ record, segment });
    }
  }
  records.sort((a, b) => a.record.summary.time - b.record.summary.time);
  const shown = records.map(({ record }) => segmentDetail(segmentView(record), new Map()) as unknown as ShownSegment);
  return { shown, records };
}

function walk(dir: string): string[] {
  if (!existsSync(dir)) return [];
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) => (e.isDirectory() ? walk(join(dir, e.name)) : e.name.endsWith('.jsonl') ? [join(dir, e.name)] : [])).sort();
}
