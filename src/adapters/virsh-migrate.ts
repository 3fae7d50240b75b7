// Live migration through libvirt itself (`virsh migrate --live --persistent`):
// progress comes from --verbose's "Migration: [ 45 %]" lines on stderr.
import { execa } from 'execa';
import { HvError } from '../base/errors.js';
import { refusingDriver } from '../base/libvirt-drivers.js';
import { childCwd } from './child-cwd.js';
import type { DomainRef, MigrateOptions } from './hypervisor.js';
import { classifyLibvirtError, libvirtReason } from './libvirt-errors.js';
import { packageFor, run } from './run.js';
import { parseMigrationProgress } from './virsh-parse.js';
import { findExecutable } from './which.js';

export function migrateArgs(
  uri: string,
  dom: DomainRef,
  destUri: string,
  opts: Pick<MigrateOptions, 'live' | 'persistent' | 'undefineSource'>,
): string[] {
  return [
    '-c',
    uri,
    'migrate',
    ...(opts.live === false ? [] : ['--live']),
    ...(opts.persistent === false ? [] : ['--persistent']),
    ...(opts.undefineSource ? ['--undefinesource'] : []),
    '--verbose',
    '--domain',
    dom,
    '--desturi',
    destUri,
  ];
}

export async function migrateDomain(
  uri: string,
  dom: DomainRef,
  destUri: string,
  opts: MigrateOptions,
): Promise<void> {
  if (destUri === uri) {
    throw new HvError('invalid-input', 'the destination is the connection the VM is on', {
      fix: 'choose another host: hv connections list',
    });
  }
  const virsh = findExecutable('virsh');
  if (!virsh) {
    throw new HvError('tool-missing', 'virsh is not installed', {
      fix: `install the ${packageFor.virsh} package`,
    });
  }
  // Ask the destination first: virsh's own failure would name neither side, and a
  // message about the source ("start the demo") would send people the wrong way.
  const probe = await run('virsh', ['-c', destUri, 'uri'], { timeoutMs: 20_000 });
  if (probe.exitCode !== 0) {
    const e = classifyLibvirtError(probe.stderr || probe.stdout, destUri);
    throw new HvError(
      e.kind,
      `the destination ${destUri} does not answer: ${libvirtReason(probe.stderr || probe.stdout)}`,
      {
        ...(e.fix === undefined ? {} : { fix: e.fix }),
        detail: (probe.stderr || probe.stdout).trim(),
      },
    );
  }
  const child = execa(virsh, migrateArgs(uri, dom, destUri, opts), {
    env: { LC_ALL: 'C' },
    cwd: childCwd(),
    detached: true,
    stdin: 'ignore',
    reject: false,
    timeout: opts.timeoutMs ?? 6 * 3600_000,
    ...(opts.signal ? { cancelSignal: opts.signal } : {}),
  });
  let errText = '';
  child.stderr?.setEncoding('utf8');
  child.stderr?.on('data', (c: string) => {
    const pct = parseMigrationProgress(c);
    if (pct !== undefined) opts.onProgress?.({ percent: pct, message: `migrating: ${pct}%` });
    else errText = (errText + c).slice(-8000);
  });
  const r = await child;
  if (r.exitCode === 0) {
    opts.onProgress?.({ percent: 100, message: 'migrated' });
    return;
  }
  if (r.isCanceled) throw new HvError('failed', 'migration cancelled');
  const e = classifyLibvirtError(errText, uri);
  if (e.kind === 'unsupported') {
    throw new HvError(
      'unsupported',
      `the ${refusingDriver(uri, destUri)} driver cannot migrate "${dom}" to ${destUri}, so nothing was moved: ${libvirtReason(errText)}`,
      {
        fix: 'live migration needs QEMU/KVM on both hosts (qemu:///system or qemu+ssh://host/system), shared or copied storage, and the same CPU family; the demo (test driver) cannot migrate',
        detail: errText.trim(),
      },
    );
  }
  if (e.kind === 'not-found' && /domain/i.test(errText)) {
    throw new HvError('not-found', `no VM named "${dom}" on ${uri}`, {
      fix: 'list the VMs with `hv vm list`',
      detail: errText.trim(),
    });
  }
  throw e;
}
