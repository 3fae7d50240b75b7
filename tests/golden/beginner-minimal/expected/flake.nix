# Written once by hv 0.1.0; yours to edit from now on.
# Build and switch: nixos-rebuild switch --flake .#hv-home
# hv-content-hash: sha256-0iVzsZQ7KBeKWJJHAIP01EL8TEbDjDXF09qWfwoz68I=
{
  description = "hv-home: a Hyper-NixOS virtualization host (set up with hv)";
  inputs = {
    nixpkgs = {
      url = "github:NixOS/nixpkgs/nixos-unstable";
    };
    hv = {
      url = "github:hyper-nixos/hv";
      inputs = {
        nixpkgs = {
          follows = "nixpkgs";
        };
      };
    };
  };
  outputs = { nixpkgs, hv, ... }:
  {
    nixosConfigurations = {
      hv-home = nixpkgs.lib.nixosSystem {
        system = "x86_64-linux";
        modules = [
          ./modules/hypervisor
          ./hosts/hv-home
          {
            hypervisor = {
              console = {
                package = hv.packages.x86_64-linux.default;
              };
            };
          }
        ];
      };
    };
  };
}
