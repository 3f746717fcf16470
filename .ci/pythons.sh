#!/usr/bin/env bash
# The oldest and the newest supported Python: build the wheel once, install it with the dev extras
# into a fresh virtualenv per interpreter, run the API and golden tests against the installed wheel.
#   bash .ci/pythons.sh            # 3.10 and 3.13
#   bash .ci/pythons.sh 3.11 3.12  # others
# An interpreter that is not on this machine is reported and skipped (the main run covers 3.11).
set -euo pipefail
cd "$(dirname "$0")/.."
export CI="${CI:-true}"
VERSIONS=("$@"); [ ${#VERSIONS[@]} -gt 0 ] || VERSIONS=(3.10 3.13)
find_python() {  # a working interpreter for version $1: pythonX.Y on PATH, else pyenv's
  local v="$1" c
  for c in "$(command -v "python$v" || true)" "${PYENV_ROOT:-$HOME/.pyenv}"/versions/"$v".*/bin/python3; do
    if [ -n "$c" ] && [ -x "$c" ] && "$c" -c 'import sys; sys.exit(0)' 2>/dev/null; then echo "$c"; return 0; fi
  done
  return 1
}
work="$(mktemp -d)"; trap 'rm -rf "$work"' EXIT
PY="${PYTHON:-python3}"
"$PY" -m build --wheel --outdir "$work/dist" . > "$work/build.log" 2>&1 || { cat "$work/build.log"; exit 1; }
wheel="$(ls "$work"/dist/govinfo_parse-*.whl)"
for v in "${VERSIONS[@]}"; do
  if ! py="$(find_python "$v")"; then
    echo "== Python $v: no interpreter on this machine; skipped" >&2
    continue
  fi
  echo "== Python $v ($py)"
  "$py" -m venv "$work/venv$v"
  "$work/venv$v/bin/python" -m pip install -q "$wheel[dev]"
  env -u PYTHONPATH "$work/venv$v/bin/python" -m pytest -q -p no:cacheprovider tests/test_api.py tests/test_golden.py
done
