import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeEach, describe, expect, it } from 'vitest';
import type { Hypervisor } from '../adapters/hypervisor.js';
import { HvError } from '../base/errors.js';
import { journal } from '../state/journal.js';
import { execute } from './execute.js';
import type { OperationContext, OperationSpec } from './types.js';

const hypervisor = { uri: 'test:///default' } as Hypervisor;

function op(over: Partial<OperationSpec<{ name: string }, string>> = {}) {
  let ran = 0;
  const spec: OperationSpec<{ name: string }, string> = {
    id: 'vm.create',
    title: 'create a VM',
    privilege: 'vm',
    kind: 'create',
    risk: 'low',
    destructive: false,
    audited: true,
    target: (i) => i.name,
    auditArgs: (i) => ({ name: i.name }),
    commands: (i, c) => [{ tool: 'virsh', args: ['-c', c.uri, 'define', `${i.name}.xml`] }],
    run: async (i) => {
      ran++;
      return `made ${i.name}`;
    },
    ...over,
  };
  return { spec, ran: () => ran };
}

let log: string;
function ctx(over: Partial<OperationContext> = {}): OperationContext {
  return {
    hypervisor,
    uri: 'test:///default',
    phase: 'setup',
    user: 'ada',
    isRoot: false,
    // A private phase root: execute() reads the marker, and this machine may be hardened.
    env: { HV_AUDIT_LOG: log, HV_ROOT_DIR: join(log, '..', 'etc') },
    ...over,
  };
}
const entries = () =>
  readFileSync(log, 'utf8')
    .trim()
    .split('\n')
    .map((l) => JSON.parse(l));

beforeEach(() => {
  log = join(mkdtempSync(join(tmpdir(), 'hv-audit-')), 'audit.jsonl');
  journal.getState().clear();
});

describe('execute', () => {
  it('runs, audits and journals an allowed operation', async () => {
    const o = op();
    await expect(execute(o.spec, { name: "Ana's VM" }, ctx())).resolves.toBe("made Ana's VM");
    expect(o.ran()).toBe(1);
    const [e] = entries();
    expect(e).toMatchObject({
      user: 'ada',
      operation: 'vm.create',
      target: "Ana's VM",
      result: 'ok',
    });
    expect(journal.getState().entries[0]?.commands[0]?.args).toContain('define');
  });

  it('refuses create in the hardened phase, saying how to unlock, and audits the refusal', async () => {
    const o = op();
    const err = await execute(o.spec, { name: 'x' }, ctx({ phase: 'hardened' })).catch((e) => e);
    expect(err).toBeInstanceOf(HvError);
    expect(err.kind).toBe('permission');
    expect(err.fix).toContain('hv phase unlock');
    expect(o.ran()).toBe(0);
    expect(entries()[0]).toMatchObject({ result: 'refused' });
  });

  it('allows lifecycle operations in the hardened phase', async () => {
    const o = op({ id: 'vm.start', kind: 'lifecycle' });
    await execute(o.spec, { name: 'x' }, ctx({ phase: 'hardened' }));
    expect(o.ran()).toBe(1);
  });

  it('refuses a system operation for a normal user with the sudo command, never running it', async () => {
    const o = op({ id: 'host.restart-libvirtd', privilege: 'system', kind: 'system-config' });
    const err = await execute(o.spec, { name: 'libvirtd' }, ctx(), {
      sudoCommand: 'sudo hv host restart-libvirtd',
    }).catch((e) => e);
    expect(err.message).toContain('needs root');
    expect(err.fix).toBe('run: sudo hv host restart-libvirtd');
    expect(o.ran()).toBe(0);
  });

  it('records a failure with its message and rethrows it', async () => {
    const o = op({
      run: async () => {
        throw new HvError('invalid-state', 'the VM is already running');
      },
    });
    await expect(execute(o.spec, { name: 'x' }, ctx())).rejects.toThrow('already running');
    expect(entries()[0]).toMatchObject({ result: 'failed', message: 'the VM is already running' });
  });

  it('does not audit view operations', async () => {
    const o = op({ id: 'vm.info', kind: 'view', audited: false });
    await execute(o.spec, { name: 'x' }, ctx());
    expect(() => readFileSync(log)).toThrow();
  });
});
