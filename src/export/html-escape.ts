/**
 * Pure: foreign text → HTML that shows it and does nothing else. Every string from a note is
 * escaped as text; data for the page's script travels as JSON inside a non-executed script
 * element, with `<`, `>`, `&` and the JavaScript line separators escaped so no `</script>` or
 * `<!--` can end or bend the element.
 */
import { safeText } from '../history/safe-text.js';

const ENTITIES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };

/** Text for an element or a quoted attribute; controls shown as safe-text shows them. */
export function html(text: string, multiline = false): string {
  return safeText(text, { multiline }).replace(/[&<>"']/g, (ch) => ENTITIES[ch]!);
}

/** A value as JSON that may stand inside `<script type="application/json">`. */
export function scriptJson(value: unknown): string {
  return JSON.stringify(value).replace(/[<>&\u2028\u2029]/g, (ch) => `\\u${ch.charCodeAt(0).toString(16).padStart(4, '0')}`);
}

/** Trusted script text (the player bundle) made safe to inline: `</script` would end the element early. */
export function inlineScript(js: string): string {
  return js.replace(/<\/(script)/gi, '<\\/$1').replace(/<!--/g, '<\\!--');
}
