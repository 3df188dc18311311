/**
 * The stage order of docs/ARCHITECTURE.md, enforced by test/architecture.test.ts: a folder of src/
 * imports only folders before it in STAGES, and no module is part of an import cycle.
 */
const STAGES = [
  ['errors'], ['os'], ['text'], ['term'], ['git'], ['config'], ['journal'], ['store'], ['agents'], ['watch'], ['notes'],
  ['compact'], ['segment'], ['redact'], ['record'], ['bind'], ['import'], ['hooks'], ['history'], ['sync'], ['replay'], ['export'], ['pty'], ['run'],
  ['demo', 'shell', 'doctor'], ['cli'],
];

const upward = STAGES.flatMap((stage, i) => {
  const later = STAGES.slice(i + 1).flat();
  if (later.length === 0) return [];
  return [{
    name: `stage-order-${stage.join('-')}`,
    comment: `${stage.join(', ')} may import only earlier stages (docs/ARCHITECTURE.md)`,
    severity: 'error',
    from: { path: `^src/(${stage.join('|')})/` },
    to: { path: `^src/(${later.join('|')})/` },
  }];
});

// A folder of a stage may not import the other folder of the same stage either.
const siblings = STAGES.filter((s) => s.length > 1).flatMap((stage) => stage.map((folder) => ({
  name: `stage-siblings-${folder}`,
  severity: 'error',
  from: { path: `^src/${folder}/` },
  to: { path: `^src/(${stage.filter((f) => f !== folder).join('|')})/` },
})));

module.exports = {
  STAGES,
  forbidden: [
    { name: 'no-circular', severity: 'error', comment: 'modules import each other in a cycle', from: { path: '^src/' }, to: { circular: true } },
    ...upward,
    ...siblings,
  ],
  options: {
    doNotFollow: { path: 'node_modules' },
    tsPreCompilationDeps: true,
    tsConfig: { fileName: 'tsconfig.json' },
    enhancedResolveOptions: { extensions: ['.ts', '.js'], extensionAlias: { '.js': ['.ts', '.js'] } },
  },
};
