// The equivalent commands hv shows for what it does ("show me the command"):
// their shape and how they read, shell-quoted. Shown only, never run through a shell.

/** A command a person could type to do the same thing ("show me the command"). */
export interface EquivalentCommand {
  tool: 'virsh' | 'hv' | 'nix' | 'nixos-rebuild' | 'systemctl' | 'journalctl' | 'sudo';
  /** argv without the tool; shown shell-quoted, never run through a shell. */
  args: string[];
}

/** Quotes one argument for a POSIX shell, for display only (never executed). */
export function shellQuote(arg: string): string {
  if (/^[A-Za-z0-9_./:=@+,%-]+$/.test(arg)) return arg;
  return `'${arg.replace(/'/g, `'\\''`)}'`;
}

export function commandLine(c: EquivalentCommand): string {
  return [c.tool, ...c.args].map(shellQuote).join(' ');
}
