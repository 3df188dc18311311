#!/usr/bin/env node
/**
 * Compiles the tests and everything they import (src/, test/, and the TypeScript in fixtures/ and
 * scripts/) to JavaScript in .build/tests/, laid out as the repository is, so `npm test` starts
 * each of its ~190 test processes without a TypeScript loader (tsx costs each about 0.3 s of CPU,
 * and more per module it loads). The other files of those folders are linked, not copied, and
 * dist/ is linked beside them: relative paths resolve there as they do in the repository.
 * Run from the repository root; takes about a second.
 */
import { build } from 'esbuild';
import { mkdirSync, readdirSync, rmSync, symlinkSync } from 'node:fs';
import { join, relative, resolve } from 'node:path';

const root = resolve(process.argv[2] ?? '.');
const out = join(root, '.build', 'tests');
const MIRRORED = ['src', 'test', 'fixtures', 'scripts'];

rmSync(out, { recursive: true, force: true });
const sources = [];
for (const dir of MIRRORED) mirror(join(root, dir));
symlinkSync(relative(out, join(root, 'dist')), join(out, 'dist'));

await build({
  entryPoints: sources,
  outdir: out,
  outbase: root,
  format: 'esm',
  platform: 'node',
  target: 'node20',
  sourcemap: 'inline',
  logLevel: 'warning',
});

/** Makes the folder's twin under out: .ts files to compile, a link for every other file. */
function mirror(dir) {
  const twin = join(out, relative(root, dir));
  mkdirSync(twin, { recursive: true });
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) mirror(path);
    else if (entry.name.endsWith('.ts') && !entry.name.endsWith('.d.ts')) sources.push(path);
    else symlinkSync(path, join(twin, entry.name));
  }
}
