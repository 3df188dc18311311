/**
 * Which agents shell-init wraps: claude and codex, plus every name in
 * `git config --global --get-all aisess.agent` and in `$XDG_CONFIG_HOME/aisess/agents`
 * (whitespace, comma or newline separated; `#` starts a comment). Order is kept, duplicates dropped.
 */
export const DEFAULT_AGENTS = ['claude', 'codex'] as const;

/** Letters, digits, '_' and '-', not starting with a digit or '-': a function name in bash, zsh and fish. */
const FUNCTION_NAME = /^[A-Za-z_][A-Za-z0-9_-]*$/;

/** Names a function must not take: shell keywords, and the builtins the generated code itself relies on. */
const RESERVED = new Set([
  'if', 'then', 'else', 'elif', 'fi', 'case', 'esac', 'for', 'select', 'while', 'until', 'do', 'done',
  'in', 'function', 'time', 'coproc', 'repeat', 'foreach', 'end', 'switch', 'begin', 'and', 'or', 'not',
  'command', 'builtin', 'exec', 'eval', 'set', 'test', 'printf', 'return', 'source', 'type', 'functions',
  'aisess', '__aisess_run',
]);

export interface AgentList {
  agents: string[];
  skipped: Array<{ name: string; reason: string }>;
}

/** Splits one source's text into names. */
export function parseAgentNames(text: string): string[] {
  return text
    .split('\n')
    .map((line) => line.replace(/#.*/, ''))
    .flatMap((line) => line.split(/[\s,]+/))
    .filter((name) => name !== '');
}

/** Why a name cannot become a shell function, or null when it can. */
export function rejectReason(name: string): string | null {
  if (!FUNCTION_NAME.test(name)) return 'not a valid shell function name';
  if (RESERVED.has(name)) return 'a shell keyword or a builtin the wrapper needs';
  return null;
}

/** Merges the defaults and the configured names into the functions to define and the names to skip. */
export function collectAgents(configured: string[]): AgentList {
  const seen = new Set<string>();
  const list: AgentList = { agents: [], skipped: [] };
  for (const name of [...DEFAULT_AGENTS, ...configured]) {
    if (seen.has(name)) continue;
    seen.add(name);
    const reason = rejectReason(name);
    if (reason) list.skipped.push({ name, reason });
    else list.agents.push(name);
  }
  return list;
}
