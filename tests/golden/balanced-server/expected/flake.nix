# Written once by hv 0.1.0; yours to edit from now on.
# Build and switch: nixos-rebuild switch --flake .#rack-07
# hv-content-hash: sha256-n8BskBjreKfseALGfdZWdRsRke8nXZv5o+Ma1jUggxY=
{
  description = "rack-07: a Hyper-NixOS virtualization host (set up with hv)";
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
      rack-07 = nixpkgs.lib.nixosSystem {
        system = "x86_64-linux";
        modules = [
          ./modules/hypervisor
          ./hosts/rack-07
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
