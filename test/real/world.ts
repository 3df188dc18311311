/**
 * A scenario's world: a temp git repository, temp HOME / CLAUDE_CONFIG_DIR / CODEX_HOME seeded as
 * REAL-CLIENTS.md says (no onboarding, trusted folder, approved key, no daemon, no telemetry), the
 * mock model server, and the pinned client first on PATH.
 */
import { mkdirSync, realpathSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { gitEnv, tempDir, tempRepo } from '../helpers/git.js';
import type { MockServer } from './http.js';
import { installClient, pinned, type Client } from './install.js';
import { anthropicMock } from './mock-anthropic.js';
import { openaiMock } from './mock-openai.js';
import type { ModelScript } from './script.js';

export const CLAUDE_KEY = 'sk-ant-mock-0123456789abcdefghijklmnop';
export const CODEX_MODEL = 'gpt-5.5';

export interface World {
  client: Client;
  version: string;
  repo: string;
  home: string;
  env: Record<string, string>;
  mock: MockServer;
  /** The directory holding the client's transcripts (Claude's config dir, CODEX_HOME). */
  agentHome: string;
  cleanup(): Promise<void>;
}

export async function world(client: Client, script: ModelScript, version = pinned[client].version): Promise<World> {
  const bin = installClient(client, version);
  const r = tempRepo({ 'README.md': 'hi\n' });
  const repo = realpathSync(r.path);
  const h = tempDir('aisess-real-home-');
  const home = realpathSync(h.path);
  const mock = client === 'claude' ? await anthropicMock(script) : await openaiMock(script);
  const agentHome = join(home, client === 'claude' ? 'claude-config' : 'codex-home');
  mkdirSync(agentHome, { recursive: true });
  mkdirSync(join(home, 'tmp'), { recursive: true });
  const common = { ...gitEnv, HOME: home, TMPDIR: join(home, 'tmp'), TZ: 'UTC', PATH: `${bin}:${process.env.PATH}` };
  const env = client === 'claude' ? { ...common, ...claudeEnv(agentHome, mock.url) } : { ...common, CODEX_HOME: agentHome, MOCK_API_KEY: 'x' };
  if (client === 'claude') seedClaude(agentHome, repo, version);
  else seedCodex(agentHome, repo, mock.url);
  return {
    client, version, repo, home, env, mock, agentHome,
    async cleanup() {
      await mock.close();
      r.cleanup();
      h.cleanup();
    },
  };
}

function claudeEnv(config: string, url: string): Record<string, string> {
  return {
    ANTHROPIC_BASE_URL: url, ANTHROPIC_API_KEY: CLAUDE_KEY, CLAUDE_CONFIG_DIR: config,
    DISABLE_TELEMETRY: '1', DISABLE_ERROR_REPORTING: '1', DISABLE_AUTOUPDATER: '1', CLAUDE_CODE_DISABLE_NONESSENTIAL_TRAFFIC: '1',
    CLAUDE_CODE_DISABLE_OFFICIAL_MARKETPLACE_AUTOINSTALL: '1', DISABLE_INSTALLATION_CHECKS: '1',
  };
}

function seedClaude(config: string, repo: string, version: string): void {
  const state = {
    hasCompletedOnboarding: true, lastOnboardingVersion: version, lastReleaseNotesSeen: version, numStartups: 1, theme: 'dark',
    customApiKeyResponses: { approved: [CLAUDE_KEY.slice(-20)], rejected: [] },
    projects: { [repo]: { hasTrustDialogAccepted: true, hasCompletedProjectOnboarding: true, allowedTools: [] } },
  };
  writeFileSync(join(config, '.claude.json'), JSON.stringify(state, null, 2));
  writeFileSync(join(config, 'settings.json'), JSON.stringify({ prefersReducedMotion: true, spinnerTipsEnabled: false }));
}

function seedCodex(home: string, repo: string, url: string): void {
  writeFileSync(join(home, 'config.toml'), `model = "${CODEX_MODEL}"
model_provider = "mock"
approval_policy = "never"
sandbox_mode = "workspace-write"
check_for_update_on_startup = false
[model_providers.mock]
name = "Mock"
base_url = "${url}/v1"
env_key = "MOCK_API_KEY"
wire_api = "responses"
[features]
daemon_auto_start = false
plugins = false
[analytics]
enabled = false
[tui]
screen_reader_detection_done = true
show_tooltips = false
animations = false
[tui.model_availability_nux]
"gpt-6.1-sol" = 1
[notice.model_migrations]
"gpt-5.5" = "gpt-6-sol"
[projects."${repo}"]
trust_level = "trusted"
`);
}
