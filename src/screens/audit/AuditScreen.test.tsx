import { appendFileSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { render } from 'ink-testing-library';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { partialHypervisor } from '../../adapters/hypervisor-fake.js';
import { type AuditEntry, auditLine } from '../../security/audit.js';
import { auditStoreFor } from '../../state/audit.js';
import { createConnectionsStore } from '../../state/connections.js';
import { createRouterStore } from '../../state/router.js';
import { createSessionStore } from '../../state/session.js';
import { createVmAreaStores } from '../../state/vm-area.js';
import { createVmsStore } from '../../state/vms.js';
import { App } from '../App.js';
import type { Stores } from '../types.js';

const entry = (n: number, over: Partial<AuditEntry> = {}): AuditEntry => ({
  time: new Date(Date.UTC(2026, 0, 1, 12, 0, n)).toISOString(),
  user: 'ada',
  uri: 'test:///default',
  operation: 'vm.start',
  target: `web-${String(n).padStart(2, '0')}`,
  args: {},
  result: 'ok',
  durationMs: n,
  ...over,
});

let log: string;
let saved: string | undefined;
beforeEach(() => {
  saved = process.env.HV_AUDIT_LOG;
  log = join(mkdtempSync(join(tmpdir(), 'hv-audit-screen-')), 'audit.jsonl');
  process.env.HV_AUDIT_LOG = log;
  const lines = Array.from({ length: 40 }, (_, i) => auditLine(entry(i)));
  lines.push(
    auditLine(
      entry(41, {
        user: 'bob',
        target: 'Ana\'s "lab" VM — café',
        operation: 'vm.delete',
        result: 'refused',
        message: 'the host is hardened',
        args: { storage: true },
      }),
    ),
  );
  appendFileSync(log, lines.join(''));
});
afterEach(() => {
  if (saved === undefined) delete process.env.HV_AUDIT_LOG;
  else process.env.HV_AUDIT_LOG = saved;
  current?.unmount();
});

function setup() {
  const stores: Stores = {
    session: createSessionStore({ phase: 'setup', experience: 'intermediate', showCommands: true }),
    router: createRouterStore(),
    vms: createVmsStore(),
    vmArea: createVmAreaStores(),
    connections: createConnectionsStore(),
  };
  const hv = partialHypervisor('test:///fake', { listDomains: async () => [] });
  const app = render(<App ctx={{ stores, hypervisor: () => hv }} />);
  return { app, stores };
}

let current: ReturnType<typeof render> | undefined;
/** "N of M entries" exactly ("10 of 41" must not pass for "0 of 41"). */
const shows = (n: number, m: number) => (f: string) =>
  new RegExp(`(^|\\s)${n} of ${m} entries`).test(f);
const tick = (ms = 30) => new Promise((r) => setTimeout(r, ms));
async function until(app: ReturnType<typeof render>, test: (f: string) => boolean, ms = 3000) {
  const end = Date.now() + ms;
  while (Date.now() < end && !test(app.lastFrame() ?? '')) await tick(20);
  return app.lastFrame() ?? '';
}

describe('Audit screen', () => {
  it('lists the log newest at the bottom, with the selected entry explained', async () => {
    const { app } = setup();
    current = app;
    app.stdin.write('5');
    const frame = await until(app, shows(41, 41));
    expect(frame).toContain('Home › Audit');
    expect(frame).toMatch(/›.*bob\s+⊘ refused\s+vm\.delete\s+Ana's "lab" VM — café/);
    expect(frame).toContain('Refused in 41 ms on test:///default: the host is hardened');
    expect(frame).toContain('Arguments: storage=true');
    expect(frame.split('\n').length).toBeLessThanOrEqual(23);
  });

  it('filters by result, by typed VM and user, and clears', async () => {
    const { app, stores } = setup();
    current = app;
    app.stdin.write('5');
    await until(app, shows(41, 41));
    app.stdin.write('r');
    let frame = await until(app, shows(40, 41));
    expect(frame).toContain('$ hv audit --result ok --follow');
    expect(frame).toContain('result=ok');
    app.stdin.write('r');
    frame = await until(app, shows(1, 41));
    expect(frame).toContain('result=refused');
    app.stdin.write('x');
    await until(app, shows(41, 41));
    app.stdin.write('v');
    await until(app, (f) => f.includes('VM contains:'));
    // Typed fast: the text and Enter arrive in one read.
    app.stdin.write('web-3\r');
    frame = await until(app, shows(10, 41));
    expect(frame).toContain('VM~"web-3"');
    app.stdin.write('u');
    await until(app, (f) => f.includes('User contains:'));
    app.stdin.write('bob');
    await tick();
    app.stdin.write('\r');
    frame = await until(app, shows(0, 41));
    expect(auditStoreFor(stores).getState()).toMatchObject({ vm: 'web-3', user: 'bob' });
    // The footer shows the equivalent CLI command.
    expect(frame).toContain("hv audit --vm 'web-3' --user 'bob' --follow");
  });

  it('follows new entries live, and pauses', async () => {
    const { app, stores } = setup();
    current = app;
    app.stdin.write('5');
    await until(app, shows(41, 41));
    appendFileSync(log, auditLine(entry(50, { target: 'brand-new', user: 'cy' })));
    const frame = await until(app, shows(42, 42));
    expect(frame).toMatch(/›.*cy\s+✓ ok\s+vm\.start\s+brand-new/);
    app.stdin.write('f');
    await until(app, (f) => f.includes('‖ paused'));
    appendFileSync(log, auditLine(entry(51, { target: 'while-paused' })));
    await until(app, shows(43, 43));
    // Paused: the row arrived but the cursor stayed where it was.
    const s = auditStoreFor(stores).getState();
    expect(s.entries.at(s.list.cursor)?.target).toBe('brand-new');
  });
});
