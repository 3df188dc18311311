/** Terminal output as plain text without a terminal emulator: what a typed line or a v1 note's output says. */

// CSI (ESC [ … final), OSC (ESC ] … BEL or ST), DCS/SOS/PM/APC (ESC P|X|^|_ … ST), two-byte ESC x.
const ESCAPES = /\x1b\[[0-?]*[ -/]*[@-~]|\x1b\][^\x07\x1b]*(?:\x07|\x1b\\)?|\x1b[PX^_][^\x1b]*(?:\x1b\\)?|\x1b[ -/]*[0-~]|\x9b[0-?]*[ -/]*[@-~]/g;
const CONTROLS = /[\x00-\x08\x0b-\x1f\x7f]/g;

/** Output data → readable lines: escapes dropped, CR overwrites, backspaces applied, blank runs squeezed. */
export function terminalText(outputs: readonly string[]): string {
  const raw = outputs.join('').replace(ESCAPES, '');
  const lines = raw.replace(/\r+\n/g, '\n').split('\n').map(renderLine);
  const squeezed: string[] = [];
  for (const line of lines) {
    if (line === '' && squeezed.at(-1) === '') continue;
    squeezed.push(line);
  }
  while (squeezed[0] === '') squeezed.shift();
  while (squeezed.at(-1) === '') squeezed.pop();
  return squeezed.join('\n');
}

/**
 * A lone CR returns to column 0: what follows overwrites what came before, as on a screen. In place:
 * copying the line for each CR made a note of 1 MB of text and 100 000 CRs take hours to show.
 */
function renderLine(line: string): string {
  const cells: string[] = [];
  for (const part of line.split('\r')) {
    const chars = applyBackspaces(part.replace(/\t/g, '    '));
    for (let i = 0; i < chars.length; i++) cells[i] = chars[i]!;
  }
  return cells.join('').replace(CONTROLS, '').trimEnd();
}

function applyBackspaces(text: string): string[] {
  const out: string[] = [];
  for (const ch of text) {
    if (ch === '\b') out.pop();
    else out.push(ch);
  }
  return out;
}
