import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { demoManifest, demoStatus, startDemo, stopDemo } from './demo.js';
import { VirshHypervisor } from './virsh.js';

// The real demo: a private libvirtd (as nobody when root) with the test driver.
const env = { ...process.env, HV_DEMO_DIR: mkdtempSync(join(tmpdir(), 'hvd-')) };

afterAll(async () => {
  await stopDemo(env);
});

describe('demo hypervisor', () => {
  it('starts, loaded with the shipped VMs, networks and pools', async () => {
    const { status, started } = await startDemo(env);
    expect(started).toBe(true);
    expect(status.running).toBe(true);
    const hv = new VirshHypervisor(status.uri);
    const vms = await hv.listDomains();
    const manifest = demoManifest();
    expect(vms.map((v) => v.name).sort()).toEqual(manifest.domains.map((d) => d.name).sort());
    expect(vms.length).toBeGreaterThanOrEqual(8);
    const states = new Set(vms.map((v) => v.state));
    expect(states).toEqual(new Set(['running', 'paused', 'shut off']));
    expect(
      vms.some((v) => v.name.includes('"') && v.name.includes("'") && /[^\x00-\x7f]/.test(v.name)),
    ).toBe(true);
    expect(vms.some((v) => v.name.length > 64)).toBe(true);
    const nets = await hv.exec(['net-list', '--all', '--name']);
    expect(
      nets
        .split('\n')
        .map((l) => l.trim())
        .filter(Boolean)
        .sort(),
    ).toEqual(['default', 'lab-isolated']);
    const pools = await hv.exec(['pool-list', '--all', '--name']);
    expect(
      pools
        .split('\n')
        .map((l) => l.trim())
        .filter(Boolean)
        .sort(),
    ).toEqual(['default-pool', 'iso-library']);
  });

  it('is shared by every connection while it runs', async () => {
    const { status, started } = await startDemo(env);
    expect(started).toBe(false);
    const a = new VirshHypervisor(status.uri);
    const b = new VirshHypervisor(status.uri);
    await a.exec(['start', 'build-runner']);
    const seen = (await b.listDomains()).find((v) => v.name === 'build-runner');
    expect(seen?.state).toBe('running');
    await b.exec(['destroy', 'build-runner']);
    expect((await a.listDomains()).find((v) => v.name === 'build-runner')?.state).toBe('shut off');
  });

  it('stops on request and reports it', async () => {
    expect(await stopDemo(env)).toBe(true);
    expect(demoStatus(env).running).toBe(false);
    expect(await stopDemo(env)).toBe(false);
  });

  it('stops by itself when idle', async () => {
    const idleEnv = { ...env, HV_DEMO_IDLE_SECONDS: '2' };
    const { status } = await startDemo(idleEnv);
    expect(status.running).toBe(true);
    const deadline = Date.now() + 15_000;
    while (demoStatus(idleEnv).running && Date.now() < deadline) {
      await new Promise((r) => setTimeout(r, 200));
    }
    expect(demoStatus(idleEnv).running).toBe(false);
  });

  it('recovers from a stale state file left by a crash', async () => {
    writeFileSync(
      join(env.HV_DEMO_DIR, 'demo.json'),
      JSON.stringify({
        version: 1,
        uri: 'x',
        libvirtdPid: 999999,
        holderPid: 999998,
        startedAt: new Date().toISOString(),
        runsAs: 'x',
      }),
    );
    expect(demoStatus(env).running).toBe(false);
    const { started, status } = await startDemo(env);
    expect(started).toBe(true);
    expect((await new VirshHypervisor(status.uri).listDomains()).length).toBe(
      demoManifest().domains.length,
    );
  });
});
