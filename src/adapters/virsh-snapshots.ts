// Snapshots over virsh: the list with parents (a forest, see snapshotTree in
// hypervisor.ts), create, revert and delete.
import { HvError } from '../base/errors.js';
import type { CreateSnapshotOptions, DomainRef, SnapshotInfo } from './hypervisor.js';
import { domainError, domExec } from './virsh-domains.js';
import { parseLines, parseSnapshot } from './virsh-parse.js';
import type { Virsh } from './virsh-port.js';

// The snapshot XML without the (large) domain definition it embeds.
const withoutDomain =
  '/domainsnapshot/*[not(self::domain) and not(self::inactiveDomain) and not(self::cookie)]';

function infoCommands(dom: DomainRef, names: readonly string[]): string[][] {
  return names.map((n) => [
    'snapshot-dumpxml',
    '--domain',
    dom,
    '--snapshotname',
    n,
    '--xpath',
    withoutDomain,
    '--wrap',
  ]);
}

export async function listSnapshots(v: Virsh, dom: DomainRef): Promise<SnapshotInfo[]> {
  const {
    outputs: [names = '', current = ''],
    stderr,
  } = await v.script([
    ['snapshot-list', '--domain', dom, '--name'],
    ['snapshot-current', '--domain', dom, '--name'],
  ]);
  const list = parseLines(names);
  if (list.length === 0) {
    // An empty list is normal; a missing domain says so in stderr.
    if (/domain/i.test(stderr) && /not found|failed to get/i.test(stderr)) {
      throw domainError(stderr, v.uri, dom);
    }
    return [];
  }
  const cur = current.trim() || undefined;
  const { outputs } = await v.script(infoCommands(dom, list));
  return outputs
    .map((xml) => parseSnapshot(xml, cur))
    .filter((s): s is SnapshotInfo => s !== undefined);
}

export async function snapshotInfo(v: Virsh, dom: DomainRef, name: string): Promise<SnapshotInfo> {
  const {
    outputs: [xml = '', current = ''],
    stderr,
  } = await v.script([
    ...infoCommands(dom, [name]),
    ['snapshot-current', '--domain', dom, '--name'],
  ]);
  const s = parseSnapshot(xml, current.trim() || undefined);
  if (!s) {
    if (/snapshot/i.test(stderr)) {
      throw new HvError('not-found', `"${dom}" has no snapshot named "${name}"`, {
        fix: `list them with: hv vm snapshot list "${dom}"`,
        detail: stderr.trim(),
      });
    }
    throw domainError(stderr, v.uri, dom);
  }
  return s;
}

export async function createSnapshot(
  v: Virsh,
  dom: DomainRef,
  opts: CreateSnapshotOptions,
): Promise<SnapshotInfo> {
  let out: string;
  try {
    out = await domExec(
      v,
      dom,
      [
        'snapshot-create-as',
        '--domain',
        dom,
        ...(opts.name === undefined ? [] : ['--name', opts.name]),
        ...(opts.description === undefined ? [] : ['--description', opts.description]),
        ...(opts.diskOnly ? ['--disk-only', '--atomic'] : []),
      ],
      { timeoutMs: 600_000 },
    );
  } catch (e) {
    if (e instanceof HvError && /already exists/i.test(e.detail ?? e.message)) {
      throw new HvError('invalid-input', `"${dom}" already has a snapshot named "${opts.name}"`, {
        fix: 'choose another snapshot name',
        detail: e.detail,
      });
    }
    throw e;
  }
  const name = opts.name ?? /Domain snapshot (.+) created/.exec(out)?.[1];
  if (!name)
    throw new HvError('failed', 'libvirt did not say which snapshot it created', { detail: out });
  return snapshotInfo(v, dom, name);
}

async function requireSnapshot(v: Virsh, dom: DomainRef, name: string): Promise<void> {
  await snapshotInfo(v, dom, name);
}

export async function revertSnapshot(v: Virsh, dom: DomainRef, name: string): Promise<void> {
  await requireSnapshot(v, dom, name);
  await v.exec(['snapshot-revert', '--domain', dom, '--snapshotname', name], {
    timeoutMs: 600_000,
  });
}

export async function deleteSnapshot(
  v: Virsh,
  dom: DomainRef,
  name: string,
  opts: { children?: boolean },
): Promise<void> {
  await requireSnapshot(v, dom, name);
  await v.exec(
    [
      'snapshot-delete',
      '--domain',
      dom,
      '--snapshotname',
      name,
      ...(opts.children ? ['--children'] : []),
    ],
    { timeoutMs: 600_000 },
  );
}
