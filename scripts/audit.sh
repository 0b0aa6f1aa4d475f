#!/usr/bin/env bash
# Lighthouse (mobile profile) on the home page, the list, two exercises, a guide section, the checklist,
# the contact page, a ready-made routine and a search, served production-like
# (DEBUG off, collected and hashed static files served by WhiteNoise); prints the four scores per page.
# Reports land in audit/ (ignored by git).
set -euo pipefail
cd "$(dirname "$0")/.."

PY=.venv/bin/python
LIGHTHOUSE=node_modules/.bin/lighthouse
CHROME_PATH=${CHROME_PATH:-/usr/bin/chromium}
CHROME_FLAGS="--headless=new --no-sandbox --disable-gpu --disable-background-networking --disable-component-update --disable-sync --no-first-run"

[ -x "$LIGHTHOUSE" ] || npm install --no-save --no-audit --no-fund --loglevel=error lighthouse@12.2.3

work=$(mktemp -d)
export DJANGO_LOCAL=1 DJANGO_DEBUG=0 DATABASE_URL="sqlite:///$work/audit.sqlite3"
$PY manage.py migrate --noinput -v0
$PY manage.py load_guide >/dev/null
$PY manage.py collectstatic --noinput -v0

port=$($PY -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
base="http://127.0.0.1:$port"
$PY manage.py runserver "127.0.0.1:$port" --noreload >"$work/server.log" 2>&1 &
server=$!
trap 'kill $server 2>/dev/null; rm -rf "$work"' EXIT
for _ in $(seq 50); do curl -fso /dev/null "$base/" && break; sleep 0.2; done

mkdir -p audit
pages=(home:/ list:/exercises/ exercise:/exercises/wall-angel/ cat-cow:/exercises/cat-cow-stretch/
  causes:/causes/ checklist:/when-to-see-a-doctor/ contact:/contact/
  routine:/exercises/routines/morning-mobility/ search:/search/?q=neck)
for page in "${pages[@]}"; do
  name=${page%%:*} path=${page#*:}
  status=$(curl -so /dev/null -w '%{http_code}' "$base$path")
  if [ "$status" != 200 ]; then echo "skipping $name: $path answered $status"; rm -f "audit/$name.json"; continue; fi
  # Lighthouse sometimes fails to record the first trace (NO_NAVSTART): one more try.
  for try in 1 2; do
    CHROME_PATH=$CHROME_PATH "$LIGHTHOUSE" "$base$path" --quiet --output=json \
      --output-path="audit/$name.json" --chrome-flags="$CHROME_FLAGS" && break
    [ "$try" = 2 ] && exit 1
  done
done

$PY - "${pages[@]}" <<'PYTHON'
import json
import sys
from pathlib import Path

categories = ["performance", "accessibility", "best-practices", "seo"]
print(f"{'page':<34}" + "".join(f"{c:>16}" for c in categories))
for page in sys.argv[1:]:
    name, path = page.split(":", 1)
    report = Path(f"audit/{name}.json")
    if not report.exists():
        continue
    result = json.loads(report.read_text())
    scores = result["categories"]
    row = "".join(f"{round(scores[c]['score'] * 100):>16}" for c in categories)
    print(f"{path:<34}{row}")
    for c in categories:
        for ref in scores[c]["auditRefs"]:
            audit = result["audits"][ref["id"]]
            if ref["weight"] and audit["score"] is not None and audit["score"] < 1:
                print(f"    {c}: {audit['id']} ({audit['score']}): {audit['title']}")
PYTHON
