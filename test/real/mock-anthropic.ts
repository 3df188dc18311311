/**
 * A mock of the Anthropic Messages API as Claude Code uses it: `HEAD /`, streaming
 * `POST /v1/messages` (SSE with `event:` lines, else usage reads 0), the title side-call
 * (no tools, `output_config.format` json_schema) answered with a JSON title.
 */
import { join } from 'node:path';
import { listen, sse, type MockServer } from './http.js';
import { stepFor, type ModelScript, type Step } from './script.js';

type Block = { type: string; text?: string; [k: string]: unknown };
type Message = { role: string; content: string | Block[] };

export async function anthropicMock(script: ModelScript): Promise<MockServer> {
  let n = 0;
  let lastCwd = '/';
  return listen((req, body, res) => {
    if (req.method === 'HEAD' || req.method === 'GET') return void res.writeHead(200).end();
    const b = (body ?? {}) as { model?: string; messages?: Message[]; tools?: unknown[]; system?: unknown; output_config?: { format?: unknown } };
    const model = b.model ?? 'claude-mock';
    const id = ++n;
    if (!b.tools?.length || b.output_config?.format) return sse(res, message(id, model, [{ type: 'text', text: '{"title":"Mock session"}' }], 'end_turn'));
    const messages = b.messages ?? [];
    const { prompt, round } = turnOf(messages);
    // A subagent's system prompt may not name the directory: it works where its parent does.
    const cwd = (lastCwd = cwdOf(JSON.stringify([b.system, messages])) ?? lastCwd);
    const blocks = blocksOf(stepFor(script, prompt, round), cwd, id);
    return sse(res, message(id, model, blocks, blocks.some((x) => x.type === 'tool_use') ? 'tool_use' : 'end_turn'));
  });
}

/** The prompt of the turn a request continues and how many model rounds it already had. */
export function turnOf(messages: readonly Message[]): { prompt: string | undefined; round: number } {
  for (let i = messages.length - 1; i >= 0; i--) {
    const m = messages[i]!;
    if (m.role !== 'user') continue;
    const blocks: Block[] = typeof m.content === 'string' ? [{ type: 'text', text: m.content }] : m.content;
    if (blocks.some((x) => x.type === 'tool_result')) continue;
    const texts = blocks.filter((x) => x.type === 'text' && typeof x.text === 'string' && !x.text.trimStart().startsWith('<'));
    if (!texts.length) continue;
    return { prompt: texts.at(-1)!.text, round: messages.slice(i + 1).filter((x) => x.role === 'assistant').length };
  }
  return { prompt: undefined, round: 0 };
}

function cwdOf(text: string): string | undefined {
  const m = /[Ww]orking directory: ([^\n\\]+)/.exec(text);
  return m ? m[1]!.trim() : undefined;
}

function blocksOf(step: Step, cwd: string, id: number): Block[] {
  if ('say' in step) return [{ type: 'text', text: step.say }];
  if ('write' in step) {
    return Object.entries(step.write).map(([path, content], k) => ({
      type: 'tool_use', id: `toolu_${id}_${k}`, name: 'Write', input: { file_path: join(cwd, path), content },
    }));
  }
  if ('run' in step) return [{ type: 'tool_use', id: `toolu_${id}_0`, name: 'Bash', input: { command: step.run, description: 'Run a command' } }];
  return [{ type: 'tool_use', id: `toolu_${id}_0`, name: 'Agent', input: { ...step.task, subagent_type: 'general-purpose' } }];
}

function message(id: number, model: string, blocks: Block[], stop: string) {
  const events: { type: string; [k: string]: unknown }[] = [{
    type: 'message_start',
    message: { id: `msg_${id}`, type: 'message', role: 'assistant', model, content: [], stop_reason: null, stop_sequence: null, usage: { input_tokens: 100 + id, output_tokens: 0 } },
  }];
  blocks.forEach((block, index) => {
    if (block.type === 'text') {
      events.push({ type: 'content_block_start', index, content_block: { type: 'text', text: '' } });
      events.push({ type: 'content_block_delta', index, delta: { type: 'text_delta', text: block.text } });
    } else {
      events.push({ type: 'content_block_start', index, content_block: { type: 'tool_use', id: block.id, name: block.name, input: {} } });
      events.push({ type: 'content_block_delta', index, delta: { type: 'input_json_delta', partial_json: JSON.stringify(block.input) } });
    }
    events.push({ type: 'content_block_stop', index });
  });
  events.push({ type: 'message_delta', delta: { stop_reason: stop, stop_sequence: null }, usage: { output_tokens: 10 + id } });
  events.push({ type: 'message_stop' });
  return events;
}
