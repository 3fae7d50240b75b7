// What each detail action does: dialogs first where something is lost or a name
// is needed, then the operation through execute() (ops.ts).
import { join } from 'node:path';
import type { DomainInfo } from '../../adapters/hypervisor.js';
import { confirmDialog, promptDialog, typedDialog } from '../../base/dialog.js';
import { count } from '../../base/format.js';
import { vmConsoleSpec } from '../../operations/vm-console.js';
import { pop, push } from '../../state/router.js';
import { openDialog } from '../../state/vm-dialog.js';
import type { LiveVm } from '../../state/vm-view.js';
import { setStatus } from '../../state/vms.js';
import type { ScreenContext } from '../types.js';
import type { DetailAction } from './detail-actions.js';
import { startMigration } from './migrate.js';
import { runOp } from './ops.js';
import { specs } from './specs.js';

/** A VM name libvirt accepts: not empty, no slash, not only digits (it would read as an id). */
export function checkVmName(name: string, taken: readonly string[]): string | undefined {
  if (name === '') return 'A name is needed.';
  if (name.includes('/')) return 'A VM name cannot contain "/".';
  if (/^[0-9]+$/.test(name)) return 'A name of digits only would be read as a VM id; add a letter.';
  if ([...name].length > 200) return 'That name is too long (200 characters at most).';
  if (taken.includes(name)) return `A VM named "${name}" already exists.`;
  return undefined;
}

function backupDir(name: string): string {
  const base = process.env.XDG_STATE_HOME || join(process.env.HOME ?? '.', '.local', 'state');
  const stamp = new Date().toISOString().replace(/[:.]/g, '-').slice(0, 19);
  const safe = name.replace(/[^A-Za-z0-9._-]+/g, '_').slice(0, 60) || 'vm';
  return join(base, 'hv', 'backups', `${safe}-${stamp}`);
}

export function runDetailAction(
  ctx: ScreenContext,
  action: DetailAction,
  vm: LiveVm,
  info: DomainInfo | undefined,
): void {
  const name = vm.name;
  const dialog = ctx.stores.vmArea.dialog;
  const input = { name };
  switch (action) {
    case 'start':
      void runOp(ctx, specs.start, input, {
        busy: `Starting ${name}…`,
        ok: () => `${name} started.`,
      });
      return;
    case 'restore':
      void runOp(ctx, specs.restore, input, {
        busy: `Restoring ${name} from its saved state…`,
        ok: () => `${name} resumed from its saved state.`,
      });
      return;
    case 'shutdown':
      void runOp(ctx, specs.shutdown, input, {
        busy: `Asking ${name} to shut down…`,
        ok: () => `${name} was asked to shut down; the guest decides when.`,
      });
      return;
    case 'reboot':
      void runOp(ctx, specs.reboot, input, {
        busy: `Asking ${name} to reboot…`,
        ok: () => `${name} was asked to reboot.`,
      });
      return;
    case 'pause':
      void runOp(ctx, specs.suspend, input, {
        busy: `Pausing ${name}…`,
        ok: () => `${name} paused.`,
      });
      return;
    case 'resume':
      void runOp(ctx, specs.resume, input, {
        busy: `Resuming ${name}…`,
        ok: () => `${name} runs again.`,
      });
      return;
    case 'save':
      void runOp(ctx, specs.save, input, {
        busy: `Saving ${name}'s memory to disk…`,
        ok: () => `${name} saved and stopped; s restores it.`,
      });
      return;
    case 'autostart':
      void runOp(
        ctx,
        specs.autostart,
        { name, on: !vm.autostart },
        {
          busy: `${vm.autostart ? 'Turning off' : 'Turning on'} autostart for ${name}…`,
          ok: () => `Autostart for ${name} is ${vm.autostart ? 'off' : 'on'}.`,
        },
      );
      return;
    case 'destroy':
      openDialog(
        dialog,
        confirmDialog({
          title: `Force off ${name}?`,
          lines: [
            'It stops at once, like pulling the power cord.',
            'Whatever the guest had not written to its disks is lost.',
            'd (shut down) asks the guest to stop cleanly instead.',
          ],
          yes: 'force off',
          onYes: () =>
            void runOp(ctx, specs.destroy, input, {
              busy: `Forcing off ${name}…`,
              ok: () => `${name} was forced off.`,
            }),
        }),
      );
      return;
    case 'console':
      void openConsole(ctx, name);
      return;
    case 'snapshots':
      push(ctx.stores.router, 'vm-snapshots');
      return;
    case 'clone': {
      const taken = ctx.stores.vms.getState().vms.map((v) => v.name);
      openDialog(
        dialog,
        promptDialog({
          title: `Clone ${name}`,
          lines: [
            'A new VM with the same settings; its disks are copied, MAC addresses and UUID are new.',
          ],
          label: 'Name of the copy',
          value: `${name}-clone`,
          validate: (v) => checkVmName(v, taken),
          onSubmit: (newName) =>
            void runOp(
              ctx,
              specs.clone,
              { name, newName },
              {
                busy: `Cloning ${name} as ${newName} (copying disks)…`,
                ok: (r) =>
                  `${r.name} created${r.volumes.length ? ` with ${count(r.volumes.length, 'copied volume')}` : ''}.`,
              },
            ),
        }),
      );
      return;
    }
    case 'delete':
      // The dialog names the disks that would go: ask libvirt when the details
      // have not arrived yet (D pressed right after opening the VM).
      void (
        info
          ? Promise.resolve(info)
          : (ctx.hypervisor()?.domainInfo(vm.uuid || name) ?? Promise.reject(new Error('none')))
      ).then(
        (i) => confirmDelete(ctx, vm, i),
        () => confirmDelete(ctx, vm, undefined),
      );
      return;
    case 'backup':
      openDialog(
        dialog,
        promptDialog({
          title: `Back up ${name}`,
          lines: [
            'Its definition (XML) and disks are copied to a new folder.',
            vm.state === 'running'
              ? "It keeps running: libvirt's backup job gives a point-in-time copy where the driver has it; hv refuses otherwise."
              : 'It is not running, so the copy is consistent.',
          ],
          label: 'Folder',
          value: backupDir(name),
          validate: (v) =>
            v.startsWith('/') ? undefined : 'Give an absolute path (starting with /).',
          onSubmit: (dir) =>
            void runOp(
              ctx,
              specs.backup,
              {
                name,
                dir,
                onProgress: (p) =>
                  setStatus(ctx.stores.vms, {
                    kind: 'busy',
                    message: `Backing up ${name}: ${p.percent === undefined ? '' : `${Math.round(p.percent)}% `}${p.message ?? ''}`,
                  }),
              },
              {
                busy: `Backing up ${name} to ${dir}…`,
                ok: (m) =>
                  `Backed up ${name} to ${dir} (${count(m.disks.length, 'disk')}, ${m.method}).`,
              },
            ),
        }),
      );
      return;
    case 'restoreBackup': {
      const taken = ctx.stores.vms.getState().vms.map((v) => v.name);
      openDialog(
        dialog,
        promptDialog({
          title: 'Restore a VM from a backup folder',
          lines: ['The folder hv wrote (it holds hv-backup.json).'],
          label: 'Folder',
          value: '',
          validate: (v) =>
            v.startsWith('/') ? undefined : 'Give an absolute path (starting with /).',
          onSubmit: (dir) =>
            openDialog(
              dialog,
              promptDialog({
                title: 'Name of the restored VM',
                lines: ['Empty keeps the name in the backup (it must not exist here).'],
                label: 'Name',
                value: '',
                validate: (v) => (v === '' ? undefined : checkVmName(v, taken)),
                onSubmit: (newName) =>
                  void runOp(
                    ctx,
                    specs.restoreBackup,
                    { dir, ...(newName ? { newName } : {}) },
                    {
                      busy: `Restoring from ${dir}…`,
                      ok: (r) => `${r.name} restored from ${dir}.`,
                    },
                  ),
              }),
            ),
        }),
      );
      return;
    }
    case 'migrate':
      void startMigration(ctx, vm);
      return;
  }
}

function confirmDelete(ctx: ScreenContext, vm: LiveVm, info: DomainInfo | undefined): void {
  const name = vm.name;
  const dialog = ctx.stores.vmArea.dialog;
  const disks = (info?.disks ?? []).filter((d) => d.device === 'disk' && d.source);
  openDialog(
    dialog,
    typedDialog({
      title: `Delete ${name}`,
      lines: [
        "Removes the VM's definition: its settings, saved state and snapshot records.",
        info === undefined
          ? 'Its disks could not be listed.'
          : disks.length > 0
            ? `Its disks: ${disks.map((d) => d.source).join(', ')}`
            : 'It has no disk volumes.',
        'Without the option below its disks stay where they are.',
      ],
      expected: name,
      option:
        disks.length > 0 || info === undefined
          ? {
              label: `also delete ${info === undefined ? 'its disks' : disks.length === 1 ? 'its disk' : `its ${disks.length} disks`} (cannot be undone)`,
              on: false,
            }
          : undefined,
      onConfirm: (removeStorage) =>
        void runOp(
          ctx,
          specs.delete,
          { name, removeStorage },
          {
            busy: `Deleting ${name}…`,
            ok: (r) =>
              r.removedVolumes.length > 0
                ? `${name} deleted with ${count(r.removedVolumes.length, 'volume')}.`
                : `${name} deleted; its disks were kept.`,
          },
        ).then((r) => {
          if (r.ok && ctx.stores.router.getState().stack.at(-1) === 'vm-detail') {
            pop(ctx.stores.router);
          }
        }),
    }),
  );
}

/**
 * Console handoff: Ink steps aside, `virsh console` gets the terminal, and hv
 * comes back when it ends (Ctrl-]). Where virsh cannot open one (e.g. the demo's
 * test driver), its message is shown in the status line.
 */
export async function openConsole(ctx: ScreenContext, name: string): Promise<void> {
  if (!ctx.suspend) {
    setStatus(ctx.stores.vms, { kind: 'error', message: 'The console needs a real terminal.' });
    return;
  }
  await runOp(
    ctx,
    vmConsoleSpec(ctx.suspend),
    { name },
    {
      busy: `Opening the console of ${name}…`,
      ok: () => `Back from the console of ${name}.`,
    },
  );
}
