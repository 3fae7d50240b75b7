// Every kind of file hv writes, as the robustness suite needs it: where it lives,
// how hv writes version n of it (with hv's own code), how hv reads it back, and
// whether what is on disk now is whole. Shared by the corrupt-file tests and the
// kill -9 writer (writer.ts), so both speak of exactly the same files.
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { DemoState, demoStatus } from '../../src/adapters/demo.js';
import { demoPaths } from '../../src/adapters/demo-paths.js';
import { writeFileAtomic } from '../../src/base/atomic.js';
import type { LoadResult } from '../../src/base/persist.js';
import type { HardwareFacts } from '../../src/catalog/types.js';
import {
  emptyProgress,
  loadProgress,
  progressFile,
  saveProgress,
} from '../../src/learning/progress.js';
import { ownership } from '../../src/nix/header.js';
import {
  addConnection,
  allConnections,
  loadConnections,
  removeConnection,
} from '../../src/operations/connections.js';
import { runSetup } from '../../src/operations/setup-write.js';
import { appendAudit } from '../../src/security/audit.js';
import { readAudit } from '../../src/security/audit-log.js';
import { hardenedMarker } from '../../src/security/phase.js';
import { phaseStatus, writeHardenedMarker } from '../../src/security/phase-ops.js';
import { type Draft, draftFile, loadDraft, saveDraft } from '../../src/state/draft.js';
import { loadSettings, saveSettings, settingsFile } from '../../src/state/settings.js';
import { answersSchema, parseAnswers } from '../../src/wizard/answers.js';

/** A private environment (tests/helpers.ts privateEnv) plus where setup writes to. */
export interface Env extends Record<string, string> {
  XDG_CONFIG_HOME: string;
  XDG_STATE_HOME: string;
  HV_ROOT_DIR: string;
  HV_DEMO_DIR: string;
  HV_AUDIT_LOG: string;
  HOME: string;
  /** The configuration folder the setup kind writes. */
  HV_TEST_OUT: string;
  /** The repository, for the golden answers. */
  HV_REPO: string;
}

export interface StateKind {
  name: string;
  /** The file (for the audit log: the current file; rotated ones sit beside it). */
  file: (env: Env) => string;
  /** Writes version n, as hv does. */
  write: (env: Env, n: number) => void;
  /** Reads it as hv does (never throws: that is what is tested). */
  load?: (env: Env) => LoadResult<unknown> | { status: string };
  /**
   * Problems with what is on disk now; [] when it is whole. `kills` is how many
   * writers were killed so far (each may cut the audit line it was appending).
   */
  check: (env: Env, kills?: number) => string[];
}

const levels = ['beginner', 'intermediate', 'expert'] as const;
const iso = (n: number) => new Date(Date.UTC(2026, 0, 1) + n * 1000).toISOString();

const draftV = (n: number): Draft => ({
  version: 1,
  savedAt: iso(n),
  step: 'features:backup',
  answers: answersSchema.parse({
    version: 1,
    experience: levels[n % 3],
    host: { hostname: `resume-${n}`, adminUser: 'ada' },
    features: { tailscale: { enable: n % 2 === 0 } },
  }),
  showAll: n % 2 === 0,
  // Padding makes the file big enough that a write is not one instant.
  autoOff: Object.fromEntries(Array.from({ length: 50 }, (_, i) => [`f${i}`, `reason ${n} ${i}`])),
  outDir: '/tmp/out',
});

/** A loader result must be ok: anything else means a half-written file was read. */
const okLoad = (what: string, r: { status: string }) =>
  r.status === 'ok' ? [] : [`${what}: status ${r.status}`];

export const kinds: StateKind[] = [
  {
    name: 'settings',
    file: (env) => settingsFile(env),
    write: (env, n) =>
      saveSettings({ version: 1, experience: levels[n % 3]!, showCommands: n % 2 === 0 }, env),
    load: (env) => loadSettings(env),
    check: (env) => okLoad('settings', loadSettings(env)),
  },
  {
    name: 'setup draft',
    file: (env) => draftFile(env),
    write: (env, n) => saveDraft(draftV(n), env),
    load: (env) => loadDraft(env),
    check: (env) => okLoad('draft', loadDraft(env)),
  },
  {
    name: 'learning progress',
    file: (env) => progressFile(env),
    write: (env, n) =>
      saveProgress(
        {
          ...emptyProgress(),
          usage: {
            sessions: n,
            days: Array.from({ length: 60 }, (_, i) => iso(n * 86_400 + i * 86_400).slice(0, 10)),
          },
        },
        env,
      ),
    load: (env) => loadProgress(env),
    check: (env) => okLoad('progress', loadProgress(env)),
  },
  {
    name: 'saved connections',
    file: (env) => join(env.XDG_CONFIG_HOME, 'hv', 'connections.json'),
    write: (env, n) => {
      // Each writer starts again at 0, so a name may already be saved: replace it.
      const name = `host-${n % 5}`;
      if (allConnections(env).list.some((c) => c.name === name)) removeConnection(name, env);
      else addConnection(name, `qemu+ssh://${name}.lan/system`, env);
    },
    load: (env) => loadConnections(env),
    check: (env) => okLoad('connections', loadConnections(env)),
  },
  {
    name: 'phase marker',
    file: (env) => hardenedMarker(env),
    write: (env, n) => writeHardenedMarker({ by: `user-${n}`, since: iso(n) }, env),
    check: (env) => {
      try {
        const v = JSON.parse(readFileSync(hardenedMarker(env), 'utf8'));
        return v.phase === 'hardened' && phaseStatus(env).by === v.by ? [] : ['marker content'];
      } catch (e) {
        return [`marker: ${(e as Error).message}`];
      }
    },
  },
  {
    name: 'demo state (demo.json)',
    file: (env) => demoPaths(env).stateFile,
    // demo.ts writes it exactly so (writeFileAtomic of the JSON) once the daemon is up.
    write: (env, n) =>
      writeFileAtomic(
        demoPaths(env).stateFile,
        `${JSON.stringify({ version: 1, uri: `test+unix:///default?socket=/x/${n}`, libvirtdPid: 1_000_000 + n, holderPid: 2_000_000 + n, startedAt: iso(n), runsAs: 'nobody' }, null, 2)}\n`,
      ),
    load: (env) => ({ status: demoStatus(env).running ? 'running' : 'not running' }),
    check: (env) => {
      try {
        const r = DemoState.safeParse(JSON.parse(readFileSync(demoPaths(env).stateFile, 'utf8')));
        return r.success ? [] : ['demo.json shape'];
      } catch (e) {
        return [`demo.json: ${(e as Error).message}`];
      }
    },
  },
  {
    name: 'audit log (with rotation)',
    file: (env) => env.HV_AUDIT_LOG,
    write: (env, n) =>
      appendAudit(
        {
          time: iso(n),
          user: 'ada',
          uri: 'test:///default',
          operation: 'vm.start',
          target: `vm-${n}`,
          args: { pad: 'x'.repeat(200) },
          result: 'ok',
          durationMs: n,
        },
        env,
      ),
    load: (env) => ({ status: readAudit(env).entries.length >= 0 ? 'ok' : 'bad' }),
    check: (env, kills = 0) => {
      // Appends: a kill may cut the one line being written (later appends start on a
      // new line, so it stays one skipped line); every other line is a whole entry.
      const r = readAudit(env);
      return r.skipped > kills ? [`audit: ${r.skipped} damaged lines after ${kills} kills`] : [];
    },
  },
  {
    name: 'host configuration (hv setup)',
    file: (env) => join(env.HV_TEST_OUT, 'hypervisor-features.nix'),
    write: (env, n) => {
      const set = n % 2 === 0 ? 'beginner-minimal' : 'expert-full';
      const dir = join(env.HV_REPO, 'tests', 'golden', set);
      const parsed = parseAnswers(JSON.parse(readFileSync(join(dir, 'answers.json'), 'utf8')));
      if (!parsed.ok) throw new Error('golden answers');
      const hardware = JSON.parse(
        readFileSync(join(dir, 'hardware.json'), 'utf8'),
      ) as HardwareFacts;
      runSetup({
        answers: parsed.answers,
        hardware,
        phase: 'setup',
        outDir: env.HV_TEST_OUT,
        dryRun: false,
        force: true,
      });
    },
    check: (env) => {
      const problems: string[] = [];
      const walk = (dir: string, rel = ''): void => {
        for (const e of readdirSync(dir, { withFileTypes: true })) {
          const p = join(rel, e.name);
          if (e.isDirectory()) {
            if (e.name !== '.hv-backups') walk(join(dir, e.name), p);
            continue;
          }
          // A kill may leave the temp file it was writing; the file beside it is whole.
          if (e.name.endsWith('.tmp')) continue;
          const text = readFileSync(join(dir, e.name), 'utf8');
          if (e.name.endsWith('.json')) {
            try {
              JSON.parse(text);
            } catch {
              problems.push(`${p}: not whole JSON`);
            }
          } else if (e.name.endsWith('.nix') && ownership(text) !== 'ours') {
            // Every .nix file hv writes carries the hash of its body: a cut file fails it.
            problems.push(`${p}: ${ownership(text)}, not the whole file hv wrote`);
          }
        }
      };
      if (existsSync(env.HV_TEST_OUT)) walk(env.HV_TEST_OUT);
      return problems;
    },
  },
];

export const kindNamed = (name: string) => {
  const k = kinds.find((x) => x.name === name);
  if (!k) throw new Error(`no state kind ${name}`);
  return k;
};
