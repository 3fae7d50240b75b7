# Entry point for every NixOS module hv ships (the flake's nixosModules.default imports it).
# Every hv module must be listed here: hv only writes values for options declared below,
# and a module that is not imported declares nothing.
{ ... }:
{
  imports = [
    ./modules/console.nix
    ./modules/core.nix
    ./modules/security.nix
    ./modules/networking.nix
    ./modules/storage.nix
    ./modules/backup.nix
    ./modules/monitoring.nix
    ./modules/integration.nix
    ./modules/developer.nix
    ./modules/user-experience.nix
    ./modules/platform.nix
    ./modules/experimental.nix
  ];
}
