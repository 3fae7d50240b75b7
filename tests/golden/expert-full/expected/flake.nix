# Written once by hv 0.1.0; yours to edit from now on.
# Build and switch: nixos-rebuild switch --flake .#lab-01
# hv-content-hash: sha256-A4MkgIuR5I5nYPXEno+mWYikBy+PTDYPggujGZ1ZwHA=
{
  description = "lab-01: a Hyper-NixOS virtualization host (set up with hv)";
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
      lab-01 = nixpkgs.lib.nixosSystem {
        system = "x86_64-linux";
        modules = [
          ./modules/hypervisor
          ./hosts/lab-01
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
