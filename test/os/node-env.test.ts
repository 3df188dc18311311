import assert from 'node:assert/strict';
import { test } from 'node:test';
import { ownNodeEnv } from '../../src/os/node-env.js';

test('an own node process gets the environment without NODE_EXTRA_CA_CERTS, and the given one is left as it was', () => {
  const env = { PATH: '/bin', HOME: '/h', NODE_EXTRA_CA_CERTS: '/etc/ssl/extra.pem', NODE_OPTIONS: '--max-old-space-size=100' };
  assert.deepEqual(ownNodeEnv(env), { PATH: '/bin', HOME: '/h', NODE_OPTIONS: '--max-old-space-size=100' });
  assert.equal(env.NODE_EXTRA_CA_CERTS, '/etc/ssl/extra.pem');
});

test('an environment without it is passed as is', () => {
  const env = { PATH: '/bin' };
  assert.equal(ownNodeEnv(env), env);
});
