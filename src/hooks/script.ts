/**
 * Pure: the /bin/sh hook scripts `aisess init` installs. They find the store without forking (read
 * .git / commondir like git does) and cost no fork when there is nothing to do. post-commit and
 * post-rewrite start node only when something is pending, in the background with its output in the
 * store's hook.log: a commit never waits for, or fails by, aisess. pre-push never starts node: it
 * waits, briefly, for binders still writing notes. A hook they replaced is chained: sh hooks are
 * sourced so `$0` keeps the hook's name (husky's runner derives the user's script from it); others
 * run as a program. Their status is the hook's.
 */
export const HOOK_NAMES = ['post-commit', 'post-rewrite', 'pre-push'] as const;
export type HookName = (typeof HOOK_NAMES)[number];

/** Any version's hooks start their second line with this. */
const HOOK_TAG = '# aisess-hook';
const HOOK_MARKER = `${HOOK_TAG} v1`;
export const CHAINED_SUFFIX = '.aisess-chained';
/** pre-push polls every 0.1 s, this many times at most (about 10 s). */
const PRE_PUSH_POLLS = 100;

export interface HookScriptOptions {
  hook: HookName;
  /** Absolute paths resolved at init time, so GUIs and IDEs without the user's PATH still work. */
  node: string;
  cli: string;
}

/** Quoted for sh: the text between single quotes is taken as is. */
export const shQuote = (s: string): string => `'${s.replace(/'/g, `'\\''`)}'`;

export function hookScript(o: HookScriptOptions): string {
  const body = o.hook === 'pre-push' ? prePush() : binder(o);
  return `#!/bin/sh
${HOOK_MARKER}: installed by \`aisess init\`; \`aisess init --undo\` removes it and restores any hook it chains.
${body}
${chain(o.hook === 'post-rewrite')}`;
}

/**
 * The line a user's own post-commit hook needs so aisess binds after a session ended, where aisess
 * may not install its hooks (a hooks directory inside the working tree). HEAD is read before
 * anything is backgrounded: by the time node runs it may name a later commit.
 */
export function chainLine(o: Omit<HookScriptOptions, 'hook'>): string {
  return `aisess_head=$(git rev-parse -q --verify HEAD) && (unset GIT_INDEX_FILE; ${shQuote(o.node)} ${shQuote(o.cli)} hook post-commit "$aisess_head" </dev/null >/dev/null 2>&1 &)`;
}

/** Sets `s` to the store (`<common dir>/aisess`); a linked worktree's .git is a file naming its git dir. */
const STORE = `aisess_store() {
  d=\${GIT_DIR:-.git}
  if [ -f "$d" ]; then read -r l < "$d" || return 1; d=\${l#gitdir: }; fi
  c=$d
  if [ -f "$d/commondir" ]; then
    read -r l < "$d/commondir" || return 1
    case $l in /*) c=$l ;; *) c=$d/$l ;; esac
  fi
  s=$c/aisess
}`;

function binder(o: HookScriptOptions): string {
  const rewrite = o.hook === 'post-rewrite';
  const commit = o.hook === 'post-commit';
  return `aisess_node=${shQuote(o.node)}
aisess_cli=${shQuote(o.cli)}
aisess_hook=${o.hook}
aisess_chained="\${0%/*}/${o.hook}${CHAINED_SUFFIX}"${rewrite ? `
aisess_in=$(cat)` : ''}

${STORE}

aisess_bind() {
  aisess_store || return 0
${rewrite ? '  [ -d "$s" ] || return 0' : '  for f in "$s"/pending/*.json; do [ -e "$f" ] && break; return 0; done'}${commit ? `
  # The commit that fired the hook: HEAD may name a later one by the time node runs. Read without
  # a fork: right after a commit its branch is a loose ref file; git answers anything else.
  aisess_head=
  read -r h < "$d/HEAD" 2>/dev/null || h=
  case $h in
    'ref: '*) r=\${h#ref: }; [ -f "$c/$r" ] && { read -r aisess_head < "$c/$r" || aisess_head=; } ;;
    *) aisess_head=$h ;;
  esac
  case $aisess_head in ''|*[!0-9a-f]*) aisess_head=$(git rev-parse -q --verify HEAD) || aisess_head= ;; esac` : ''}
  n=$aisess_node
  [ -x "$n" ] || n=$(command -v node) || n=
  if [ -n "$n" ] && [ -f "$aisess_cli" ]; then set -- "$n" "$aisess_cli"
  elif command -v aisess >/dev/null 2>&1; then set -- aisess
  else echo "aisess $aisess_hook: aisess not found ($aisess_cli)" >>"$s/hook.log" 2>/dev/null; return 0
  fi
  ${rewrite ? `{ unset GIT_INDEX_FILE; printf '%s\\n' "$aisess_in" | "$@" hook "$aisess_hook"; } </dev/null >>"$s/hook.log" 2>&1 &` : `(unset GIT_INDEX_FILE; exec "$@" hook "$aisess_hook"${commit ? ' ${aisess_head:+"$aisess_head"}' : ''}) </dev/null >>"$s/hook.log" 2>&1 &`}
  : >"$s/binding.$!" 2>/dev/null
  return 0
}

aisess_bind "$@"`;
}

/**
 * A push must not leave before the binders of the last commits wrote their notes: while a
 * `binding.<pid>` marker names a live process, wait (about 10 s at most); markers of dead ones go.
 * stdin is left unread, so a chained hook gets git's list of refs as git sent it.
 */
function prePush(): string {
  return `aisess_chained="\${0%/*}/pre-push${CHAINED_SUFFIX}"

${STORE}

aisess_wait() {
  aisess_store || return 0
  for f in "$s"/binding.*; do [ -e "$f" ] && break; return 0; done
  t=0
  while :; do
    w=
    for f in "$s"/binding.*; do
      [ -e "$f" ] || continue
      p=\${f##*/binding.}
      case $p in ''|0*|*[!0-9]*) p= ;; esac
      if [ -n "$p" ] && kill -0 "$p" 2>/dev/null; then w=1; else rm -f "$f" 2>/dev/null; fi
    done
    [ -n "$w" ] && [ "$t" -lt ${PRE_PUSH_POLLS} ] || return 0
    if sleep 0.1 2>/dev/null; then t=$((t + 1)); else sleep 1 2>/dev/null; t=$((t + 10)); fi
  done
}

aisess_wait`;
}

/** Runs the hook aisess replaced, with git's arguments and stdin (captured: replayed from $aisess_in). */
function chain(captured: boolean): string {
  return `if [ -x "$aisess_chained" ]; then
  aisess_first= aisess_second=
  { read -r aisess_first; read -r aisess_second; } < "$aisess_chained"
  # Our own hook kept as the chained one (an install race of earlier versions): it would source itself forever.
  case $aisess_second in '${HOOK_TAG}'*) exit 0 ;; esac
  case $aisess_first in
    '#!/bin/sh'|'#!/usr/bin/env sh'|'#!/bin/dash')${captured ? `
      . "$aisess_chained" <<AISESS_EOF
$aisess_in
AISESS_EOF
      exit $? ;;` : `
      . "$aisess_chained"; exit $? ;;`}
    *)${captured ? `
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
