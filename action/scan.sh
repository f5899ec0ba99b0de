#!/usr/bin/env bash
# The credlint GitHub Action's work (action.yml runs this; tests run it in a temp repository).
# Pull requests: scan only the commits the branch adds (`--history BASE..HEAD`); otherwise the tree.
# Writes SARIF to $CREDLINT_SARIF and exits with credlint's code (0 clean, 1 findings, 2 not scanned).
set -uo pipefail

cmd=${CREDLINT_CMD:-"npx --yes credlint@${CREDLINT_VERSION:?CREDLINT_VERSION is not set}"}
mode=${CREDLINT_MODE:-auto}
sarif=${CREDLINT_SARIF:-credlint.sarif}
base=${CREDLINT_BASE:-}
head=${CREDLINT_HEAD:-}

if [ "$mode" = auto ]; then
  if [ -n "$base" ] && [ -n "$head" ]; then mode=pull-request; else mode=tree; fi
fi

case "$mode" in
  pull-request)
    if [ -z "$base" ] || [ -z "$head" ]; then
      echo "credlint: mode pull-request needs the base and head commits (pull_request events set them)" >&2
      exit 2
    fi
    # A shallow checkout (actions/checkout's default depth 1) lacks the base: fetch what the range needs.
    if ! git cat-file -e "${base}^{commit}" 2>/dev/null || [ "$(git rev-parse --is-shallow-repository)" = true ]; then
      git fetch --quiet --no-tags --no-recurse-submodules origin "$base" "$head" >/dev/null 2>&1 || true
      if [ "$(git rev-parse --is-shallow-repository)" = true ]; then
        git fetch --quiet --no-tags --unshallow origin >/dev/null 2>&1 || true
      fi
    fi
    set -- scan --history "${base}..${head}"
    ;;
  history) set -- scan --history ;;
  tree) set -- scan ;;
  *)
    echo "credlint: unknown mode \"$mode\" (auto, pull-request, history or tree)" >&2
    exit 2
    ;;
esac

# Extra arguments (e.g. --baseline FILE) split on whitespace, as a workflow author writes them.
# shellcheck disable=SC2206
extra=(${CREDLINT_ARGS:-})
# shellcheck disable=SC2086
$cmd "$@" "${extra[@]}" --format sarif --output "$sarif"
code=$?
if [ -n "${GITHUB_OUTPUT:-}" ]; then
  { echo "exit-code=$code"; echo "sarif=$sarif"; echo "mode=$mode"; } >>"$GITHUB_OUTPUT"
fi
exit "$code"
