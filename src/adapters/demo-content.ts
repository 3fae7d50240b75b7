// What the demo holds: demo/manifest.json (networks, pools, volumes, VMs,
// snapshots, states) and the one virsh script that loads it into a fresh
// test:///default.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { z } from 'zod';
import { HvError } from '../base/errors.js';
import { packageRoot } from './package-root.js';
import { VirshHypervisor } from './virsh.js';

const Manifest = z.object({
  version: z.literal(1),
  remove: z.array(z.string()),
  networks: z.array(
    z.object({ file: z.string(), name: z.string(), start: z.boolean(), autostart: z.boolean() }),
  ),
  pools: z.array(
    z.object({
      file: z.string(),
      name: z.string(),
      start: z.boolean(),
      autostart: z.boolean(),
      volumes: z.array(z.object({ name: z.string(), capacity: z.string() })),
    }),
  ),
  domains: z.array(
    z.object({
      file: z.string(),
      uuid: z.string(),
      name: z.string(),
      state: z.enum(['running', 'paused', 'shut off']),
      autostart: z.boolean(),
      snapshots: z.array(z.object({ name: z.string(), description: z.string() })),
      volume: z.object({ pool: z.string(), name: z.string(), capacity: z.string() }),
    }),
  ),
});
export type DemoManifest = z.infer<typeof Manifest>;

export function demoManifest(): DemoManifest {
  return Manifest.parse(JSON.parse(readFileSync(join(demoDir(), 'manifest.json'), 'utf8')));
}

export const demoDir = () => join(packageRoot(), 'demo');

/** The virsh commands that turn a fresh test:///default into the demo. */
export function demoScript(m: DemoManifest, dir = demoDir()): string[][] {
  const cmds: string[][] = [];
  for (const name of m.remove) cmds.push(['destroy', name], ['undefine', name]);
  for (const n of m.networks) {
    cmds.push(['net-define', join(dir, n.file)]);
    if (n.start) cmds.push(['net-start', n.name]);
    if (n.autostart) cmds.push(['net-autostart', n.name]);
  }
  for (const p of m.pools) {
    cmds.push(['pool-define', join(dir, p.file)]);
    if (p.start) cmds.push(['pool-start', p.name]);
    if (p.autostart) cmds.push(['pool-autostart', p.name]);
    for (const v of p.volumes) cmds.push(['vol-create-as', p.name, v.name, v.capacity]);
  }
  for (const d of m.domains) {
    cmds.push([
      'vol-create-as',
      d.volume.pool,
      d.volume.name,
      d.volume.capacity,
      '--format',
      'qcow2',
    ]);
    cmds.push(['define', join(dir, d.file)]);
    // Snapshots are taken while shut off, so reverting them is always allowed.
    for (const s of d.snapshots) {
      cmds.push([
        'snapshot-create-as',
        '--domain',
        d.uuid,
        '--name',
        s.name,
        '--description',
        s.description,
      ]);
    }
    if (d.state !== 'shut off') cmds.push(['start', d.uuid]);
    if (d.state === 'paused') cmds.push(['suspend', d.uuid]);
    if (d.autostart) cmds.push(['autostart', d.uuid]);
  }
  return cmds;
}

export async function loadDemoContent(uri: string): Promise<void> {
  const hv = new VirshHypervisor(uri);
  const { stderr } = await hv.script(demoScript(demoManifest()));
  if (stderr.trim()) {
    throw new HvError('failed', 'libvirt refused part of the demo content', {
      detail: stderr.trim(),
      fix: "this is a bug in hv's demo files; `hv demo stop` and report the detail (HV_DEBUG=1)",
    });
  }
  const expected = demoManifest().domains.length;
  const got = (await hv.listDomains()).length;
  if (got !== expected) {
    throw new HvError('failed', `the demo loaded ${got} of ${expected} VMs`, {
      fix: 'run `hv demo stop` and `hv demo start` again; `hv doctor` checks libvirt',
    });
  }
}
