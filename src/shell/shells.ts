import { basename } from 'node:path';
import { UserError } from '../errors/user-error.js';

export const SHELLS = ['bash', 'zsh', 'fish'] as const;
export type Shell = (typeof SHELLS)[number];

function isShell(name: string): name is Shell {
  return (SHELLS as readonly string[]).includes(name);
}

/** The shell named on the command line, else the one in $SHELL. */
export function chooseShell(arg: string | undefined, envShell: string | undefined): Shell {
  if (arg !== undefined) {
    if (isShell(arg)) return arg;
    throw new UserError(`unknown shell '${arg}': expected one of ${SHELLS.join(', ')}`, {
      hint: 'e.g. `eval "$(aisess shell-init zsh)"` or `aisess shell-init fish | source`',
    });
  }
  // A login shell may be named '-zsh'.
  const fromEnv = basename(envShell ?? '').replace(/^-/, '');
  if (isShell(fromEnv)) return fromEnv;
  throw new UserError(
    envShell ? `cannot tell the shell: $SHELL is '${envShell}', expected one of ${SHELLS.join(', ')}` : `cannot tell the shell: $SHELL is not set`,
    { hint: `name it: aisess shell-init ${SHELLS.join('|')}` },
  );
}
