// A fake of our own Hypervisor port for the VM screens' tests: a host whose VMs,
// snapshots, reachability and event stream the test controls. libvirt itself is
// exercised by tests/e2e (the demo daemon) and the adapter's own tests.

import { HvError } from '../base/errors.js';
import type {
  DomainInfo,
  DomainState,
  DomainSummary,
  EventHandlers,
  Hypervisor,
  SnapshotInfo,
} from './hypervisor.js';
import { partialHypervisor } from './hypervisor-fake.js';

export const summary = (
  name: string,
  state: DomainState = 'running',
  extra: Partial<DomainSummary> = {},
): DomainSummary => ({
  uuid: `uuid-${name}`,
  name,
  state,
  vcpus: 2,
  memoryKiB: 2 * 1024 * 1024,
  autostart: false,
  persistent: true,
  ...extra,
});

export class FakeHost {
  vms: DomainSummary[];
  snapshots = new Map<string, SnapshotInfo[]>();
  up = true;
  calls: string[] = [];
  handlers: EventHandlers | undefined;
  readonly hv: Hypervisor;

  constructor(vms: DomainSummary[], uri = 'test:///fake') {
    this.vms = vms;
    const find = (ref: string) => {
      this.check();
      const vm = this.vms.find((v) => v.name === ref || v.uuid === ref);
      if (!vm)
        throw new HvError('not-found', `Domain not found: no domain with matching name '${ref}'`);
      return vm;
    };
    const set = (ref: string, from: DomainState[], to: DomainState, call: string) => {
      const vm = find(ref);
      if (!from.includes(vm.state)) {
        throw new HvError(
          'invalid-state',
          `Requested operation is not valid: domain is ${vm.state}`,
        );
      }
      this.calls.push(`${call} ${vm.name}`);
      vm.state = to;
      this.emit(vm.name);
    };
    this.hv = partialHypervisor(uri, {
      listDomains: async () => {
        this.check();
        return this.vms.map((v) => ({ ...v }));
      },
      domainInfo: async (ref): Promise<DomainInfo> => {
        const vm = find(ref);
        return {
          ...vm,
          osType: 'hvm',
          arch: 'x86_64',
          domainType: 'test',
          firmware: 'bios',
          disks: [
            {
              target: 'vda',
              device: 'disk',
              bus: 'virtio',
              type: 'file',
              source: `/pool/${vm.name}.qcow2`,
              format: 'qcow2',
              readonly: false,
            },
          ],
          nics: [{ mac: '52:54:00:00:00:01', type: 'network', source: 'default', model: 'virtio' }],
          graphics: [],
          hasManagedSave: false,
          snapshotCount: this.snapshots.get(vm.name)?.length ?? 0,
          xml: `<domain type='test'>\n  <name>${vm.name}</name>\n</domain>`,
        };
      },
      start: async (ref) => set(ref, ['shut off', 'crashed'], 'running', 'start'),
      shutdown: async (ref) => set(ref, ['running'], 'shut off', 'shutdown'),
      destroy: async (ref) => set(ref, ['running', 'paused'], 'shut off', 'destroy'),
      suspend: async (ref) => set(ref, ['running'], 'paused', 'suspend'),
      resume: async (ref) => set(ref, ['paused'], 'running', 'resume'),
      setAutostart: async (ref, on) => {
        const vm = find(ref);
        vm.autostart = on;
        this.calls.push(`autostart ${vm.name} ${on}`);
        this.emit(vm.name);
      },
      undefine: async (ref, opts) => {
        const vm = find(ref);
        this.calls.push(`undefine ${vm.name} storage=${opts?.removeStorage === true}`);
        this.vms = this.vms.filter((v) => v !== vm);
        this.emit(vm.name);
        return { removedVolumes: opts?.removeStorage ? [`pool/${vm.name}.qcow2`] : [] };
      },
      listSnapshots: async (ref) => this.snapshots.get(find(ref).name) ?? [],
      createSnapshot: async (ref, opts) => {
        const vm = find(ref);
        const list = this.snapshots.get(vm.name) ?? [];
        const snap: SnapshotInfo = {
          name: opts?.name ?? 'auto',
          createdAt: '2026-01-02T03:04:05',
          state: vm.state,
          current: true,
          ...(list.find((s) => s.current) ? { parent: list.find((s) => s.current)!.name } : {}),
        };
        this.snapshots.set(vm.name, [...list.map((s) => ({ ...s, current: false })), snap]);
        this.calls.push(`snapshot-create ${vm.name} ${snap.name}`);
        return snap;
      },
      deleteSnapshot: async (ref, name) => {
        const vm = find(ref);
        this.snapshots.set(
          vm.name,
          (this.snapshots.get(vm.name) ?? []).filter((s) => s.name !== name),
        );
        this.calls.push(`snapshot-delete ${vm.name} ${name}`);
      },
      listNetworks: async () => [],
      listPools: async () => [],
      subscribeEvents: (h) => {
        this.check();
        this.handlers = h;
        return {
          stop: async () => {
            if (this.handlers === h) this.handlers = undefined;
          },
        };
      },
    });
  }

  private check() {
    if (!this.up) throw new HvError('not-connected', 'cannot reach libvirt at test:///fake');
  }

  /** What `virsh event` would report after a change. */
  emit(domain: string) {
    this.handlers?.onEvent({ type: 'other', domain, event: 'changed', raw: '' });
  }

  /** libvirtd goes away: the event stream ends and every call fails. */
  goDown() {
    this.up = false;
    const h = this.handlers;
    this.handlers = undefined;
    h?.onEnd?.(new HvError('not-connected', 'end of file while reading data'));
  }
}
