/**
 * The escapes that keep note text inert in Markdown and HTML, tried on many strings: whatever a
 * note holds, it stays text (fast-check, weighted towards the characters that matter).
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import fc from 'fast-check';
import { code, fenced, inline } from '../../src/export/markdown-escape.js';
import { html, inlineScript, scriptJson } from '../../src/export/html-escape.js';
import { safeText } from '../../src/history/safe-text.js';

const tricky = fc.string({
  unit: fc.oneof(
    fc.constantFrom('`', '``', '```', '~', '<', '>', '&', '"', "'", '\n', '\r', '\\', '[', ']', '(', ')', '*', '_', '#', '|', '!', ' ', '\x1b', '\x07', '\x9b', '\u2028', '\u2029', '\u202e', '</script', '<!--', 'script', 'details'),
    fc.string({ unit: 'grapheme', maxLength: 3 }),
  ),
  maxLength: 40,
});
const UNSAFE = /[\x00-\x08\x0b-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]/;

test('code(): one line, delimited by a backtick run found nowhere inside', () => {
  fc.assert(fc.property(tricky, (s) => {
    const out = code(s);
    assert.doesNotMatch(out, /[\n\r]/);
    assert.doesNotMatch(out, UNSAFE);
    const ticks = /^`+/.exec(out)![0];
    assert.ok(out.endsWith(ticks) && out.length > ticks.length * 2 - 1);
    const inner = out.slice(ticks.length, out.length - ticks.length);
    assert.ok(!(inner.match(/`+/g) ?? ([] as string[])).includes(ticks), `${JSON.stringify(out)} closes early`);
  }), { numRuns: 2000 });
});

test('fenced(): no line inside can close the fence', () => {
  fc.assert(fc.property(tricky, (s) => {
    const lines = fenced(s).split('\n');
    const fence = /^`+/.exec(lines[0]!)![0];
    assert.ok(fence.length >= 3);
    assert.equal(lines.at(-1), fence);
    for (const line of lines.slice(1, -1)) {
      assert.ok(!line.trimStart().startsWith(fence), `${JSON.stringify(line)} closes the fence`);
      assert.doesNotMatch(line, UNSAFE);
    }
  }), { numRuns: 2000 });
});

test('inline(): no tag, no entity of its own, no unescaped Markdown punctuation', () => {
  fc.assert(fc.property(tricky, (s) => {
    const out = inline(s);
    assert.doesNotMatch(out, /[<>\n\r]/);
    assert.doesNotMatch(out, UNSAFE);
    assert.doesNotMatch(out, /&(?!amp;|lt;|gt;)/);
    // Every punctuation mark that Markdown reads is preceded by a backslash.
    assert.doesNotMatch(out.replace(/\\[\\`*_{}[\]()#+\-.!|~^"=:]/g, ''), /[`*_[\]()#|~\\]/);
  }), { numRuns: 2000 });
});

test('html(): text only, and it reads back as the safe text it was', () => {
  const decode = (s: string) => s.replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&quot;/g, '"').replace(/&#39;/g, "'").replace(/&amp;/g, '&');
  fc.assert(fc.property(tricky, (s) => {
    const out = html(s, true);
    assert.doesNotMatch(out, /[<>"']/);
    assert.doesNotMatch(out, /&(?!amp;|lt;|gt;|quot;|#39;)/);
    assert.doesNotMatch(out, UNSAFE);
    assert.equal(decode(out), safeText(s, { multiline: true }));
  }), { numRuns: 2000 });
  assert.equal(html('<a href="x">\x1b</a>'), '&lt;a href=&quot;x&quot;&gt;^[&lt;/a&gt;');
});

test('scriptJson(): nothing that ends or bends a script element, and the same value back', () => {
  fc.assert(fc.property(fc.oneof(tricky, fc.jsonValue()), (v) => {
    const out = scriptJson(v);
    assert.doesNotMatch(out, /[<>&\u2028\u2029]/);
    assert.deepEqual(JSON.parse(out), JSON.parse(JSON.stringify(v)));
  }), { numRuns: 2000 });
});

test('inlineScript(): no </script or <!-- left in trusted script text', () => {
  assert.equal(inlineScript('a="</script>";b="</SCRIPT";c="<!--"'), 'a="<\\/script>";b="<\\/SCRIPT";c="<\\!--"');
});
