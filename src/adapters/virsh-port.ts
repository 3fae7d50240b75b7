// What the virsh area modules (virsh-*.ts) need of a virsh connection; VirshHypervisor
// (virsh.ts) provides it. Its own file so the area modules do not import virsh.ts back.

/** What the area modules need of a virsh connection. */
export interface Virsh {
  readonly uri: string;
  exec(args: readonly string[], opts?: { timeoutMs?: number }): Promise<string>;
  script(commands: readonly string[][]): Promise<{ outputs: string[]; stderr: string }>;
}

/** Quotes one argument for virsh's own command parser (used in scripts). */
export function virshQuote(arg: string): string {
  if (/^[A-Za-z0-9_./:=@+-]+$/.test(arg)) return arg;
  return `"${arg.replace(/\\/g, '\\\\').replace(/"/g, '\\"')}"`;
}
