import { readFileSync } from 'node:fs';
import { homedir } from 'node:os';
import { join } from 'node:path';
import { readGlobalAgentValues } from '../config/aisess-config.js';
import { createGitRunner } from '../git/runner.js';
import { parseAgentNames } from './agents.js';

/** The outside world the agent list is read from, injectable for tests. */
export interface AgentConfigSources {
  /** Values of the global `aisess.agent` (none when unset or git is missing), one per line. */
  gitConfig(): Promise<string>;
  /** Text of the agents file ('' when it does not exist). */
  agentsFile(): string;
}

export function agentsFilePath(env: NodeJS.ProcessEnv): string {
  const base = env.XDG_CONFIG_HOME && env.XDG_CONFIG_HOME.startsWith('/') ? env.XDG_CONFIG_HOME : join(homedir(), '.config');
  return join(base, 'aisess', 'agents');
}

export function systemSources(env: NodeJS.ProcessEnv): AgentConfigSources {
  return {
    async gitConfig() {
      const defined = Object.fromEntries(Object.entries(env).filter((e): e is [string, string] => e[1] !== undefined));
      return (await readGlobalAgentValues(createGitRunner('/', defined))).join('\n');
    },
    agentsFile() {
      try {
        return readFileSync(agentsFilePath(env), 'utf8');
      } catch (err) {
        if ((err as NodeJS.ErrnoException).code === 'ENOENT') return '';
        throw err;
      }
    },
  };
}

/** The configured agent names, git config first, then the file. */
export async function configuredAgents(sources: AgentConfigSources): Promise<string[]> {
  return [...parseAgentNames(await sources.gitConfig()), ...parseAgentNames(sources.agentsFile())];
}
