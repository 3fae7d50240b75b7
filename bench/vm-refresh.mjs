// hv's VM list refresh with 1000 VMs, against one `virsh domstats` in the same
// run (the ratio is the figure; see docs/PERFORMANCE.md). The daemon is a private
// demo-like libvirtd (test driver) loaded with 1000 extra domains, a third of them
// running. hv's adapter is bundled from src/ with esbuild (as scripts/build.mjs
// does), so the same code the console runs is measured in-process.
import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { build } from 'esbuild';
import { execa } from 'execa';

const N = 1000;
const RUNS = 9;

const round = (n, digits = 1) => Math.round(n * 10 ** digits) / 10 ** digits;
const median = (v) => {
  const s = [...v].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)];
};

function domainXml(i) {
  const n = String(i).padStart(4, '0');
  return `<domain type='test'><name>bench-${n} "q" é</name><memory unit='MiB'>${256 + (i % 8) * 256}</memory><vcpu>${1 + (i % 4)}</vcpu><os><type arch='x86_64'>hvm</type></os></domain>\n`;
}

export async function vmRefresh({ root, tmp, node, hvBin, baseEnv, log }) {
  const demoDir = join(tmp, 'demo-1000');
  const env = { ...baseEnv, HV_DEMO_DIR: demoDir, XDG_RUNTIME_DIR: join(tmp, 'run') };
  const hvRun = (...args) =>
    execa(node, [hvBin, ...args], { env, extendEnv: false, reject: false, timeout: 60_000 });
  const started = await hvRun('demo', 'start', '--json');
  if (started.exitCode !== 0) throw new Error(`demo start failed: ${started.stderr}`);
  const uri = JSON.parse(started.stdout).uri;
  try {
    log(`vm refresh: defining ${N} domains on a private test-driver daemon`);
    const xmlDir = join(tmp, 'xml-1000');
    mkdirSync(xmlDir, { recursive: true });
    const cmds = [];
    for (let i = 0; i < N; i++) {
      const f = join(xmlDir, `d${i}.xml`);
      writeFileSync(f, domainXml(i));
      cmds.push(`define ${f}`);
      if (i % 3 === 0) cmds.push(`start "bench-${String(i).padStart(4, '0')} \\"q\\" é"`);
    }
    const def = await execa('virsh', ['-q', '-c', uri, cmds.join(' ; ')], {
      reject: false,
      timeout: 300_000,
    });
    if (def.exitCode !== 0) throw new Error(`defining domains failed: ${def.stderr.slice(0, 500)}`);

    // Inside node_modules so the bundle resolves the optional native binding.
    const bundle = join(root, 'node_modules', '.cache', `hv-bench-composite-${process.pid}.mjs`);
    await build({
      absWorkingDir: root,
      entryPoints: ['src/adapters/composite.ts'],
      outfile: bundle,
      bundle: true,
      format: 'esm',
      platform: 'node',
      target: 'node20',
      external: ['@unraid/libvirt'],
      banner: {
        js: "import { createRequire as __c } from 'node:module'; const require = __c(import.meta.url);",
      },
      logLevel: 'warning',
    });
    const { CompositeHypervisor } = await import(pathToFileURL(bundle).href);
    rmSync(bundle, { force: true });

    const time = async (fn) => {
      const t0 = performance.now();
      const r = await fn();
      return { ms: performance.now() - t0, r };
    };
    const domstats = () =>
      execa('virsh', ['-c', uri, 'domstats', '--raw'], { reject: false, env: { LC_ALL: 'C' } });

    // The console: the composite with its event stream live. With the stream, its
    // listing is virsh's with names kept resolved to UUIDs (re-resolved only where
    // events say; src/adapters/virsh-listing.ts); the stream first gets time to
    // register. virshOnly is the same without the binding (HV_NO_NATIVE=1).
    const consoleHv = await CompositeHypervisor.open(uri);
    const virshOnly = await CompositeHypervisor.open(uri, { native: false });
    const cold = await time(() => virshOnly.listDomains());
    const count = cold.r.length;
    const streams = [consoleHv, virshOnly].map((h) =>
      h.subscribeEvents({ onEvent: () => undefined }),
    );
    await new Promise((r) => setTimeout(r, 2500));
    await consoleHv.listDomains();
    await virshOnly.listDomains();
    const namesCached = consoleHv.virsh.listingTrustsNames && virshOnly.virsh.listingTrustsNames;
    // One-shot commands (`hv vm list`) have no event stream: the binding lists
    // when it loads, else virsh resolves every name each time.
    const oneShot = await CompositeHypervisor.open(uri);
    const noEvents = await CompositeHypervisor.open(uri, { native: false });
    // hv's own RPC client (HV_LIBVIRT_RPC=1): the same listing with or without events.
    const rpcHv = await CompositeHypervisor.open(uri, { rpc: true });
    // The console on it: events live (its own subscription, no virsh process).
    const rpcConsole = await CompositeHypervisor.open(uri, { rpc: true });
    const rpcEvents = [];
    const rpcStream = rpcConsole.subscribeEvents({ onEvent: (e) => rpcEvents.push(e) });
    while (rpcEvents.length === 0) {
      await execa('virsh', ['-c', uri, 'start', 'web-01'], { reject: false });
      await execa('virsh', ['-c', uri, 'destroy', 'web-01'], { reject: false });
    }
    await rpcConsole.listDomains();
    await oneShot.listDomains();
    await noEvents.listDomains();
    await rpcHv.listDomains();
    await domstats();
    const ref = [];
    const hvConsole = [];
    const hvVirsh = [];
    const hvOneShot = [];
    const hvNoEvents = [];
    const hvRpc = [];
    const hvRpcConsole = [];
    // Interleaved, so a slow moment of the machine hits every side alike.
    for (let i = 0; i < RUNS; i++) {
      ref.push((await time(domstats)).ms);
      hvConsole.push((await time(() => consoleHv.listDomains())).ms);
      hvVirsh.push((await time(() => virshOnly.listDomains())).ms);
      hvOneShot.push((await time(() => oneShot.listDomains())).ms);
      hvNoEvents.push((await time(() => noEvents.listDomains())).ms);
      hvRpc.push((await time(() => rpcHv.listDomains())).ms);
      hvRpcConsole.push((await time(() => rpcConsole.listDomains())).ms);
    }
    // Whole processes, as a person runs them: `hv vm list --json` (each backend)
    // against `virsh list --all`, interleaved.
    const wholeEnv = (extra) => ({ ...env, ...extra });
    const proc =
      (argv, extra = {}) =>
      () =>
        execa(argv[0], argv.slice(1), {
          env: wholeEnv(extra),
          extendEnv: false,
          reject: false,
          timeout: 60_000,
        });
    const hvList = (extra) => proc([node, hvBin, '--connect', uri, 'vm', 'list', '--json'], extra);
    const sides = {
      virshListAll: proc(['virsh', '-c', uri, 'list', '--all'], { LC_ALL: 'C' }),
      hvRpc: hvList({ HV_LIBVIRT_RPC: '1' }),
      hvNative: hvList({}),
      hvVirshOnly: hvList({ HV_NO_NATIVE: '1' }),
    };
    const whole = Object.fromEntries(Object.keys(sides).map((k) => [k, []]));
    const rpcCheck = await sides.hvRpc();
    const rpcListed = rpcCheck.exitCode === 0 ? JSON.parse(rpcCheck.stdout) : undefined;
    for (let i = 0; i < RUNS; i++) {
      for (const [k, fn] of Object.entries(sides)) whole[k].push((await time(fn)).ms);
    }
    // One virsh process per domain, as a naive tool would: timed on a sample.
    const sample = cold.r.slice(0, 40);
    const perDomain = await time(async () => {
      for (const d of sample) {
        await execa('virsh', ['-c', uri, 'dominfo', d.uuid], { reject: false });
      }
    });
    const perDomainEstimateMs = (perDomain.ms / sample.length) * count;
    for (const s of streams) await s.stop();
    await rpcStream.stop();
    for (const h of [consoleHv, virshOnly, oneShot, noEvents, rpcHv, rpcConsole]) await h.close();

    const refMs = median(ref);
    const best = median(hvConsole);
    const ms = (v) => round(median(v));
    const ratio = (v) => round(median(v) / refMs, 2);
    log(
      `vm refresh: ${count} VMs: domstats ${round(refMs)} ms, console ${round(best)} ms, virsh-only ${ms(hvVirsh)} ms, one-shot ${ms(hvOneShot)} ms (${oneShot.backend}), one-shot virsh ${ms(hvNoEvents)} ms, cold ${round(cold.ms)} ms`,
    );
    return {
      vms: count,
      runs: RUNS,
      backend: consoleHv.backend,
      virshDomstatsMs: round(refMs),
      hvRefreshMs: round(best),
      ratio: round(best / refMs, 2),
      target: '≤1.5x one virsh domstats (aim ≤1x)',
      namesCached,
      hvVirshOnlyRefreshMs: ms(hvVirsh),
      virshOnlyRatio: ratio(hvVirsh),
      hvOneShotMs: ms(hvOneShot),
      oneShotRatio: ratio(hvOneShot),
      oneShotBackend: oneShot.backend,
      hvOneShotVirshMs: ms(hvNoEvents),
      oneShotVirshRatio: ratio(hvNoEvents),
      hvColdListMs: round(cold.ms),
      perDomainVirshEstimateMs: round(perDomainEstimateMs),
      speedupVsPerDomainVirsh: round(perDomainEstimateMs / best, 1),
      speedupTarget: '≥20x',
      hvRpcRefreshMs: ms(hvRpc),
      rpcRatio: ratio(hvRpc),
      hvRpcConsoleRefreshMs: ms(hvRpcConsole),
      rpcConsoleRatio: ratio(hvRpcConsole),
      rpcConsoleTarget: '≤0.5x one virsh domstats (issue 14)',
      rpcBackend: rpcHv.backend,
      wholeProcess: {
        what: '`hv --connect URI vm list --json` as a whole process vs `virsh list --all`',
        vmsListedByRpc: Array.isArray(rpcListed?.vms)
          ? rpcListed.vms.length
          : Array.isArray(rpcListed)
            ? rpcListed.length
            : null,
        virshListAllMs: ms(whole.virshListAll),
        hvRpcMs: ms(whole.hvRpc),
        hvRpcRatio: round(median(whole.hvRpc) / median(whole.virshListAll), 2),
        hvNativeMs: ms(whole.hvNative),
        hvNativeRatio: round(median(whole.hvNative) / median(whole.virshListAll), 2),
        hvVirshOnlyMs: ms(whole.hvVirshOnly),
        hvVirshOnlyRatio: round(median(whole.hvVirshOnly) / median(whole.virshListAll), 2),
        target: '≤1.2x virsh list --all (issue 14)',
      },
      domstatsSamplesMs: ref.map((v) => round(v)),
      hvSamplesMs: hvConsole.map((v) => round(v)),
    };
  } finally {
    await hvRun('demo', 'stop');
  }
}

// `node bench/vm-refresh.mjs`: this figure alone (bench/run.mjs runs it with the rest).
if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  const { mkdtempSync } = await import('node:fs');
  const { tmpdir } = await import('node:os');
  const { dirname } = await import('node:path');
  const { fileURLToPath } = await import('node:url');
  const root = join(dirname(fileURLToPath(import.meta.url)), '..');
  const tmp = mkdtempSync(join(tmpdir(), 'hvbench-vms-'));
  const baseEnv = Object.fromEntries(
    Object.entries(process.env).filter(([k]) => !k.startsWith('HV_')),
  );
  try {
    const result = await vmRefresh({
      root,
      tmp,
      node: process.execPath,
      hvBin: join(root, 'bin', 'hv.js'),
      baseEnv,
      log: (msg) => process.stderr.write(`bench: ${msg}\n`),
    });
    process.stdout.write(
      `${JSON.stringify({ date: new Date().toISOString(), vmRefresh: result }, null, 2)}\n`,
    );
  } finally {
    rmSync(tmp, { recursive: true, force: true });
  }
}
