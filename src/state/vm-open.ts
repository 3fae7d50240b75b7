// Opens the Hypervisor the console uses for a URI. Local libvirt (system,
// session, the demo) goes through the composite adapter (the native binding when
// it loads, virsh otherwise); remote URIs use virsh only: virsh runs without a
// terminal, so an ssh that wants a password fails fast instead of prompting on
// the terminal Ink owns. Imported after the first frame (it loads execa).
import { CompositeHypervisor } from '../adapters/composite.js';
import { describeUri } from '../adapters/connection.js';
import type { Hypervisor } from '../adapters/hypervisor.js';
import { VirshHypervisor } from '../adapters/virsh.js';

export async function openHypervisor(uri: string): Promise<Hypervisor> {
  if (describeUri(uri).kind === 'remote') return new VirshHypervisor(uri);
  return CompositeHypervisor.open(uri);
}
