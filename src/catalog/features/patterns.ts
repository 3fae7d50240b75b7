// Value patterns shared by several features' parameters. Each comes with the
// message the person sees when a value does not match.

/** A Linux network interface name: at most 15 characters, no "/" or spaces. */
export const interfaceName = /^[A-Za-z][A-Za-z0-9_-]{0,14}$/;
export const interfaceMessage =
  'expected an interface name such as "enp3s0" or "br0" (letters, digits, "-" and "_", at most 15 characters)';

/** An interface name that may end in "*" to match a family ("virbr*"). */
export const interfaceGlob = /^[A-Za-z][A-Za-z0-9_-]{0,13}\*?$/;
export const interfaceGlobMessage =
  'expected an interface name, optionally ending in "*" to match several ("virbr*")';

/** An absolute path without spaces or quotes, safe inside systemd and shell lines. */
export const absolutePath = /^\/[A-Za-z0-9._/-]*$/;
export const absolutePathMessage =
  'expected an absolute path such as /var/backup/hypervisor (letters, digits, ".", "_", "-" and "/")';

/** A local account name, as NixOS accepts them. */
export const userName = /^[a-z_][a-z0-9_-]{0,31}$/;
export const userNameMessage =
  'expected a user name: lower-case letters, digits, "_" and "-", starting with a letter';

/** A systemd unit name without the ".service" suffix. */
export const unitName = /^[A-Za-z0-9@._-]+$/;
export const unitNameMessage =
  'expected a systemd service name without ".service", such as "libvirtd"';

/** An IPv4 address or network. */
export const ipv4OrCidr = /^(\d{1,3}\.){3}\d{1,3}(\/\d{1,2})?$/;
export const ipv4OrCidrMessage =
  'expected an IPv4 address or network, such as 192.0.2.10 or 192.0.2.0/24';
