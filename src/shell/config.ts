import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { homedir } from 'node:os';
import { join } from 'node:path';
import { parseAgentNames } from './agents.js';

/** The outside world the agent list is read from, injectable for tests. */
export interface AgentConfigSources {
  /** Values of `git config --global --get-all aisess.agent` ('' when unset or git is missing). */
  gitConfig(): string;
  /** Text of the agents file ('' when it does not exist). */
  agentsFile(): string;
}

export function agentsFilePath(env: NodeJS.ProcessEnv): string {
  const base = env.XDG_CONFIG_HOME && env.XDG_CONFIG_HOME.startsWith('/') ? env.XDG_CONFIG_HOME : join(homedir(), '.config');
  return join(base, 'aisess', 'agents');
}

export function systemSources(env: NodeJS.ProcessEnv): AgentConfigSources {
  return {
    gitConfig() {
      const r = spawnSync('git', ['config', '--global', '--get-all', 'aisess.agent'], { encoding: 'utf8', env });
      // Exit 1 means "not set"; a missing git (r.error) means no configured agents either.
      return r.status === 0 ? r.stdout : '';
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
export function configuredAgents(sources: AgentConfigSources): string[] {
  return [...parseAgentNames(sources.gitConfig()), ...parseAgentNames(sources.agentsFile())];
}
