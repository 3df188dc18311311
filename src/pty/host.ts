/** The aisess process as the shim needs it: stopping itself and hearing signals. Swapped in tests. */
export interface HostProcess {
  /** Stops aisess (SIGSTOP) so the user's shell gets the terminal; returns after SIGCONT. */
  suspendSelf(): void;
  onContinue(listener: () => void): () => void;
  /** Listens for signals that end aisess; returns the unsubscribe function. */
  onSignals(signals: NodeJS.Signals[], listener: (signal: NodeJS.Signals) => void): () => void;
}

export const hostProcess: HostProcess = {
  suspendSelf: () => process.kill(process.pid, 'SIGSTOP'),
  onContinue(listener) {
    process.on('SIGCONT', listener);
    return () => process.off('SIGCONT', listener);
  },
  onSignals(signals, listener) {
    for (const signal of signals) process.on(signal, listener);
    return () => {
      for (const signal of signals) process.off(signal, listener);
    };
  },
};
