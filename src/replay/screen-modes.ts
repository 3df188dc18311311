/**
 * The terminal state a played stream leaves behind, and the bytes that undo it. A replay that ends
 * early (q, Ctrl-C, a closed pipe) or a recording that never cleaned up (a Codex session ends in its
 * alternate screen) must not leave the reader's terminal with a hidden cursor, no autowrap, a scroll
 * region or the alternate screen on. Only modes the screen filter lets through are tracked.
 */

/** DEC private modes whose default is on; every other tracked mode defaults to off. */
const ON_BY_DEFAULT = new Set(['7', '25']);
const ALT_SCREENS = ['1049', '1047', '47'];
/** Sequences that change tracked state: DEC modes, insert mode, scroll region, SGR. */
const SEQUENCE = /\x1b\[(\?)?([0-9:;]*)([hlrm])/g;
/** An incomplete CSI at the end of a write is kept for the next one. */
const TAIL = /\x1b(?:\[[0-9:;?]*)?$/;

export class ScreenModes {
  private readonly dec = new Map<string, boolean>();
  private insert = false;
  private region = false;
  private styled = false;
  private carry = '';

  observe(data: string): void {
    const text = this.carry + data;
    const tail = TAIL.exec(text);
    this.carry = tail && tail[0].length <= 64 ? tail[0] : '';
    for (const [, priv, params, final] of text.matchAll(SEQUENCE)) {
      if (final === 'm') this.styled = !/^0*$/.test(params!);
      else if (final === 'r') this.region = !priv && params !== '';
      else if (priv) for (const p of params!.split(';')) this.dec.set(p, final === 'h');
      else if (params!.split(';').includes('4')) this.insert = final === 'h';
    }
  }

  /** The bytes that bring the terminal back to its defaults; empty when nothing was changed. */
  restore(): string {
    let out = '';
    const changed = (mode: string): boolean => {
      const on = this.dec.get(mode);
      return on !== undefined && on !== ON_BY_DEFAULT.has(mode);
    };
    if (this.dec.get('2026')) out += '\x1b[?2026l';
    if (ALT_SCREENS.some((m) => this.dec.get(m))) out += '\x1b[?1049l';
    if (this.region) out += '\x1b7\x1b[r\x1b8';
    for (const mode of ['5', '6', '12']) if (changed(mode)) out += `\x1b[?${mode}l`;
    for (const mode of ON_BY_DEFAULT) if (changed(mode)) out += `\x1b[?${mode}h`;
    if (this.insert) out += '\x1b[4l';
    if (this.styled) out += '\x1b[0m';
    return out;
  }
}
