import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { builtinRules, createRedactor, type CastEvent } from '../../src/redact/index.js';
import { leaks } from './inject.js';

const KEY = 'AKIABA6PHTSMYLSETFXT';
const TOKEN = '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';

describe('known secrets: pieces and markers', () => {
  it('a streamed answer (every prefix redrawn) leaves no 12-character piece of the secret', () => {
    const line = `aws_access_key_id = ${KEY}`;
    const frames: CastEvent[] = [];
    for (let n = 5; n <= line.length; n += 5) frames.push([n / 100, 'o', `\x1b[2K\x1b[1A\x1b[2K\x1b[G⏺ ${line.slice(0, n)}\r\n`]);
    frames.push([1, 'o', `⏺ ${line}\r\n`]);
    const out = createRedactor(builtinRules(), { cols: 80 }).events(frames).events;
    assert.deepEqual(leaks(KEY, [out.map((e) => e[2]).join('')]), []);
  });

  it('an input box scrolled sideways (windows of the secret) is redacted too', () => {
    const typed = `export GH_TOKEN=${TOKEN}`;
    const frames: CastEvent[] = [[0, 'o', `$ ${typed}\r\n`]];
    for (let end = 20; end <= typed.length; end += 3) frames.push([end / 100, 'o', `\x1b[3;1H│ > ${typed.slice(Math.max(0, end - 24), end).padEnd(24)} │`]);
    const out = createRedactor(builtinRules(), { cols: 80 }).events(frames).events;
    assert.deepEqual(leaks(TOKEN, [out.map((e) => e[2]).join('')]), []);
  });

  it('pieces shorter than 12 characters and unrelated text stay', () => {
    const r = createRedactor(builtinRules(), { cols: 80 });
    r.text(`key ${TOKEN}`);
    assert.equal(r.text('ghp_IFFRF86… was revoked').text.includes('ghp_IFFRF86'), true);
    assert.equal(r.text('https://github.com/acme/app').text, 'https://github.com/acme/app');
  });

  it('redaction markers are not reported as secrets when a note is scanned again', () => {
    for (const text of ['X-Api-Key: [REDACTED:secret-assignment]', 'password = "[REDACTED:pypi-token]"', 'TOKEN=[REDACTED:github-token]']) {
      const r = createRedactor(builtinRules()).text(text);
      assert.deepEqual([r.text, r.findings], [text, []], text);
    }
  });
});

describe('markers next to rule context', () => {
  it('are not findings; a real secret beside a marker still is', () => {
    const r = createRedactor(builtinRules());
    for (const text of ['"[REDACTED:private-key]\\n[REDACTED:private-key]\\n\\n"', "JWT_SIGNING_KEY='[REDACTED:env-secret]'", 'export SENTRY_AUTH_TOKEN=[REDACTED:env-secret]']) {
      assert.deepEqual(r.text(text).findings, [], text);
    }
    assert.notDeepEqual(r.text(`[REDACTED:jwt] token=${TOKEN}`).findings, []);
  });
});

describe('a marker inside a URL', () => {
  it('is not a connection string with a password', () => {
    const text = 'git clone https://[REDACTED:github-token]@github.com/acme/app.git';
    assert.deepEqual(createRedactor(builtinRules()).text(text), { text, findings: [] });
  });
});
