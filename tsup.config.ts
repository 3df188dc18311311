import { defineConfig } from 'tsup';

export default defineConfig({
  entry: { main: 'src/cli/main.ts' },
  format: ['esm'],
  target: 'node20',
  platform: 'node',
  outDir: 'dist',
  splitting: true,
  clean: false,
  sourcemap: true,
  // Native and heavy modules stay external so start-up loads them only when a command needs them.
  external: ['node-pty', 'zstd-napi', '@xterm/headless', 'execa', 'citty'],
});
