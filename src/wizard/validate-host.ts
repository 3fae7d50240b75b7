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

/** time.timeZone: an IANA name such as Europe/Berlin, or UTC. */
export function checkTimeZone(tz: string): string | undefined {
  if (!tzRe.test(tz))
    return 'expected a time zone name such as "Europe/Berlin", "America/New_York" or "UTC"';
  return undefined;
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
