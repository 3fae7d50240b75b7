import { describe, expect, it } from 'vitest';
import { bulkPlan, skipReason } from './bulk.js';
import { bulkSummary } from './ops.js';

describe('bulk plan', () => {
  it('acts only on VMs the action applies to and says why the others are left alone', () => {
    const chosen = [
      { name: 'a', state: 'running' as const },
      { name: 'b', state: 'shut off' as const },
      { name: 'c', state: 'paused' as const },
    ];
    expect(bulkPlan('start', chosen)).toEqual({
      targets: ['b'],
      skipped: [
        { name: 'a', ok: false, skipped: true, message: 'skipped, already running' },
        {
          name: 'c',
          ok: false,
          skipped: true,
          message: 'skipped, paused (p in its details resumes it)',
        },
      ],
    });
    expect(bulkPlan('destroy', chosen).targets).toEqual(['a', 'c']);
    expect(bulkPlan('shutdown', chosen).targets).toEqual(['a']);
    expect(skipReason('shutdown', 'shut off')).toBe('already off');
    expect(skipReason('start', 'crashed')).toBeUndefined();
  });

  it('sums up done, failed and skipped', () => {
    const { head, lines, failed, skipped } = bulkSummary('Started', [
      { name: 'a', ok: true, message: 'started' },
      { name: 'b', ok: false, message: 'boom' },
      { name: 'c', ok: false, skipped: true, message: 'skipped, already running' },
    ]);
    expect(head).toBe('Started 1 of 3 VMs; 1 failed; 1 skipped.');
    expect(lines).toEqual(['✓ a: started', '✕ b: boom', '– c: skipped, already running']);
    expect([failed, skipped]).toEqual([1, 1]);
    expect(bulkSummary('Forced off', [{ name: 'a', ok: true, message: 'x' }]).head).toBe(
      'Forced off 1 of 1 VM.',
    );
  });
});
