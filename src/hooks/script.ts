/**
 * Pure: the /bin/sh hook script `aisess init` installs. It finds the store without forking (reads
 * .git / commondir like git does), and starts node only when something is pending, in the
 * background with its output in the store's hook.log: a commit never waits for, or fails by, aisess.
 * A hook it replaced is chained: sh hooks are sourced so `$0` keeps the hook's name (husky's
 * runner derives the user's script from it); others run as a program. Their status is the hook's.
 */
export const HOOK_NAMES = ['post-commit', 'post-rewrite'] as const;
export type HookName = (typeof HOOK_NAMES)[number];

/** Any version's hooks start their second line with this. */
const HOOK_TAG = '# aisess-hook';
const HOOK_MARKER = `${HOOK_TAG} v1`;
export const CHAINED_SUFFIX = '.aisess-chained';

export interface HookScriptOptions {
  hook: HookName;
  /** Absolute paths resolved at init time, so GUIs and IDEs without the user's PATH still work. */
  node: string;
  cli: string;
}

const q = (s: string): string => `'${s.replace(/'/g, `'\\''`)}'`;

export function hookScript(o: HookScriptOptions): string {
  const rewrite = o.hook === 'post-rewrite';
  return `#!/bin/sh
${HOOK_MARKER}: installed by \`aisess init\`; \`aisess init --undo\` removes it and restores any hook it chains.
aisess_node=${q(o.node)}
aisess_cli=${q(o.cli)}
aisess_hook=${o.hook}
aisess_chained="\${0%/*}/${o.hook}${CHAINED_SUFFIX}"
aisess_in=${rewrite ? '$(cat)' : ''}

aisess_bind() {
  d=\${GIT_DIR:-.git}
  if [ -f "$d" ]; then read -r l < "$d" || return 0; d=\${l#gitdir: }; fi
  c=$d
  if [ -f "$d/commondir" ]; then
    read -r l < "$d/commondir" || return 0
    case $l in /*) c=$l ;; *) c=$d/$l ;; esac
  fi
  s=$c/aisess
${rewrite ? '  [ -d "$s" ] || return 0' : '  for f in "$s"/pending/*.json; do [ -e "$f" ] && break; return 0; done'}
  n=$aisess_node
  [ -x "$n" ] || n=$(command -v node) || n=
  if [ -n "$n" ] && [ -f "$aisess_cli" ]; then set -- "$n" "$aisess_cli"
  elif command -v aisess >/dev/null 2>&1; then set -- aisess
  else echo "aisess $aisess_hook: aisess not found ($aisess_cli)" >>"$s/hook.log" 2>/dev/null; return 0
  fi
  { unset GIT_INDEX_FILE; printf '%s\\n' "$aisess_in" | "$@" hook "$aisess_hook"; } </dev/null >>"$s/hook.log" 2>&1 &
  : >"$s/binding.$!" 2>/dev/null
  return 0
}

aisess_bind "$@"
if [ -x "$aisess_chained" ]; then
  aisess_first= aisess_second=
  { read -r aisess_first; read -r aisess_second; } < "$aisess_chained"
  # Our own hook kept as the chained one (an install race of earlier versions): it would source itself forever.
  case $aisess_second in '${HOOK_TAG}'*) exit 0 ;; esac
  case $aisess_first in
    '#!/bin/sh'|'#!/usr/bin/env sh'|'#!/bin/dash')${rewrite ? `
      . "$aisess_chained" <<AISESS_EOF
$aisess_in
AISESS_EOF
      ;;` : `
      . "$aisess_chained" ;;`}
    *)${rewrite ? `
      printf '%s\\n' "$aisess_in" | "$aisess_chained" "$@"; exit $? ;;` : `
      exec "$aisess_chained" "$@" ;;`}
  esac
fi
exit 0
`;
}

/** A hook written by any version of aisess (never to be chained as the user's). */
export function isOurHook(text: string): boolean {
  return text.includes(HOOK_TAG);
}

/** Whether a hook of ours is this version's script (the node and cli paths aside, which may differ). */
export function isCurrentHook(text: string, o: HookScriptOptions): boolean {
  const generic = (t: string) => t.replace(/^aisess_(node|cli)=.*$/gm, 'aisess_$1=');
  return generic(text) === generic(hookScript(o));
}
