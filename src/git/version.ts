/**
 * The git aisess needs: 2.31, for `rev-parse --path-format=absolute` (hooks directory, common dir)
 * and `config --fixed-value` (2.30; init's undo removes exactly its own notes.rewriteRef value).
 */

export const MIN_GIT_VERSION = '2.31';

/** Pure: `git version 2.39.5` (or `git version 2.45.1.windows.1`) → [2, 39, 5]; null when unreadable. */
export function parseGitVersion(out: string): [number, number, number] | null {
  const m = /^git version (\d+)\.(\d+)(?:\.(\d+))?/.exec(out.trim());
  return m ? [Number(m[1]), Number(m[2]), Number(m[3] ?? 0)] : null;
}

/** Whether a version is at least MIN_GIT_VERSION. */
export function gitVersionEnough(v: readonly [number, number, number]): boolean {
  const [major, minor] = MIN_GIT_VERSION.split('.').map(Number) as [number, number];
  return v[0] > major || (v[0] === major && v[1] >= minor);
}

/** What `git version` says, first line, as is. */
// The runner is typed by shape: errors.ts imports this file, and runner.ts imports errors.ts.
export async function gitVersionText(git: { run(args: string[]): Promise<{ stdout: string }> }): Promise<string> {
  return (await git.run(['version'])).stdout.split('\n')[0]?.trim() ?? '';
}
