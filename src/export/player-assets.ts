/**
 * The asciinema-player bundle (JS and CSS) an HTML export inlines. The build copies it into dist/
 * (scripts/build-player.sh), so an installed aisess needs nothing else; from source, or when the
 * copy is missing, it is read from the asciinema-player package.
 */
import { readFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { UserError } from '../errors/user-error.js';

export interface PlayerAssets {
  js: string;
  css: string;
}

const JS = 'asciinema-player.min.js';
const CSS = 'asciinema-player.css';

export async function loadPlayerAssets(): Promise<PlayerAssets> {
  for (const dir of candidates()) {
    const [js, css] = await Promise.all([readFile(join(dir, JS), 'utf8'), readFile(join(dir, CSS), 'utf8')]).catch(() => [null, null]);
    if (js !== null && css !== null) return { js, css };
  }
  throw new UserError('the terminal player for HTML exports (asciinema-player) is missing from this install', {
    kind: 'unavailable',
    hint: 'reinstall aisess (npm ci && npm run build), or export --format asciicast',
  });
}

function candidates(): string[] {
  // Bundled: dist/<chunk>.js beside dist/player/; from source: src/export/player-assets.ts.
  const here = dirname(fileURLToPath(import.meta.url));
  const dirs = [join(here, 'player'), join(here, '..', '..', 'dist', 'player')];
  try {
    dirs.push(dirname(createRequire(import.meta.url).resolve(`asciinema-player/dist/bundle/${JS}`)));
  } catch {
    // not installed: the copies above are the only ones
  }
  return dirs;
}
