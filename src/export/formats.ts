/** `aisess export --format`: each format's name, what it is, and how a document becomes it. */
import { castOf, encodeV2, encodeV3 } from './asciicast.js';
import type { ExportDocument } from './document.js';
import { toMarkdown } from './markdown.js';

export interface ExportFormat {
  description: string;
  render(doc: ExportDocument): Promise<string> | string;
}

export const FORMATS = {
  asciicast: { description: 'asciicast v3 (asciinema 3, asciinema-player), markers at segments and prompts', render: (doc) => encodeV3(castOf(doc)) },
  'asciicast-v2': { description: 'asciicast v2 (asciinema 2.x), the same markers', render: (doc) => encodeV2(castOf(doc)) },
  markdown: { description: 'Markdown for a pull request: prompts, answers, tool calls, files, model, tokens, resume command', render: toMarkdown },
  json: { description: 'JSON (schema: docs/export.md)', render: (doc) => `${JSON.stringify(doc, null, 2)}\n` },
  html: {
    description: 'one self-contained HTML page: the transcript and a terminal player',
    render: async (doc) => (await import('./html.js')).toHtml(doc),
  },
} satisfies Record<string, ExportFormat>;

export type FormatName = keyof typeof FORMATS;

export function isFormat(name: string): name is FormatName {
  return Object.hasOwn(FORMATS, name);
}
