import { cliRuntime } from '../runtime.js';
import { dirname, join } from 'node:path';
import { makeDemoRepo, planDemo, runDemo } from '../../demo/demo.js';
import { UserError } from '../../errors/user-error.js';
import { defineCommand } from '../command.js';

export default defineCommand({
  name: 'demo',
  summary: 'Record a bundled fake agent in a throw-away repository and show what was kept',
  positionals: [],
  flags: {},
  run() {
    if (!process.stdin.isTTY || !process.stdout.isTTY) {
      throw new UserError('the demo plays a terminal session and needs a terminal', { kind: 'noTty', hint: 'run `aisess demo` in an interactive terminal' });
    }
    // The entry being run (dist/main.js); fixtures/ sits beside dist/ in the installed checkout.
    const entry = cliRuntime().cli;
    const agents = join(dirname(entry), '..', 'fixtures', 'agents');
    const repo = makeDemoRepo();
    return runDemo(planDemo(entry), repo, agents, (line) => process.stderr.write(`${line}\n`));
  },
});
