/**
 * startRecording: the journal as the pty shim uses it. Returns at once; the store is located,
 * stale sessions recovered, the file opened and the metadata written in the background while
 * events queue. Any failure gives exactly one warning and turns the recording into a no-op:
 * recording must never be the reason an agent session is lost.
 */
import { open, type FileHandle } from 'node:fs/promises';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { ensureDir } from './ensure-dir.js';
import { newSessionId } from './id.js';
import { locateStore, type Store } from './locate.js';
import { journalFileName, sessionsDir, writeMeta, type SessionMeta } from './meta.js';
import { currentOwner } from './owner.js';
import { encodeHeader, exitData } from '../journal/codec.js';
import { encodeEventData, type EventDataMap } from '../journal/event-data.js';
import type { AisessEventCode, ExitStatus, JournalHeader } from '../journal/events.js';
import type { JournalSink } from '../journal/sink.js';
import { JournalWriter } from '../journal/writer.js';
import { quoteArg } from '../text/shell-quote.js';

const RECOVER_AFTER_MS = 3000;

export interface RecordingOptions {
  agent: string;
  argv: string[];
  cwd: string;
  /** `piped`: the agent ran on pipes, the size is a stand-in (no terminal had one). */
  term: { cols: number; rows: number; type?: string; piped?: boolean };
  captureInput: boolean;
  env?: NodeJS.ProcessEnv;
  /** Milliseconds from any fixed origin; defaults to the monotonic performance.now(). */
  now?: () => number;
  onWarning: (message: string) => void;
  /** Where to record, when the caller already located it (saves a git call). */
  store?: Store;
}

export interface Recording extends JournalSink {
  readonly id: string;
  /** The journal's path once it is open, or null if recording is off. Never rejects. */
  readonly ready: Promise<string | null>;
  /** Resolves once every event recorded so far is on disk (the binder reads the file). Never rejects. */
  flush(): Promise<void>;
}

export function startRecording(opts: RecordingOptions): Recording {
  return new SessionRecording(opts);
}

class SessionRecording implements Recording {
  readonly id: string;
  readonly ready: Promise<string | null>;
  private readonly startedAt = Date.now();
  private readonly writer: JournalWriter;
  private fh: FileHandle | null = null;
  private meta: SessionMeta | null = null;
  private storeDir: string | null = null;
  private failed = false;
  /** The failure's own cleanup (file closed, session marked damaged), awaited by close(). */
  private failing: Promise<void> = Promise.resolve();
  private closing: Promise<void> | null = null;
  private recovery: () => Promise<void> = async () => {};

  constructor(private readonly opts: RecordingOptions) {
    this.id = newSessionId(this.startedAt);
    const now = opts.now ?? (() => performance.now());
    this.writer = new JournalWriter({ now, origin: now(), onFail: (err) => this.fail(err) });
    this.ready = this.begin().catch((err: unknown) => {
      this.fail(err);
      return null;
    });
  }

  output(data: string): void {
    if (!this.closing) this.writer.push('o', data);
  }

  outputJsonText(body: Uint8Array): void {
    if (!this.closing) this.writer.push('o', body);
  }

  input(data: string): void {
    if (!this.closing && this.opts.captureInput) this.writer.push('i', data);
  }

  resize(cols: number, rows: number): void {
    if (!this.closing) this.writer.push('r', `${cols}x${rows}`);
  }

  marker(label: string): void {
    if (!this.closing) this.writer.push('m', label);
  }

  event<C extends AisessEventCode>(code: C, data: EventDataMap[C]): void {
    if (this.closing) return;
    let json: string;
    try {
      json = encodeEventData(code, data);
    } catch (err) {
      json = JSON.stringify({ unserialisable: String(err) });
    }
    this.writer.push(code, json);
  }

  async flush(): Promise<void> {
    await this.ready;
    await this.writer.settle();
  }

  close(status: ExitStatus): Promise<void> {
    if (!this.closing) {
      this.writer.push('x', exitData(status));
      this.closing = this.finish(status).catch((err: unknown) => this.fail(err));
    }
    return this.closing;
  }

  private async begin(): Promise<string> {
    const { opts } = this;
    const store = opts.store ?? (await locateStore(opts.cwd, opts.env ?? process.env));
    const dir = sessionsDir(store.dir);
    await ensureDir(dir);
    const path = join(dir, journalFileName(this.id));
    this.fh = await open(path, 'wx');
    const owner = await currentOwner();
    if (this.failed) return path;
    // A reader of a session that is `ready` must find at least the header.
    await this.writer.attach(this.fh, encodeHeader(this.header(owner.pid)));
    this.storeDir = store.dir;
    this.meta = {
      format: 1, id: this.id, agent: opts.agent, argv: opts.argv, cwd: opts.cwd, owner,
      startedAt: this.startedAt, endedAt: null, status: 'running', exit: null,
      bytes: 0, events: 0, duration: 0, journal: journalFileName(this.id),
    };
    await writeMeta(store.dir, this.meta);
    this.recoverLater(store);
    return path;
  }

  /**
   * Someone else's stale session, recovered once this one is under way (or at its end, if sooner):
   * recovery loads zstd on this thread, 15-30 ms that must not land on the agent's first screens.
   */
  private recoverLater(store: Store): void {
    let started: Promise<void> | undefined;
    const recover = () => (started ??= import('./recover.js').then(({ recoverStale }) => recoverStale(store)).then(() => {}, () => {}));
    setTimeout(recover, RECOVER_AFTER_MS).unref();
    this.recovery = recover;
  }

  private header(pid: number): JournalHeader {
    const { opts } = this;
    const type = opts.term.type ?? (opts.env ?? process.env).TERM;
    return {
      version: 3,
      term: { cols: opts.term.cols, rows: opts.term.rows, ...(type ? { type } : {}), ...(opts.term.piped && { piped: true as const }) },
      timestamp: Math.floor(this.startedAt / 1000),
      command: opts.argv.map(quoteArg).join(' '),
      aisess: {
        format: 1, id: this.id, agent: opts.agent, argv: opts.argv, cwd: opts.cwd, pid,
        startedAt: this.startedAt, captureInput: opts.captureInput,
      },
    };
  }

  private async finish(status: ExitStatus): Promise<void> {
    const path = await this.ready;
    await this.recovery();
    // A failed recording has closed its file and marked its session by the time it is closed.
    if (!path || this.failed) return this.failing;
    await this.writer.drain();
    await this.fh?.close();
    this.fh = null;
    if (this.failed || !this.meta || !this.storeDir) return;
    const duration = this.writer.lastTime;
    Object.assign(this.meta, {
      status: 'finished', exit: status, endedAt: this.startedAt + Math.round(duration * 1000),
      duration, events: this.writer.events, bytes: this.writer.bytes,
    });
    await writeMeta(this.storeDir, this.meta);
  }

  private fail(err: unknown): void {
    if (this.failed) return;
    this.failed = true;
    this.writer.abandon();
    const reason = err instanceof Error ? err.message : String(err);
    try {
      this.opts.onWarning(`recording stopped (${reason}); ${this.opts.agent} keeps running unrecorded`);
    } catch {
      // A throwing warning callback must not turn into a rejection the shim does not expect.
    }
    const closed = this.fh?.close().catch(() => {});
    this.fh = null;
    // Best effort: the disk that failed the journal may fail this too; recovery fixes it later.
    const marked = this.meta && this.storeDir
      ? writeMeta(this.storeDir, { ...this.meta, status: 'damaged' as const, damage: `recording stopped: ${reason}` }).catch(() => {})
      : undefined;
    this.failing = Promise.all([closed, marked]).then(() => {});
  }
}
