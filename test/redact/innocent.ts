/**
 * The innocent corpus: real code (copied once from packages into fixtures/innocent, so it does not
 * change when dependencies do) plus hashes, UUIDs, base64 and identifiers.
 */
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('../../fixtures/innocent/', import.meta.url));

/** Code, types, minified bundles, a lockfile (`/` in a package path is `__`; `.txt` keeps tsc and linters off them). */
const FILES = [
  'citty__dist__index.mjs.txt',
  'execa__lib__arguments__options.js.txt',
  'execa__lib__methods__main-async.js.txt',
  'typescript__lib__lib.es5.d.ts.txt',
  '@xterm__headless__lib-headless__xterm-headless.js.txt',
  '@types__node__crypto.d.ts.txt',
  '@types__node__http.d.ts.txt',
  'zstd-napi__package.json.txt',
  'package-lock.json.txt',
];

export function innocentLines(): { source: string; line: string }[] {
  const out: { source: string; line: string }[] = [];
  for (const f of FILES) {
    for (const line of readFileSync(join(root, f), 'utf8').split('\n')) if (line.trim()) out.push({ source: `innocent/${f.replace(/\.txt$/, '')}`, line: line.slice(0, 4000) });
  }
  const h = (s: string, alg = 'sha1') => createHash(alg).update(s).digest();
  for (let i = 0; i < 200; i++) {
    out.push({ source: 'git-hash', line: `commit ${h(`c${i}`).toString('hex')} Merge: ${h(`p${i}`).toString('hex').slice(0, 7)}` });
    const u = h(`u${i}`).toString('hex');
    out.push({ source: 'uuid', line: `"sessionId": "${u.slice(0, 8)}-${u.slice(8, 12)}-4${u.slice(13, 16)}-a${u.slice(17, 20)}-${u.slice(20, 32)}"` });
    out.push({ source: 'base64-text', line: Buffer.from(`{"type":"user","message":"please fix test number ${i} in src/app.ts"}`).toString('base64') });
    out.push({ source: 'base64-blob', line: `data:image/png;base64,${Buffer.concat([h(`b${i}`, 'sha512'), h(`c${i}`, 'sha512'), h(`d${i}`, 'sha512')]).toString('base64')}` });
    out.push({ source: 'integrity', line: `"integrity": "sha512-${h(`i${i}`, 'sha512').toString('base64')}"` });
    out.push({ source: 'identifier', line: `export function handleWorkspaceConfigurationDidChangeNotification${i}ForLanguageServerProtocol() {}` });
  }
  return out;
}
