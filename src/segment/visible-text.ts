// Escape sequences (CSI, OSC, DCS/SOS/PM/APC strings, two-byte escapes) and control characters.
// eslint-disable-next-line no-control-regex
const NOT_TEXT = /\x1b\[[0-?]*[ -/]*[@-~]|\x1b\][^\x07\x1b]*(?:\x07|\x1b\\)?|\x1b[PX^_][^\x1b]*(?:\x1b\\)?|\x1b[ -/]*[0-~]|[\x00-\x1f\x7f-\x9f]/g;

/** What of terminal output is text a person sees: escape sequences and controls removed. */
export function visibleText(data: string): string {
  return data.replace(NOT_TEXT, '');
}
