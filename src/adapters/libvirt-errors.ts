// Turns libvirt's error text (virsh stderr, binding messages) into HvError kinds
// with a fix a person can act on. virsh often prints a generic line first
// ("Failed to start domain 'x'") and the reason on the next ("Requested operation
// is not valid: domain is already running"): both are read, and the message
// shows the reason. VM operations never need sudo: the fix for an access problem
// is group membership, not root.
import { HvError } from '../base/errors.js';
import { currentIdentity, explainVmAccess } from './privilege.js';

/** libvirt's error text, split into what virsh was doing and why it failed. */
export interface LibvirtText {
  /** virsh's generic first line ("Failed to start domain 'x'"), when a reason follows it. */
  context?: string;
  /** Why, for a person: the reason lines, libvirt's empty code prefixes ("internal error: ") removed. */
  reason: string;
  /** Every non-empty line, without virsh's "error: " prefix. */
  lines: string[];
}

// Error-code prefixes that say nothing a person can use; the text after them does.
const emptyPrefix =
  /^(internal error|Requested operation is not valid|operation failed|(Domain|Network|Storage pool|Storage volume|Domain snapshot) not found):\s*(?=\S)/i;

/** A first line that only says what was attempted; the reason is on the lines after it. */
const genericFirst = /^(failed to|could not|unable to|cannot) /i;

export function splitLibvirtText(text: string): LibvirtText {
  const lines = text
    .split('\n')
    .map((l) => l.replace(/^error:\s*/, '').trim())
    .filter((l) => l.length > 0);
  if (lines.length === 0) return { reason: 'libvirt reported an error', lines };
  const hasContext = lines.length > 1 && genericFirst.test(lines[0]!);
  const reasons = (hasContext ? lines.slice(1) : lines).map((l) => l.replace(emptyPrefix, ''));
  return {
    ...(hasContext ? { context: lines[0]! } : {}),
    reason: reasons.join('; '),
    lines,
  };
}

/** The whole message for a person: "Failed to start network default: Network 'default' is already running". */
export function describeLibvirtText(text: string): string {
  const t = splitLibvirtText(text);
  return t.context ? `${t.context}: ${t.reason}` : t.reason;
}

/** The reason alone, without virsh's generic first line. */
export function libvirtReason(text: string): string {
  return splitLibvirtText(text).reason;
}

const isTestDriver = (uri: string) => /^test(\+\w+)?:/.test(uri);

/** Why a driver lacks something, and where it exists instead. */
function unsupportedFix(text: string, uri: string): string {
  const api = /not supported by the connection driver:\s*(\w+)/i.exec(text)?.[1];
  if (isTestDriver(uri)) {
    return `this is libvirt's test driver (the demo): it simulates VMs, with no disk contents, backup jobs or migration${api ? ` (it lacks ${api})` : ''}; a QEMU/KVM host (qemu:///system or qemu:///session) can do it`;
  }
  if (/unsupported configuration/i.test(text)) {
    return "the VM's configuration asks for something this host's libvirt or QEMU cannot do: change that part of its XML (hv vm info NAME --xml), or use a newer libvirt/QEMU";
  }
  if (api) {
    return `the libvirt driver behind ${uri} does not implement ${api}; a newer libvirt, or QEMU/KVM, may (see \`virsh version\`)`;
  }
  return 'libvirt or QEMU on this host cannot do that in this situation; the reason above says what is missing';
}

/** A file libvirt or QEMU could not open (a disk image, an ISO): not a libvirt access problem. */
function filePermissionFix(text: string, uri: string): string {
  const m = /'(\/[^']+)'[^\n]*(Permission denied|Operation not permitted)/i.exec(text);
  const path = m?.[1];
  // A file QEMU had to create: the folder is what needs the permission.
  const line = text.split('\n').find((l) => path !== undefined && l.includes(path)) ?? '';
  const creating = /\bcreate\b/i.test(line);
  const it = !path
    ? 'the file named above'
    : creating
      ? `the folder ${path.slice(0, path.lastIndexOf('/')) || '/'}`
      : path;
  const access = creating ? 'writable' : 'readable and writable';
  if (uri.includes('/session')) {
    return `on ${uri} QEMU runs as you: make ${it} ${access} by your user (ls -ld, chmod, chown)`;
  }
  return `libvirt runs QEMU as its own user (qemu or libvirt-qemu), which must find ${it} ${access}: keep disk images in a storage pool (e.g. /var/lib/libvirt/images) or fix the owner; VM work still needs no sudo`;
}

/** Where to see the names that do exist. */
function notFoundFix(text: string): string {
  if (/snapshot/i.test(text)) return 'list the snapshots with `hv vm snapshot list VM`';
  if (/\bvol(ume)?\b/i.test(text)) return 'list the volumes with `hv pool volumes POOL`';
  if (/\bpool\b/i.test(text)) return 'list the pools with `hv pool list`';
  if (/\bnetwork\b/i.test(text)) return 'list the networks with `hv net list`';
  return 'list the VMs with `hv vm list` (names are case-sensitive)';
}

const connectLine = /Failed to connect socket to '[^']*': ([^\n]+)/i;

interface Rule {
  test: (text: string) => boolean;
  make: (text: string, uri: string) => HvError;
}

const re = (r: RegExp) => (text: string) => r.test(text);

const rules: Rule[] = [
  {
    // ssh refused the key (remote URIs): the fix is a key, not a group.
    test: re(/Permission denied \((publickey|password|keyboard-interactive)[^)]*\)/i),
    make: (text, uri) =>
      new HvError('permission', `ssh refused the login for ${uri}: ${libvirtReason(text)}`, {
        fix: 'hv cannot type a password: set up an SSH key for that host (ssh-copy-id USER@HOST), and check `ssh USER@HOST virsh -c qemu:///system uri` works',
        detail: text.trim(),
      }),
  },
  {
    // libvirt's own access control: the socket's permissions, polkit, the ACL driver.
    test: (text) =>
      /Permission denied|Operation not permitted/i.test(connectLine.exec(text)?.[1] ?? '') ||
      /authentication (unavailable|failed)|access denied|not authorized|operation forbidden/i.test(
        text,
      ),
    make: (text, uri) =>
      new HvError('permission', `libvirt at ${uri} refused access: ${libvirtReason(text)}`, {
        // Which group, which polkit rule, and whether a fresh login is all that is missing.
        fix: explainVmAccess(currentIdentity(), uri, text),
        detail: text.trim(),
      }),
  },
  {
    // Never connected (checked before "lost": an ssh failure also says "Cannot recv data").
    test: re(
      /failed to connect|Failed to connect socket|no connection driver|Connection refused|Host key verification failed|Could not resolve hostname/i,
    ),
    make: (text, uri) =>
      new HvError('not-connected', `cannot reach libvirt at ${uri}: ${libvirtReason(text)}`, {
        fix: /no connection driver/i.test(text)
          ? 'this libvirt has no driver for that URI: check its spelling (qemu:///system, qemu:///session, qemu+ssh://HOST/system) or install the driver (NixOS: virtualisation.libvirtd.enable)'
          : /Host key verification failed/i.test(text)
            ? "ssh does not know that host's key yet: run `ssh USER@HOST` once and accept it"
            : isTestDriver(uri)
              ? 'start the demo with `hv demo start`'
              : 'check that libvirtd is running (systemctl status libvirtd) or use `hv --demo`',
        detail: text.trim(),
      }),
  },
  {
    // The daemon went away under an open connection ("client socket is closed").
    test: re(
      /client socket is closed|Cannot recv data|Cannot write data|End of file while reading|connection (closed|reset)|Transport endpoint is not connected|Broken pipe|Disconnected from/i,
    ),
    make: (text, uri) =>
      new HvError(
        'not-connected',
        `lost the connection to libvirt at ${uri}: ${libvirtReason(text)}`,
        {
          fix: isTestDriver(uri)
            ? 'the demo stopped: start it again with `hv demo start`'
            : 'check that libvirtd is running (systemctl status libvirtd); the console reconnects by itself when it is back',
          detail: text.trim(),
        },
      ),
  },
  {
    // A file QEMU or libvirt could not open: the reason names it.
    test: re(/Permission denied|Operation not permitted/i),
    make: (text, uri) =>
      new HvError('permission', describeLibvirtText(text), {
        fix: filePermissionFix(text, uri),
        detail: text.trim(),
      }),
  },
  {
    test: re(
      /Domain not found|failed to get domain|Network not found|failed to get network|Storage pool not found|failed to get pool|Storage volume not found|failed to get vol|Domain snapshot not found|no domain with matching/i,
    ),
    make: (text) =>
      new HvError('not-found', describeLibvirtText(text), {
        fix: notFoundFix(text),
        detail: text.trim(),
      }),
  },
  {
    test: re(
      /Requested operation is not valid|is not running|not running|already running|is already active|not paused|is not active|not active/i,
    ),
    make: (text) =>
      new HvError('invalid-state', describeLibvirtText(text), { detail: text.trim() }),
  },
  {
    test: re(/not supported|unsupported/i),
    make: (text, uri) =>
      new HvError('unsupported', describeLibvirtText(text), {
        fix: unsupportedFix(text, uri),
        detail: text.trim(),
      }),
  },
];

export function classifyLibvirtError(message: string, uri: string): HvError {
  for (const rule of rules) if (rule.test(message)) return rule.make(message, uri);
  return new HvError('failed', describeLibvirtText(message), { detail: message.trim() });
}
