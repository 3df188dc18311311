import { recoverStale } from './recover.js';
import { locateStore, type Store } from './locate.js';

/**
 * The store for `cwd`, with sessions of dead recorders recovered first: every command that reads
 * sessions goes through here so a kill -9'd session never shows as 'running'.
 */
export async function openStore(cwd: string, env: NodeJS.ProcessEnv = process.env): Promise<Store> {
  const store = await locateStore(cwd, env);
  await recoverStale(store);
  return store;
}
