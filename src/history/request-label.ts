/** Pure: how a pull/merge request is named to people, as its hosting service names it. */
export function requestLabel(r: { kind: 'pull' | 'merge'; number: number }): string {
  return r.kind === 'pull' ? `pull request #${r.number}` : `merge request !${r.number}`;
}
