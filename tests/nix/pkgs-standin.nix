# A stand-in for `pkgs`: every package hv's modules use, as a derivation-like value
# named after the package, and the one builder they call (writeShellScript). Each name
# is a nixpkgs attribute (its folder in NixOS/nixpkgs is named beside it); `pkgs.<name>` for any
# other name fails evaluation with "attribute '<name>' missing" at the reading line.
# Add a name here only after checking that nixpkgs has it.
let
  packages = [
    "audit" # pkgs/by-name/au/audit
    "coreutils" # pkgs/tools/misc/coreutils
    "cryptsetup" # pkgs/by-name/cr/cryptsetup
    "curl" # pkgs/by-name/cu/curl
    "distrobox" # pkgs/by-name/di/distrobox
    "git" # pkgs/by-name/gi/git
    "htop" # pkgs/by-name/ht/htop
    "jq" # pkgs/by-name/jq/jq
    "opentofu" # pkgs/by-name/op/opentofu
    "tmux" # pkgs/by-name/tm/tmux
    "virt-top" # pkgs/by-name/vi/virt-top
    "virtiofsd" # pkgs/by-name/vi/virtiofsd
  ];

  # What NixOS's types.package accepts (lib.isDerivation) and what interpolates to a
  # store path, with a fixed, valid store hash.
  drv = name: {
    type = "derivation";
    inherit name;
    pname = name;
    version = "0-stand-in";
    outPath = "/nix/store/00000000000000000000000000000000-${name}";
    drvPath = "/nix/store/00000000000000000000000000000000-${name}.drv";
    outputs = [ "out" ];
    outputName = "out";
    meta = { };
  };
in
builtins.listToAttrs (
  map (name: {
    inherit name;
    value = drv name;
  }) packages
)
// {
  inherit drv;
  # pkgs/build-support/trivial-builders/default.nix: a script in the store.
  writeShellScript =
    name: text:
    assert builtins.isString name && builtins.isString text;
    drv name;
}
