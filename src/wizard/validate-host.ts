// Validators for the host basics, shared by the answers schema and the wizard's
// inline checks. Each returns undefined when fine, else the reason in plain words.

const hostnameRe = /^[A-Za-z0-9]([A-Za-z0-9-]{0,61}[A-Za-z0-9])?$/;

/** NixOS networking.hostName: one DNS label, no domain part (no underscores either). */
export function checkHostname(name: string): string | undefined {
  if (name.length === 0) return 'a hostname is needed';
  if (name.includes('.')) return 'use one name without a domain (e.g. "hv-01", not "hv-01.lan")';
  if (name.length > 63) return 'at most 63 characters';
  if (name.includes('_')) return 'underscores are not allowed in hostnames; use "-"';
  if (!hostnameRe.test(name)) {
    return 'letters, digits and "-" only, starting and ending with a letter or digit';
  }
  return undefined;
}

const userRe = /^[a-z_][a-z0-9_-]{0,31}$/;
const reservedUsers = new Set(['root', 'nobody', 'daemon', 'bin', 'sys', 'qemu-libvirtd']);

export function checkUsername(name: string): string | undefined {
  if (!userRe.test(name)) {
    return 'lower-case letters, digits, "_" and "-", starting with a letter, at most 32 characters';
  }
  if (reservedUsers.has(name)) return `"${name}" is a system account; choose a personal name`;
  return undefined;
}

const tzRe = /^(UTC|[A-Z][A-Za-z_+-]*(\/[A-Za-z0-9_+-]+){1,2})$/;

/**
 * time.timeZone: a name of the IANA time zone database (Europe/Berlin, UTC), as
 * Node's ICU knows it (links such as US/Eastern too). NixOS links /etc/localtime to
 * that file of tzdata, so a name tzdata lacks would leave the machine without one.
 */
export function checkTimeZone(tz: string): string | undefined {
  if (!tzRe.test(tz))
    return 'expected a time zone name such as "Europe/Berlin", "America/New_York" or "UTC"';
  const known = knownTimeZone(tz);
  if (known && known.toLowerCase() === tz.toLowerCase() && known !== tz) {
    return `write it as "${known}": time zone names are case-sensitive on NixOS`;
  }
  if (known) return undefined;
  const near = nearestTimeZone(tz);
  return `"${tz}" is not a time zone${near ? `; did you mean "${near}"?` : ''} (names as in the IANA database, e.g. "Europe/Berlin")`;
}

/** The name ICU resolves it to (a link resolves to its zone), or undefined. */
function knownTimeZone(tz: string): string | undefined {
  try {
    return new Intl.DateTimeFormat('en', { timeZone: tz }).resolvedOptions().timeZone;
  } catch {
    return undefined;
  }
}

let zoneNames: readonly string[] | undefined;

/** The closest known name by edit distance, when close enough to be a typo. */
export function nearestTimeZone(tz: string): string | undefined {
  zoneNames ??= [...Intl.supportedValuesOf('timeZone'), 'UTC'];
  let best: string | undefined;
  let bestDistance = Number.POSITIVE_INFINITY;
  for (const name of zoneNames) {
    const d = editDistance(tz.toLowerCase(), name.toLowerCase());
    if (d < bestDistance) {
      best = name;
      bestDistance = d;
    }
  }
  return bestDistance <= Math.max(2, Math.floor(tz.length / 5)) ? best : undefined;
}

function editDistance(a: string, b: string): number {
  let prev = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const row = [i];
    for (let j = 1; j <= b.length; j++) {
      row[j] = Math.min(
        prev[j]! + 1,
        row[j - 1]! + 1,
        prev[j - 1]! + (a[i - 1] === b[j - 1] ? 0 : 1),
      );
    }
    prev = row;
  }
  return prev[b.length]!;
}

const keyTypes = new Set([
  'ssh-ed25519',
  'ssh-rsa',
  'ecdsa-sha2-nistp256',
  'ecdsa-sha2-nistp384',
  'ecdsa-sha2-nistp521',
  'sk-ssh-ed25519@openssh.com',
  'sk-ecdsa-sha2-nistp256@openssh.com',
]);

/**
 * An OpenSSH public key line: "<type> <base64> [comment]". The base64 blob must
 * decode and name the same type, which catches truncated and mangled pastes.
 */
export function checkSshPublicKey(line: string): string | undefined {
  const trimmed = line.trim();
  if (trimmed.includes('\n')) return 'one key per entry';
  if (/PRIVATE KEY/.test(trimmed))
    return 'this is a private key: paste the .pub file instead, and keep the private key secret';
  const [type, blob] = trimmed.split(/\s+/);
  if (!type || !blob)
    return 'expected "<type> <key> [comment]", e.g. the contents of ~/.ssh/id_ed25519.pub';
  if (!keyTypes.has(type))
    return `unknown key type "${type}" (expected e.g. ssh-ed25519 or ssh-rsa)`;
  if (!/^[A-Za-z0-9+/]+={0,2}$/.test(blob)) return 'the key part is not valid base64';
  const bytes = Buffer.from(blob, 'base64');
  if (bytes.length < 4) return 'the key is truncated';
  const len = bytes.readUInt32BE(0);
  if (len + 4 > bytes.length) return 'the key is truncated';
  const inner = bytes.subarray(4, 4 + len).toString('latin1');
  if (inner !== type)
    return `the key data says "${inner}" but the line says "${type}": the paste is mangled`;
  // After the type name comes the key material: at least one length-prefixed field,
  // and for ed25519 exactly a 32-byte key.
  const rest = bytes.subarray(4 + len);
  if (rest.length < 4 || rest.readUInt32BE(0) + 4 > rest.length) return 'the key is truncated';
  if (type === 'ssh-ed25519' && rest.length !== 36) return 'the key is truncated';
  if (type === 'ssh-rsa' && bytes.length < 200)
    return 'RSA keys shorter than 2048 bits are refused';
  return undefined;
}
