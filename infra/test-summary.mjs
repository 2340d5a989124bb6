// Prints one plain closing line for the whole run ("N passed, N failed, N skipped") from vitest's JSON report,
// so CI and people read the same figure. Skipped tests are listed by name: a skipped test is not a pass.
import { readFileSync } from 'node:fs';

const file = process.argv[2];
let report;
try {
  report = JSON.parse(readFileSync(file, 'utf8'));
} catch {
  console.log('0 passed, 1 failed');
  console.error(`No test report at ${file}: the test run did not finish.`);
  process.exit(1);
}
const skipped = [];
for (const suite of report.testResults ?? []) {
  for (const test of suite.assertionResults ?? []) {
    if (test.status === 'skipped' || test.status === 'pending' || test.status === 'todo') skipped.push(test.fullName);
  }
}
if (skipped.length) {
  console.log(`\nNot run (${skipped.length}):`);
  for (const name of skipped) console.log(`  - ${name}`);
}
const failed = report.numFailedTests + (report.numFailedTestSuites ?? 0) - 0;
console.log(`\n${report.numPassedTests} passed, ${report.numFailedTests} failed, ${skipped.length} skipped`);
process.exit(report.success && failed === 0 ? 0 : 1);
