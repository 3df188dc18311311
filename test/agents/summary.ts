/** Test helper: a readable digest of AgentEvents, so parser tables state what `show` would see. */
import type { AgentEvent } from '../../src/agents/types.js';

export interface Digest {
  session?: string;
  version?: string;
  prompts: string[];
  answers: string[];
  thinking: number;
  tools: string[];
  edits: string[];
  commands: string[];
  models: string[];
  usage: { input: number; output: number; cacheRead: number; cacheWrite: number };
  turns: string[];
}

export function digest(events: AgentEvent[]): Digest {
  const d: Digest = { prompts: [], answers: [], thinking: 0, tools: [], edits: [], commands: [], models: [], turns: [],
    usage: { input: 0, output: 0, cacheRead: 0, cacheWrite: 0 } };
  for (const e of events) {
    if (e.kind === 'session') [d.session, d.version] = [e.id, e.version];
    else if (e.kind === 'prompt') d.prompts.push(e.text);
    else if (e.kind === 'answer') d.answers.push(e.text);
    else if (e.kind === 'thinking') d.thinking++;
    else if (e.kind === 'tool_call') d.tools.push(`${e.name} ${JSON.stringify(e.args)}`);
    else if (e.kind === 'file_edit') d.edits.push(`${e.change} ${e.path} +${e.added} -${e.removed}`);
    else if (e.kind === 'command') d.commands.push(`${e.command} → ${e.exitCode}`);
    else if (e.kind === 'model') d.models.push(e.name);
    else if (e.kind === 'turn') d.turns.push(e.durationMs === undefined ? e.edge : `${e.edge} ${e.durationMs}ms`);
    else if (e.kind === 'usage') {
      d.usage.input += e.input;
      d.usage.output += e.output;
      d.usage.cacheRead += e.cacheRead ?? 0;
      d.usage.cacheWrite += e.cacheWrite ?? 0;
    }
  }
  return d;
}
