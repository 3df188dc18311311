/**
 * A mock of the OpenAI Responses API as Codex uses it: streaming `POST /v1/responses`, the title
 * side-call (`text.format` json_schema) answered with a JSON title, follow-ups carrying
 * `custom_tool_call_output` / `function_call_output`. Edits are freeform apply_patch calls.
 */
import { listen, sse, type MockServer } from './http.js';
import { stepFor, type ModelScript, type Step } from './script.js';

type Item = { type?: string; role?: string; content?: { type: string; text?: string; [k: string]: unknown }[]; [k: string]: unknown };

export async function openaiMock(script: ModelScript): Promise<MockServer> {
  let n = 0;
  return listen((req, body, res) => {
    if (req.method !== 'POST') return void res.writeHead(200).end();
    const b = (body ?? {}) as { model?: string; input?: Item[]; text?: { format?: { type?: string } } };
    const id = ++n;
    if (b.text?.format?.type === 'json_schema') return sse(res, response(id, [assistant(id, '{"title":"Mock session"}')]));
    const { prompt, round } = turnOf(b.input ?? []);
    return sse(res, response(id, itemsOf(stepFor(script, prompt, round), id)));
  });
}

const TOOL_CALLS = new Set(['custom_tool_call', 'function_call']);

/** The prompt of the turn a request continues (injected context is not one) and its rounds so far. */
export function turnOf(input: readonly Item[]): { prompt: string | undefined; round: number } {
  for (let i = input.length - 1; i >= 0; i--) {
    const it = input[i]!;
    if (it.type !== 'message' || it.role !== 'user') continue;
    const texts = (it.content ?? []).filter((c) => c.type === 'input_text' && typeof c.text === 'string' && !c.text.trimStart().startsWith('<'));
    if (!texts.length) continue;
    return { prompt: texts.at(-1)!.text, round: rounds(input.slice(i + 1)) };
  }
  return { prompt: undefined, round: 0 };
}

/** Tool rounds: consecutive calls of one response count once (a response may call several). */
function rounds(after: readonly Item[]): number {
  let count = 0;
  let inCalls = false;
  for (const it of after) {
    const call = TOOL_CALLS.has(it.type ?? '');
    if (call && !inCalls) count++;
    inCalls = call || (inCalls && (it.type ?? '').endsWith('_output'));
  }
  return count;
}

function itemsOf(step: Step, id: number): Item[] {
  if ('say' in step) return [assistant(id, step.say)];
  if ('write' in step) {
    const adds = Object.entries(step.write).map(([path, content]) => `*** Add File: ${path}\n${content.replace(/\n$/, '').split('\n').map((l) => `+${l}`).join('\n')}\n`);
    return [{ type: 'custom_tool_call', id: `ctc_${id}`, status: 'completed', call_id: `call_${id}`, name: 'apply_patch', input: `*** Begin Patch\n${adds.join('')}*** End Patch\n` }];
  }
  if ('run' in step) return [{ type: 'function_call', id: `fc_${id}`, status: 'completed', call_id: `call_${id}`, name: 'exec_command', arguments: JSON.stringify({ cmd: step.run }) }];
  return [assistant(id, `(no Task tool in Codex) ${step.task.description}`)];
}

function assistant(id: number, text: string): Item {
  return { type: 'message', role: 'assistant', id: `msg_${id}`, status: 'completed', content: [{ type: 'output_text', text, annotations: [] }] };
}

function response(id: number, items: Item[]) {
  const events: { type: string; [k: string]: unknown }[] = [{ type: 'response.created', response: { id: `resp_${id}` } }];
  items.forEach((item, output_index) => {
    if (item.type === 'message') {
      events.push({ type: 'response.output_item.added', output_index, item: { ...item, content: [] } });
      events.push({ type: 'response.output_text.delta', output_index, content_index: 0, item_id: item.id, delta: item.content![0]!.text });
    }
    events.push({ type: 'response.output_item.done', output_index, item });
  });
  const usage = { input_tokens: 100 + id, input_tokens_details: { cached_tokens: 0 }, output_tokens: 10 + id, output_tokens_details: { reasoning_tokens: 0 }, total_tokens: 110 + 2 * id };
  events.push({ type: 'response.completed', response: { id: `resp_${id}`, usage } });
  return events;
}
