import type { AgentList } from './agents.js';
import { quoteFish, quotePosix } from '../text/shell-quote.js';
import type { Shell } from './shells.js';

export interface ShellInitPlan extends AgentList {
  shell: Shell;
  /** The node binary and the aisess entry script, absolute, so the functions work without PATH. */
  node: string;
  cli: string;
}

/**
 * Functions, not aliases: completion is looked up by the command word, so a function named
 * `claude` keeps claude's completion in all three shells (zsh expands aliases before completing
 * unless COMPLETE_ALIASES). `aisess run` resolves the agent on PATH, never through the shell, so the
 * function cannot call itself; `command claude` skips it. If aisess is gone, the agent still runs.
 */
export function renderShellInit(plan: ShellInitPlan): string {
  const lines = [
    `# aisess shell-init ${plan.shell}: these agents run through aisess; \`command NAME\` runs one without it.`,
    '# More agents: `git config --global --add aisess.agent NAME` or $XDG_CONFIG_HOME/aisess/agents.',
    ...plan.skipped.map((s) => `# skipped ${JSON.stringify(s.name)}: ${s.reason}`),
    ...(plan.shell === 'fish' ? fish(plan) : posix(plan)),
  ];
  return `${lines.join('\n')}\n`;
}

function posix({ node, cli, agents }: ShellInitPlan): string[] {
  const [n, c] = [quotePosix(node), quotePosix(cli)];
  return [
    // `function NAME {` rather than `NAME() {`: bash and zsh would expand a user's alias of NAME in the latter.
    'function __aisess_run {',
    `  if [ -f ${c} ] && [ -x ${n} ]; then`,
    `    ${n} ${c} run "$@"`,
    '  else',
    `    printf 'aisess: %s is gone; running %s without recording (re-run aisess shell-init)\\n' ${c} "$1" >&2`,
    '    command "$@"',
    '  fi',
    '}',
    ...agents.map((a) => `function ${a} { __aisess_run ${a} "$@"; }`),
  ];
}

function fish({ node, cli, agents }: ShellInitPlan): string[] {
  const [n, c] = [quoteFish(node), quoteFish(cli)];
  return [
    "function __aisess_run --description 'run an agent through aisess'",
    `    if test -f ${c} -a -x ${n}`,
    `        ${n} ${c} run $argv`,
    '    else',
    `        printf 'aisess: %s is gone; running %s without recording (re-run aisess shell-init)\\n' ${c} $argv[1] >&2`,
    '        command $argv',
    '    end',
    'end',
    ...agents.flatMap((a) => [`function ${a} --description '${a}, recorded by aisess'`, `    __aisess_run ${a} $argv`, 'end']),
  ];
}
