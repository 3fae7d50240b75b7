// Create a VM from a template: template, name, pool, network and sizes (the
// template's by default), then create. Each row opens a chooser or a field.
import { Box, Text } from 'ink';
import { useStore } from 'zustand';
import { chooseDialog, promptDialog } from '../../base/dialog.js';
import { count, formatBytes, formatMemory } from '../../base/format.js';
import { listBindings } from '../../base/keys.js';
import type { ListMove } from '../../base/list.js';
import { padWidth, truncateWidth } from '../../base/width.js';
import { pop } from '../../state/router.js';
import {
  applyTemplate,
  type CreateField,
  type CreateForm,
  checkField,
  checkForm,
  createFields,
  moveCreateCursor,
} from '../../state/vm-create.js';
import {
  dialogTextInput,
  handleDialogAction,
  openDialog,
  openDialogBindings,
} from '../../state/vm-dialog.js';
import { loadNetworks, loadPools } from '../../state/vm-infra.js';
import { findTemplate, templates } from '../../state/vm-templates.js';
import { openDetail, setStatus } from '../../state/vms.js';
import { DialogView } from '../../ui/DialogView.js';
import { SlicedList } from '../../ui/SlicedList.js';
import type { ScreenContext, ScreenDef, ScreenViewProps } from '../types.js';
import { liveFeed, runOp, watchScreen } from './ops.js';
import { StatusBar } from './parts.js';
import { specs } from './specs.js';

const labels: Record<CreateField, string> = {
  template: 'Template',
  name: 'Name',
  pool: 'Storage pool',
  network: 'Network',
  vcpus: 'vCPUs',
  memoryMiB: 'Memory (MiB)',
  diskGiB: 'Disk (GiB)',
  create: '',
};

function valueText(ctx: ScreenContext, f: CreateField, form: CreateForm): string {
  switch (f) {
    case 'template': {
      if (!form.template) return '(choose one)';
      const t = templates.find((x) => x.id === form.template);
      return t ? `${t.id}: ${t.title}` : form.template;
    }
    case 'pool':
      return form.pool ?? '(default: "default" or the first running pool)';
    case 'network':
      return form.network === undefined
        ? '(default: "default" when it exists)'
        : form.network === 'user'
          ? 'user (QEMU user networking, no libvirt network)'
          : form.network === 'none'
            ? 'none (no network card)'
            : form.network;
    case 'memoryMiB':
      return form.memoryMiB && /^[0-9]+$/.test(form.memoryMiB)
        ? `${form.memoryMiB}  (${formatMemory(Number(form.memoryMiB) * 1024)})`
        : form.memoryMiB;
    case 'create': {
      const problems = checkForm(form, takenNames(ctx));
      const n = Object.keys(problems).length;
      return n === 0 ? '▶ Create the VM' : `▶ Create (first fill in or fix ${count(n, 'field')})`;
    }
    default:
      return form[f];
  }
}

const takenNames = (ctx: ScreenContext) => ctx.stores.vms.getState().vms.map((v) => v.name);

function CreateView({ ctx, width, height }: ScreenViewProps) {
  const s = useStore(ctx.stores.vmArea.create);
  const vms = useStore(ctx.stores.vms);
  const dialog = useStore(ctx.stores.vmArea.dialog, (d) => d.dialog);
  if (dialog) return <DialogView dialog={dialog} width={width} height={height} />;
  const t = s.form.template ? templates.find((x) => x.id === s.form.template) : undefined;
  const sel = createFields[s.list.cursor];
  const problem = sel ? s.problems[sel] : undefined;
  return (
    <Box flexDirection="column" height={height}>
      <Text>{truncateWidth('New VM from a template. Enter changes the selected row.', width)}</Text>
      <Text> </Text>
      <SlicedList
        items={createFields}
        state={s.list}
        height={createFields.length}
        rowKey={(f) => f}
        row={(f) => {
          const p = s.problems[f];
          return f === 'create' ? (
            <Text bold>{truncateWidth(valueText(ctx, f, s.form), width - 2)}</Text>
          ) : (
            <Text>
              {padWidth(labels[f], 15)}
              {truncateWidth(valueText(ctx, f, s.form), width - 2 - 15 - (p ? 3 : 0))}
              {p ? <Text color="red"> ✕</Text> : null}
            </Text>
          );
        }}
      />
      <Text> </Text>
      <Text color={problem ? 'red' : undefined} dimColor={!problem}>
        {truncateWidth(problem ? `✕ ${problem}` : t ? `${t.title}: ${t.notes}` : ' ', width)}
      </Text>
      {t ? (
        <Text dimColor>
          {truncateWidth(
            `Firmware ${t.firmware === 'efi' ? 'UEFI' : 'BIOS'}${t.secureBoot ? ' + Secure Boot' : ''}${t.tpm ? ' + TPM 2.0' : ''}; ${t.diskBus} disk, ${t.nicModel} network card.`,
            width,
          )}
        </Text>
      ) : null}
      <Box flexGrow={1} />
      <StatusBar status={vms.status} fallback=" " width={width} />
    </Box>
  );
}

function edit(ctx: ScreenContext, field: CreateField) {
  const store = ctx.stores.vmArea.create;
  const dialog = ctx.stores.vmArea.dialog;
  const infra = ctx.stores.vmArea.infra.getState();
  const form = store.getState().form;
  const set = (patch: Partial<CreateForm>) =>
    store.setState((s) => {
      const next = { ...s.form, ...patch };
      const problems = { ...s.problems };
      for (const k of Object.keys(patch) as CreateField[]) delete problems[k];
      return { form: next, problems };
    });
  switch (field) {
    case 'template':
      openDialog(
        dialog,
        chooseDialog({
          title: 'Template',
          lines: [],
          options: templates.map((t) => ({
            label: `${padWidth(t.id, 20)} ${t.vcpus} vCPU, ${formatMemory(t.memoryMiB * 1024)}, ${t.diskGiB} GiB`,
            value: t.id,
          })),
          onChoose: (id) =>
            store.setState((s) => ({
              form: applyTemplate(s.form, findTemplate(id)),
              problems: {},
            })),
        }),
      );
      return;
    case 'pool': {
      const pools = infra.pools.items;
      if (pools.length === 0) {
        setStatus(ctx.stores.vms, {
          kind: 'info',
          message: 'No storage pools were listed (yet); the default applies.',
        });
        return;
      }
      openDialog(
        dialog,
        chooseDialog({
          title: 'Storage pool for the disk',
          lines: [],
          options: pools.map((p) => ({
            label: p.active
              ? `${padWidth(p.name, 24)} ${formatBytes(p.availableBytes)} free`
              : p.name,
            value: p.name,
            disabled: p.active ? undefined : 'not running',
          })),
          onChoose: (pool) => set({ pool }),
        }),
      );
      return;
    }
    case 'network':
      openDialog(
        dialog,
        chooseDialog({
          title: 'Network',
          lines: [],
          options: [
            ...infra.networks.items.map((n) => ({
              label: `${n.name}${n.forward ? ` (${n.forward})` : ' (isolated)'}`,
              value: n.name,
              disabled: n.active ? undefined : 'not running',
            })),
            { label: 'user (QEMU user networking)', value: 'user' },
            { label: 'none (no network card)', value: 'none' },
          ],
          onChoose: (network) => set({ network }),
        }),
      );
      return;
    case 'create':
      return create(ctx);
    default:
      openDialog(
        dialog,
        promptDialog({
          title: labels[field],
          lines: [],
          label: labels[field],
          value: form[field],
          validate: (v) => checkField(field, v, takenNames(ctx)),
          onSubmit: (v) => set({ [field]: v }),
        }),
      );
  }
}

function create(ctx: ScreenContext) {
  const store = ctx.stores.vmArea.create;
  const { form, creating } = store.getState();
  if (creating) return;
  const problems = checkForm(form, takenNames(ctx));
  if (Object.keys(problems).length > 0) {
    store.setState({ problems });
    const first = createFields.findIndex((f) => problems[f]);
    store.setState((s) => ({ list: { ...s.list, cursor: Math.max(0, first) } }));
    return;
  }
  store.setState({ creating: true });
  void runOp(
    ctx,
    specs.create,
    {
      name: form.name,
      template: form.template!,
      vcpus: Number(form.vcpus),
      memoryBytes: Number(form.memoryMiB) * 1024 * 1024,
      diskBytes: Number(form.diskGiB) * 1024 ** 3,
      ...(form.pool ? { pool: form.pool } : {}),
      ...(form.network ? { network: form.network } : {}),
    },
    {
      busy: `Creating ${form.name} (disk volume, then the definition)…`,
      ok: (r) =>
        `${r.name} created: disk ${r.pool}/${r.volume}${r.network ? `, network ${r.network}` : ''}. s starts it.`,
    },
  ).then((r) => {
    store.setState({ creating: false });
    if (!r.ok) return;
    store.setState({ form: { ...form, name: '' } });
    // Straight to the new VM's details, where it can be started.
    const status = ctx.stores.vms.getState().status;
    openDetail(ctx.stores.vms, { uuid: r.out.uuid, name: r.out.name });
    pop(ctx.stores.router);
    ctx.stores.router.setState((s) => ({ stack: [...s.stack, 'vm-detail'] }));
    ctx.stores.vms.setState({ status });
  });
}

export const vmCreateScreen: ScreenDef = {
  id: 'vm-create',
  title: 'New VM',
  watch: watchScreen(() => vmCreateScreen),
  bindings: (ctx) =>
    openDialogBindings(ctx.stores.vmArea.dialog) ?? [
      ...listBindings.slice(0, 2),
      {
        action: 'edit',
        keys: ['enter'],
        label: 'change',
        hint: true,
        help: 'Change the selected row, or create on the last row.',
      },
      {
        action: 'create',
        keys: ['c'],
        label: 'create',
        hint: true,
        help: 'Create the VM with these settings.',
      },
    ],
  help: {
    beginner:
      'Choose a template first: it sets sensible sizes for that operating system (you can change them). The disk is created as a new volume in the storage pool; the network connects the VM. After creating, start the VM and attach an installer ISO to install its operating system.',
    intermediate:
      'Template defaults (vCPU/RAM/disk), pool and network; creates a qcow2 volume and defines the domain from validated XML. Refused in the hardened phase.',
    expert: 'vol-create-as + define from template XML. c creates.',
  },
  command: (ctx) => {
    const st = ctx.stores.vms.getState().status;
    if (st?.command) return st.command;
    const f = ctx.stores.vmArea.create.getState().form;
    const q = (x: string) =>
      /^[A-Za-z0-9_./:=@+-]+$/.test(x) ? x : `'${x.replace(/'/g, `'\\''`)}'`;
    return f.template
      ? `hv vm create ${q(f.name || 'NAME')} --template ${f.template} --vcpus ${f.vcpus} --memory ${f.memoryMiB}M --disk ${f.diskGiB}G${f.pool ? ` --pool ${q(f.pool)}` : ''}${f.network ? ` --network ${q(f.network)}` : ''}`
      : 'hv vm templates';
  },
  onEnter(ctx) {
    void liveFeed(ctx);
    const hv = ctx.hypervisor();
    if (hv) {
      void loadPools(ctx.stores.vmArea.infra, hv);
      void loadNetworks(ctx.stores.vmArea.infra, hv);
    }
    ctx.stores.vms.setState({ status: undefined });
    return undefined;
  },
  textInput: (ctx) => dialogTextInput(ctx.stores.vmArea.dialog),
  onAction(action, ctx) {
    if (handleDialogAction(ctx.stores.vmArea.dialog, action)) return;
    const store = ctx.stores.vmArea.create;
    if (action === 'edit') {
      const f = createFields[store.getState().list.cursor];
      if (f) edit(ctx, f);
      return;
    }
    if (action === 'create') return create(ctx);
    moveCreateCursor(store, action as ListMove);
  },
  View: CreateView,
};
