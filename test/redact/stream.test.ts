import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { builtinRules, filterOsc, redactEvents, type CastEvent } from '../../src/redact/index.js';

const rules = builtinRules();
const TOKEN = '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';

/** Removes every marker and compares with the input minus the secret's characters. */
function keptInOrder(input: string, output: string, secret: string): boolean {
  return output.replace(/\[REDACTED:[a-z0-9-]+\]/g, '') === input.split(secret).join('');
}

describe('stream redaction keeps replay intact', () => {
  it('with a secret split over chunks, every other byte stays, in order, in its chunk', () => {
    const before = '\x1b[1;1H\x1b[2Kexport GH=';
    const after = '\x1b[0m\r\n\x1b]8;;https://example.com\x07link\x1b]8;;\x07 done\r\n';
    const full = `${before}${TOKEN}${after}`;
    for (const at of [before.length + 3, before.length + 20, full.length - after.length + 2]) {
      const events: CastEvent[] = [[0.5, 'o', full.slice(0, at)], [0.5, 'r', '80x24'], [0.75, 'o', full.slice(at)]];
      const out = redactEvents(events, rules);
      assert.ok(keptInOrder(full, out.events[0]![2] + out.events[2]![2], TOKEN), `split at ${at}`);
      assert.deepEqual(out.events.map((e) => [e[0], e[1]]), [[0.5, 'o'], [0.5, 'r'], [0.75, 'o']]);
      assert.match(out.events[0]![2], /\[REDACTED:github-token\]/);
      assert.deepEqual(out.findings, [{ kind: 'github-token', where: 'stream', event: 0, offset: before.length, length: TOKEN.length }]);
    }
  });

  it('a wrapped secret loses only its characters: the escape sequences and line breaks between stay', () => {
    const data = `\x1b[3;1H${TOKEN.slice(0, 20)}\r\n\x1b[4;1H${TOKEN.slice(20)} tail`;
    const out = redactEvents([[0, 'r', '20x5'], [0, 'o', data]], rules);
    assert.equal(out.events[1]![2], '\x1b[3;1H[REDACTED:github-token]\r\n\x1b[4;1H tail');
  });

  it('a secret ending a short line does not swallow the next line', () => {
    const out = redactEvents([[0, 'o', `GH=${TOKEN}\r\nnext line`]], rules);
    assert.equal(out.events[0]![2], 'GH=[REDACTED:github-token]\r\nnext line');
  });

  it('a secret seen once is replaced everywhere, also where no rule would find it', () => {
    const secret = 'Zq8vN3kLm2Pw';
    const out = redactEvents([[0, 'o', `password="${secret}"\r\n`], [1, 'o', `${secret}\r\n`], [2, 'aisess.agent', JSON.stringify({ text: `it is ${secret}` })]], rules);
    assert.ok(!JSON.stringify(out.events).includes(secret));
    assert.equal(JSON.parse(out.events[2]![2]).text, 'it is [REDACTED:secret-assignment]');
  });

  it('an event without findings keeps its exact bytes (JSON is not re-serialised)', () => {
    const data = '{ "type": "prompt",  "text": "hi" }';
    assert.equal(redactEvents([[0, 'aisess.agent', data]], rules).events[0]![2], data);
  });
});

describe('OSC filter', () => {
  const table: { name: string; chunks: string[]; expected: string }[] = [
    { name: 'title BEL', chunks: ['a\x1b]0;me@host: ~/src\x07b'], expected: 'ab' },
    { name: 'title ST', chunks: ['a\x1b]2;me@host\x1b\\b'], expected: 'ab' },
    { name: 'icon name', chunks: ['\x1b]1;host\x07x'], expected: 'x' },
    { name: 'cwd OSC 7', chunks: ['\x1b]7;file://host/home/me/src\x07$ '], expected: '$ ' },
    { name: 'file hyperlink dropped, text kept', chunks: ['\x1b]8;;file:///home/me/a.ts\x07a.ts\x1b]8;;\x07'], expected: 'a.ts\x1b]8;;\x07' },
    { name: 'web hyperlink kept', chunks: ['\x1b]8;;https://x.dev\x07x\x1b]8;;\x07'], expected: '\x1b]8;;https://x.dev\x07x\x1b]8;;\x07' },
    { name: 'iTerm2 1337', chunks: ['\x1b]1337;RemoteHost=me@host\x07ok'], expected: 'ok' },
    { name: 'VS Code 633', chunks: ['\x1b]633;E;git push;nonce\x07\x1b]633;P;Cwd=/home/me\x07ok'], expected: 'ok' },
    { name: 'FinalTerm 133', chunks: ['\x1b]133;A\x07$ \x1b]133;B\x07'], expected: '$ ' },
    { name: 'clipboard 52', chunks: ['\x1b]52;c;c2VjcmV0\x07ok'], expected: 'ok' },
    { name: 'ConEmu cwd 9;9', chunks: ['\x1b]9;9;C:\\Users\\me\x07ok'], expected: 'ok' },
    { name: 'notification 9 kept', chunks: ['\x1b]9;done\x07'], expected: '\x1b]9;done\x07' },
    { name: 'colour query kept', chunks: ['\x1b]11;?\x07'], expected: '\x1b]11;?\x07' },
    { name: 'C1 OSC', chunks: ['a\x9d0;host\x9cb'], expected: 'ab' },
    { name: 'split in the introducer', chunks: ['a\x1b', ']0;host\x07b'], expected: 'ab' },
    { name: 'split in the payload', chunks: ['a\x1b]0;ho', 'st\x07b'], expected: 'ab' },
    { name: 'split in ST', chunks: ['a\x1b]2;host\x1b', '\\b'], expected: 'ab' },
    { name: 'split over three chunks', chunks: ['\x1b]', '7;file://h/p', '\x07x'], expected: 'x' },
    { name: 'unterminated at the end is dropped', chunks: ['ok\x1b]0;host'], expected: 'ok' },
    { name: 'CSI untouched', chunks: ['\x1b[31mred\x1b[0m'], expected: '\x1b[31mred\x1b[0m' },
  ];
  for (const row of table) {
    it(row.name, () => {
      const out = filterOsc(row.chunks);
      assert.equal(out.length, row.chunks.length);
      assert.equal(out.join(''), row.expected);
    });
  }

  it('redactEvents drops them too, and keepOsc keeps them', () => {
    const events: CastEvent[] = [[0, 'o', 'a\x1b]0;me@'], [1, 'o', 'host\x07b']];
    assert.deepEqual(redactEvents(events, rules).events.map((e) => e[2]), ['a', 'b']);
    assert.deepEqual(redactEvents(events, builtinRules({ keepOsc: true })).events, events);
  });
});
