/**
 * The environment for a node process of aisess's own (a binder), which opens no network connection:
 * without NODE_EXTRA_CA_CERTS, which node reads and parses at every start whether or not TLS is used
 * (a system bundle of ~150 certificates costs ~50 ms of CPU per start). Programs aisess runs for the
 * user, the agent above all, keep the whole environment.
 */
export function ownNodeEnv(env: NodeJS.ProcessEnv): NodeJS.ProcessEnv {
  if (env.NODE_EXTRA_CA_CERTS === undefined) return env;
  const { NODE_EXTRA_CA_CERTS: _unused, ...rest } = env;
  return rest;
}
