/** Any other program: the terminal is all there is, so there is no transcript to follow. */
import type { Adapter, Follower } from './types.js';

export function noFollower(): Follower {
  return { sync: async () => {}, stop: async () => {}, file: () => undefined };
}

export const generic: Adapter = {
  name: 'generic',
  matches: () => true,
  prepare: (ctx) => ({ argv: ctx.argv, env: ctx.env, follow: noFollower }),
};
