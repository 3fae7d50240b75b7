// The one place the RPC client meets hv: its failures (wire-errors.ts) become
// HvError kinds, decided by libvirt's error number (virErrorNumber), never by
// the English text. The message is libvirt's; the raw code, domain and
// procedure go to `detail`.
import { HvError } from '../../base/errors.js';
import { procName } from './client.js';
import { errorNumbers } from './gen/virerror.gen.js';
import { ConnectionError, LibvirtError, ProtocolError } from './wire-errors.js';
import { XdrError } from './xdr.js';

type Kind = HvError['kind'];

const byName = new Map(Object.entries(errorNumbers).map(([n, name]) => [name, Number(n)]));
const codes = (...names: string[]) =>
  new Set(
    names.map((n) => {
      const c = byName.get(n);
      if (c === undefined) throw new Error(`virterror.h has no ${n}`);
      return c;
    }),
  );

const notFound = codes(
  'VIR_ERR_NO_DOMAIN',
  'VIR_ERR_NO_NETWORK',
  'VIR_ERR_NO_STORAGE_POOL',
  'VIR_ERR_NO_STORAGE_VOL',
  'VIR_ERR_NO_DOMAIN_SNAPSHOT',
  'VIR_ERR_NO_DOMAIN_CHECKPOINT',
  'VIR_ERR_NO_NODE_DEVICE',
  'VIR_ERR_NO_INTERFACE',
  'VIR_ERR_NO_SECRET',
  'VIR_ERR_NO_NWFILTER',
  'VIR_ERR_NO_NWFILTER_BINDING',
  'VIR_ERR_NO_NETWORK_PORT',
  'VIR_ERR_NO_DOMAIN_BACKUP',
  'VIR_ERR_NO_DOMAIN_METADATA',
);
const invalidState = codes('VIR_ERR_OPERATION_INVALID', 'VIR_ERR_DOM_EXIST');
const permission = codes(
  'VIR_ERR_OPERATION_DENIED',
  'VIR_ERR_ACCESS_DENIED',
  'VIR_ERR_AUTH_FAILED',
  'VIR_ERR_AUTH_CANCELLED',
  'VIR_ERR_AUTH_UNAVAILABLE',
);
const unsupported = codes(
  'VIR_ERR_NO_SUPPORT',
  'VIR_ERR_OPERATION_UNSUPPORTED',
  'VIR_ERR_CONFIG_UNSUPPORTED',
  'VIR_ERR_ARGUMENT_UNSUPPORTED',
  // An error *reply* with VIR_ERR_RPC: the daemon did not understand the call
  // ("unknown procedure"): a procedure newer than that libvirt.
  'VIR_ERR_RPC',
);
const notConnected = codes('VIR_ERR_NO_CONNECT', 'VIR_ERR_INVALID_CONN');
const invalidInput = codes('VIR_ERR_XML_ERROR', 'VIR_ERR_XML_DETAIL', 'VIR_ERR_INVALID_ARG');

/** hv's kind for a libvirt error number. */
export function kindOfCode(code: number): Kind {
  if (notFound.has(code)) return 'not-found';
  if (invalidState.has(code)) return 'invalid-state';
  if (permission.has(code)) return 'permission';
  if (unsupported.has(code)) return 'unsupported';
  if (notConnected.has(code)) return 'not-connected';
  if (invalidInput.has(code)) return 'invalid-input';
  return 'failed';
}

const isTest = (uri: string) => /^test(\+\w+)?:/.test(uri);

function fixFor(kind: Kind, code: number, uri: string): string | undefined {
  switch (kind) {
    case 'not-found':
      return code === byName.get('VIR_ERR_NO_DOMAIN')
        ? 'list the VMs with `hv vm list` (names are case-sensitive)'
        : undefined;
    case 'permission':
      return code === byName.get('VIR_ERR_OPERATION_DENIED')
        ? 'the connection is read-only: open it read-write (hv uses the read-only socket only when asked)'
        : 'VM work needs no sudo: join the group that may use libvirt (libvirtd, or hypervisor-operators on Hyper-NixOS) and log in again; `hv doctor` shows which';
    case 'unsupported':
      if (code === byName.get('VIR_ERR_RPC')) {
        return `the libvirt daemon behind ${uri} is older than this call: update libvirt, or use virsh for it`;
      }
      return isTest(uri)
        ? "this is libvirt's test driver (the demo): it simulates VMs and lacks some features; a QEMU/KVM host can do it"
        : `the libvirt driver behind ${uri} cannot do that; a newer libvirt or QEMU may`;
    case 'not-connected':
      return isTest(uri)
        ? 'start the demo with `hv demo start`'
        : 'check that libvirtd is running (systemctl status libvirtd) or use `hv --demo`';
    default:
      return undefined;
  }
}

function connectionError(e: ConnectionError, uri: string): HvError {
  const detail = `${e.failure}${e.errno ? ` ${e.errno}` : ''}: ${e.message}`;
  if (e.errno === 'EACCES' || e.errno === 'EPERM') {
    return new HvError('permission', `libvirt at ${uri} refused access: ${e.message}`, {
      fix: 'VM work needs no sudo: join the group that owns the libvirt socket (libvirtd) and log in again; `hv doctor` shows which',
      detail,
    });
  }
  if (e.errno === 'EAUTH') return new HvError('unsupported', e.message, { detail });
  if (e.errno === 'SSH') {
    // ssh's own words (it has no codes): a refused key, an unknown host key.
    if (/Permission denied \((publickey|password|keyboard-interactive)/i.test(e.message)) {
      return new HvError('permission', `ssh refused the login for ${uri}: ${e.message}`, {
        fix: 'hv cannot type a password: set up an SSH key for that host (ssh-copy-id USER@HOST), and check `ssh USER@HOST virsh -c qemu:///system uri` works',
        detail,
      });
    }
    if (/Host key verification failed|host key .*(not known|changed)/i.test(e.message)) {
      return new HvError('not-connected', `cannot reach libvirt at ${uri}: ${e.message}`, {
        fix: "ssh does not know that host's key yet: run `ssh USER@HOST` once and accept it (hv never answers ssh's questions for you)",
        detail,
      });
    }
  }
  if (e.failure === 'protocol') {
    return new HvError(
      'not-connected',
      `dropped the connection to libvirt at ${uri}: ${e.message}`,
      {
        fix: 'hv reconnects by itself; if this repeats, the other end is not a libvirt daemon (check the URI)',
        detail,
      },
    );
  }
  const lost = e.failure === 'closed' || e.failure === 'keepalive' || e.failure === 'local-close';
  return new HvError(
    'not-connected',
    lost
      ? `lost the connection to libvirt at ${uri}: ${e.message}`
      : `cannot reach libvirt at ${uri}: ${e.message}`,
    {
      fix: isTest(uri)
        ? lost
          ? 'the demo stopped: start it again with `hv demo start`'
          : 'start the demo with `hv demo start`'
        : lost
          ? 'check that libvirtd is running (systemctl status libvirtd); the console reconnects by itself when it is back'
          : 'check that libvirtd is running (systemctl status libvirtd) or use `hv --demo`',
      detail,
    },
  );
}

/** Any failure of the client as an HvError; `what` is prefixed ("cannot start \"web\""). */
export function toHvError(e: unknown, uri: string, what?: string): HvError {
  if (e instanceof HvError) return e;
  if (e instanceof LibvirtError) {
    const kind = kindOfCode(e.code);
    const fix = fixFor(kind, e.code, uri);
    return new HvError(kind, what ? `${what}: ${e.message}` : e.message, {
      ...(fix ? { fix } : {}),
      detail: `${e.codeName} (${e.code}) from ${e.domainName} in ${procName(e.proc)}: ${e.message}`,
    });
  }
  if (e instanceof ConnectionError) return connectionError(e, uri);
  if (e instanceof ProtocolError || e instanceof XdrError) {
    return new HvError('failed', `libvirt at ${uri} sent a reply hv cannot read: ${e.message}`, {
      detail: e.message,
    });
  }
  const msg = e instanceof Error ? e.message : String(e);
  return new HvError('failed', what ? `${what}: ${msg}` : msg, { detail: msg });
}
