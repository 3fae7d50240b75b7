import type { Reporter, TestModule } from 'vitest/node';

/**
 * Ends the run with one plain line, "tests: N passed, N failed, N skipped",
 * that CI and people can read without knowing vitest's format, after one line per
 * test that skipped itself with a reason. Files that fail to load count as failed.
 * Before it, once each: the skipped tests named "not checked: ..." (what a run
 * could not check here, and how to enable it).
 */
export default class SummaryReporter implements Reporter {
  onTestRunEnd(modules: ReadonlyArray<TestModule>, errors: ReadonlyArray<unknown>): void {
    let passed = 0;
    let failed = errors.length;
    let skipped = 0;
    const reasons: string[] = [];
    const notChecked = new Set<string>();
    for (const m of modules) {
      if (m.state() === 'failed' && [...m.children.allTests()].length === 0) failed += 1;
      for (const t of m.children.allTests()) {
        const result = t.result();
        if (result.state === 'passed') passed += 1;
        else if (result.state === 'failed') failed += 1;
        else {
          skipped += 1;
          if (t.name.startsWith('not checked:')) notChecked.add(t.name);
          // A test that skipped itself at run time (ctx.skip(reason)) says why.
          else if (result.state === 'skipped' && result.note) {
            reasons.push(
              `skipped: ${m.moduleId.replace(`${process.cwd()}/`, '')} > ${t.fullName}: ${result.note}\n`,
            );
          }
        }
      }
    }
    for (const line of notChecked) process.stdout.write(`\n${line}`);
    process.stdout.write(
      `\n${reasons.join('')}tests: ${passed} passed, ${failed} failed, ${skipped} skipped\n`,
    );
  }
}
