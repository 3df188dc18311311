/**
 * What a reliability suite reports to docs/RELIABILITY.md (scripts/reliability.ts). A suite is a
 * module exporting one of these; it runs in-process, once, when the document is regenerated.
 */
export interface SuiteResult {
  /** Inputs tried (cases, files, notes…), whatever the suite counts. */
  cases: number;
  /** Every property held on every case. */
  held: boolean;
  /** Markdown shown under the suite's heading: what was tried, figures, failures. */
  notes: string[];
}

export interface Suite {
  name: string;
  run(): Promise<SuiteResult>;
}
