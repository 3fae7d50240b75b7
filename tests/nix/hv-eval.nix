# Evaluates NixOS configurations made of hv's modules with nixpkgs' real lib
# (lib.evalModules, the module system NixOS uses), the typed stand-ins for the NixOS
# options hv touches (nixos-standins.nix) and a stand-in pkgs (pkgs-standin.nix).
# Many cases in one call: nix-instantiate starts once and lib is read once.
#
# For each case: the assertions that failed and the warnings, each with the file that
# defined it; the value of every option the case's own files define (option defaults
# left out); and every defined
# option forced deeply, so mkIf bodies, types and submodules are all checked. A type
# error, an undeclared option, a missing package or a throw fails the whole call with
# NixOS's message, which names the option and the file.
{
  # nixpkgs' lib/ folder.
  libPath,
  # A JSON file: { "<case>": { "modules": [ "/abs/file.nix", ... ], "settings": { ... } } }
  # where settings (optional) is one more module's config, e.g. { hypervisor... }.
  casesFile,
  # Only these cases (a list of names), or all.
  only ? null,
}:
let
  lib = import libPath;
  pkgs = import ./pkgs-standin.nix;
  standins = lib.mapAttrsToList (file: module: {
    _file = "<stand-in for nixpkgs ${file}>";
    imports = [ module ];
  }) (import ./nixos-standins.nix);
  isStandin = lib.hasPrefix "<stand-in for nixpkgs ";

  allCases = builtins.fromJSON (builtins.readFile casesFile);
  cases = if only == null then allCases else lib.getAttrs only allCases;

  evalCase =
    name: case:
    let
      r = lib.evalModules {
        class = "nixos";
        modules =
          standins
          ++ map (file: /. + file) case.modules
          ++ lib.optional (case ? settings) {
            _file = "<case ${name}: its settings>";
            config = case.settings;
          }
          ++ [
            {
              _file = "<the flake: hypervisor.console.package>";
              # The hv flake's nixosModules.default and the generated host flake set it.
              hypervisor.console.package = pkgs.drv "hv";
              _module.args.pkgs = pkgs;
            }
          ];
      };
      options = lib.filter (o: o.isDefined && builtins.head o.loc != "_module") (
        lib.collect lib.isOption r.options
      );
      own = o: lib.filter (f: !isStandin f) o.files;
      reported = [
        [ "assertions" ]
        [ "warnings" ]
      ];
      located =
        option: f:
        lib.concatMap (
          def:
          map (message: {
            inherit (def) file;
            inherit message;
          }) (f def.value)
        ) option.definitionsWithLocations;
    in
    {
      failedAssertions = located r.options.assertions (
        as: map (a: a.message) (lib.filter (a: !a.assertion) as)
      );
      warnings = located r.options.warnings (ws: ws);
      values = builtins.listToAttrs (
        map (o: {
          name = lib.showOption o.loc;
          inherit (o) value;
        }) (lib.filter (o: own o != [ ] && o.highestPrio < 1500 && !(builtins.elem o.loc reported)) options)
      );
      checked = builtins.deepSeq (map (o: o.value) options) (builtins.length options);
    };
in
builtins.mapAttrs evalCase cases
