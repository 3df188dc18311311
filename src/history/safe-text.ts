/**
 * Pure: a string read from a note (or the store) → text that is safe to print on a terminal. A note
 * is foreign input: anyone who can push refs/notes/aisess chooses its bytes, and a raw ESC, C1 CSI
 * or DCS would drive the reader's terminal (clipboard writes via OSC 52, title, clear, hyperlinks).
 * Controls are shown, never dropped, so the text still says what the note holds. `--json` output
 * does not pass through here: JSON escapes controls itself and tools need the exact strings.
 */

export interface SafeTextOptions {
  /** Multi-line text (prompts, answers, screen text): newline and tab are kept as they are. */
  multiline?: boolean;
}

// Bidi embeddings, overrides, isolates and marks: they reorder what follows on screen (Trojan Source).
const BIDI = /[\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]/;
// Everything this module rewrites: C0, DEL, C1, bidi controls.
const UNSAFE = /[\x00-\x1f\x7f-\x9f\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]/g;

/** ESC as `^[`, other C0 as `^X`, DEL as `^?`, C1 and bidi controls as `\u009b`-style text. */
export function safeText(text: string, opts: SafeTextOptions = {}): string {
  return text.replace(UNSAFE, (ch) => {
    if (opts.multiline && (ch === '\n' || ch === '\t')) return ch;
    const code = ch.charCodeAt(0);
    if (code < 0x20) return `^${String.fromCharCode(code + 0x40)}`;
    if (code === 0x7f) return '^?';
    return `\\u${code.toString(16).padStart(4, '0')}`;
  });
}

const C_ESCAPES: Record<string, string> = { '\x07': '\\a', '\b': '\\b', '\t': '\\t', '\n': '\\n', '\v': '\\v', '\f': '\\f', '\r': '\\r', '"': '\\"', '\\': '\\\\' };
const NEEDS_QUOTES = /["\\\x00-\x1f\x7f-\x9f\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]/;

/**
 * A file path as git prints it with core.quotePath: unchanged when plain, else in double quotes with
 * C escapes (`\t`, `\"`, `\\`) and the UTF-8 bytes of other controls in octal (`\033`, `\302\233`).
 * Other non-ASCII text is kept as it is (git's core.quotePath=false), so names stay readable.
 */
export function quotePath(path: string): string {
  if (!NEEDS_QUOTES.test(path)) return path;
  let out = '';
  for (const ch of path) {
    const code = ch.codePointAt(0)!;
    if (C_ESCAPES[ch]) out += C_ESCAPES[ch];
    else if (code < 0x20 || (code >= 0x7f && code <= 0x9f) || BIDI.test(ch)) out += octalBytes(ch);
    else out += ch;
  }
  return `"${out}"`;
}

function octalBytes(ch: string): string {
  return [...Buffer.from(ch, 'utf8')].map((b) => `\\${b.toString(8).padStart(3, '0')}`).join('');
}
