# A stand-in for nixpkgs' `lib`, just enough to evaluate the `options` of hv's modules
# where nixpkgs is not at hand, which is all options.test.ts needs: types are plain
# attrsets (a `name` plus what makes them distinct) so that it can compare them, as
# JSON, with what the catalog implies. Everything about `config` (mkIf, mkMerge, the
# list and string functions module bodies use) is checked with nixpkgs' real lib in
# nixos-eval.test.ts, so it is not imitated here: a module body reaching for it fails.
let
  mkType = name: extra: { inherit name; } // extra;

  types = {
    str = mkType "str" { };
    nonEmptyStr = mkType "nonEmptyStr" { };
    lines = mkType "lines" { };
    int = mkType "int" { };
    bool = mkType "bool" { };
    port = mkType "port" { };
    path = mkType "path" { };
    package = mkType "package" { };
    attrs = mkType "attrs" { };
    anything = mkType "anything" { };
    ints = {
      between = min: max: mkType "ints.between" { inherit min max; };
      unsigned = mkType "ints.unsigned" { };
      positive = mkType "ints.positive" { };
    };
    strMatching = pattern: mkType "strMatching" { inherit pattern; };
    enum = values: mkType "enum" { inherit values; };
    listOf = elem: mkType "listOf" { inherit elem; };
    attrsOf = elem: mkType "attrsOf" { inherit elem; };
    nullOr = elem: mkType "nullOr" { inherit elem; };
    either = left: right: mkType "either" { inherit left right; };
    # Submodules are compared by their option names only.
    submodule = m: mkType "submodule" { };
  };

  mkOption = attrs: { _type = "option"; } // attrs;
in
{
  inherit types mkOption;

  mkEnableOption =
    name:
    mkOption {
      type = types.bool;
      default = false;
      example = true;
      description = "Whether to enable ${name}.";
    };

  literalExpression = text: {
    _type = "literalExpression";
    inherit text;
  };

}
