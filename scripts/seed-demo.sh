#!/usr/bin/env bash
# Saves the local portal's demo data that lives in the portal's own (in-memory) database, so
# it is there again after every start: data-team-a's Spark application template
# (examples/spark-application-template.json). It goes through the backend's API as the
# guest, a member of data-team-a, so it is checked and audited like any owner's save.
# scripts/start.sh runs it in the background; it waits for the backend and the catalog.
set -uo pipefail
cd "$(dirname "$0")/.."

BACKEND=${BACKEND_URL:-http://localhost:7007}
ENTITY=$BACKEND/api/emr-eks/v1/entity/default/resource/data-team-a-us-east-1
TEMPLATE=examples/spark-application-template.json

# The backend compiles after the app; then the catalog discovers the virtual cluster.
for _ in $(seq 1 240); do
  token=$(curl -fsS -H 'x-requested-with: XMLHttpRequest' \
    "$BACKEND/api/auth/guest/refresh?env=development" 2>/dev/null |
    node -e 'let s="";process.stdin.on("data",d=>s+=d).on("end",()=>{try{process.stdout.write(JSON.parse(s).backstageIdentity.token)}catch{}})')
  if [ -n "$token" ]; then
    status=$(curl -sS -o /dev/null -w '%{http_code}' -X POST \
      -H "authorization: Bearer $token" -H 'content-type: application/json' \
      --data @"$TEMPLATE" "$ENTITY/spark-application-templates" 2>/dev/null)
    case $status in
      201) echo "seed-demo: saved data-team-a's Spark application template 'taxi-zones'"; exit 0 ;;
      # Refused for what it is, not for being early: waiting will not help.
      400 | 403 | 409) break ;;
    esac
  fi
  sleep 2.5
done
echo "seed-demo: could not save data-team-a's Spark application template (last answer: ${status:-no backend})" >&2
exit 1
