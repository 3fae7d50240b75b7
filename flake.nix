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
