/** Where a recording goes, as the pty shim and the piped runner see it (src/store/recording.ts writes it). */
import type { EventDataMap } from './event-data.js';
import type { AisessEventCode, ExitStatus } from './events.js';

/**
 * The recorder side of the journal, as the pty shim sees it. Every method is cheap and never
 * throws: a failing disk turns the journal into a no-op and reports once through onError.
 */
export interface JournalSink {
  output(data: string): void;
  /**
   * Output already in the journal's form: the body of a JSON string (what JSON.stringify puts
   * between the quotes), as the native relay hands it over. Saves decoding and escaping in node.
   */
  outputJsonText(body: Uint8Array): void;
  input(data: string): void;
  resize(cols: number, rows: number): void;
  marker(label: string): void;
  event<C extends AisessEventCode>(code: C, data: EventDataMap[C]): void;
  /** Records the exit event, flushes everything and closes the file. */
  close(status: ExitStatus): Promise<void>;
}
