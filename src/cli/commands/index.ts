import type { Command } from '../command.js';

type Loader = () => Promise<{ default: Command }>;

/**
 * Every command by name, loaded lazily so start-up pays only for the command being run. Each
 * command's summary, arguments and options live in its own module, once.
 */
export const commands: Record<string, Loader> = {
  run: () => import('./run.js'),
  sessions: () => import('./sessions.js'),
  replay: () => import('./replay.js'),
  demo: () => import('./demo.js'),
  init: () => import('./init.js'),
  status: () => import('./status.js'),
  doctor: () => import('./doctor.js'),
  hook: () => import('./hook.js'),
  log: () => import('./log.js'),
  show: () => import('./show.js'),
  attach: () => import('./attach.js'),
  import: () => import('./import.js'),
  detach: () => import('./detach.js'),
  rebind: () => import('./rebind.js'),
  'shell-init': () => import('./shell-init.js'),
  scan: () => import('./scan.js'),
  export: () => import('./export.js'),
  sync: () => import('./sync.js'),
};
