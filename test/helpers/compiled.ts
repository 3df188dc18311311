/**
 * Tests run two ways: as TypeScript through tsx (`node --import tsx --test file.ts`, one file while
 * working), or compiled to JavaScript by scripts/build-tests.mjs into .build/tests/ (`npm test`:
 * every test process then starts without a TypeScript loader). Code that names a module by path
 * (a worker, a child process) asks here for the form this run has.
 */
export const compiled = import.meta.url.endsWith('.js');

/** The URL of a TypeScript module, given relative to `from`, as this run has it (.ts, or the compiled .js). */
export function moduleUrl(relative: string, from: string | URL): URL {
  return new URL(compiled ? relative.replace(/\.ts$/, '.js') : relative, from);
}

/** node's arguments to run a TypeScript file as a program in this run. */
export function nodeArgs(file: string): string[] {
  return compiled ? [file.replace(/\.ts$/, '.js')] : ['--import', 'tsx', file];
}

/** Source for `new Worker(…, { eval: true })` that loads a module: Node 20 runs no --import hooks in workers, so tsx is registered by hand there. */
export function workerSource(url: string | URL): string {
  const href = JSON.stringify(String(url));
  return compiled ? `import(${href})` : `import('tsx/esm/api').then((tsx) => { tsx.register(); return import(${href}); })`;
}
