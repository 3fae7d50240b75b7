// Pure parsers for virsh output and libvirt XML: no I/O, unit-tested beside
// (virsh-parse.test.ts). Human tables are avoided where names may hold spaces:
// hv asks for --uuid/--name lists, "Key: value" info blocks or XML instead.
import type {
  DomainDisk,
  DomainInfo,
  DomainNic,
  DomainSummary,
  HostCapabilities,
  HvEvent,
  LifecycleEvent,
  NetworkInfo,
  PoolInfo,
  PoolState,
  SnapshotInfo,
  VolumeInfo,
} from './hypervisor.js';
import { parseStateText, stateByNumber } from './hypervisor.js';
import { child, elements, parseXml, textOf, type XmlElement } from './virsh-xml.js';

/** "Key: value" lines (dominfo, net-info, pool-info) into a map. */
export function parseInfoBlock(out: string): Map<string, string> {
  const fields = new Map<string, string>();
  for (const line of out.split('\n')) {
    const m = /^([A-Za-z() ]+?):\s*(.*)$/.exec(line);
    if (m) fields.set(m[1]!.trim(), m[2]!.trim());
  }
  return fields;
}

/** Parses `virsh dominfo` output; undefined when the VM vanished meanwhile. */
export function parseDominfo(out: string, uuid: string): DomainSummary | undefined {
  const fields = parseInfoBlock(out);
  const name = fields.get('Name');
  if (name === undefined) return undefined;
  const used = Number.parseInt(fields.get('Used memory') ?? '', 10);
  return {
    uuid: fields.get('UUID') ?? uuid,
    name,
    state: parseStateText(fields.get('State') ?? ''),
    vcpus: Number.parseInt(fields.get('CPU(s)') ?? '0', 10) || 0,
    memoryKiB: Number.parseInt(fields.get('Max memory') ?? '0', 10) || 0,
    autostart: fields.get('Autostart') === 'enable',
    persistent: fields.get('Persistent') === 'yes',
    ...(Number.isFinite(used) ? { currentMemoryKiB: used } : {}),
    hasManagedSave: fields.get('Managed save') === 'yes',
  };
}

/** Lines of bare UUIDs or names. */
export function parseLines(out: string): string[] {
  return out
    .split('\n')
    .map((l) => l.trim())
    .filter(Boolean);
}

/** `virsh list --all --uuid --name`: "uuid name" per line (names may hold spaces). */
export function parseUuidNames(out: string): Array<{ uuid: string; name: string }> {
  const rows: Array<{ uuid: string; name: string }> = [];
  for (const line of out.split('\n')) {
    const m = /^\s*([0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}) (.+)$/.exec(line);
    if (m) rows.push({ uuid: m[1]!, name: m[2]! });
  }
  return rows;
}

/** `virsh domstats --raw`: per domain name, its key=value fields. */
export function parseDomstats(out: string): Map<string, Map<string, string>> {
  const all = new Map<string, Map<string, string>>();
  let cur: Map<string, string> | undefined;
  for (const line of out.split('\n')) {
    const head = /^Domain: '(.*)'$/.exec(line);
    if (head) {
      cur = new Map();
      all.set(head[1]!, cur);
      continue;
    }
    const kv = /^\s+([\w.]+)=(.*)$/.exec(line);
    if (kv && cur) cur.set(kv[1]!, kv[2]!);
  }
  return all;
}

export interface ListingParts {
  /** Every domain's UUID by name (cached across refreshes, see virsh-listing.ts). */
  uuidByName: ReadonlyMap<string, string>;
  autostart: string;
  transient: string;
  managedSave: string;
  domstats: string;
}

/** What the listing knows without per-domain calls; vcpus/memory may be missing (test driver). */
export type PartialSummary = Omit<DomainSummary, 'vcpus' | 'memoryKiB'> & {
  vcpus?: number;
  memoryKiB?: number;
};

/**
 * Joins the one-spawn listing (flag lists and domstats, with UUIDs by name) into
 * summaries. domstats decides which domains exist; `unknown` are the names it
 * reported that `uuidByName` lacks (defined since the names were resolved).
 */
export function joinListing(parts: ListingParts): { rows: PartialSummary[]; unknown: string[] } {
  const auto = new Set(parseLines(parts.autostart));
  const transient = new Set(parseLines(parts.transient));
  const saved = new Set(parseLines(parts.managedSave));
  const rows: PartialSummary[] = [];
  const unknown: string[] = [];
  for (const [name, s] of parseDomstats(parts.domstats)) {
    const uuid = parts.uuidByName.get(name);
    if (uuid === undefined) {
      unknown.push(name);
      continue;
    }
    const num = (k: string) => {
      const v = s.get(k);
      if (v === undefined) return undefined;
      const n = Number(v);
      return Number.isFinite(n) ? n : undefined;
    };
    const stateNo = num('state.state');
    const out: PartialSummary = {
      uuid,
      name,
      state: stateNo === undefined ? 'no state' : (stateByNumber[stateNo] ?? 'no state'),
      autostart: auto.has(uuid),
      persistent: !transient.has(uuid),
      hasManagedSave: saved.has(uuid),
    };
    const vcpus = num('vcpu.current');
    const maxMem = num('balloon.maximum');
    const curMem = num('balloon.current');
    const cpu = num('cpu.time');
    if (vcpus !== undefined) out.vcpus = vcpus;
    if (maxMem !== undefined) out.memoryKiB = maxMem;
    if (curMem !== undefined) out.currentMemoryKiB = curMem;
    if (cpu !== undefined) out.cpuTimeNs = cpu;
    rows.push(out);
  }
  return { rows, unknown };
}

const unitBytes: Record<string, number> = {
  b: 1,
  bytes: 1,
  k: 1024,
  kib: 1024,
  kb: 1000,
  m: 1024 ** 2,
  mib: 1024 ** 2,
  mb: 1e6,
  g: 1024 ** 3,
  gib: 1024 ** 3,
  gb: 1e9,
  t: 1024 ** 4,
  tib: 1024 ** 4,
  tb: 1e12,
};

/** A libvirt size element (<capacity unit='bytes'>, <memory unit='KiB'>) in bytes. */
function bytesOf(el: XmlElement | undefined, defaultUnit = 'bytes'): number {
  if (!el) return 0;
  const n = Number(textOf(el) ?? '0');
  const unit = (el.attrs.unit ?? defaultUnit).toLowerCase();
  return Math.round(n * (unitBytes[unit] ?? 1));
}

export function parseDisks(dom: XmlElement): DomainDisk[] {
  return elements(child(dom, 'devices'), 'disk').map((d) => {
    const src = child(d, 'source');
    const type = d.attrs.type ?? 'file';
    let source: string | undefined;
    if (src) {
      if (type === 'volume') source = `${src.attrs.pool ?? ''}/${src.attrs.volume ?? ''}`;
      else if (type === 'network')
        source = `${src.attrs.protocol ?? 'net'}:${src.attrs.name ?? ''}`;
      else source = src.attrs.file ?? src.attrs.dev ?? src.attrs.dir;
    }
    const disk: DomainDisk = {
      target: child(d, 'target')?.attrs.dev ?? '',
      device: d.attrs.device ?? 'disk',
      type,
      readonly: child(d, 'readonly') !== undefined,
    };
    const bus = child(d, 'target')?.attrs.bus;
    const format = child(d, 'driver')?.attrs.type;
    if (bus) disk.bus = bus;
    if (source) disk.source = source;
    if (format) disk.format = format;
    return disk;
  });
}

export function parseNics(dom: XmlElement): DomainNic[] {
  return elements(child(dom, 'devices'), 'interface').map((n) => {
    const src = child(n, 'source');
    const nic: DomainNic = { mac: child(n, 'mac')?.attrs.address ?? '', type: n.attrs.type ?? '' };
    const source = src?.attrs.network ?? src?.attrs.bridge ?? src?.attrs.dev;
    const model = child(n, 'model')?.attrs.type;
    const target = child(n, 'target')?.attrs.dev;
    if (source) nic.source = source;
    if (model) nic.model = model;
    if (target) nic.target = target;
    return nic;
  });
}

/** The detail view from dominfo + the domain XML + snapshot count. */
export function parseDomainInfo(
  dominfo: string,
  xml: string,
  snapshotCount: number,
): DomainInfo | undefined {
  const sum = parseDominfo(dominfo, '');
  if (!sum) return undefined;
  const dom = parseXml(xml);
  const fields = parseInfoBlock(dominfo);
  const os = child(dom, 'os');
  const type = child(os, 'type');
  const loader = child(os, 'loader');
  const efi =
    os?.attrs.firmware === 'efi' || (loader !== undefined && loader.attrs.type === 'pflash');
  const id = Number.parseInt(fields.get('Id') ?? '', 10);
  const info: DomainInfo = {
    ...sum,
    hasManagedSave: sum.hasManagedSave ?? false,
    osType: textOf(type)?.trim() || fields.get('OS Type') || 'hvm',
    domainType: dom.attrs.type ?? '',
    firmware: efi ? 'efi' : 'bios',
    disks: parseDisks(dom),
    nics: parseNics(dom),
    graphics: elements(child(dom, 'devices'), 'graphics').map((g) => g.attrs.type ?? 'unknown'),
    snapshotCount,
    xml,
  };
  if (Number.isFinite(id)) info.id = id;
  if (type?.attrs.arch) info.arch = type.attrs.arch;
  if (type?.attrs.machine) info.machine = type.attrs.machine;
  const description = textOf(child(dom, 'description'))?.trim();
  if (description) info.description = description;
  return info;
}

/** `virsh capabilities`: host arch, and the domain types for guests of that arch. */
export function parseCapabilities(xml: string, driver: string): HostCapabilities {
  const caps = parseXml(xml);
  const arch = textOf(child(caps, 'host', 'cpu', 'arch'))?.trim() ?? 'x86_64';
  const guests = elements(caps, 'guest').filter(
    (g) => textOf(child(g, 'os_type'))?.trim() === 'hvm',
  );
  const forArch = guests.find((g) => child(g, 'arch')?.attrs.name === arch) ?? guests[0];
  const archEl = child(forArch, 'arch');
  const types = elements(archEl, 'domain').map((d) => d.attrs.type ?? '');
  const rank = (t: string) => (t === 'kvm' ? 0 : t === 'qemu' ? 1 : 2);
  const out: HostCapabilities = {
    arch: archEl?.attrs.name ?? arch,
    domainTypes: [...new Set(types.filter(Boolean))].sort((a, b) => rank(a) - rank(b)),
    driver,
  };
  const emulator = textOf(child(archEl, 'emulator'))?.trim();
  if (emulator) out.emulator = emulator;
  return out;
}

/** `virsh net-info` + the network XML. */
export function parseNetwork(info: string, xml: string): NetworkInfo | undefined {
  const f = parseInfoBlock(info);
  const name = f.get('Name');
  if (name === undefined) return undefined;
  const net: NetworkInfo = {
    name,
    uuid: f.get('UUID') ?? '',
    active: f.get('Active') === 'yes',
    autostart: f.get('Autostart') === 'yes',
    persistent: f.get('Persistent') === 'yes',
  };
  const bridge = f.get('Bridge');
  if (bridge) net.bridge = bridge;
  if (xml.trim()) {
    const doc = parseXml(xml);
    const fwd = child(doc, 'forward');
    if (fwd) net.forward = fwd.attrs.mode ?? 'nat';
    if (!net.bridge) {
      const br = child(doc, 'bridge')?.attrs.name;
      if (br) net.bridge = br;
    }
  }
  return net;
}

/** `virsh pool-info --bytes` + the pool XML. */
export function parsePool(info: string, xml: string, volumeCount?: number): PoolInfo | undefined {
  const f = parseInfoBlock(info);
  const name = f.get('Name');
  if (name === undefined) return undefined;
  const stateText = (f.get('State') ?? 'inactive') as PoolState;
  const doc = xml.trim() ? parseXml(xml) : undefined;
  const num = (k: string, el: string) => {
    const v = Number(f.get(k));
    return Number.isFinite(v) && f.has(k) ? v : bytesOf(child(doc, el));
  };
  const pool: PoolInfo = {
    name,
    uuid: f.get('UUID') ?? '',
    state: stateText,
    active: stateText === 'running' || stateText === 'degraded',
    autostart: f.get('Autostart') === 'yes',
    persistent: f.get('Persistent') === 'yes',
    type: doc?.attrs.type ?? 'unknown',
    capacityBytes: num('Capacity', 'capacity'),
    allocationBytes: num('Allocation', 'allocation'),
    availableBytes: num('Available', 'available'),
  };
  const path = textOf(child(doc, 'target', 'path'))?.trim();
  if (path) pool.path = path;
  if (volumeCount !== undefined) pool.volumeCount = volumeCount;
  return pool;
}

/** `virsh vol-list POOL` (no header): name, then a path starting with '/'. */
export function parseVolList(out: string): string[] {
  const names: string[] = [];
  for (const line of out.split('\n')) {
    const m = /^\s*(.+?)\s+(\/.*)$/.exec(line);
    if (m) names.push(m[1]!);
    else if (line.trim()) names.push(line.trim());
  }
  return names;
}

/** `virsh vol-dumpxml`. */
export function parseVolume(xml: string, pool: string): VolumeInfo | undefined {
  if (!xml.trim()) return undefined;
  const v = parseXml(xml);
  const vol: VolumeInfo = {
    name: textOf(child(v, 'name'))?.trim() ?? '',
    pool,
    path: textOf(child(v, 'target', 'path'))?.trim() ?? textOf(child(v, 'key'))?.trim() ?? '',
    type: v.attrs.type ?? 'file',
    capacityBytes: bytesOf(child(v, 'capacity')),
    allocationBytes: bytesOf(child(v, 'allocation')),
  };
  const format = child(v, 'target', 'format')?.attrs.type;
  if (format) vol.format = format;
  return vol;
}

/** `virsh snapshot-dumpxml` (or its --xpath --wrap subset without the domain). */
export function parseSnapshot(xml: string, current: string | undefined): SnapshotInfo | undefined {
  if (!xml.trim()) return undefined;
  let s = parseXml(xml);
  if (s.name !== 'domainsnapshot') s = { name: 'domainsnapshot', attrs: {}, children: s.children };
  const name = textOf(child(s, 'name'))?.trim();
  if (!name) return undefined;
  const created = Number(textOf(child(s, 'creationTime')) ?? '0');
  const snap: SnapshotInfo = {
    name,
    createdAt: new Date((Number.isFinite(created) ? created : 0) * 1000).toISOString(),
    state: (textOf(child(s, 'state'))?.trim() ?? 'unknown').replace('shutoff', 'shut off'),
    current: name === current,
  };
  const parent = textOf(child(s, 'parent', 'name'))?.trim();
  if (parent) snap.parent = parent;
  const description = textOf(child(s, 'description'))?.trim();
  if (description) snap.description = description;
  return snap;
}

const lifecycleWords: Record<string, LifecycleEvent> = {
  defined: 'defined',
  undefined: 'undefined',
  started: 'started',
  suspended: 'suspended',
  resumed: 'resumed',
  stopped: 'stopped',
  shutdown: 'shutdown',
  pmsuspended: 'pmsuspended',
  crashed: 'crashed',
};

/** One line of `virsh event --all --loop` (optionally --timestamp). */
export function parseEventLine(line: string): HvEvent | undefined {
  const body = line.replace(/^\d{4}-\d\d-\d\d \d\d:\d\d:\d\d\.\d+[+-]\d{4}: /, '').trimEnd();
  const lc = /^event 'lifecycle' for domain '(.*)': (\S+) (\S+)$/.exec(body);
  if (lc) {
    const event = lifecycleWords[lc[2]!.toLowerCase()];
    if (event) return { type: 'lifecycle', domain: lc[1]!, event, detail: lc[3]!, raw: line };
  }
  const bare = /^event '([^']+)' for domain '(.*)'$/.exec(body);
  if (bare) return { type: 'other', event: bare[1]!, domain: bare[2]!, raw: line };
  const rest = /^event '([^']+)' for domain '(.*?)'(?::|,| ).*$/.exec(body);
  if (rest) return { type: 'other', event: rest[1]!, domain: rest[2]!, raw: line };
  return undefined;
}

/** `Migration: [ 45 %]` progress lines from `virsh migrate --verbose` (stderr). */
export function parseMigrationProgress(chunk: string): number | undefined {
  const all = [...chunk.matchAll(/Migration:\s*\[\s*(\d+(?:\.\d+)?)\s*%\]/g)];
  const last = all[all.length - 1];
  return last ? Number(last[1]) : undefined;
}
