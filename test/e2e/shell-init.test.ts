import assert from 'node:assert/strict';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, describe, test } from 'node:test';
import { cliEntry, runCli } from '../helpers/cli.js';
import { tempDir } from '../helpers/git.js';
import { reports, runShell, writeReportingAgent, type ShellName } from '../shell/shell-harness.js';

const tmp = tempDir('aisess-shellinit-');
after(tmp.cleanup);
const dir = (...parts: string[]) => {
  const path = join(tmp.path, ...parts);
  mkdirSync(path, { recursive: true });
  return path;
};
const bin = dir('bin');
writeReportingAgent(bin, 'claude');
writeReportingAgent(bin, 'my-agent');
const gitconfig = join(tmp.path, 'gitconfig');
writeFileSync(gitconfig, '[aisess]\n\tagent = my-agent\n\tagent = bad.name\n');
writeFileSync(join(dir('xdg', 'aisess'), 'agents'), 'aider\n');

const env: NodeJS.ProcessEnv = {
  ...process.env,
  // No real agent may be found: codex and aider are configured but not installed.
  PATH: `${bin}:/usr/local/bin:/usr/bin:/bin`,
  HOME: dir('home'),
  XDG_CONFIG_HOME: join(tmp.path, 'xdg'),
  XDG_DATA_HOME: dir('data'),
  ZDOTDIR: dir('zdot'),
  GIT_CONFIG_GLOBAL: gitconfig,
  // Inside a session `aisess run` is a plain pass-through, so no terminal is needed.
  AISESS_SESSION: 'shell-init-e2e',
};
const init = (shell: ShellName) => `'${process.execPath}' '${cliEntry()}' shell-init ${shell}`;

/** The user's rc file: a completion and an alias defined before the one set-up line, one after. */
const rc: Record<ShellName, () => string[]> = {
  bash: () => {
    const file = join(tmp.path, 'bashrc');
    writeFileSync(file, `complete -W 'alpha beta' claude\nalias my-agent='my-agent --from-alias'\neval "$(${init('bash')})"\ncomplete -W 'gamma' my-agent\n`);
    return ['bash', '--rcfile', file, '-i', '-c'];
  },
  zsh: () => {
    writeFileSync(join(tmp.path, 'zdot', '.zshrc'), [
      'autoload -Uz compinit && compinit -u -D',
      '_claude_comp() { compadd alpha beta }', '_my_comp() { compadd gamma }',
      'compdef _claude_comp claude', "alias my-agent='my-agent --from-alias'",
      `eval "$(${init('zsh')})"`, 'compdef _my_comp my-agent', '',
    ].join('\n'));
    return ['zsh', '-i', '-c'];
  },
  fish: () => {
    writeFileSync(join(dir('xdg', 'fish'), 'config.fish'), [
      "complete -c claude -f -a 'alpha beta'", "alias my-agent='my-agent --from-alias'",
      `${init('fish')} | source`, "complete -c my-agent -f -a 'gamma'", '',
    ].join('\n'));
    return ['fish', '-i', '-c'];
  },
};

const completionCheck: Record<ShellName, string> = {
  bash: 'complete -p claude my-agent',
  zsh: 'print -r -- "$_comps[claude] $_comps[my-agent]"',
  fish: "complete -C 'claude '; complete -C 'my-agent '",
};
const expectedCompletion: Record<ShellName, string> = {
  bash: "complete -W 'alpha beta' claude\ncomplete -W 'gamma' my-agent",
  zsh: '_claude_comp _my_comp',
  fish: 'alpha\nbeta\ngamma',
};

for (const shell of ['bash', 'zsh', 'fish'] as const) {
  describe(`eval "$(aisess shell-init ${shell})" in a real ${shell}`, () => {
    const st = shell === 'fish' ? '$status' : '$?';
    const script = [
      `claude a 'b c' ''`, `echo "status=${st}"`,
      'AGENT_EXIT=7 claude x', `echo "status=${st}"`,
      'command claude direct',
      'my-agent y',
      'codex hello', `echo "status=${st}"`,
      'type claude | head -n 1', 'type aider | head -n 1',
      'echo "--completion"', completionCheck[shell], 'echo "--end"',
    ].join('\n');
    const r = runShell([...rc[shell](), script], env, tmp.path);
    const seen = reports(r.stdout);
    const entry = cliEntry();

    test('claude reaches the agent through aisess with the exact argv, once', () => {
      assert.deepEqual(seen[0]?.argv, ['a', 'b c', '']);
      assert.deepEqual(seen[0]?.parent, [process.execPath, entry, 'run', 'claude', 'a', 'b c', '']);
      // No recursion: the process above aisess is the shell itself, not another aisess.
      assert.match(seen[0]?.grandparent[0] ?? '', new RegExp(`${shell}$`));
    });

    test("the agent's exit status is the function's", () => {
      assert.deepEqual(r.stdout.split('\n').filter((l) => l.startsWith('status=')), ['status=0', 'status=7', 'status=127']);
    });

    test('command claude bypasses aisess', () => {
      assert.deepEqual(seen[2]?.argv, ['direct']);
      assert.ok(!seen[2]?.parent.includes(entry), `parent was ${JSON.stringify(seen[2]?.parent)}`);
    });

    test('a configured agent is wrapped too; in bash and zsh a user alias of it still applies', () => {
      // A fish alias is a function of the same name, so the set-up line after it replaces it.
      assert.deepEqual(seen[3]?.argv, shell === 'fish' ? ['y'] : ['--from-alias', 'y']);
      assert.deepEqual(seen[3]?.parent.slice(1, 4), [entry, 'run', 'my-agent']);
    });

    test('an agent that is not installed is defined and fails like a missing command', () => {
      assert.match(r.stderr, /aisess: codex: command not found/);
      assert.equal(seen.length, 4);
    });

    test('type shows functions', () => {
      const typeLines = r.stdout.split('\n').filter((l) => / is (a|an) /.test(l));
      assert.equal(typeLines.length, 2, r.stdout);
      for (const [i, name] of ['claude', 'aider'].entries()) {
        assert.match(typeLines[i] ?? '', new RegExp(`^${name} is a (shell )?function`));
      }
    });

    test('completion defined before and after the set-up line stays attached to the names', () => {
      const block = r.stdout.split('--completion\n')[1]?.split('\n--end')[0] ?? '';
      assert.equal(block.split('\n').map((l) => l.split('\t')[0]).join('\n'), expectedCompletion[shell]);
    });
  });
}

describe('aisess shell-init arguments', () => {
  test('an unknown shell names the accepted ones', () => {
    const r = runCli(['shell-init', 'tcsh'], { env });
    assert.equal(r.status, 64);
    assert.equal(r.stdout, '');
    assert.match(r.stderr, /^aisess: unknown shell 'tcsh': expected one of bash, zsh, fish\n/);
  });

  test('without an argument the shell comes from $SHELL', () => {
    const r = runCli(['shell-init'], { env: { ...env, SHELL: '/usr/bin/fish' } });
    assert.equal(r.status, 0);
    assert.match(r.stdout, /^# aisess shell-init fish:/);
  });

  test('without an argument or $SHELL it is a usage error', () => {
    const { SHELL: _, ...noShell } = env;
    const r = runCli(['shell-init'], { env: noShell });
    assert.equal(r.status, 64);
    assert.match(r.stderr, /cannot tell the shell: \$SHELL is not set/);
  });

  test('configured names that cannot be functions are skipped with a comment', () => {
    const r = runCli(['shell-init', 'bash'], { env });
    assert.match(r.stdout, /^# skipped "bad\.name": not a valid shell function name$/m);
    assert.deepEqual(r.stdout.match(/^function \S+/gm), ['function __aisess_run', 'function claude', 'function codex', 'function my-agent', 'function aider']);
  });
});
