// The smallest useful node-pty pass-through: the baseline aisess's own shim is compared with.
import pty from 'node-pty';

const [file, ...args] = process.argv.slice(2);
const term = pty.spawn(file, args, {
  cols: process.stdout.columns || 80,
  rows: process.stdout.rows || 24,
  encoding: null,
  env: process.env,
});
if (process.stdin.isTTY) process.stdin.setRawMode(true);
process.stdin.on('data', (d) => term.write(d));
term.onData((d) => process.stdout.write(d));
term.onExit(({ exitCode }) => {
  if (process.stdin.isTTY) process.stdin.setRawMode(false);
  process.exit(exitCode);
});
