/** The agents aisess knows by name, found on PATH as `aisess run` would find them, and their versions. */
import { realpathSync } from 'node:fs';
import { resolveAgent } from '../agents/resolve.js';
import { type Check, ok, warning } from './check.js';
import { probeVersion } from './version-probe.js';

/** The version lines of the real clients: `2.1.197 (Claude Code)`, `codex-cli 0.169.0`. */
const AGENTS = [
  { name: 'claude', version: /^(\d+\.\d+\.\d+\S*) \(Claude Code\)/ },
  { name: 'codex', version: /^codex-cli (\d+\.\d+\.\d+\S*)/ },
] as const;

export const VERSION_TIMEOUT_MS = 3000;

export interface AgentEnv {
  path: string;
  cwd: string;
  /** aisess's own entry files: a shim that runs aisess is not the agent. */
  selfPaths: string[];
  timeoutMs?: number;
}

/** Pure: the version in a `--version` answer (the real format, else its first version-like word). */
export function agentVersion(name: string, output: string): string | null {
  const line = output.split('\n')[0]?.trim() ?? '';
  const known = AGENTS.find((a) => a.name === name)?.version.exec(line);
  return known?.[1] ?? /(?<![\d.])(\d+\.\d+(?:\.\d+)?[^\s)]*)/.exec(line)?.[1] ?? null;
}

export async function agentChecks(env: AgentEnv): Promise<Check[]> {
  const found = await Promise.all(AGENTS.map((a) => agentCheck(a.name, env)));
  if (found.every((c) => c.data?.path === null)) {
    return [warning('agents', `neither ${AGENTS.map((a) => a.name).join(' nor ')} is on PATH: \`aisess run -- <program>\` records any other terminal program`, undefined, { found: [] })];
  }
  return found;
}

async function agentCheck(name: string, env: AgentEnv): Promise<Check> {
  const id = `agent-${name}`;
  const selfPaths = env.selfPaths.map((p) => {
    try {
      return realpathSync(p);
    } catch {
      return p;
    }
  });
  const file = resolveAgent(name, { path: env.path, cwd: env.cwd, selfPaths });
  if (file === undefined) return ok(id, `${name}: not on PATH`, { path: null, version: null });
  const probe = await probeVersion(file, ['--version'], env.timeoutMs ?? VERSION_TIMEOUT_MS);
  if (!probe.ok) return warning(id, `${name} at ${file}: \`${name} --version\` ${probe.reason}`, undefined, { path: file, version: null });
  const version = agentVersion(name, probe.output);
  return ok(id, `${name} ${version ?? '(version not recognised)'} at ${file}`, { path: file, version, output: probe.output.split('\n')[0] });
}
