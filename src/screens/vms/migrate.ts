// Live migration to another saved host: choose the destination, confirm, then
// `virsh migrate --live --persistent` (through the migrate operation) with its
// progress in the status line. Drivers that cannot migrate say so plainly.

import { chooseDialog, confirmDialog } from '../../base/dialog.js';
import { errorMessage, isHvError } from '../../base/errors.js';
import { refusingDriver } from '../../base/libvirt-drivers.js';
import { isCurrent } from '../../state/connections.js';
import { openDialog } from '../../state/vm-dialog.js';
import type { LiveVm } from '../../state/vm-view.js';
import { type StatusLine, setStatus } from '../../state/vms.js';
import type { ScreenContext } from '../types.js';
import { loadSaved, resolveUri } from './hosts.js';
import { runOp } from './ops.js';
import { specs } from './specs.js';

/**
 * The status line when libvirt refused to migrate because a driver cannot:
 * which driver, and which destination nothing was moved to. The driver named is
 * the side that is not QEMU (the only one hv knows to migrate); virsh's own
 * message stays in the audit log.
 */
export function migrationRefusal(sourceUri: string, destUri: string, destName: string): StatusLine {
  const driver = refusingDriver(sourceUri, destUri);
  return {
    kind: 'refused',
    message: `The ${driver} driver cannot migrate VMs: nothing was moved to ${destName}.`,
    fix: `live migration needs QEMU/KVM on both hosts (qemu:///system or qemu+ssh://HOST/system) and shared storage; ${destName} is ${destUri}`,
  };
}

export async function startMigration(ctx: ScreenContext, vm: LiveVm): Promise<void> {
  // The saved hosts are read when the hosts screen opens; migrating first must
  // not offer only the built-in ones.
  if (!ctx.stores.connections.getState().loaded) {
    try {
      await loadSaved(ctx);
    } catch (e) {
      setStatus(ctx.stores.vms, {
        kind: 'error',
        message: `Could not read the saved hosts: ${errorMessage(e)}`,
        fix: isHvError(e) ? e.fix : undefined,
      });
      return;
    }
  }
  const conns = ctx.stores.connections.getState();
  const dialog = ctx.stores.vmArea.dialog;
  const options = conns.saved.map((s) => ({
    label: `${s.name}  ${s.uri}`,
    value: s.uri,
    disabled: isCurrent(conns, s) ? 'the VM is on this host now' : undefined,
  }));
  if (options.every((o) => o.disabled)) {
    setStatus(ctx.stores.vms, {
      kind: 'info',
      message: 'No other host is saved. Add one in the hosts screen (C on the VM list).',
    });
    return;
  }
  const live = vm.state === 'running' || vm.state === 'paused';
  openDialog(
    dialog,
    chooseDialog({
      title: `Migrate ${vm.name} to…`,
      lines: [
        live
          ? 'Live: it keeps running while its memory is copied over.'
          : 'It is not running: its definition moves (offline migration).',
      ],
      options,
      onChoose: (value) => {
        const saved = conns.saved.find((s) => s.uri === value);
        if (!saved) return;
        void resolveUri(saved).then(async (destUri) => {
          // Ask the destination first: virsh's "failed to connect" would not say
          // which of the two hosts it could not reach.
          setStatus(ctx.stores.vms, { kind: 'busy', message: `Checking ${saved.name}…` });
          const { probeHypervisor } = await import('../../state/vm-open.js');
          try {
            await probeHypervisor(undefined, destUri).host();
          } catch (e) {
            setStatus(ctx.stores.vms, {
              kind: 'error',
              message: `Cannot migrate to ${saved.name}: ${errorMessage(e)}`,
              fix: isHvError(e) ? e.fix : undefined,
            });
            return;
          }
          setStatus(ctx.stores.vms, undefined);
          openDialog(
            dialog,
            confirmDialog({
              title: `Migrate ${vm.name} to ${saved.name}?`,
              lines: [
                `Destination: ${destUri}`,
                'It is defined there (persistent) and stays defined here until you delete it.',
                'Both hosts need the same storage paths (shared storage) and a compatible CPU.',
              ],
              yes: 'migrate',
              onYes: () =>
                void runOp(
                  ctx,
                  specs.migrate,
                  {
                    name: vm.name,
                    to: destUri,
                    live,
                    onProgress: (p) =>
                      setStatus(ctx.stores.vms, {
                        kind: 'busy',
                        message: `Migrating ${vm.name}: ${p.percent === undefined ? '' : `${Math.round(p.percent)}% `}${p.message ?? ''}`,
                      }),
                  },
                  {
                    busy: `Migrating ${vm.name} to ${saved.name}…`,
                    ok: () => `${vm.name} now runs on ${saved.name}.`,
                  },
                ).then((r) => {
                  if (!r.ok && isHvError(r.error) && r.error.kind === 'unsupported') {
                    const source = ctx.hypervisor()?.uri ?? '';
                    setStatus(ctx.stores.vms, migrationRefusal(source, destUri, saved.name));
                  }
                }),
            }),
          );
        });
      },
    }),
  );
}
