/** Child process for lifecycle tests: starts both watchers, optionally stops them, then returns. */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { watchHead } from '../../src/watch/head.js';
import { watchWorktree, type TriggerKind } from '../../src/watch/worktree.js';

const [root, trigger, mode] = process.argv.slice(2) as [string, TriggerKind, 'stop' | 'leave'];
const tree = watchWorktree({ root, trigger, onChange: (c) => console.log('change', c.length), onError: (e) => console.error(e) });
const head = watchHead({ cwd: root, onCommit: (c) => console.log('commit', c.commit), onError: (e) => console.error(e) });
tree.start();
head.start();
await Promise.all([tree.snapshot(), head.ready()]);
writeFileSync(join(root, 'a.txt'), 'edited by child\n');
await tree.flush();
await head.flush();
if (mode === 'stop') {
  tree.stop();
  head.stop();
}
console.log('done');
