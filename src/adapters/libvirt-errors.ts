// Turns libvirt's error text (virsh stderr, binding messages) into HvError kinds
// with a fix a person can act on. VM operations never need sudo: the fix for a
// permission problem is group membership, not root.
import { HvError } from '../errors.js';
import { currentIdentity, explainVmAccess } from '../security/privilege.js';

const rules: Array<{ test: RegExp; make: (msg: string, uri: string) => HvError }> = [
  {
    // "client socket is closed": the daemon went away under an open connection.
    test: /failed to connect|Failed to connect socket|no connection driver|Cannot recv data|Cannot write data|End of file while reading|connection.*(closed|reset)|client socket is closed|Transport endpoint is not connected|Broken pipe/i,
    make: (msg, uri) =>
      new HvError('not-connected', `cannot reach libvirt at ${uri}`, {
        fix: uri.startsWith('test+unix')
          ? 'start the demo with `hv demo start`'
          : 'check that libvirtd is running (systemctl status libvirtd) or use `hv --demo`',
        detail: msg,
      }),
  },
  {
    test: /Permission denied|authentication (unavailable|failed)|access denied|not authorized|Operation not permitted/i,
    make: (msg, uri) =>
      new HvError('permission', `libvirt at ${uri} refused access`, {
        // Which group, which polkit rule, and whether a fresh login is all that is missing.
        fix: explainVmAccess(currentIdentity(), uri, msg),
        detail: msg,
      }),
  },
  {
    test: /Domain not found|failed to get domain|Network not found|failed to get network|Storage pool not found|failed to get pool|Storage volume not found|Domain snapshot not found|no domain with matching/i,
    make: (msg) => new HvError('not-found', firstLine(msg), { detail: msg }),
  },
  {
    test: /Requested operation is not valid|is not running|already running|is already active|domain is not running|not active/i,
    make: (msg) => new HvError('invalid-state', firstLine(msg), { detail: msg }),
  },
  {
    test: /not supported|unsupported|this function is not supported/i,
    make: (msg) =>
      new HvError('unsupported', firstLine(msg), {
        detail: msg,
        fix: 'this libvirt driver cannot do that; a real QEMU/KVM host can',
      }),
  },
];

function firstLine(msg: string): string {
  const line = msg
    .split('\n')
    .map((l) => l.replace(/^error:\s*/, '').trim())
    .find((l) => l.length > 0);
  return line ?? 'libvirt reported an error';
}

export function classifyLibvirtError(message: string, uri: string): HvError {
  for (const rule of rules) if (rule.test.test(message)) return rule.make(message, uri);
  return new HvError('failed', firstLine(message), { detail: message });
}
