/** What a key press asks the player to do. */
export type PlayerCommand = 'toggle' | 'step' | 'marker' | 'faster' | 'slower' | 'quit';

const bindings: Record<string, PlayerCommand> = {
  ' ': 'toggle',
  '.': 'step',
  ']': 'marker',
  '+': 'faster',
  '=': 'faster',
  '-': 'slower',
  q: 'quit',
  Q: 'quit',
  // In raw mode Ctrl-C arrives as a byte, not as SIGINT.
  '\x03': 'quit',
};

// Escape sequences (arrows, function keys) must not be read as their trailing letters.
const escape = /^\x1b(?:\[[0-?]*[ -/]*[@-~]|O.|.)?/s;

/** One chunk read from a raw-mode terminal → the commands in it, in order; unbound keys vanish. */
export function parseKeys(chunk: string): PlayerCommand[] {
  const commands: PlayerCommand[] = [];
  let rest = chunk;
  while (rest.length > 0) {
    const esc = escape.exec(rest);
    if (esc) {
      rest = rest.slice(Math.max(1, esc[0].length));
      continue;
    }
    const ch = String.fromCodePoint(rest.codePointAt(0) ?? 0);
    const command = bindings[ch];
    if (command) commands.push(command);
    rest = rest.slice(ch.length);
  }
  return commands;
}
