/**
 * Terminal input → player commands, parsed as a terminal sends it (ECMA-48 / xterm): escape
 * sequences, the answers a terminal types on its own (DSR `ESC[12;40R`, OSC colour reports, DCS
 * capability answers), bracketed pastes and mouse reports are consumed whole and never become keys,
 * even when the terminal's bytes arrive split across reads. A note's stream is filtered before it is
 * played, but an older recording or a crafted one must not be able to drive the player or, through
 * it, the shell the keys reach after replay exits.
 */
import { KEY_BINDINGS, type PlayerCommand } from './keys.js';

type State =
  | 'ground'
  /** After ESC. */
  | 'escape'
  /** After ESC followed by intermediates (0x20–0x2F), waiting for the final byte. */
  | 'escapeInter'
  | 'csi'
  /** After `ESC O`: one more character names the key. */
  | 'ss3'
  /** OSC, DCS, APC, PM or SOS body, up to BEL (OSC) or ST. */
  | 'string'
  /** Inside a string, after ESC: `\` ends it. */
  | 'stringEscape'
  /** Between `ESC[200~` and `ESC[201~`: pasted text is not keys. */
  | 'paste'
  /** `ESC[M` then three raw bytes: an X10 mouse report. */
  | 'mouse';

const PASTE_END = '\x1b[201~';
/** A sequence longer than this is garbage: give up on it, but stay out of the ground state's keys. */
const MAX_SEQUENCE = 1 << 16;

export class InputParser {
  private state: State = 'ground';
  private csi = '';
  private mouseLeft = 0;
  private pasteTail = '';
  private length = 0;

  /** The commands in this chunk, given everything pushed before it. */
  push(chunk: string): PlayerCommand[] {
    const out: PlayerCommand[] = [];
    for (const ch of chunk) this.step(ch, out);
    return out;
  }

  private step(ch: string, out: PlayerCommand[]): void {
    const c = ch.codePointAt(0)!;
    if (this.state !== 'ground' && this.state !== 'paste' && ++this.length > MAX_SEQUENCE) this.enter('ground');
    switch (this.state) {
      case 'ground':
        return this.ground(ch, c, out);
      case 'escape':
        if (ch === '[') return this.enter('csi');
        if (ch === 'O') return this.enter('ss3');
        if (ch === ']' || ch === 'P' || ch === '_' || ch === '^' || ch === 'X') return this.enter('string');
        if (c >= 0x20 && c <= 0x2f) return this.enter('escapeInter');
        // Alt+key (ESC then the key), or ESC ESC: either way not a player key.
        if (c === 0x1b) return this.enter('escape');
        return this.enter('ground');
      case 'escapeInter':
        if (c >= 0x20 && c <= 0x2f) return;
        return this.enter(c === 0x1b ? 'escape' : 'ground');
      case 'csi':
        return this.csiByte(ch, c);
      case 'ss3':
        return this.enter(c === 0x1b ? 'escape' : 'ground');
      case 'string':
        if (c === 0x07 || c === 0x9c) return this.enter('ground');
        if (c === 0x1b) this.state = 'stringEscape';
        return;
      case 'stringEscape':
        if (ch === '\\') return this.enter('ground');
        // Xterm aborts a string at a lone ESC and starts the new sequence.
        this.enter('escape');
        return this.step(ch, out);
      case 'paste':
        this.pasteTail = (this.pasteTail + ch).slice(-PASTE_END.length);
        if (this.pasteTail === PASTE_END) this.enter('ground');
        return;
      case 'mouse':
        if (--this.mouseLeft === 0) this.enter('ground');
        return;
    }
  }

  private ground(ch: string, c: number, out: PlayerCommand[]): void {
    if (c === 0x1b) return this.enter('escape');
    // C1 forms (U+0080–U+009F as characters): CSI, SS3, OSC, DCS, SOS, PM, APC.
    if (c === 0x9b) return this.enter('csi');
    if (c === 0x8f) return this.enter('ss3');
    if (c === 0x9d || c === 0x90 || c === 0x98 || c === 0x9e || c === 0x9f) return this.enter('string');
    const command = KEY_BINDINGS[ch];
    if (command) out.push(command);
  }

  private csiByte(ch: string, c: number): void {
    if (c >= 0x40 && c <= 0x7e) {
      const body = this.csi + ch;
      if (body === '200~') return this.enter('paste');
      if (body === 'M') {
        this.enter('mouse');
        this.mouseLeft = 3;
        return;
      }
      return this.enter('ground');
    }
    if (c === 0x1b) return this.enter('escape');
    // Parameters and intermediates; anything else (a control byte) is ignored as xterm does.
    if (c >= 0x20 && c <= 0x3f) this.csi += ch;
  }

  private enter(state: State): void {
    this.state = state;
    this.csi = '';
    this.pasteTail = '';
    this.length = 0;
  }
}
