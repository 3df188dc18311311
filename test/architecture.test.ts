/**
 * docs/ARCHITECTURE.md, enforced: every folder of src/ has a stage, a folder imports only earlier
 * stages, and no module is part of an import cycle (dependency-cruiser, .dependency-cruiser.cjs).
 */
import assert from 'node:assert/strict';
import { readdirSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { test } from 'node:test';
import { cruise, type ICruiseResult, type IConfiguration } from 'dependency-cruiser';
import { repoRoot } from './helpers/cli.js';

const config = createRequire(import.meta.url)(join(repoRoot, '.dependency-cruiser.cjs')) as IConfiguration & { STAGES: string[][] };

test('every folder of src/ has a place in the stage order', () => {
  const folders = readdirSync(join(repoRoot, 'src'), { withFileTypes: true }).filter((d) => d.isDirectory()).map((d) => d.name);
  const staged = new Set(config.STAGES.flat());
  assert.deepEqual(folders.filter((f) => !staged.has(f)), [], 'add the folder to STAGES in .dependency-cruiser.cjs and to docs/ARCHITECTURE.md');
  const documented = readdirSync(join(repoRoot, 'docs')).includes('ARCHITECTURE.md');
  assert.ok(documented);
});

test('imports go only down the stage order, and never in a cycle', async () => {
  const cwd = process.cwd();
  process.chdir(repoRoot);
  try {
    const result = await cruise(['src'], { ruleSet: { forbidden: config.forbidden }, validate: true, ...config.options });
    const output = result.output as ICruiseResult;
    const violations = output.summary.violations.map((v) => `${v.rule.name}: ${v.from} → ${v.to}${v.cycle ? ` (cycle: ${v.cycle.map((c) => (typeof c === 'string' ? c : c.name)).join(' → ')})` : ''}`);
    assert.deepEqual(violations, []);
    assert.ok(output.modules.length > 100, `only ${output.modules.length} modules were read: is the resolution of .js to .ts working?`);
  } finally {
    process.chdir(cwd);
  }
});
