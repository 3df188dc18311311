/**
 * The pause key: Ctrl-] then p toggles recording. asciinema's Ctrl-\ is SIGQUIT for an agent, and
 * Claude Code and Codex bind most Ctrl letters (Claude: C D L T O R G S V B _, chords Ctrl-X …;
 * Codex: A B C D E F G H J K M N P T U W Y and Ctrl-.). Neither binds Ctrl-] (0x1d, telnet's escape
 * character), and a prefix means one stray Ctrl-] never pauses anything: Ctrl-] followed by any
 * other key reaches the agent as typed, Ctrl-] Ctrl-] sends one Ctrl-].
 * Agents that turn on the kitty keyboard protocol (Codex does, to tell Shift-Enter apart) or
 * xterm's modifyOtherKeys receive Ctrl-] as `CSI 93;5u` / `CSI 27;5;93~`: those count too.
 */

/** A filtered input chunk: bytes for the agent, or the toggle the user asked for, in typing order. */
export type KeyPart = Buffer | 'toggle';

export interface PauseKeys {
  /** Splits a chunk of typed bytes; a lone prefix at the end is held until the next chunk. */
  feed(chunk: Buffer): KeyPart[];
}

const PREFIX_BYTE = 0x1d;
// ESC [ 93 ; 5 [:event] u  (kitty)  |  ESC [ 27 ; 5 ; 93 ~  (modifyOtherKeys)
const PREFIX_SEQ = /^\x1b\[(?:93;5(?::1)?u|27;5;93~)/;
// p or P, plain or as kitty's "report all keys" form (CSI 112 u, CSI 112;2 u for P).
const ACTION_SEQ = /^(?:[pP]|\x1b\[112(?:;[12](?::1)?)?u)/;
/** The longest a prefix or action sequence can be, to tell "incomplete" from "not ours". */
const LONGEST = 12;

export function pauseKeys(): PauseKeys {
  let held: Buffer | null = null;
  return {
    feed(chunk) {
      const data = held ? Buffer.concat([held, chunk]) : chunk;
      held = null;
      const parts: KeyPart[] = [];
      let from = 0;
      let i = 0;
      while (i < data.length) {
        const prefix = prefixAt(data, i);
        if (prefix === 0) {
          i++;
          continue;
        }
        if (prefix < 0) {
          held = data.subarray(i);
          break;
        }
        const after = i + prefix;
        const action = matchAt(ACTION_SEQ, data, after);
        const again = action > 0 ? 0 : prefixAt(data, after);
        if (action < 0 || (action === 0 && again < 0) || after === data.length) {
          push(parts, data.subarray(from, i));
          held = data.subarray(i);
          return parts;
        }
        if (action > 0) {
          push(parts, data.subarray(from, i));
          parts.push('toggle');
          from = i = after + action;
        } else if (again > 0) {
          // Prefix twice: the agent gets the second one, as typed.
          push(parts, data.subarray(from, i));
          from = after;
          i = after + again;
        } else {
          i = after;
        }
      }
      push(parts, data.subarray(from, held ? data.length - held.length : data.length));
      return parts;
    },
  };
}

/** Length of a prefix at i; 0 if none; -1 if the bytes so far could still become one. */
function prefixAt(data: Buffer, i: number): number {
  if (data[i] === PREFIX_BYTE) return 1;
  return data[i] === 0x1b ? matchAt(PREFIX_SEQ, data, i) : 0;
}

function matchAt(pattern: RegExp, data: Buffer, i: number): number {
  if (i >= data.length) return -1;
  const text = data.subarray(i, i + LONGEST).toString('latin1');
  const hit = pattern.exec(text);
  if (hit) return hit[0].length;
  // An escape sequence cut by the chunk boundary may still turn into ours.
  return text.length < LONGEST && /^\x1b(?:\[[0-9;:]*)?$/.test(text) && couldBecome(pattern, text) ? -1 : 0;
}

function couldBecome(pattern: RegExp, partial: string): boolean {
  const samples = pattern === PREFIX_SEQ ? ['\x1b[93;5u', '\x1b[93;5:1u', '\x1b[27;5;93~'] : ['\x1b[112u', '\x1b[112;2u', '\x1b[112;1:1u'];
  return samples.some((s) => s.startsWith(partial));
}

function push(parts: KeyPart[], bytes: Buffer): void {
  if (bytes.length > 0) parts.push(bytes);
}
