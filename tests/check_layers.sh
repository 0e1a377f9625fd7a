#!/usr/bin/env bash
# Include direction between folders (docs/development.md, "Layers of the code"): each folder
# may include only the folders listed for it. Prints every offending include and exits 1.
set -euo pipefail
cd "${1:-$(dirname "$0")/..}"
declare -A allowed=(
  [core]="core"
  [networks]="core networks"
  [agents]="core networks agents"
  [sim]="core networks agents sim"
  [experiments]="core networks agents sim experiments"
  [analysis]="core networks agents sim experiments analysis"
  [serve]="core networks agents sim experiments analysis serve"
)
bad=0
for dir in "${!allowed[@]}"; do
  while IFS= read -r line; do
    file=${line%%:*}
    inc=$(sed -E 's/.*#include "([^/"]+)\/.*/\1/' <<<"$line")
    [[ "$inc" == "$line" || "$inc" == placesim ]] && continue
    if ! grep -qw -- "$inc" <<<"${allowed[$dir]}"; then
      echo "layer violation: $line"
      bad=1
    fi
  done < <(grep -rn --include='*.hpp' --include='*.cpp' '#include "[^"]*/' "$dir" || true)
done
exit $bad
