/**
 * Pure: the /bin/sh hook scripts `aisess init` installs. They find the store without forking (read
 * .git / commondir like git does) and cost no fork when there is nothing to do. post-commit and
 * post-rewrite start node only when something is pending, in the background with its output in the
 * store's hook.log: a commit never waits for, or fails by, aisess. pre-push never starts node: it
 * waits, briefly, for binders still writing notes. A hook they replaced is chained: sh hooks are
 * sourced so `$0` keeps the hook's name (husky's runner derives the user's script from it); others
 * run as a program. Their status is the hook's.
 */
import { createHash } from 'node:crypto';
import { WARM_ENV_KEYS } from '../bind/warm.js';

export const HOOK_NAMES = ['post-commit', 'post-rewrite', 'pre-push'] as const;
export type HookName = (typeof HOOK_NAMES)[number];

/** Any version's hooks start their second line with this. */
const HOOK_TAG = '# aisess-hook';
/**
 * The signature: a hook is ours only when its second line is `# aisess-hook v<n> sha256=<hex>` and
 * <hex> is the SHA-256 of the whole hook with those 64 digits written as zeros. Any edit breaks it;
 * a later version that signs the same way is recognised (replaced, never chained as the user's).
 */
const HOOK_MARKER = `${HOOK_TAG} v2`;
const SIGNED = /^#!\/bin\/sh\n# aisess-hook v[0-9]+ sha256=([0-9a-f]{64})[:\n]/;
const UNSIGNED_DIGEST = '0'.repeat(64);
const TAG_TEXT = 'installed by `aisess init`; `aisess init --undo` removes it and restores any hook it chains.';
/** The second line of every hook the versions before signing wrote. */
const V1_TAG_LINE = `${HOOK_TAG} v1: ${TAG_TEXT}`;
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
  return signHook(`#!/bin/sh
${HOOK_MARKER} sha256=${UNSIGNED_DIGEST}: ${TAG_TEXT}
${body}
${chain(o.hook === 'post-rewrite')}`);
}

const sha256 = (text: string): string => createHash('sha256').update(text).digest('hex');

/** Fills in the signature of a hook whose tag line carries `sha256=` and 64 zeros. */
export function signHook(text: string): string {
  const m = SIGNED.exec(text);
  if (!m || m[1] !== UNSIGNED_DIGEST) throw new Error('signHook: no unsigned tag line');
  const at = m[0].indexOf(UNSIGNED_DIGEST);
  return text.slice(0, at) + sha256(text) + text.slice(at + 64);
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

/**
 * Whether pid $1 runs: an exited process init has not reaped yet (some are late, by a second or
 * more) still answers kill -0, but on Linux its /proc entry has no executable any more. One stat,
 * where reading /proc/<pid>/stat costs dash a system call per byte.
 */
const ALIVE = `aisess_alive() {
  kill -0 "$1" 2>/dev/null || return 1
  [ -e /proc/self/exe ] || return 0
  [ -e "/proc/$1/exe" ]
}`;

/**
 * Hands the commit to the store's warm binder (src/bind/warm.ts), when one runs and reads git with
 * this hook's environment. The pid file is read again after the request is written: a binder that
 * began to leave before may not have seen it, and a cold binder is started as well.
 */
const WARM = `${ALIVE}

aisess_warm() {
  [ -n "$aisess_head" ] || return 1
  w=$s/warm
  # Redirections apply left to right: 2>/dev/null first, so a missing file says nothing.
  { read -r p; read -r e; } 2>/dev/null < "$w/pid" || return 1
  case $p in ''|0*|*[!0-9]*) return 1 ;; esac
  aisess_path=$PATH
  [ -n "$GIT_EXEC_PATH" ] && aisess_path=\${PATH#"$GIT_EXEC_PATH:"}
  [ "$e" = "${WARM_ENV_KEYS.map((k) => (k === 'PATH' ? '$aisess_path' : `$${k}`)).join('|')}" ] || return 1
  aisess_alive "$p" || return 1
  printf '%s\\n%s\\n' "$PWD" "$PPID" 2>/dev/null > "$w/$aisess_head" || return 1
  { read -r q; } 2>/dev/null < "$w/pid" && [ "$q" = "$p" ] && aisess_alive "$p"
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

${commit ? `${WARM}

` : ''}aisess_bind() {
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
  case $aisess_head in ''|*[!0-9a-f]*) aisess_head=$(git rev-parse -q --verify HEAD) || aisess_head= ;; esac
  aisess_warm && return 0` : ''}
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
 * `binding.<pid>` marker names a live process, or a commit waits for a warm binder (the one with
 * the pid file, or one leaving: `warm/serving.<pid>`), wait (about 10 s at most); markers of dead
 * ones go.
 * stdin is left unread, so a chained hook gets git's list of refs as git sent it.
 */
function prePush(): string {
  return `aisess_chained="\${0%/*}/pre-push${CHAINED_SUFFIX}"

${STORE}

${ALIVE}

aisess_wait() {
  aisess_store || return 0
  for f in "$s"/binding.* "$s"/warm/[0-9a-f]*; do [ -e "$f" ] && break; done
  [ -e "$f" ] || return 0
  t=0
  while :; do
    w=
    for f in "$s"/binding.*; do
      [ -e "$f" ] || continue
      p=\${f##*/binding.}
      case $p in ''|0*|*[!0-9]*) p= ;; esac
      if [ -n "$p" ] && aisess_alive "$p"; then w=1; else rm -f "$f" 2>/dev/null; fi
    done
    for f in "$s"/warm/[0-9a-f]*; do
      [ -e "$f" ] || continue
      p=
      read -r p 2>/dev/null < "$s/warm/pid" || p=
      case $p in ''|0*|*[!0-9]*) p= ;; esac
      if [ -n "$p" ] && aisess_alive "$p"; then w=1; break; fi
      for g in "$s"/warm/serving.*; do
        [ -e "$g" ] || continue
        p=\${g##*/serving.}
        case $p in ''|0*|*[!0-9]*) p= ;; esac
        if [ -n "$p" ] && aisess_alive "$p"; then w=1; else rm -f "$g" 2>/dev/null; fi
      done
      [ -n "$w" ] || rm -f "$s"/warm/[0-9a-f]* 2>/dev/null
      break
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
  # Its tag line exactly (signed, or as versions before signing wrote it): a user's hook mentioning the tag runs.
  case $aisess_second in ${shQuote(`${HOOK_TAG} v`)}[0-9]*' sha256='${'[0-9a-f]'.repeat(64)}': '*|${shQuote(V1_TAG_LINE)}) exit 0 ;; esac
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

/**
 * SHA-256 of every hook the versions before signing (v1) wrote, their node and cli paths blanked
 * (see `generic`): from each commit of this file, all hook names.
 */
const UNSIGNED_HOOKS: ReadonlySet<string> = new Set([
  '58309e421677572128f5390142b39b6b3919eac8e799a0182f425612dfabd72f',
  'e4482b34ba8c709c54d2e5861f86bd0a97342a807da24f26352ce8fcc38d5ed9',
  '894795ccd1b449d8f1286a101108084b21d4d3ea6e93c0ad3ef2ac13052df1e0',
  'f89453600dc59f14d3e703354151df4b68e0145b19e52cf6d53b94bce947c6df',
  '752ecfaafdd7a0c868e7dedc549a412a65b6cd849b438cc78a00394079399b66',
  'f3bc6f88e02f9a0c822187f86e7304ff870ade1fbe68fcd223589e45fce76557',
  '7e43b147d7cf5c56776e379cebaa4712871e9fd95dbefa7b8ea08c419aa4b02b',
  'd32b3992be3ac1be400669c9fe7c4b49bb8d7084ee72670fdfb109e78341f042',
  'a8c10748abb7427aebcf6fa54735d40a12603c17306175e74085e55a3caf204e',
  'a2beb70ab98aeb21df0c0bab008aae5b9c326cabe5f1956911414197f2081848',
  'bba9164c21fad5fd703d85d0c1c1f91f449f01cfc22d6f35183d235134b76a3e',
]);

/** The hook with its node and cli paths (single-quoted for sh, perhaps over several lines) and its signature blanked. */
function generic(text: string): string {
  return text
    .replace(/^aisess_(node|cli)='(?:[^']|'\\'')*'$/gm, 'aisess_$1=')
    .replace(SIGNED, (line, digest: string) => line.replace(digest, UNSIGNED_DIGEST));
}

/**
 * A hook written by some version of aisess, byte for byte (never to be chained or backed up as the
 * user's): a valid signature, or exactly what a version before signing wrote. Anything else, even
 * a hook that mentions `# aisess-hook` or an edited copy of ours, is the user's.
 */
export function isOurHook(text: string): boolean {
  const m = SIGNED.exec(text);
  if (m) {
    const at = m[0].indexOf(m[1]!);
    return sha256(text.slice(0, at) + UNSIGNED_DIGEST + text.slice(at + 64)) === m[1];
  }
  return text.startsWith(`#!/bin/sh\n${V1_TAG_LINE}\n`) && UNSIGNED_HOOKS.has(sha256(generic(text)));
}

/** Whether a hook of ours is this version's script (the node and cli paths aside, which may differ). */
export function isCurrentHook(text: string, o: HookScriptOptions): boolean {
  return isOurHook(text) && generic(text) === generic(hookScript(o));
}
