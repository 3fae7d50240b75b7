{
  description = "hv, the Hyper-NixOS console: setup wizard, live VM menu and guided learning";

  inputs.nixpkgs.url = "github:NixOS/nixpkgs/nixos-unstable";

  outputs =
    { self, nixpkgs }:
    let
      inherit (nixpkgs) lib;

      systems = [
        "x86_64-linux"
        "aarch64-linux"
      ];
      forAllSystems = f: lib.genAttrs systems (system: f nixpkgs.legacyPackages.${system});

      # nixpkgs' default Node LTS (22 or 24 as nixpkgs moves on; Node 20 reached its end
      # of life on 2026-04-30 and nixpkgs dropped nodejs_20). hv's tests run the CLI, the
      # build and the console on Node 20, 22 and 24 (tests/platform/node-versions.test.ts).
      nodejsFor = pkgs: pkgs.nodejs;

      hvFor =
        pkgs:
        let
          nodejs = nodejsFor pkgs;
        in
        pkgs.buildNpmPackage {
          pname = "hv";
          inherit (lib.importJSON ./package.json) version;
          inherit nodejs;

          # A local checkout's node_modules, dist and .cache (the test Nodes, ~400 MB)
          # must never reach the build.
          src = lib.cleanSourceWith {
            src = lib.cleanSource ./.;
            filter =
              path: _type:
              !(builtins.elem (baseNameOf path) [
                "node_modules"
                "dist"
                ".cache"
              ]);
          };

          npmDeps = pkgs.importNpmLock { npmRoot = ./.; };
          # The native binding must be compiled against the headers of the node that
          # runs it: the hook is pinned to the same nodejs, should nodejsFor ever pick
          # another than nixpkgs' default.
          npmConfigHook = pkgs.importNpmLock.npmConfigHook.override { inherit nodejs; };
          npmBuildScript = "build";

          nativeBuildInputs = [
            pkgs.pkg-config
            pkgs.python3
            pkgs.makeWrapper
          ];
          # For the optional native binding @unraid/libvirt; hv falls back to virsh without it.
          buildInputs = [ pkgs.libvirt ];
          # The sandbox has no network: skip node-pre-gyp's prebuilt download, build locally.
          env.npm_config_build_from_source = "true";

          # hv shells out to virsh, a private libvirtd (demo) and nix-instantiate.
          postInstall = ''
            wrapProgram $out/bin/hv \
              --prefix PATH : ${lib.makeBinPath [ pkgs.libvirt pkgs.nix ]} \
              --prefix PATH : ${lib.makeSearchPathOutput "bin" "sbin" [ pkgs.libvirt ]}
          '';

          meta = {
            description = "Hyper-NixOS console: setup wizard, live VM menu and guided learning";
            license = lib.licenses.mit;
            platforms = lib.platforms.linux;
            mainProgram = "hv";
          };
        };
    in
    {
      packages = forAllSystems (pkgs: {
        default = hvFor pkgs;
      });

      apps = forAllSystems (pkgs: {
        default = {
          type = "app";
          program = lib.getExe self.packages.${pkgs.stdenv.hostPlatform.system}.default;
          meta.description = "Run the hv console";
        };
      });

      nixosModules.default =
        { lib, pkgs, ... }:
        {
          imports = [ ./nix-templates ];
          hypervisor.console.package =
            lib.mkDefault self.packages.${pkgs.stdenv.hostPlatform.system}.default;
        };

      # `nix flake check` (on a machine with Nix and network; see the README):
      #   golden-<name>: a NixOS host made of hv's module and that golden's generated host
      #     (tests/golden/<name>/expected) evaluates, down to system.build.toplevel's drvPath;
      #   vm: a NixOS VM with hv's module and libvirtd boots; as a member of the libvirtd
      #     group, `hv doctor`, `hv vm list --json` on qemu:///system and
      #     `hv setup validate` on an example answers file work.
      # Without nixpkgs (hv's CI) these are parsed, not run (tests/nix/flake-checks.test.ts).
      checks = forAllSystems (
        pkgs:
        let
          inherit (pkgs.stdenv.hostPlatform) system;
          dirsIn = dir: builtins.attrNames (lib.filterAttrs (_: t: t == "directory") (builtins.readDir dir));
          # What a real host has besides hv's files: a boot loader and a root file system
          # (btrfs, which the golden's snapshot and deduplication features expect).
          minimalHost = {
            boot.loader.grub.device = "nodev";
            fileSystems."/" = {
              device = "/dev/disk/by-label/nixos";
              fsType = "btrfs";
            };
          };
          golden =
            name:
            let
              hosts = ./tests/golden + "/${name}/expected/hosts";
              toplevel =
                (lib.nixosSystem {
                  inherit system;
                  modules = [
                    self.nixosModules.default
                    (hosts + "/${builtins.head (dirsIn hosts)}")
                    minimalHost
                  ];
                }).config.system.build.toplevel;
            in
            # Evaluating drvPath evaluates the whole configuration (assertions included);
            # the check itself builds nothing but this note.
            pkgs.runCommand "hv-golden-${name}-evaluates" {
              drvPath = builtins.unsafeDiscardStringContext toplevel.drvPath;
            } ''echo "$drvPath" > $out'';
        in
        builtins.listToAttrs (
          map (name: lib.nameValuePair "golden-${name}" (golden name)) (dirsIn ./tests/golden)
        )
        // {
          vm = pkgs.testers.runNixOSTest {
            name = "hv-host";
            nodes.host = {
              imports = [ self.nixosModules.default ];
              hypervisor.console.enable = true;
              hypervisor.core = {
                vmManagement.enable = true;
                privilegeSeparation = {
                  enable = true;
                  vmUsers = [ "ada" ];
                };
              };
              users.users.ada = {
                isNormalUser = true;
                extraGroups = [ "libvirtd" ];
              };
              virtualisation.memorySize = 2048;
            };
            testScript = ''
              import json

              host.wait_for_unit("multi-user.target")
              host.wait_for_unit("libvirtd.service")

              def as_ada(command):
                  return host.succeed(f"su - ada -c '{command}'")

              # doctor may warn (no KVM inside the test VM) but libvirt must be usable.
              doctor = json.loads(host.execute("su - ada -c 'hv doctor --json'")[1])
              by_id = {c["id"]: c for c in doctor["checks"]}
              for check in ["virsh", "libvirtd", "system-libvirt", "groups"]:
                  assert by_id[check]["status"] != "fail", by_id[check]

              vms = json.loads(as_ada("hv --connect qemu:///system vm list --json"))
              print(vms)

              # ${self} is the flake source in the store, which the VM shares.
              as_ada("hv setup validate ${self}/tests/golden/beginner-minimal/answers.json")
            '';
          };
        }
      );

      devShells = forAllSystems (pkgs: {
        default = pkgs.mkShell {
          packages = [
            (nodejsFor pkgs)
            pkgs.libvirt
            pkgs.pkg-config
            pkgs.python3
            pkgs.tmux
            pkgs.nix
          ];
        };
      });
    };
}
