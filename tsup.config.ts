import { writeFileSync } from 'node:fs';
import { defineConfig } from 'tsup';

// Native and heavy modules stay external so start-up loads them only when a command needs them.
const external = ['node-pty', 'zstd-napi', '@xterm/headless', 'execa', 'citty'];
/** Every output: one CommonJS file each in dist/, for the node this package supports. */
const common = { format: ['cjs'], target: 'node20', platform: 'node', outDir: 'dist', splitting: false, clean: false, sourcemap: true } as const;

/** The code asks import.meta.url for its own place (dist/): pathToFileURL escapes what a bare "file:" + path would not. */
function commonJsModuleUrl(options: { define?: Record<string, string>; banner?: Record<string, string> }): void {
  options.define = { ...options.define, 'import.meta.url': '__aisessModuleUrl' };
  options.banner = { js: "const __aisessModuleUrl = require('node:url').pathToFileURL(__filename).href;" };
}

export default defineConfig([
  {
    // The CLI as one CommonJS bundle (dist/cli.cjs), so src/cli/boot.ts can compile it from V8's
    // code cache. Its modules still load lazily: esbuild keeps each dynamic import's module behind
    // an init call.
    entry: { cli: 'src/cli/main.ts' },
    outExtension: () => ({ js: '.cjs' }),
    ...common,
    external,
    esbuildOptions(options) {
      commonJsModuleUrl(options);
      // The journal's encoder thread loads its own small bundle, not the whole CLI again.
      options.define = { ...options.define, __aisessBlockWorker: JSON.stringify('./block-worker.cjs') };
    },
  },
  {
    // dist/block-worker.cjs: the journal's block encoder as the worker thread of `aisess run` loads it.
    entry: { 'block-worker': 'src/journal/block-worker.ts' },
    outExtension: () => ({ js: '.cjs' }),
    ...common,
    external,
    esbuildOptions: commonJsModuleUrl,
  },
  {
    // dist/main.js, the entry every caller names (bin/aisess.js, install.sh's wrapper, the git hooks).
    // CommonJS, as dist/package.json says: an ES module entry would start node's ES module loader
    // first, ~9 ms of CPU in every hook, binder and reader.
    entry: { main: 'src/cli/boot.ts' },
    outExtension: () => ({ js: '.js' }),
    ...common,
    esbuildOptions: commonJsModuleUrl,
    onSuccess: async () => writeFileSync('dist/package.json', `${JSON.stringify({ type: 'commonjs' })}\n`),
  },
]);
