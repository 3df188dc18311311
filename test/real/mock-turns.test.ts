/** The mocks find a request's turn and round from the request alone (resumed, concurrent and subagent sessions share no state). */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { turnOf as anthropicTurn } from './mock-anthropic.js';
import { turnOf as openaiTurn } from './mock-openai.js';
import { DEFAULT_ANSWER, stepFor } from './script.js';

describe('Anthropic mock: turn and round of a Messages request', () => {
  const prompt = { role: 'user', content: [{ type: 'text', text: '<system-reminder>ctx</system-reminder>' }, { type: 'text', text: 'make a' }] };
  const call = { role: 'assistant', content: [{ type: 'tool_use', id: 't1', name: 'Write', input: {} }] };
  const result = { role: 'user', content: [{ type: 'tool_result', tool_use_id: 't1', content: 'ok' }] };
  const rows = [
    { name: 'a first prompt', messages: [prompt], want: { prompt: 'make a', round: 0 } },
    { name: 'after one tool round', messages: [prompt, call, result], want: { prompt: 'make a', round: 1 } },
    { name: 'a string prompt after an earlier turn', messages: [prompt, call, result, { role: 'assistant', content: [{ type: 'text', text: 'done' }] }, { role: 'user', content: 'make b' }], want: { prompt: 'make b', round: 0 } },
    { name: 'only injected context', messages: [{ role: 'user', content: '<command-name>/exit</command-name>' }], want: { prompt: undefined, round: 0 } },
  ];
  for (const r of rows) it(r.name, () => assert.deepEqual(anthropicTurn(r.messages), r.want));
});

describe('OpenAI mock: turn and round of a Responses request', () => {
  const ctx = { type: 'message', role: 'user', content: [{ type: 'input_text', text: '<environment_context><cwd>/w</cwd></environment_context>' }] };
  const prompt = { type: 'message', role: 'user', content: [{ type: 'input_text', text: 'make a' }] };
  const call = (id: string) => ({ type: 'custom_tool_call', call_id: id, name: 'apply_patch', input: '' });
  const out = (id: string) => ({ type: 'custom_tool_call_output', call_id: id, output: 'ok' });
  const rows = [
    { name: 'context then a prompt', input: [ctx, prompt], want: { prompt: 'make a', round: 0 } },
    { name: 'after one tool round', input: [ctx, prompt, call('1'), out('1')], want: { prompt: 'make a', round: 1 } },
    { name: 'two calls of one response are one round', input: [ctx, prompt, call('1'), call('2'), out('1'), out('2')], want: { prompt: 'make a', round: 1 } },
    { name: 'two rounds', input: [ctx, prompt, call('1'), out('1'), { type: 'reasoning' }, call('2'), out('2')], want: { prompt: 'make a', round: 2 } },
    { name: 'nothing but context', input: [ctx], want: { prompt: undefined, round: 0 } },
  ];
  for (const r of rows) it(r.name, () => assert.deepEqual(openaiTurn(r.input), r.want));
});

describe('script steps', () => {
  const script = { 'make a': [{ write: { 'a.txt': 'a\n' } }, { say: 'done' }] };
  it('the round picks the step; past the end the last one repeats; an unknown prompt gets the default answer', () => {
    assert.deepEqual(stepFor(script, 'make a', 0), { write: { 'a.txt': 'a\n' } });
    assert.deepEqual(stepFor(script, ' make a\n', 1), { say: 'done' });
    assert.deepEqual(stepFor(script, 'make a', 5), { say: 'done' });
    assert.deepEqual(stepFor(script, 'other', 0), { say: DEFAULT_ANSWER });
  });
});
