/**
 * The test's own idea of what replay may write, kept apart from src/term on purpose: an output is
 * cut into text and control sequences, and every sequence must be one that only draws the screen.
 */

/** DEC private modes a replay may set or reset: cursor, autowrap, origin, reverse video, blink, alternate screen, synchronized output. */
const DEC_MODES = new Set(['5', '6', '7', '12', '25', '47', '1047', '1048', '1049', '2026']);
/**
 * CSI finals without a prefix or intermediate that draw: SGR m; CUP H, HVP f; CUU A, CUD B, CUF C,
 * CUB D, CHA G, VPA d; ED J, EL K; IL L, DL M; ICH @, DCH P, ECH X; SU S, SD T; DECSTBM r; save and
 * restore cursor s, u. Also cursor-only moves a TUI uses: CNL E, CPL F, HPA `, HPR a, VPR e, CHT I,
 * CBT Z, REP b, TBC g.
 */
const CSI_FINALS = new Set('mHfABCDGdJKLM@PXSTrsu' + 'EF`aeIZbg');
/** Two-byte escapes that draw: DECSC 7, DECRC 8, IND D, NEL E, RI M, HTS H. */
const ESC_FINALS = new Set('78DEMH');
/** C0 that draw: BEL, BS, HT, LF, VT, FF, CR, SO, SI; and DEL, which a terminal ignores. */
const C0 = new Set([0x07, 0x08, 0x09, 0x0a, 0x0b, 0x0c, 0x0d, 0x0e, 0x0f, 0x7f]);

/** Every control sequence of `out` that is not on the allowlist (an empty list: replay only drew). */
export function nonDrawing(out: string): string[] {
  const bad: string[] = [];
  for (let i = 0; i < out.length; i++) {
    const c = out.charCodeAt(i);
    if (c === 0x1b) {
      const [seq, ok] = escapeAt(out, i);
      if (!ok) bad.push(seq);
      i += seq.length - 1;
    } else if ((c < 0x20 || (c >= 0x7f && c <= 0x9f)) && !C0.has(c)) bad.push(out[i]!);
  }
  return bad;
}

function escapeAt(out: string, i: number): [string, boolean] {
  const next = out[i + 1];
  if (next === '[') {
    const m = /^\x1b\[([0-?]*)([ -/]*)([@-~])/.exec(out.slice(i, i + 64));
    if (!m) return [out.slice(i, i + 2), false];
    const [seq, params, inter, final] = m as unknown as [string, string, string, string];
    if (inter !== '') return [seq, false];
    if (/^[0-9;:]*$/.test(params)) return [seq, CSI_FINALS.has(final)];
    const dec = /^\?([0-9;]+)$/.exec(params);
    return [seq, !!dec && (final === 'h' || final === 'l') && dec[1]!.split(';').every((p) => DEC_MODES.has(p))];
  }
  if (next === '(' || next === ')') {
    // Character set designation (ASCII, line drawing, UK).
    const seq = out.slice(i, i + 3);
    return [seq, /^..[B0A]$/.test(seq)];
  }
  const seq = out.slice(i, i + 2);
  return [seq, next !== undefined && ESC_FINALS.has(next)];
}
