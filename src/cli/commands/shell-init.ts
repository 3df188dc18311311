import { cliRuntime } from '../runtime.js';
import { collectAgents } from '../../shell/agents.js';
import { configuredAgents, systemSources } from '../../shell/config.js';
import { renderShellInit } from '../../shell/render.js';
import { chooseShell, SHELLS } from '../../shell/shells.js';
import { ExitCode } from '../errors.js';
import { defineCommand } from '../command.js';

export default defineCommand({
  name: 'shell-init',
  summary: 'Print shell code that routes agents through aisess',
  details: [
    'Makes `claude`, `codex` and the agents you list run through aisess.',
    '',
    '  bash/zsh (in ~/.bashrc or ~/.zshrc):  eval "$(aisess shell-init bash)"',
    '  fish (in config.fish):                aisess shell-init fish | source',
    '',
    'Each agent becomes a shell function calling `aisess run NAME` by absolute path (works without',
    'aisess on PATH; completion for NAME is kept). `command NAME` runs the agent without aisess.',
    'More agents: `git config --global --add aisess.agent NAME`, or names separated by spaces,',
    'commas or newlines in $XDG_CONFIG_HOME/aisess/agents (~/.config/aisess/agents). A function is',
    'defined even when the agent is not installed yet; names that are not valid function names',
    '(letters, digits, _ and -, not starting with a digit or -) are skipped with a comment.',
  ].join('\n'),
  positionals: [{ name: 'shell', description: `Shell to print code for: ${SHELLS.join(', ')} (default: from $SHELL)` }],
  flags: {},
  async run(args) {
    const shell = chooseShell(args.shell, process.env.SHELL);
    const list = collectAgents(await configuredAgents(systemSources(process.env)));
    // The entry node is running now (dist/main.js or bin/aisess.js), links resolved.
    process.stdout.write(renderShellInit({ shell, ...cliRuntime(), ...list }));
    return ExitCode.ok;
  },
});
