/** What a key press asks the player to do. */
export type PlayerCommand = 'toggle' | 'step' | 'marker' | 'faster' | 'slower' | 'quit';

/** The player's keys (as asciinema binds them); src/replay/input-parser.ts decides what is a key press. */
export const KEY_BINDINGS: Readonly<Record<string, PlayerCommand>> = {
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
