import type { ArgsDef, CommandDef } from 'citty';
import { UserError } from './errors.js';

/** citty accepts any flag silently; a typo must instead be one clear error naming the flag. */
export async function validateFlags(cmd: CommandDef<any>, argv: string[], command: string): Promise<void> {
  const defs = (typeof cmd.args === 'function' ? await cmd.args() : (cmd.args ?? {})) as ArgsDef;
  const known = new Set<string>(['help', 'h']);
  for (const [name, def] of Object.entries(defs)) {
    if (def.type === 'positional') continue;
    known.add(name);
    known.add(kebab(name));
    if (def.type === 'boolean') known.add(`no-${kebab(name)}`);
    const aliases = 'alias' in def && def.alias ? ([] as string[]).concat(def.alias) : [];
    for (const alias of aliases) known.add(alias);
  }
  for (const token of argv) {
    if (token === '--') break;
    if (!token.startsWith('-') || token === '-' || /^-\d/.test(token)) continue;
    const name = token.replace(/^--?/, '').split('=')[0] ?? '';
    const names = token.startsWith('--') ? [name] : [...name];
    for (const n of names) {
      if (!known.has(n)) {
        throw new UserError(`unknown option '${token}' for 'aisess ${command}'`, {
          hint: `run \`aisess ${command} --help\` to list its options`,
        });
      }
    }
  }
}

function kebab(name: string): string {
  return name.replace(/[A-Z]/g, (c) => `-${c.toLowerCase()}`);
}
