// Which libvirt driver a URI names; small and dependency-free so screens can use it
// without loading the adapters.

/** libvirt's driver from a URI: `test+unix:///…` -> test, `qemu+ssh://…` -> qemu. */
export const driverOf = (uri: string) => /^([a-z0-9]+)/i.exec(uri)?.[1]?.toLowerCase() ?? uri;

/** The side that cannot migrate: the one that is not QEMU (the driver hv migrates with). */
export function refusingDriver(sourceUri: string, destUri: string): string {
  const source = driverOf(sourceUri);
  return source !== 'qemu' ? source : driverOf(destUri);
}
