// nixpkgs renamed or removed these options (see shared NIXOS-OPTIONS.md, "Summary of
// renamed, removed or changed options"). Setting one fails evaluation or warns on
// every rebuild, so the templates and everything hv generates must not use them.
// With nixpkgs' lib, nixos-eval.test.ts catches them for real (the NixOS stand-ins
// are closed, so a renamed option does not exist); this text check also runs where
// nixpkgs is not at hand, and covers flake.nix and the golden files as written.
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { repoRoot } from '../helpers.js';

const removed: Array<[RegExp, string]> = [
  [/\bovmf\b/i, 'virtualisation.libvirtd.qemu.ovmf was removed: OVMF images come with QEMU'],
  [/\bqemuOvmf(Package)?\b/, 'removed: OVMF images come with QEMU'],
  [/\benableKVM\b/, 'removed: set virtualisation.libvirtd.qemu.package'],
  [/\bqemu(Package|RunAsRoot|VerbatimConfig|Swtpm)\b/, 'renamed to virtualisation.libvirtd.qemu.*'],
  [
    /openssh\.(passwordAuthentication|permitRootLogin|kbdInteractiveAuthentication|challengeResponseAuthentication|banner)\b/,
    'renamed into services.openssh.settings.*',
  ],
  [
    /\b(passwordAuthentication|permitRootLogin|kbdInteractiveAuthentication)\s*=/,
    'renamed into services.openssh.settings.* (capitalised)',
  ],
  [
    /grafana\.(port|addr|protocol|domain|rootUrl)\b/,
    'renamed to services.grafana.settings.server.*',
  ],
  [/services\.vmwareGuest\b/, 'renamed to virtualisation.vmware.guest'],
  [/defaultNetwork\.(dnsname|extraPlugins)\b/, 'removed: use defaultNetwork.settings.dns_enabled'],
  [/podman\.enableNvidia\b/, 'deprecated: hardware.nvidia-container-toolkit.enable'],
  [/apparmor\.(profiles|confineSUIDApplications)\b/, 'removed: security.apparmor.policies'],
  [/services\.mingetty\b/, 'renamed to services.getty'],
  [/boot\.vesa\b/, 'removed'],
  [/polkit\.debug\b/, 'removed: security.polkit.extraArgs'],
  [/bluetooth\.(config|extraConfig)\b/, 'renamed to hardware.bluetooth.settings'],
  [/snapper\.configs\.[\w-]+\.(subvolume|fstype|extraConfig)\b/, 'renamed to SUBVOLUME / FSTYPE'],
];

function nixFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true, recursive: true })
    .filter((e) => e.isFile() && e.name.endsWith('.nix'))
    .map((e) => join(e.parentPath, e.name));
}

/** Code only: comments may mention an old name to explain the new one. */
const code = (text: string) =>
  text
    .split('\n')
    .map((l) => l.replace(/#.*$/, ''))
    .join('\n');

describe('no renamed or removed NixOS options', () => {
  const files = [
    ...nixFiles(join(repoRoot, 'nix-templates')),
    ...nixFiles(join(repoRoot, 'tests', 'golden')),
    join(repoRoot, 'flake.nix'),
  ];

  it('finds the templates and golden outputs', () => {
    expect(files.length).toBeGreaterThan(15);
  });

  it.each(files.map((f) => [f.slice(repoRoot.length + 1), f]))('%s', (_name, file) => {
    const text = code(readFileSync(file, 'utf8'));
    const hits = removed.filter(([re]) => re.test(text)).map(([re, why]) => `${re.source}: ${why}`);
    expect(hits).toEqual([]);
  });

  it('would catch one', () => {
    const text = code(
      'virtualisation.libvirtd.qemu.ovmf.enable = true;\nservices.openssh.permitRootLogin = "no";',
    );
    expect(removed.filter(([re]) => re.test(text)).length).toBe(3);
  });
});
