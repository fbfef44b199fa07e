#!/usr/bin/env bash
# Adoption test: does the suite install into a fresh Backstage app as the README's "Using it in your Backstage"
# section says? The steps below are that section in executable form; change them together.
#
#   1. build and `yarn pack` every published package; check each tarball (LICENSE, README, CHANGELOG, metadata,
#      no workspace: ranges, every package its built code and types import is declared)
#   2. create a fresh app with @backstage/create-app (the release in backstage.json) and install it
#   3. install our tarballs into it; fail on any @backstage/* package they add a second version of
#   4. the README's steps: backend.add lines, the permission policy instead of allow-all, config, templates
#   5. build the app's frontend with the plugin; start the app's backend against the sandbox (our tarball too)
#   6. check: discovery created virtual-cluster entities, the job-runs route answers for one, the scaffolder lists
#      the eight emr:* actions, the five templates are in the catalog
#   7. open the fresh app in headless Chromium as its guest: the EMR tab lists job runs, the endpoints tab its
#      endpoints, and the Cost tab (cost not configured) the calm "not set up" state
#
# Everything happens in a temporary folder, removed at the end (KEEP=1 keeps it). Exits non-zero with a message
# naming the failed check; ADOPT_CONTINUE=1 reports the tarball check's findings and goes on, to see the rest.
# Needs network access to the npm registry (npm's configured one).
set -euo pipefail

REPO="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
# shellcheck source=/dev/null
source "$REPO/scripts/env.sh"

# The create-app release that makes backstage.json's Backstage release (0.9.2 -> 1.55.0); checked below.
CREATE_APP_VERSION="${CREATE_APP_VERSION:-0.9.2}"
PUBLISHED=(
  plugins/emr-eks-common
  plugins/emr-eks-node
  plugins/emr-eks
  plugins/emr-eks-backend
  plugins/catalog-backend-module-emr-eks
  plugins/scaffolder-emr-actions
  packages/sandbox
)
ACTIONS=(emr:namespace:prepare emr:role:create emr:virtualCluster:create emr:podTemplates:publish
  emr:endpoint:create emr:jobTemplate:create emr:serverlessApplication:create emr:sparkConnect:create)
TEMPLATES=(onboard-emr-eks-data-team create-emr-eks-interactive-endpoint create-emr-eks-job-template
  create-emr-serverless-application create-emr-eks-spark-connect)
WAIT_SECONDS="${ADOPT_WAIT_SECONDS:-300}" # how long the backend may take to start and discovery to run

WORK="$(mktemp -d "${TMPDIR:-/tmp}/emr-eks-adopt.XXXXXX")"
APP="$WORK/app"
TARBALLS="$WORK/tarballs"
PIDS=()

cleanup() {
  local code=$?
  for pid in "${PIDS[@]}"; do kill -- "-$pid" 2>/dev/null || true; done
  for pid in "${PIDS[@]}"; do wait "$pid" 2>/dev/null || true; done
  if [ "${KEEP:-}" = 1 ]; then echo "kept $WORK"; else rm -rf "$WORK"; fi
  exit "$code"
}
trap cleanup EXIT

fail() {
  echo "adopt-check: FAILED: $*" >&2
  exit 1
}

PHASE_NAME=""
PHASE_START=0
TOTAL_START=$(date +%s)
TIMINGS=()
phase() {
  local now
  now=$(date +%s)
  [ -n "$PHASE_NAME" ] && TIMINGS+=("$(printf '%-44s %4ss' "$PHASE_NAME" $((now - PHASE_START)))")
  PHASE_NAME="$1"
  PHASE_START=$now
  [ -n "$1" ] && echo "== $1"
  return 0
}

free_port() { node -e 'const s=require("net").createServer().listen(0,"127.0.0.1",()=>{console.log(s.address().port);s.close()})'; }

# Starts a command in its own process group (so cleanup stops it and its children) with output to a log.
start_bg() {
  local log="$1"
  shift
  setsid "$@" >"$log" 2>&1 &
  PIDS+=($!)
}

# Waits until the URL answers 2xx, while the process with the given pid lives.
wait_for() {
  local url="$1" pid="$2" log="$3" deadline=$(($(date +%s) + WAIT_SECONDS))
  until curl -fsS -o /dev/null "$url" 2>/dev/null; do
    kill -0 "$pid" 2>/dev/null || { tail -40 "$log" >&2; fail "the process behind $url exited (log above)"; }
    if grep -q 'Backend startup failed' "$log"; then
      grep -A3 'Backend startup failed' "$log" | sed 's/\x1b\[[0-9;]*m//g' | cut -c1-400 >&2
      fail "the app's backend did not start (above)"
    fi
    [ "$(date +%s)" -lt "$deadline" ] || { tail -40 "$log" >&2; fail "$url did not answer in ${WAIT_SECONDS}s"; }
    sleep 2
  done
}

# ---------------------------------------------------------------------------------------------------------------
phase "type check (declarations for the builds)"
cd "$REPO"
# The builds read the declarations tsc emits. Type errors are the type check's to fail on (scripts/test.sh);
# tsc emits the declarations regardless, so they are only reported here.
yarn tsc --pretty false >"$WORK/tsc.log" 2>&1 ||
  echo "warning: yarn tsc reports $(grep -c 'error TS' "$WORK/tsc.log") errors (declarations emitted anyway)"

phase "build the published packages"
for dir in "${PUBLISHED[@]}"; do
  (cd "$REPO/$dir" && yarn build >"$WORK/build.log" 2>&1) || { tail -30 "$WORK/build.log" >&2; fail "build of $dir"; }
done

phase "pack them (yarn pack) and check each tarball"
mkdir -p "$TARBALLS"
for dir in "${PUBLISHED[@]}"; do
  (cd "$REPO/$dir" && yarn pack -o "$TARBALLS/$(basename "$dir").tgz" >"$WORK/pack.log" 2>&1) ||
    { tail -30 "$WORK/pack.log" >&2; fail "yarn pack of $dir"; }
done
if node - "$TARBALLS" <<'EOF'; then
// What an adopter's install relies on: legal files, metadata, ranges a registry can resolve,
// and every package that the shipped code or types import declared as a dependency or peer.
const { execFileSync } = require('node:child_process');
const fs = require('node:fs');
const path = require('node:path');
const { builtinModules } = require('node:module');
const dir = process.argv[2];
let problems = 0;
const problem = (file, msg) => { console.error(`${file}: ${msg}`); problems++; };
for (const file of fs.readdirSync(dir).filter(f => f.endsWith('.tgz'))) {
  const out = fs.mkdtempSync(path.join(dir, 'x-'));
  execFileSync('tar', ['xzf', path.join(dir, file), '-C', out]);
  const root = path.join(out, 'package');
  const pkg = JSON.parse(fs.readFileSync(path.join(root, 'package.json'), 'utf8'));
  for (const f of ['LICENSE', 'README.md', 'CHANGELOG.md']) {
    if (!fs.existsSync(path.join(root, f))) problem(file, `ships no ${f}`);
  }
  if (pkg.private) problem(file, 'is private');
  if (pkg.license !== 'Apache-2.0') problem(file, `license is ${pkg.license}`);
  if (!pkg.repository?.url || !pkg.repository?.directory) problem(file, 'repository url/directory missing');
  if (!pkg.homepage || !pkg.bugs?.url) problem(file, 'homepage or bugs missing');
  const raw = fs.readFileSync(path.join(root, 'package.json'), 'utf8');
  if (/"(workspace|link|portal):/.test(raw)) problem(file, 'package.json keeps a workspace:/link: range');
  const declared = new Set([
    pkg.name,
    ...Object.keys(pkg.dependencies ?? {}),
    ...Object.keys(pkg.peerDependencies ?? {}),
  ]);
  const builtins = new Set(builtinModules.flatMap(m => [m, `node:${m}`]));
  const walk = d => fs.readdirSync(d, { withFileTypes: true }).flatMap(e =>
    e.isDirectory() ? walk(path.join(d, e.name)) : [path.join(d, e.name)]);
  const seen = new Map();
  for (const f of walk(path.join(root, 'dist')).filter(f => /\.(c?js|mjs|d\.ts)$/.test(f))) {
    const text = fs.readFileSync(f, 'utf8');
    // A specifier has no spaces or commas: "Reachable from ", x.join(", ") in a bundle is text, not an import.
    const re = /(?:\brequire\(|\bimport\(|\bfrom\s+|^\s*import\s+)['"]([^'".\s,][^'"\s,]*)['"]/gm;
    for (const [, spec] of text.matchAll(re)) {
      const name = spec.startsWith('@') ? spec.split('/').slice(0, 2).join('/') : spec.split('/')[0];
      if (builtins.has(spec) || builtins.has(name)) continue;
      // types-only packages are fine when the typed package is declared
      if (f.endsWith('.d.ts') && name.startsWith('@types/')) continue;
      if (!declared.has(name) && !seen.has(name)) seen.set(name, path.relative(root, f));
    }
  }
  for (const [name, where] of seen) problem(file, `${where} imports ${name}, which package.json does not declare`);
  console.log(`${file}: ${pkg.name}@${pkg.version} ok so far`);
}
process.exit(problems ? 1 : 0);
EOF
  echo "tarballs: ok"
elif [ "${ADOPT_CONTINUE:-}" = 1 ]; then
  echo "warning: a tarball is not fit to publish (above); going on because ADOPT_CONTINUE=1"
else
  fail "a tarball is not fit to publish (above)"
fi

# ---------------------------------------------------------------------------------------------------------------
phase "create a fresh app (@backstage/create-app@$CREATE_APP_VERSION)"
cd "$WORK"
BACKSTAGE_APP_NAME=adopter npx -y "@backstage/create-app@$CREATE_APP_VERSION" --skip-install --path "$APP" \
  >"$WORK/create-app.log" 2>&1 || { tail -30 "$WORK/create-app.log" >&2; fail "create-app"; }
ours=$(node -p "require('$REPO/backstage.json').version")
theirs=$(node -p "require('$APP/backstage.json').version")
[ "$ours" = "$theirs" ] || fail "create-app@$CREATE_APP_VERSION makes Backstage $theirs, backstage.json says $ours"

# Not an adoption step: what any app needs on a registry that lacks some platform bindings of the newest build
# tools, and for better-sqlite3 on Node 24 (see the README's toolchain notes).
node - "$APP/package.json" <<'EOF'
const fs = require('node:fs');
const file = process.argv[2];
const pkg = JSON.parse(fs.readFileSync(file, 'utf8'));
Object.assign(pkg.resolutions, {
  '@swc/core': '1.16.18',
  rollup: '4.67.4',
  'unrs-resolver': '1.12.2',
  '@yarnpkg/core': '4.9.1',
  'better-sqlite3': '^13.2.0',
});
pkg.dependenciesMeta = { 'better-sqlite3': { built: false } };
fs.writeFileSync(file, JSON.stringify(pkg, null, 2) + '\n');
EOF
# Nor this: create-app 0.9.2's backend does not start as made (the signals backend it resolves calls
# httpRouter.addWebSocketHandler, which its backend-defaults 0.18 lacks), with or without our packages.
node - "$APP/packages/backend/src/index.ts" <<'EOF' || fail "no signals backend line in the fresh app's backend"
const fs = require('node:fs');
const file = process.argv[2];
const src = fs.readFileSync(file, 'utf8');
const line = "backend.add(import('@backstage/plugin-signals-backend'));\n";
if (!src.includes(line)) throw new Error('no signals line');
fs.writeFileSync(file, src.replace(line, ''));
EOF

phase "install the fresh app"
cd "$APP"
# The fresh app has no lockfile of ours to keep: installs here must write it, also under CI=true,
# where Yarn would otherwise refuse to change a lockfile.
YARN_ENABLE_IMMUTABLE_INSTALLS=false yarn install >"$WORK/install-1.log" 2>&1 || { tail -40 "$WORK/install-1.log" >&2; fail "yarn install of the fresh app"; }
cp yarn.lock "$WORK/yarn.lock.before"

# ---------------------------------------------------------------------------------------------------------------
phase "install our tarballs"
# README step 1. From a registry this is `yarn --cwd packages/... add <name>`; here the packages come from the
# tarballs, and resolutions point their dependencies on each other at the tarballs too.
node - "$APP" "$TARBALLS" <<'EOF'
const fs = require('node:fs');
const path = require('node:path');
const [app, tarballs] = process.argv.slice(2);
const edit = (file, fn) => {
  const pkg = JSON.parse(fs.readFileSync(file, 'utf8'));
  fn(pkg);
  fs.writeFileSync(file, JSON.stringify(pkg, null, 2) + '\n');
};
const tgz = short => `file:${path.join(tarballs, `${short}.tgz`)}`;
const names = {
  '@emr-eks/plugin-emr-eks-common': 'emr-eks-common',
  '@emr-eks/plugin-emr-eks-node': 'emr-eks-node',
  '@emr-eks/plugin-emr-eks': 'emr-eks',
  '@emr-eks/plugin-emr-eks-backend': 'emr-eks-backend',
  '@emr-eks/plugin-catalog-backend-module-emr-eks': 'catalog-backend-module-emr-eks',
  '@emr-eks/plugin-scaffolder-backend-module-emr-eks': 'scaffolder-emr-actions',
  '@emr-eks/sandbox': 'sandbox',
};
edit(path.join(app, 'package.json'), pkg => {
  for (const [name, short] of Object.entries(names)) pkg.resolutions[name] = tgz(short);
  pkg.devDependencies['@emr-eks/sandbox'] = tgz('sandbox');
});
edit(path.join(app, 'packages/backend/package.json'), pkg => {
  for (const name of [
    '@emr-eks/plugin-emr-eks-backend',
    '@emr-eks/plugin-catalog-backend-module-emr-eks',
    '@emr-eks/plugin-scaffolder-backend-module-emr-eks',
    '@emr-eks/plugin-emr-eks-common',
  ]) pkg.dependencies[name] = tgz(names[name]);
});
edit(path.join(app, 'packages/app/package.json'), pkg => {
  pkg.dependencies['@emr-eks/plugin-emr-eks'] = tgz(names['@emr-eks/plugin-emr-eks']);
});
EOF
YARN_ENABLE_IMMUTABLE_INSTALLS=false yarn install >"$WORK/install-2.log" 2>&1 || { tail -40 "$WORK/install-2.log" >&2; fail "yarn install with our tarballs"; }

phase "compare @backstage/* versions in yarn.lock"
node - "$WORK/yarn.lock.before" "$APP/yarn.lock" <<'EOF' || fail "our packages add a second version of @backstage/* packages (above)"
const fs = require('node:fs');
// name -> set of resolved versions, from a Yarn 4 lockfile
function versions(file) {
  const map = new Map();
  let names = [];
  for (const line of fs.readFileSync(file, 'utf8').split('\n')) {
    if (/^"?@backstage\//.test(line)) {
      names = [...new Set(line.replace(/:$/, '').split(', ').map(d => d.replace(/^"|"$/g, '').replace(/@(npm|patch):.*/, '')))];
    } else if (names.length && /^  version: /.test(line)) {
      for (const n of names) {
        if (!map.has(n)) map.set(n, new Set());
        map.get(n).add(line.slice('  version: '.length).replace(/"/g, ''));
      }
      names = [];
    } else if (!line.startsWith(' ')) names = [];
  }
  return map;
}
const before = versions(process.argv[2]);
const after = versions(process.argv[3]);
let added = 0;
const fmt = s => [...s].sort().join(', ');
for (const [name, vs] of after) {
  const had = before.get(name) ?? new Set();
  const extra = [...vs].filter(v => !had.has(v));
  if (vs.size > 1 && extra.length) {
    console.error(`${name}: ${fmt(vs)} (the fresh app had ${had.size ? fmt(had) : 'none'})`);
    added++;
  } else if (!had.size) console.log(`new: ${name}@${fmt(vs)}`);
}
for (const [name, vs] of before) if (vs.size > 1) console.log(`already duplicated in the fresh app: ${name} ${fmt(vs)}`);
console.log(`${after.size} @backstage packages after (${before.size} before); ${added} duplicated by ours`);
process.exit(added ? 1 : 0);
EOF

# ---------------------------------------------------------------------------------------------------------------
phase "apply the README's adoption steps"
# Step 2 (backend) and step 6 (policy): our three features, the policy module instead of the app's allow-all one.
node - "$APP/packages/backend/src/index.ts" <<'EOF' || fail "the fresh app's backend index.ts is not as expected"
const fs = require('node:fs');
const file = process.argv[2];
let src = fs.readFileSync(file, 'utf8');
const allowAll = /backend\.add\(\s*import\('@backstage\/plugin-permission-backend-module-allow-all-policy'\),?\s*\);\n/;
if (!allowAll.test(src)) throw new Error('no allow-all policy line to remove');
src = src.replace(allowAll, "backend.add(import('@emr-eks/plugin-emr-eks-backend/policy'));\n");
src = src.replace(
  'backend.start();',
  [
    "backend.add(import('@emr-eks/plugin-emr-eks-backend'));",
    "backend.add(import('@emr-eks/plugin-catalog-backend-module-emr-eks'));",
    "backend.add(import('@emr-eks/plugin-scaffolder-backend-module-emr-eks'));",
    '',
    'backend.start();',
  ].join('\n'),
);
fs.writeFileSync(file, src);
EOF
# The policy imports these two (-common was added with the tarballs, backend-plugin-api at the version the app
# resolves); the allow-all policy package goes.
node - "$APP" <<'EOF'
const fs = require('node:fs');
const path = require('node:path');
const app = process.argv[2];
const resolved = require(require.resolve('@backstage/backend-plugin-api/package.json', {
  paths: [path.join(app, 'packages/backend')],
})).version;
const file = path.join(app, 'packages/backend/package.json');
const pkg = JSON.parse(fs.readFileSync(file, 'utf8'));
pkg.dependencies['@backstage/backend-plugin-api'] = `^${resolved}`;
delete pkg.dependencies['@backstage/plugin-permission-backend-module-allow-all-policy'];
pkg.dependencies = Object.fromEntries(Object.entries(pkg.dependencies).sort(([a], [b]) => (a < b ? -1 : 1)));
fs.writeFileSync(file, JSON.stringify(pkg, null, 2) + '\n');
EOF
YARN_ENABLE_IMMUTABLE_INSTALLS=false yarn install >"$WORK/install-3.log" 2>&1 || { tail -40 "$WORK/install-3.log" >&2; fail "yarn install after declaring the policy's imports"; }
# Step 5: the software templates, copied into the app and registered as file locations.
mkdir -p "$APP/templates"
cp -R "$REPO/templates" "$APP/templates/emr-eks"

SANDBOX_PORT=$(free_port)
BACKEND_PORT=$(free_port)
TOKEN=$(node -p 'require("crypto").randomBytes(24).toString("hex")')
# Steps 3-5: the config the README shows, with the sandbox standing in for AWS; the port (app and backend baseUrl) and a static token
# (for this script's requests) are the script's own.
cat >"$APP/app-config.emr-eks.yaml" <<EOF
# The backend serves the built app (app-backend), so both live on one port.
app:
  baseUrl: http://localhost:$BACKEND_PORT
backend:
  baseUrl: http://localhost:$BACKEND_PORT
  listen:
    port: $BACKEND_PORT
  auth:
    externalAccess:
      - type: static
        options:
          token: $TOKEN
          subject: adopt-check

# The sandbox accepts any credentials; these only make the SDK sign its requests.
aws:
  accounts:
    - accountId: '123456789012'
      accessKeyId: sandbox
      secretAccessKey: sandbox

emrEks:
  endpoint: http://127.0.0.1:$SANDBOX_PORT # the sandbox; leave unset for AWS
  accounts:
    - accountId: '123456789012'
      regions: [us-east-1, eu-west-1]
  ownership:
    tag: team
    namespace: default
  adminGroups: [group:default/data-platform]
  provisioning:
    clusters:
      - name: analytics-shared
        accountId: '123456789012'
        region: us-east-1
        emrAccess: accessEntry
        podTemplateBucket: analytics-platform-pod-templates-123456789012
    buckets:
      - s3://analytics-\$\${team}-code-123456789012/*
      - s3://analytics-\$\${team}-logs-123456789012/*
    endpoints: # the sandbox; leave unset for AWS
      iam: http://127.0.0.1:$SANDBOX_PORT
      eks: http://127.0.0.1:$SANDBOX_PORT
      s3: http://127.0.0.1:$SANDBOX_PORT
      sts: http://127.0.0.1:$SANDBOX_PORT
      emrContainers: http://127.0.0.1:$SANDBOX_PORT

kubernetes:
  serviceLocatorMethod:
    type: multiTenant
  clusterLocatorMethods:
    - type: config
      clusters:
        - name: analytics-shared
          url: http://127.0.0.1:$SANDBOX_PORT/k8s/analytics-shared # the sandbox's Kubernetes API
          authProvider: serviceAccount
          serviceAccountToken: sandbox
          skipTLSVerify: true

catalog:
  providers:
    emrEks:
      main:
        accountId: '123456789012'
        regions: [us-east-1, eu-west-1]
        defaultOwner: group:default/data-platform
        schedule:
          frequency: { minutes: 5 }
          timeout: { minutes: 1 }
          initialDelay: { seconds: 3 }
  locations:
    - type: file
      target: ../../templates/emr-eks/onboard-data-team/template.yaml
      rules: [{ allow: [Template] }]
    - type: file
      target: ../../templates/emr-eks/create-interactive-endpoint/template.yaml
      rules: [{ allow: [Template] }]
    - type: file
      target: ../../templates/emr-eks/create-job-template/template.yaml
      rules: [{ allow: [Template] }]
    - type: file
      target: ../../templates/emr-eks/emr-serverless-application/template.yaml
      rules: [{ allow: [Template] }]
    - type: file
      target: ../../templates/emr-eks/spark-connect/template.yaml
      rules: [{ allow: [Template] }]
EOF

# ---------------------------------------------------------------------------------------------------------------
phase "build the app's frontend with the plugin"
yarn workspace app build >"$WORK/app-build.log" 2>&1 || { tail -40 "$WORK/app-build.log" >&2; fail "the app's frontend build"; }
grep -rqs 'emr-eks' "$APP/packages/app/dist" || fail "the app's build does not contain the EMR on EKS plugin"

phase "start the sandbox (our tarball) and the app's backend"
start_bg "$WORK/sandbox.log" env SANDBOX_PORT="$SANDBOX_PORT" yarn emr-eks-sandbox
wait_for "http://127.0.0.1:$SANDBOX_PORT/_sandbox/health" "${PIDS[-1]}" "$WORK/sandbox.log"
start_bg "$WORK/backend.log" env -C "$APP/packages/backend" \
  yarn start --config "$APP/app-config.yaml" --config "$APP/app-config.emr-eks.yaml"
wait_for "http://127.0.0.1:$BACKEND_PORT/.backstage/health/v1/readiness" "${PIDS[-1]}" "$WORK/backend.log"

# ---------------------------------------------------------------------------------------------------------------
phase "check discovery, the job-runs route, the actions and the templates"
api() { curl -fsS -H "Authorization: Bearer $TOKEN" "http://127.0.0.1:$BACKEND_PORT/api/$1"; }
deadline=$(($(date +%s) + WAIT_SECONDS))
until entities=$(api 'catalog/entities/by-query?filter=kind=resource,spec.type=emr-virtual-cluster&fields=metadata.name') &&
  [ "$(node -p "JSON.parse(process.argv[1]).items.length" "$entities")" -gt 0 ]; do
  [ "$(date +%s)" -lt "$deadline" ] || { tail -40 "$WORK/backend.log" >&2; fail "discovery made no virtual-cluster entity in ${WAIT_SECONDS}s"; }
  sleep 3
done
names=$(node -p "JSON.parse(process.argv[1]).items.map(e => e.metadata.name).sort().join(' ')" "$entities")
echo "discovered virtual clusters: $names"
first=${names%% *}
runs=$(api "emr-eks/v1/entity/default/resource/$first/job-runs") || fail "GET job-runs for resource:default/$first"
count=$(node -p "const b = JSON.parse(process.argv[1]); Array.isArray(b.items) ? b.items.length : 'no items'" "$runs")
[ "$count" != "no items" ] || fail "job-runs for $first answered without items: $runs"
echo "job runs of $first: $count"

# Answers go through files: the actions list (with schemas) is too long for an argument.
api 'scaffolder/v2/actions' >"$WORK/actions.json" || fail "GET scaffolder/v2/actions"
for id in "${ACTIONS[@]}"; do
  node -e 'const f = require("fs").readFileSync(process.argv[1], "utf8");
    process.exit(JSON.parse(f).some(a => a.id === process.argv[2]) ? 0 : 1)' "$WORK/actions.json" "$id" ||
    fail "the scaffolder does not list $id"
done
echo "scaffolder actions: ${ACTIONS[*]}"

api 'catalog/entities/by-query?filter=kind=template&fields=metadata.name' >"$WORK/templates.json" ||
  fail "GET templates"
for t in "${TEMPLATES[@]}"; do
  node -e 'const f = require("fs").readFileSync(process.argv[1], "utf8");
    process.exit(JSON.parse(f).items.some(e => e.metadata.name === process.argv[2]) ? 0 : 1)' \
    "$WORK/templates.json" "$t" || fail "template $t is not in the catalog"
done
echo "templates: ${TEMPLATES[*]}"

phase "open the fresh app in Chromium: the EMR tab, the endpoints tab, and the calm Cost state"
# Headless Debian Chromium driven by this repository's Playwright; the fresh app's guest sign-in.
CHROMIUM=${CHROMIUM_PATH:-/usr/bin/chromium}
[ -x "$CHROMIUM" ] || fail "no Chromium at $CHROMIUM (set CHROMIUM_PATH)"
(cd "$REPO" && node - "http://localhost:$BACKEND_PORT" "$first" "$CHROMIUM" <<'JS'
const { chromium } = require('@playwright/test');
const [base, name, executablePath] = process.argv.slice(2);
(async () => {
  const browser = await chromium.launch({ executablePath, args: ['--no-sandbox', '--disable-gpu'] });
  try {
    const page = await browser.newPage();
    page.setDefaultTimeout(60_000);
    const entity = `${base}/catalog/default/resource/${name}`;
    // Sign in on the page itself, so no navigation races the guest session being stored.
    await page.goto(`${entity}/emr`);
    await page.getByRole('button', { name: 'Enter' }).click();
    await page.getByText('Job runs').first().waitFor();
    console.log('emr: shows "Job runs"');
    // The other tabs through their links, as a user goes; no reload, so no new sign-in.
    const expectText = async (tab, text) => {
      await page.getByRole('link', { name: tab, exact: true }).click();
      await page.getByText(text).first().waitFor();
      console.log(`${tab}: shows "${text}"`);
    };
    await page.locator('tbody tr').first().waitFor();
    await expectText('EMR endpoints', 'Managed endpoints');
    await expectText('Cost', 'Cost is not set up in this portal');
  } catch (error) {
    const pages = browser.contexts().flatMap(c => c.pages());
    const text = pages.length ? await pages[0].locator('body').innerText().catch(() => '') : '';
    throw new Error(`${error.message}\nthe page said: ${text.slice(0, 600)}`);
  } finally {
    await browser.close();
  }
})().catch(error => {
  console.error(error.message);
  process.exit(1);
});
JS
) || { tail -20 "$WORK/backend.log" >&2; fail "the fresh app does not show the EMR, endpoints or Cost tab as expected"; }

phase ""
echo
echo "adopt-check: timings"
printf '  %s\n' "${TIMINGS[@]}"
printf '  %-44s %4ss\n' total $(($(date +%s) - TOTAL_START))
echo "adopt-check: OK"
