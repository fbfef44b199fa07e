// Sums the result files of scripts/test.sh into one closing line: "N passed, N failed, N skipped".
const fs = require('node:fs');
const path = require('node:path');

const dir = process.argv[2];
let passed = 0;
let failed = 0;
let skipped = 0;
const missing = [];

function read(name) {
  const file = path.join(dir, name);
  if (!fs.existsSync(file)) {
    missing.push(name);
    return undefined;
  }
  return JSON.parse(fs.readFileSync(file, 'utf8'));
}

const tsc = read('tsc.json');
if (tsc) {
  passed += tsc.passed;
  failed += tsc.failed;
}

const jest = read('jest.json');
if (jest) {
  passed += jest.numPassedTests;
  failed += jest.numFailedTests + jest.numRuntimeErrorTestSuites;
  skipped += jest.numPendingTests + jest.numTodoTests;
}

const e2e = read('e2e.json');
if (e2e) {
  passed += e2e.stats.expected + e2e.stats.flaky;
  failed += e2e.stats.unexpected;
  skipped += e2e.stats.skipped;
}

// Steps that count their own checks: {"passed":N,"failed":N}.
for (const name of ['production.json', 'replicas.json', 'adopt.json']) {
  const step = read(name);
  if (step) {
    passed += step.passed;
    failed += step.failed;
  }
}

// A suite that never wrote its results counts as a failure, so a crash cannot pass as green.
failed += missing.length;
for (const name of missing) console.error(`no results from ${name}`);

console.log(`${passed} passed, ${failed} failed, ${skipped} skipped`);
process.exit(failed > 0 ? 1 : 0);
