# flake.nix's `checks`, evaluated without nixpkgs: the real lib, and in place of
# nixpkgs' nixosSystem, runCommand and testers.runNixOSTest, functions that return what
# they were given. So the checks' names, the modules each host is made of and the VM
# test's script can be read (tests/nix/flake-checks.test.ts); running them needs a
# real nixpkgs (`nix flake check`).
{ libPath }:
let
  lib = import libPath;
  flake = import ../../flake.nix;
  fakeNixpkgs = {
    lib = lib // {
      # Its "drvPath" is the list of the host's modules, described.
      nixosSystem = args: {
        config.system.build.toplevel.drvPath = builtins.toJSON {
          inherit (args) system;
          modules = map (
            m:
            if builtins.isPath m then
              toString m
            else if builtins.isFunction m then
              "<function>"
            else
              builtins.attrNames m
          ) args.modules;
        };
      };
    };
    legacyPackages = lib.genAttrs [ "x86_64-linux" "aarch64-linux" ] (system: {
      stdenv.hostPlatform.system = system;
      runCommand = name: env: script: { inherit name env script; };
      testers.runNixOSTest = test: test;
    });
  };
  outputs = flake.outputs {
    self = outputs // {
      outPath = toString ../..;
    };
    nixpkgs = fakeNixpkgs;
  };
in
lib.mapAttrs (
  _system: checks:
  lib.mapAttrs (
    name: check:
    if lib.hasPrefix "golden-" name then
      {
        inherit (check) name script;
        host = builtins.fromJSON check.env.drvPath;
      }
    else
      {
        inherit (check) name testScript;
        nodeImports = map builtins.typeOf check.nodes.host.imports;
        users = check.nodes.host.users.users;
        hypervisor = check.nodes.host.hypervisor;
      }
  ) checks
) outputs.checks
