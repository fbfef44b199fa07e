#!/usr/bin/env node
/*
 * Starts the sandbox with demo data on 127.0.0.1.
 *
 *   SANDBOX_PORT (or --port)              default 4510, 0 picks a free port
 *   SANDBOX_SEED (or --seed)              demo data seed
 *   SANDBOX_ACCELERATE (or --accelerate)  speed-up of new job runs, default 30
 *
 * In this repository the package is TypeScript without a build step: the
 * Backstage CLI's Node transform (the one `backstage-cli package start` uses)
 * compiles src/ on the fly. The published package has no src/, only its build.
 */
const fs = require('node:fs');
const path = require('node:path');

function loadSandbox() {
  if (fs.existsSync(path.join(__dirname, '../src/index.ts'))) {
    require('@backstage/cli/config/nodeTransform.cjs');
    return require('../src');
  }
  return require('../dist/index.cjs.js');
}

const { createSandbox, DEFAULT_PORT } = loadSandbox();

function option(flag, envName) {
  const args = process.argv.slice(2);
  for (let i = 0; i < args.length; i++) {
    if (args[i] === `--${flag}`) return args[i + 1];
    if (args[i].startsWith(`--${flag}=`)) return args[i].slice(flag.length + 3);
  }
  return process.env[envName];
}

function number(flag, envName) {
  const raw = option(flag, envName);
  if (raw === undefined || raw === '') return undefined;
  const value = Number(raw);
  if (!Number.isFinite(value)) {
    console.error(
      `sandbox: ${envName} / --${flag} must be a number, got "${raw}"`,
    );
    process.exit(2);
  }
  return value;
}

async function main() {
  const port = number('port', 'SANDBOX_PORT') ?? DEFAULT_PORT;
  const sandbox = createSandbox({
    seed: number('seed', 'SANDBOX_SEED'),
    accelerate: number('accelerate', 'SANDBOX_ACCELERATE'),
  });
  const running = await sandbox.listen(port);
  console.log(`EMR on EKS sandbox listening on ${running.url}`);
  console.log(`  health: ${running.url}/_sandbox/health`);
  console.log(`  Kubecost: ${running.url}/model/allocation/compute?window=1d`);
  console.log(`  OpenCost: ${running.url}/opencost/allocation?window=1d`);
  console.log(
    `  Kubernetes: ${running.url}/k8s/analytics-shared (kubeconfig server)`,
  );
  console.log(
    '  AWS (emr-containers, eks, iam, sts, s3): endpoint ' +
      `${running.url}, any credentials; S3 with forcePathStyle`,
  );
  const stop = async () => {
    await running.close();
    process.exit(0);
  };
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
}

main().catch(error => {
  console.error(`sandbox: ${error.message}`);
  process.exit(1);
});
