/**
 * A separate process that binds records, for the concurrency tests:
 * node --import tsx append-worker.ts <repo> <worker> <iterations> <commit>...
 * Each iteration appends one record to one commit (round-robin) and prints the attempts it took.
 */
import { appendRecords } from '../../src/notes/index.js';
import { open, record } from './helpers.js';

const [dir, worker, iterations, ...commits] = process.argv.slice(2);
const repo = await open(dir!);
for (let i = 0; i < Number(iterations); i++) {
  const commit = commits[i % commits.length]!;
  const out = await appendRecords(repo, commit, [record(`w${worker}:${i}`, { worker, i })]);
  process.stdout.write(`${out.attempts}\n`);
}
