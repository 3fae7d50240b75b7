import { describe, expect, it } from 'vitest';
import {
  categoryInfo,
  features,
  profileInfo,
  riskInfo,
  roleInfo,
  toleranceInfo,
} from './features.js';
import { findCycle, transitiveDepends } from './graph.js';
import { paramSchema } from './params.js';
import {
  categories,
  type Feature,
  type ParamSpec,
  profiles,
  type RiskLevel,
  riskLevels,
  riskRank,
  riskTolerances,
  roles,
} from './types.js';

const byId = new Map(features.map((f) => [f.id, f]));

/** The original Hyper-NixOS catalog (REFERENCE.md §1, 28 features): id -> category, risk, depends. */
const original: Record<string, { category: string; risk: RiskLevel; depends: string[] }> = {
  vmManagement: { category: 'core', risk: 'minimal', depends: [] },
  privilegeSeparation: { category: 'core', risk: 'minimal', depends: [] },
  auditLogging: { category: 'core', risk: 'minimal', depends: [] },
  webDashboard: { category: 'user-experience', risk: 'moderate', depends: ['metrics'] },
  cliEnhancements: { category: 'user-experience', risk: 'low', depends: [] },
  interactiveWizards: { category: 'user-experience', risk: 'minimal', depends: [] },
  microSegmentation: { category: 'networking', risk: 'low', depends: [] },
  sriov: { category: 'networking', risk: 'high', depends: [] },
  publicBridge: { category: 'networking', risk: 'critical', depends: [] },
  encryption: { category: 'storage', risk: 'minimal', depends: [] },
  deduplication: { category: 'storage', risk: 'low', depends: [] },
  remoteStorage: { category: 'storage', risk: 'moderate', depends: [] },
  kubernetes: { category: 'integration', risk: 'moderate', depends: ['api', 'metrics'] },
  terraform: { category: 'integration', risk: 'moderate', depends: ['api'] },
  slack: { category: 'integration', risk: 'low', depends: [] },
  ldap: { category: 'integration', risk: 'high', depends: [] },
  metrics: { category: 'monitoring', risk: 'minimal', depends: [] },
  prometheus: { category: 'monitoring', risk: 'low', depends: [] },
  aiAnomalyDetection: {
    category: 'monitoring',
    risk: 'moderate',
    depends: ['metrics', 'auditLogging'],
  },
  localBackup: { category: 'backup', risk: 'minimal', depends: [] },
  remoteBackup: { category: 'backup', risk: 'moderate', depends: ['localBackup'] },
  continuousReplication: {
    category: 'backup',
    risk: 'moderate',
    depends: ['remoteBackup', 'metrics'],
  },
  api: { category: 'developer', risk: 'high', depends: ['auditLogging'] },
  cicd: { category: 'developer', risk: 'moderate', depends: [] },
  devEnvironments: { category: 'developer', risk: 'low', depends: [] },
  liveMigration: { category: 'experimental', risk: 'high', depends: ['microSegmentation'] },
  gpuPassthrough: { category: 'experimental', risk: 'high', depends: ['sriov'] },
  nestedVirt: { category: 'experimental', risk: 'moderate', depends: [] },
};

/**
 * Deliberate departures from the original's dependencies, each explained in the
 * feature's source. A dependency the original had and hv dropped, or one hv added,
 * must be listed here, so no change happens by accident.
 */
const dependencyChanges: Record<string, { added?: string[]; dropped?: string[] }> = {
  // Passthrough needs the IOMMU and VFIO, not SR-IOV.
  gpuPassthrough: { added: ['iommu'], dropped: ['sriov'] },
  // Cockpit reads live figures itself; it does not need the node exporter.
  webDashboard: { dropped: ['metrics'] },
  // Virtual functions need the IOMMU switched on.
  sriov: { added: ['iommu'] },
  // Isolation is built from the firewall's forward filter.
  microSegmentation: { added: ['firewall'] },
  // Migration control runs over SSH.
  liveMigration: { added: ['sshHardening'] },
  // The alert rules are evaluated by the Prometheus server.
  aiAnomalyDetection: { added: ['prometheus'] },
  // The libvirtd group exists only with libvirt.
  privilegeSeparation: { added: ['vmManagement'] },
};

const levelRank = { beginner: 0, intermediate: 1, expert: 2 } as const;

/** Does a value satisfy its ParamSpec's own constraints? Returns the problem, if any. */
function violates(spec: ParamSpec, value: unknown): string | undefined {
  switch (spec.type) {
    case 'string':
      if (typeof value !== 'string' || value === '') return 'not a non-empty string';
      if (spec.pattern && !spec.pattern.test(value)) return `does not match ${spec.pattern}`;
      return undefined;
    case 'secret-file':
      return typeof value === 'string' && value.startsWith('/') ? undefined : 'not absolute';
    case 'int':
      if (!Number.isInteger(value)) return 'not an integer';
      if (spec.min !== undefined && (value as number) < spec.min) return `below ${spec.min}`;
      if (spec.max !== undefined && (value as number) > spec.max) return `above ${spec.max}`;
      return undefined;
    case 'port':
      return Number.isInteger(value) && (value as number) >= 1 && (value as number) <= 65535
        ? undefined
        : 'not a port';
    case 'bool':
      return typeof value === 'boolean' ? undefined : 'not a boolean';
    case 'enum':
      return spec.values.includes(value as string) ? undefined : 'not one of the values';
    case 'string-list':
      if (!Array.isArray(value)) return 'not a list';
      return value.find((v) => spec.itemPattern && !spec.itemPattern.test(v))
        ? `an item does not match ${spec.itemPattern}`
        : undefined;
  }
}

const placeholder = /\b(todo|tbd|fixme|lorem|ipsum|placeholder|xxx|foo|bar|etc\.?)\b|\.\.\.$/i;

function texts(f: Feature): Array<[string, string]> {
  return [
    ['title', f.title],
    ['description', f.description],
    ...f.impacts.map((t, i): [string, string] => [`impacts[${i}]`, t]),
    ...f.mitigations.map((t, i): [string, string] => [`mitigations[${i}]`, t]),
    ...Object.entries(f.params).flatMap(
      ([name, p]): Array<[string, string]> => [
        [`params.${name}.title`, p.title],
        [`params.${name}.help`, p.help],
      ],
    ),
  ];
}

describe('feature catalog', () => {
  it('has at least 40 features', () => {
    expect(features.length).toBeGreaterThanOrEqual(40);
  });

  it('has unique camelCase ids', () => {
    const ids = features.map((f) => f.id);
    expect(new Set(ids).size).toBe(ids.length);
    for (const id of ids) expect(id).toMatch(/^[a-z][A-Za-z0-9]*$/);
  });

  it('has unique options of the form hypervisor.<area>.<name>', () => {
    const options = features.map((f) => f.option);
    expect(new Set(options).size).toBe(options.length);
    for (const o of options) expect(o).toMatch(/^hypervisor(\.[a-z][A-Za-z0-9]*)+$/);
    // hypervisor.console is hv's own module, not a catalog feature.
    for (const o of options) expect(o.startsWith('hypervisor.console.')).toBe(false);
  });

  it('names only existing features in depends and conflicts', () => {
    const dangling = features.flatMap((f) =>
      [...f.depends, ...f.conflicts].filter((id) => !byId.has(id)).map((id) => `${f.id} -> ${id}`),
    );
    expect(dangling).toEqual([]);
  });

  it('has no dependency cycles', () => {
    expect(findCycle(features)).toBeUndefined();
  });

  it('never needs, even indirectly, a feature it conflicts with', () => {
    const clashes = features.flatMap((f) => {
      const needs = transitiveDepends(features, f.id);
      return f.conflicts.filter((c) => needs.has(c) || c === f.id).map((c) => `${f.id} ~ ${c}`);
    });
    expect(clashes).toEqual([]);
  });

  it('declares conflicts on both sides', () => {
    const oneSided = features.flatMap((f) =>
      f.conflicts
        .filter((c) => !byId.get(c)?.conflicts.includes(f.id))
        .map((c) => `${f.id} ~ ${c}`),
    );
    expect(oneSided).toEqual([]);
  });

  it('has a feature in every category', () => {
    for (const c of categories) {
      expect(features.filter((f) => f.category === c).length, c).toBeGreaterThan(0);
    }
  });

  it("keeps each of the original's features with its category and risk", () => {
    expect(Object.keys(original)).toHaveLength(28);
    for (const [id, o] of Object.entries(original)) {
      const f = byId.get(id);
      expect(f, id).toBeDefined();
      expect({ id, category: f!.category, risk: f!.risk }).toEqual({ id, ...pick(o) });
    }
  });

  it("keeps the original's dependencies except the documented changes", () => {
    for (const [id, o] of Object.entries(original)) {
      const change = dependencyChanges[id] ?? {};
      const want = [
        ...o.depends.filter((d) => !change.dropped?.includes(d)),
        ...(change.added ?? []),
      ];
      expect([...byId.get(id)!.depends].sort(), id).toEqual(want.sort());
    }
  });

  it('makes the two original core features required, and only core features', () => {
    expect(byId.get('vmManagement')!.required).toBe(true);
    expect(byId.get('privilegeSeparation')!.required).toBe(true);
    for (const f of features.filter((x) => x.required)) expect(f.category).toBe('core');
  });

  it('offers high and critical features only from intermediate up', () => {
    for (const f of features.filter((x) => riskRank(x.risk) >= riskRank('high'))) {
      expect(f.minLevel, f.id).not.toBe('beginner');
    }
  });

  it('never pulls a feature in below the level it is offered at', () => {
    const below = features.flatMap((f) =>
      f.depends
        .filter((d) => levelRank[byId.get(d)!.minLevel] > levelRank[f.minLevel])
        .map((d) => `${f.id} (${f.minLevel}) -> ${d} (${byId.get(d)!.minLevel})`),
    );
    expect(below).toEqual([]);
  });

  it('lets only harmless features change in the hardened phase', () => {
    for (const f of features.filter((x) => x.hardenedMutable)) {
      expect(riskRank(f.risk), f.id).toBeLessThanOrEqual(riskRank('low'));
      expect(['security', 'core'], f.id).not.toContain(f.category);
    }
  });

  it('keeps minimal small and safe, and no profile above moderate risk', () => {
    for (const f of features) {
      if (f.profiles.includes('minimal')) expect(f.risk, f.id).toBe('minimal');
      if (f.profiles.length > 0) {
        expect(riskRank(f.risk), f.id).toBeLessThanOrEqual(riskRank('moderate'));
      }
    }
  });

  it('nests profiles: minimal within balanced within full', () => {
    for (const f of features) {
      if (f.profiles.includes('minimal')) expect(f.profiles, f.id).toContain('balanced');
      if (f.profiles.includes('balanced')) expect(f.profiles, f.id).toContain('full');
    }
  });

  it('turns on with a profile only features that work without further answers', () => {
    // A string without a default is usually something only the person knows (a card,
    // a server); the module refuses to build without it, so no profile may turn it on.
    // These few are optional: the module has a sensible behaviour for null.
    const optional = new Set(['autoUpgrade.flake']);
    const needy = features.flatMap((f) =>
      f.profiles.length === 0
        ? []
        : Object.entries(f.params)
            .filter(([, p]) => p.type === 'string' && p.default === undefined)
            .map(([name]) => `${f.id}.${name}`)
            .filter((key) => !optional.has(key)),
    );
    expect(needy).toEqual([]);
  });

  it('keeps profile and role defaults free of conflicts', () => {
    for (const p of ['minimal', 'balanced', 'full'] as const) {
      const on = new Set(features.filter((f) => f.profiles.includes(p)).map((f) => f.id));
      for (const id of on) {
        for (const c of byId.get(id)!.conflicts)
          expect(on.has(c), `${p}: ${id} ~ ${c}`).toBe(false);
        for (const d of byId.get(id)!.depends) {
          const dep = byId.get(d)!;
          expect(on.has(d) || dep.required === true, `${p}: ${id} needs ${d}`).toBe(true);
        }
      }
    }
  });

  it('uses only known roles and profiles', () => {
    for (const f of features) {
      for (const p of f.profiles) expect(profiles).toContain(p);
      for (const r of Object.keys(f.roles ?? {})) expect(roles).toContain(r);
    }
  });

  it('gives every parameter a default that satisfies its own constraints', () => {
    for (const f of features) {
      for (const [name, spec] of Object.entries(f.params)) {
        expect(name, f.id).toMatch(/^[a-z][A-Za-z0-9]*$/);
        if (spec.default === undefined) continue;
        expect(violates(spec, spec.default), `${f.id}.${name}`).toBeUndefined();
        // The validator answer files and screens use must accept it as well.
        const parsed = paramSchema(spec).safeParse(spec.default);
        expect(parsed.success, `${f.id}.${name}: ${parsed.error?.message}`).toBe(true);
      }
    }
  });

  it('never gives a secret a default value', () => {
    for (const f of features) {
      for (const [name, spec] of Object.entries(f.params)) {
        if (spec.type === 'secret-file') expect(spec.default, `${f.id}.${name}`).toBeUndefined();
      }
    }
  });

  it('gives parameters without a default an example that validates', () => {
    for (const f of features) {
      for (const [name, spec] of Object.entries(f.params)) {
        if (spec.default !== undefined) continue;
        if (spec.type !== 'string' && spec.type !== 'secret-file') continue;
        expect(spec.example, `${f.id}.${name}`).toBeDefined();
        expect(violates(spec, spec.example), `${f.id}.${name}`).toBeUndefined();
      }
    }
  });

  it('bounds every integer parameter on both sides', () => {
    for (const f of features) {
      for (const [name, spec] of Object.entries(f.params)) {
        if (spec.type !== 'int') continue;
        expect(spec.min, `${f.id}.${name}`).toBeDefined();
        expect(spec.max, `${f.id}.${name}`).toBeDefined();
      }
    }
  });

  it('writes real text: nothing empty, short or placeholder-like', () => {
    for (const f of features) {
      expect(f.impacts.length, f.id).toBeGreaterThan(0);
      if (f.risk !== 'minimal') expect(f.mitigations.length, f.id).toBeGreaterThan(0);
      expect(f.description.length, f.id).toBeGreaterThanOrEqual(60);
      for (const [where, text] of texts(f)) {
        expect(text.trim(), `${f.id}.${where}`).toBe(text);
        expect(text.length, `${f.id}.${where}`).toBeGreaterThanOrEqual(
          where.endsWith('title') ? 3 : 15,
        );
        expect(text, `${f.id}.${where}`).not.toMatch(placeholder);
      }
    }
  });

  it('does not repeat a sentence between features', () => {
    const seen = new Map<string, string>();
    const repeats: string[] = [];
    for (const f of features) {
      for (const t of [f.description, ...f.impacts]) {
        if (seen.has(t)) repeats.push(`${f.id} repeats ${seen.get(t)}`);
        seen.set(t, f.id);
      }
    }
    expect(repeats).toEqual([]);
  });
});

describe('catalog texts for the wizard', () => {
  it('describes every category, profile, role, risk level and tolerance', () => {
    for (const c of categories) expect(categoryInfo[c].description.length, c).toBeGreaterThan(20);
    for (const p of profiles) expect(profileInfo[p].description.length, p).toBeGreaterThan(20);
    for (const r of roles) expect(roleInfo[r].description.length, r).toBeGreaterThan(20);
    for (const r of riskLevels) expect(riskInfo[r].meaning.length, r).toBeGreaterThan(20);
    for (const t of riskTolerances) {
      expect(toleranceInfo[t].explanation.length, t).toBeGreaterThan(20);
    }
  });

  it('gives each risk level its own symbol and its name as label', () => {
    const symbols = riskLevels.map((r) => riskInfo[r].symbol);
    expect(new Set(symbols).size).toBe(riskLevels.length);
    for (const r of riskLevels) {
      expect(riskInfo[r].label).toBe(r);
      expect(riskInfo[r].symbol).toMatch(/^\S{1,2}$/u);
    }
  });
});

describe('findCycle', () => {
  it('finds a cycle in a synthetic catalog', () => {
    const cyclic = [
      { id: 'a', depends: ['b'] },
      { id: 'b', depends: ['c'] },
      { id: 'c', depends: ['a'] },
      { id: 'd', depends: [] },
    ];
    expect(findCycle(cyclic)).toEqual(['a', 'b', 'c', 'a']);
  });

  it('finds a feature that depends on itself', () => {
    expect(findCycle([{ id: 'a', depends: ['a'] }])).toEqual(['a', 'a']);
  });

  it('finds a cycle reached only through another feature', () => {
    const graph = [
      { id: 'x', depends: ['y'] },
      { id: 'y', depends: ['z'] },
      { id: 'z', depends: ['y'] },
    ];
    expect(findCycle(graph)).toEqual(['y', 'z', 'y']);
  });

  it('accepts a diamond, which is not a cycle', () => {
    const diamond = [
      { id: 'top', depends: ['left', 'right'] },
      { id: 'left', depends: ['bottom'] },
      { id: 'right', depends: ['bottom'] },
      { id: 'bottom', depends: [] },
    ];
    expect(findCycle(diamond)).toBeUndefined();
    expect([...transitiveDepends(diamond, 'top')].sort()).toEqual(['bottom', 'left', 'right']);
  });

  it('ignores dangling ids instead of throwing', () => {
    expect(findCycle([{ id: 'a', depends: ['ghost'] }])).toBeUndefined();
  });
});

function pick(o: { category: string; risk: RiskLevel }) {
  return { category: o.category, risk: o.risk };
}
