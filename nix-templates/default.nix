# Entry point for every NixOS module hv ships (the flake's nixosModules.default imports it).
# Every hv module must be listed here: hv only writes values for options declared below,
# and a module that is not imported declares nothing.
{ ... }:
{
  imports = [
    ./modules/console.nix
  ];
}
