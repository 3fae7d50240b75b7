# A stand-in for nixpkgs' `lib`, just enough to evaluate the `options` of hv's modules
# without nixpkgs. Types are plain attrsets (a `name` plus what makes them distinct) so
# that options.test.ts can compare them, as JSON, with what the catalog implies.
# Option-level helpers are real; the config-level ones (mkIf, mkMerge, ...) only build
# markers, because the test never forces `config`.
let
  inherit (builtins)
    concatStringsSep
    elem
    foldl'
    listToAttrs
    map
    stringLength
    substring
    ;

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

  hasPrefix = prefix: s: substring 0 (stringLength prefix) s == prefix;
  hasSuffix =
    suffix: s:
    let
      n = stringLength s;
      k = stringLength suffix;
    in
    k <= n && substring (n - k) k s == suffix;
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

  # Config-level properties: markers the module system would interpret.
  mkIf = condition: content: {
    _type = "if";
    inherit condition content;
  };
  mkMerge = contents: {
    _type = "merge";
    inherit contents;
  };
  mkOverride = priority: content: {
    _type = "override";
    inherit priority content;
  };
  mkDefault = content: {
    _type = "override";
    priority = 1000;
    inherit content;
  };
  mkForce = content: {
    _type = "override";
    priority = 50;
    inherit content;
  };
  mkBefore = content: {
    _type = "order";
    priority = 500;
    inherit content;
  };
  mkAfter = content: {
    _type = "order";
    priority = 1500;
    inherit content;
  };

  # Plain functions, with nixpkgs' meaning, for module bodies that use them.
  optional = cond: x: if cond then [ x ] else [ ];
  optionals = cond: xs: if cond then xs else [ ];
  optionalString = cond: s: if cond then s else "";
  optionalAttrs = cond: as: if cond then as else { };
  inherit concatStringsSep elem hasPrefix hasSuffix;
  concatMapStrings = f: xs: concatStringsSep "" (map f xs);
  concatMapStringsSep =
    sep: f: xs:
    concatStringsSep sep (map f xs);
  removeSuffix =
    suffix: s:
    if hasSuffix suffix s then substring 0 (stringLength s - stringLength suffix) s else s;
  escapeShellArg = s: "'${builtins.replaceStrings [ "'" ] [ "'\\''" ] (toString s)}'";
  genAttrs =
    names: f:
    listToAttrs (
      map (n: {
        name = n;
        value = f n;
      }) names
    );
  unique = foldl' (acc: x: if elem x acc then acc else acc ++ [ x ]) [ ];
}
