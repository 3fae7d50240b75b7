# Typed stand-ins for the NixOS options hv's modules set or read, so that nixpkgs' real
# `lib.evalModules` can evaluate hv's `config` without NixOS's own modules (which need
# all of nixpkgs). Each option has the type and default NixOS declares on nixpkgs master
# (late 2026: shared/NIXOS-OPTIONS.md beside the repository, and the module files named below). Grouped
# by the nixpkgs file they mirror. Where NixOS asserts something about the values hv
# sets, the assertion is mirrored too, with NixOS's message.
#
# The set is closed: an option that is not declared here (nor by hv) makes evalModules
# fail with "The option `<path>' does not exist", naming the module that set it. So a
# new NixOS option hv sets comes with its stand-in, type included.
#
# An attribute set: the nixpkgs file a stand-in mirrors -> the module (each takes
# { lib, config, ... }). hv-eval.nix names every definition's file after its key.
let
  # nixos/lib/systemd-lib.nix: unit names as systemd accepts them.
  unitNameType =
    lib:
    lib.types.strMatching "[a-zA-Z0-9@%:_.\\-]+[.](service|socket|device|mount|automount|swap|target|path|timer|scope|slice)";

  # nixos/lib/systemd-unit-options.nix: a value of a [Unit]/[Service]/[Timer] key; all
  # definitions lists (repeatable keys) or all equal non-lists.
  unitOption =
    lib:
    lib.mkOptionType {
      name = "systemd option";
      merge =
        loc: defs:
        let
          defs' = lib.filterOverrides defs;
        in
        if builtins.isList (builtins.head defs').value then
          lib.concatMap (
            def:
            if builtins.isList def.value then
              def.value
            else
              throw "The definitions for systemd unit options should be either all lists, representing repeatable options, or all non-lists, but for the option ${lib.showOption loc}, the definitions are a mix of list and non-list ${lib.options.showDefs defs'}"
          ) defs'
        else
          lib.mergeEqualOption loc defs';
    };

  # nixos/lib/systemd-lib.nix checkUnitConfig "Service": the values systemd accepts.
  checkService =
    lib: attrs:
    let
      oneOf =
        key: values:
        !(attrs ? ${key}) || builtins.elem attrs.${key} values;
    in
    oneOf "Type" [
      "exec"
      "simple"
      "forking"
      "oneshot"
      "dbus"
      "notify"
      "notify-reload"
      "idle"
    ]
    && oneOf "Restart" [
      "no"
      "on-success"
      "on-failure"
      "on-abnormal"
      "on-abort"
      "on-watchdog"
      "always"
    ]
    && oneOf "RestartMode" [
      "normal"
      "direct"
      "debug"
    ];

  # nixos/modules/system/boot/kernel.nix: a list of names, or names -> bool.
  attrNamesToTrue =
    lib:
    lib.types.coercedTo (lib.types.listOf lib.types.str) (
      enabled: lib.genAttrs enabled (_: true)
    ) (lib.types.attrsOf lib.types.bool);
  enabledNames = lib: mods: builtins.attrNames (lib.filterAttrs (_: v: v) mods);

  # pkgs/pkgs-lib/formats.nix: (pkgs.formats.json { }).type
  jsonValue =
    lib:
    with lib.types;
    let
      valueType =
        nullOr (oneOf [
          bool
          int
          float
          str
          path
          (attrsOf valueType)
          (listOf valueType)
        ])
        // {
          description = "JSON value";
        };
    in
    valueType;

  # pkgs/pkgs-lib/formats.nix: (pkgs.formats.ini { }).type, a section -> key -> value.
  iniType =
    lib:
    with lib.types;
    attrsOf (
      attrsOf (
        nullOr (oneOf [
          bool
          int
          float
          str
        ])
      )
    );

  # nixos/modules/config/sysctl.nix: one value per key (bool, string, int or null).
  sysctlOption =
    lib:
    lib.mkOptionType {
      name = "sysctl option value";
      check =
        val:
        let
          checkType = x: builtins.isBool x || builtins.isString x || builtins.isInt x || x == null;
        in
        checkType val || (val._type or "" == "override" && checkType val.content);
      merge = loc: defs: lib.mergeOneOption loc (lib.filterOverrides defs);
    };
in
{
  # nixos/modules/misc/assertions.nix
  "nixos/modules/misc/assertions.nix" = (
    { lib, ... }:
    {
      options.assertions = lib.mkOption {
        type = lib.types.listOf lib.types.unspecified;
        internal = true;
        default = [ ];
        description = "Assertions; NixOS stops the build with each failed one's message.";
      };
      options.warnings = lib.mkOption {
        type = lib.types.listOf lib.types.str;
        internal = true;
        default = [ ];
        description = "Warnings NixOS prints during the build.";
      };
    }
  );

  # nixos/modules/misc/version.nix
  "nixos/modules/misc/version.nix" = (
    { lib, ... }:
    {
      options.system.stateVersion = lib.mkOption {
        type = lib.types.str;
        default = "26.11";
        description = "The NixOS release the host's state was created with.";
      };
    }
  );

  # nixos/modules/config/locale.nix
  "nixos/modules/config/locale.nix" = (
    { lib, ... }:
    {
      options.time.timeZone = lib.mkOption {
        type = lib.types.nullOr (lib.types.addCheck lib.types.str (s: builtins.match ".*[[:space:]].*" s == null));
        default = null;
        description = "The time zone; null is UTC.";
      };
    }
  );

  # nixos/modules/config/users-groups.nix (openssh.authorizedKeys: ssh/sshd.nix)
  "nixos/modules/config/users-groups.nix" = (
    { lib, config, ... }:
    let
      inherit (lib) mkOption types;
      # users-groups.nix: passwdEntry, no ':' or newline.
      passwdEntry =
        type:
        types.addCheck type (s: builtins.match ".*[:\n].*" (toString s) == null)
        // {
          description = "${type.description}, not containing newlines or colons";
        };
      userOpts =
        { name, ... }:
        {
          options = {
            name = mkOption {
              type = passwdEntry types.str;
              default = name;
              description = "The account's name.";
            };
            description = mkOption {
              type = passwdEntry types.str;
              default = "";
              description = "The account's description (GECOS field).";
            };
            isNormalUser = mkOption {
              type = types.bool;
              default = false;
              description = "A real person's account.";
            };
            isSystemUser = mkOption {
              type = types.bool;
              default = false;
              description = "A system account.";
            };
            group = mkOption {
              type = types.str;
              default = "";
              description = "The account's primary group.";
            };
            extraGroups = mkOption {
              type = types.listOf types.str;
              default = [ ];
              description = "The account's supplementary groups.";
            };
            hashedPasswordFile = mkOption {
              type = types.nullOr types.str;
              default = null;
              description = "A file holding the account's hashed password.";
            };
            openssh.authorizedKeys.keys = mkOption {
              type = types.listOf types.singleLineStr;
              default = [ ];
              description = "Public keys that may log in as this account.";
            };
            openssh.authorizedKeys.keyFiles = mkOption {
              type = types.listOf types.path;
              default = [ ];
              description = "Files of public keys that may log in as this account.";
            };
          };
        };
      groupOpts =
        { name, ... }:
        {
          options = {
            name = mkOption {
              type = passwdEntry types.str;
              default = name;
              description = "The group's name.";
            };
            gid = mkOption {
              type = types.nullOr types.int;
              default = null;
              description = "The group's id.";
            };
            members = mkOption {
              type = types.listOf (passwdEntry types.str);
              default = [ ];
              description = "The group's members.";
            };
          };
        };
    in
    {
      options.users = {
        users = mkOption {
          type = types.attrsOf (types.submodule userOpts);
          default = { };
          description = "The accounts.";
        };
        groups = mkOption {
          type = types.attrsOf (types.submodule groupOpts);
          default = { };
          description = "The groups.";
        };
        mutableUsers = mkOption {
          type = types.bool;
          default = true;
          description = "Whether accounts may be changed outside the configuration.";
        };
      };
      config.assertions = lib.flatten (
        lib.mapAttrsToList (name: user: [
          {
            assertion = (user.isNormalUser || user.isSystemUser) && !(user.isNormalUser && user.isSystemUser);
            message = "Exactly one of users.users.${name}.isSystemUser and users.users.${name}.isNormalUser must be set.";
          }
          {
            assertion = user.group != "" || user.isNormalUser;
            message = "users.users.${name}.group is unset. This used to default to nogroup, but this is unsafe. For example you can create a group for this user with: users.users.${name}.group = \"${name}\"; users.groups.${name} = {};";
          }
        ]) config.users.users
      );
    }
  );

  # nixos/modules/security/pam.nix (on master in the PAM motd module beside it; same type)
  "nixos/modules/security/pam.nix" = (
    { lib, ... }:
    {
      options.users.motd = lib.mkOption {
        type = lib.types.nullOr lib.types.lines;
        default = null;
        description = "Message of the day shown at login.";
      };
    }
  );

  # nixos/modules/config/ldap.nix
  "nixos/modules/config/ldap.nix" = (
    { lib, ... }:
    let
      inherit (lib) mkOption types;
    in
    {
      options.users.ldap = {
        enable = mkOption {
          type = types.bool;
          default = false;
          description = "Whether to enable authentication against an LDAP server.";
        };
        server = mkOption {
          type = types.str;
          description = "The URL of the LDAP server.";
        };
        base = mkOption {
          type = types.str;
          description = "The distinguished name of the search base.";
        };
        useTLS = mkOption {
          type = types.bool;
          default = false;
          description = "Whether to use StartTLS.";
        };
        daemon.enable = mkOption {
          type = types.bool;
          default = false;
          description = "Whether to let nslcd talk to the directory.";
        };
        bind.distinguishedName = mkOption {
          type = types.str;
          default = "";
          description = "The distinguished name to bind with.";
        };
        bind.passwordFile = mkOption {
          type = types.str;
          default = "/etc/ldap/bind.password";
          description = "The file holding the bind password.";
        };
      };
    }
  );

  # nixos/modules/config/system-path.nix, nixos/modules/config/shells-environment.nix,
  # nixos/modules/config/system-environment.nix
  "nixos/modules/config/system-path.nix" = (
    { lib, ... }:
    let
      inherit (lib) mkOption types;
      envValue =
        with types;
        attrsOf (oneOf [
          (listOf (oneOf [
            int
            str
            path
          ]))
          int
          str
          path
        ]);
    in
    {
      options.environment = {
        systemPackages = mkOption {
          type = types.listOf types.package;
          default = [ ];
          description = "Packages installed system-wide.";
        };
        variables = mkOption {
          type = envValue;
          default = { };
          description = "Environment variables of login shells.";
        };
        sessionVariables = mkOption {
          type = envValue;
          default = { };
          description = "Environment variables of the session (PAM).";
        };
        shellAliases = mkOption {
          type = types.attrsOf (types.nullOr (types.either types.str types.path));
          default = { };
          description = "Shell aliases of every shell.";
        };
      };
    }
  );

  # nixos/modules/system/boot/kernel.nix
  "nixos/modules/system/boot/kernel.nix" = (
    { lib, ... }:
    let
      inherit (lib) mkOption types;
    in
    {
      options.boot = {
        kernelParams = mkOption {
          type = types.listOf (
            types.strMatching ''([^"[:space:]]|"[^"]*")+''
            // {
              name = "kernelParam";
              description = "string, with spaces inside double quotes";
            }
          );
          default = [ ];
          description = "Parameters on the kernel's command line.";
        };
        kernelModules = mkOption {
          type = attrNamesToTrue lib;
          default = { };
          apply = enabledNames lib;
          description = "Kernel modules loaded in the second boot stage.";
        };
        initrd.kernelModules = mkOption {
          type = attrNamesToTrue lib;
          default = { };
          apply = enabledNames lib;
          description = "Kernel modules loaded in the initrd.";
        };
        initrd.availableKernelModules = mkOption {
          type = attrNamesToTrue lib;
          default = { };
          apply = enabledNames lib;
          description = "Kernel modules available in the initrd.";
        };
      };
    }
  );

  # nixos/modules/system/boot/modprobe.nix
  "nixos/modules/system/boot/modprobe.nix" = (
    { lib, ... }:
    {
      options.boot = {
        blacklistedKernelModules = lib.mkOption {
          type = lib.types.listOf lib.types.str;
          default = [ ];
          description = "Kernel modules never loaded automatically.";
        };
        extraModprobeConfig = lib.mkOption {
          type = lib.types.lines;
          default = "";
          description = "Lines of /etc/modprobe.d/nixos.conf.";
        };
      };
    }
  );

  # nixos/modules/config/sysctl.nix
  "nixos/modules/config/sysctl.nix" = (
    { lib, ... }:
    {
      options.boot.kernel.sysctl = lib.mkOption {
        type = lib.types.submodule {
          freeformType = lib.types.attrsOf (sysctlOption lib);
        };
        default = { };
        description = "Runtime kernel parameters (sysctl).";
      };
      # sysctl.nix's own setting, which hv's kernel hardening raises.
      config.boot.kernel.sysctl."kernel.kptr_restrict" = lib.mkDefault 1;
    }
  );

  # nixos/modules/tasks/filesystems.nix
  "nixos/modules/tasks/filesystems.nix" = (
    { lib, ... }:
    let
      inherit (lib) mkOption types;
    in
    {
      options.boot.supportedFilesystems = mkOption {
        type = attrNamesToTrue lib;
        default = { };
        description = "File systems the system can mount.";
      };
      options.fileSystems = mkOption {
        type = types.attrsOf (
          types.submodule (
            { name, ... }:
            {
              options = {
                mountPoint = mkOption {
                  type = types.str;
                  default = name;
                  description = "Where it is mounted.";
                };
                device = mkOption {
                  type = types.nullOr types.nonEmptyStr;
                  default = null;
                  description = "What is mounted.";
                };
                fsType = mkOption {
                  type = types.nonEmptyStr;
                  default = "auto";
                  description = "The file system type.";
                };
                options = mkOption {
                  type = types.nonEmptyListOf types.nonEmptyStr;
                  default = [ "defaults" ];
                  description = "Mount options.";
                };
              };
            }
          )
        );
        default = { };
        description = "The file systems mounted at boot.";
      };
    }
  );

  # nixos/modules/system/boot/luksroot.nix
  "nixos/modules/system/boot/luksroot.nix" = (
    { lib, ... }:
    {
      options.boot.initrd.luks.devices = lib.mkOption {
        type = lib.types.attrsOf (
          lib.types.submodule {
            options.device = lib.mkOption {
              type = lib.types.str;
              description = "The encrypted device.";
            };
          }
        );
        default = { };
        description = "Encrypted devices opened in the initrd.";
      };
    }
  );

  # nixos/modules/system/boot/loader/systemd-boot/systemd-boot.nix (what the NixOS
  # installer's configuration.nix sets, which hv's host imports when it is there)
  "nixos/modules/system/boot/loader/systemd-boot/systemd-boot.nix" = (
    { lib, ... }:
    {
      options.boot.loader.systemd-boot.enable = lib.mkOption {
        type = lib.types.bool;
        default = false;
        description = "Whether to enable the systemd-boot (formerly gummiboot) EFI boot manager.";
      };
      options.boot.loader.efi.canTouchEfiVariables = lib.mkOption {
        type = lib.types.bool;
        default = false;
        description = "Whether the installation may modify EFI boot variables.";
      };
    }
  );

  # nixos/modules/system/boot/systemd.nix (unit options: nixos/lib/systemd-unit-options.nix)
  "nixos/modules/system/boot/systemd.nix" = (
    { lib, ... }:
    let
      inherit (lib) mkOption types;
      unitName = unitNameType lib;
      unitList =
        what:
        mkOption {
          type = types.listOf unitName;
          default = [ ];
          description = what;
        };
      commonUnit = {
        options = {
          enable = mkOption {
            type = types.bool;
            default = true;
            description = "If false, the unit is masked.";
          };
          description = mkOption {
            type = types.singleLineStr;
            default = "";
            description = "Description of this unit.";
          };
          wantedBy = unitList "Units that want this unit.";
          requiredBy = unitList "Units that require this unit.";
          requires = unitList "Units this unit requires.";
          wants = unitList "Units this unit wants.";
          after = unitList "Units this unit starts after.";
          before = unitList "Units this unit starts before.";
          conflicts = unitList "Units this unit conflicts with.";
          onFailure = unitList "Units started when this unit fails.";
          onSuccess = unitList "Units started when this unit succeeds.";
          unitConfig = mkOption {
            type = types.attrsOf (unitOption lib);
            default = { };
            description = "The [Unit] section.";
          };
          restartTriggers = mkOption {
            type = types.listOf types.unspecified;
            default = [ ];
            description = "Changes that restart the unit.";
          };
        };
      };
      service = {
        imports = [ commonUnit ];
        options = {
          environment = mkOption {
            type =
              with types;
              attrsOf (
                nullOr (oneOf [
                  str
                  path
                  package
                ])
              );
            default = { };
            description = "Environment variables of the service.";
          };
          path = mkOption {
            type =
              with types;
              listOf (oneOf [
                package
                str
              ]);
            default = [ ];
            description = "Packages on the service's PATH.";
          };
          serviceConfig = mkOption {
            type = types.addCheck (types.attrsOf (unitOption lib)) (checkService lib);
            default = { };
            description = "The [Service] section.";
          };
          script = mkOption {
            type = types.lines;
            default = "";
            description = "The service's main process, as shell commands.";
          };
          scriptArgs = mkOption {
            type = types.str;
            default = "";
            description = "Arguments of the script.";
          };
          preStart = mkOption {
            type = types.lines;
            default = "";
            description = "Shell commands run before the main process.";
          };
          postStart = mkOption {
            type = types.lines;
            default = "";
            description = "Shell commands run after the main process started.";
          };
          restartIfChanged = mkOption {
            type = types.bool;
            default = true;
            description = "Restart the service when its definition changed.";
          };
          stopIfChanged = mkOption {
            type = types.bool;
            default = true;
            description = "Stop the old unit before starting the new one.";
          };
          startAt = mkOption {
            type = with types; either str (listOf str);
            default = [ ];
            apply = v: if builtins.isList v then v else [ v ];
            description = "Calendar times the service is started at.";
          };
        };
      };
      timer = {
        imports = [ commonUnit ];
        options.timerConfig = mkOption {
          type = types.attrsOf (unitOption lib);
          default = { };
          description = "The [Timer] section.";
        };
      };
      socket = {
        imports = [ commonUnit ];
        options = {
          listenStreams = mkOption {
            type = types.listOf types.str;
            default = [ ];
            description = "ListenStream= lines.";
          };
          socketConfig = mkOption {
            type = types.attrsOf (unitOption lib);
            default = { };
            description = "The [Socket] section.";
          };
        };
      };
    in
    {
      options.systemd = {
        services = mkOption {
          type = types.attrsOf (types.submodule service);
          default = { };
          description = "systemd services.";
        };
        timers = mkOption {
          type = types.attrsOf (types.submodule timer);
          default = { };
          description = "systemd timers.";
        };
        sockets = mkOption {
          type = types.attrsOf (types.submodule socket);
          default = { };
          description = "systemd sockets.";
        };
      };
    }
  );

  # nixos/modules/system/boot/systemd/tmpfiles.nix
  "nixos/modules/system/boot/systemd/tmpfiles.nix" = (
    { lib, ... }:
    {
      options.systemd.tmpfiles.rules = lib.mkOption {
        type = lib.types.listOf lib.types.str;
        default = [ ];
        description = "tmpfiles.d(5) lines.";
      };
    }
  );

  # nixos/modules/tasks/network-interfaces.nix
  "nixos/modules/tasks/network-interfaces.nix" = (
    { lib, ... }:
    let
      inherit (lib) mkOption types;
    in
    {
      options.networking = {
        hostName = mkOption {
          type = types.strMatching "^$|^[[:alnum:]]([[:alnum:]_-]{0,61}[[:alnum:]])?$";
          default = "nixos";
          description = "The host name, a DNS label.";
        };
        bridges = mkOption {
          type = types.attrsOf (
            types.submodule {
              options.interfaces = mkOption {
                type = types.listOf types.str;
                description = "The interfaces bridged.";
              };
              options.rstp = mkOption {
                type = types.bool;
                default = false;
                description = "Whether the bridge runs RSTP.";
              };
            }
          );
          default = { };
          description = "Network bridges.";
        };
        interfaces = mkOption {
          type = types.attrsOf (
            types.submodule {
              options.useDHCP = mkOption {
                type = types.nullOr types.bool;
                default = null;
                description = "Whether the interface is configured by DHCP.";
              };
            }
          );
          default = { };
          description = "Network interfaces.";
        };
      };
    }
  );

  # nixos/modules/services/networking/firewall.nix (+ firewall-nftables.nix for the
  # extra*Rules options)
  "nixos/modules/services/networking/firewall.nix" = (
    { lib, config, ... }:
    let
      inherit (lib) mkOption types;
      cfg = config.networking.firewall;
    in
    {
      options.networking.firewall = {
        enable = mkOption {
          type = types.bool;
          default = true;
          description = "Whether to enable the firewall.";
        };
        allowedTCPPorts = mkOption {
          type = types.listOf types.port;
          default = [ ];
          apply = ports: lib.unique (builtins.sort builtins.lessThan ports);
          description = "TCP ports open to everyone.";
        };
        allowedUDPPorts = mkOption {
          type = types.listOf types.port;
          default = [ ];
          apply = ports: lib.unique (builtins.sort builtins.lessThan ports);
          description = "UDP ports open to everyone.";
        };
        trustedInterfaces = mkOption {
          type = types.listOf types.str;
          default = [ ];
          description = "Interfaces whose traffic is let through.";
        };
        logRefusedConnections = mkOption {
          type = types.bool;
          default = false;
          description = "Log refused connection attempts.";
        };
        allowPing = mkOption {
          type = types.bool;
          default = true;
          description = "Answer ICMP echo requests.";
        };
        checkReversePath = mkOption {
          type = types.either types.bool (
            types.enum [
              "strict"
              "loose"
            ]
          );
          default = true;
          description = "Reverse path filtering.";
        };
        filterForward = mkOption {
          type = types.bool;
          default = false;
          description = "Filter forwarded traffic (nftables only).";
        };
        extraInputRules = mkOption {
          type = types.lines;
          default = "";
          description = "nftables rules appended to the input-allow chain (nftables only).";
        };
        extraForwardRules = mkOption {
          type = types.lines;
          default = "";
          description = "nftables rules appended to the forward-allow chain (nftables only).";
        };
      };
      config.assertions = [
        {
          assertion = cfg.filterForward -> config.networking.nftables.enable;
          message = "filterForward only works with the nftables based firewall";
        }
      ];
    }
  );

  # nixos/modules/services/networking/nftables.nix
  "nixos/modules/services/networking/nftables.nix" = (
    { lib, ... }:
    {
      options.networking.nftables.enable = lib.mkOption {
        type = lib.types.bool;
        default = false;
        description = "Use the nftables based firewall.";
      };
    }
  );

  # nixos/modules/services/networking/ssh/sshd.nix
  "nixos/modules/services/networking/ssh/sshd.nix" = (
    { lib, config, ... }:
    let
      inherit (lib) mkOption types;
      cfg = config.services.openssh;
      nullOrBool =
        default: what:
        mkOption {
          type = types.nullOr types.bool;
          inherit default;
          description = what;
        };
    in
    {
      options.services.openssh = {
        enable = mkOption {
          type = types.bool;
          default = false;
          description = "Whether to enable the OpenSSH server.";
        };
        ports = mkOption {
          type = types.listOf types.port;
          default = [ 22 ];
          description = "Ports the server listens on.";
        };
        openFirewall = mkOption {
          type = types.bool;
          default = true;
          description = "Open the ports in the firewall.";
        };
        settings = mkOption {
          type = types.submodule {
            freeformType =
              with types;
              attrsOf (
                nullOr (oneOf [
                  bool
                  int
                  str
                  (listOf str)
                ])
              );
            options = {
              PasswordAuthentication = nullOrBool true "Password logins.";
              KbdInteractiveAuthentication = nullOrBool true "Keyboard-interactive logins.";
              X11Forwarding = nullOrBool false "X11 forwarding.";
              PermitRootLogin = mkOption {
                type = types.nullOr (
                  types.enum [
                    "yes"
                    "without-password"
                    "prohibit-password"
                    "forced-commands-only"
                    "no"
                  ]
                );
                default = "prohibit-password";
                description = "Whether root may log in.";
              };
              AllowUsers = mkOption {
                type = types.nullOr (types.listOf types.str);
                default = null;
                description = "The only accounts allowed to log in.";
              };
              AllowGroups = mkOption {
                type = types.nullOr (types.listOf types.str);
                default = null;
                description = "The only groups allowed to log in.";
              };
              LogLevel = mkOption {
                type = types.nullOr (
                  types.enum [
                    "QUIET"
                    "FATAL"
                    "ERROR"
                    "INFO"
                    "VERBOSE"
                    "DEBUG"
                    "DEBUG1"
                    "DEBUG2"
                    "DEBUG3"
                  ]
                );
                default = "INFO";
                description = "sshd's log level.";
              };
            };
          };
          default = { };
          description = "sshd_config settings.";
        };
      };
      # sshd.nix opens its ports itself.
      config = lib.mkIf cfg.enable {
        networking.firewall.allowedTCPPorts = lib.mkIf cfg.openFirewall cfg.ports;
      };
    }
  );

  # nixos/modules/services/security/fail2ban.nix
  "nixos/modules/services/security/fail2ban.nix" = (
    { lib, ... }:
    let
      inherit (lib) mkOption types;
    in
    {
      options.services.fail2ban = {
        enable = mkOption {
          type = types.bool;
          default = false;
          description = "Whether to enable fail2ban.";
        };
        maxretry = mkOption {
          type = types.ints.unsigned;
          default = 3;
          description = "Failures before a ban.";
        };
        bantime = mkOption {
          type = types.str;
          default = "10m";
          description = "How long a ban lasts.";
        };
        ignoreIP = mkOption {
          type = types.listOf types.str;
          default = [ ];
          description = "Addresses never banned.";
        };
      };
    }
  );

  # nixos/modules/security/sudo.nix
  "nixos/modules/security/sudo.nix" = (
    { lib, ... }:
    {
      options.security.sudo.execWheelOnly = lib.mkOption {
        type = lib.types.bool;
        default = false;
        description = "Only wheel may run sudo.";
      };
    }
  );

  # nixos/modules/security/polkit.nix
  "nixos/modules/security/polkit.nix" = (
    { lib, ... }:
    {
      options.security.polkit = {
        enable = lib.mkEnableOption "polkit";
        extraConfig = lib.mkOption {
          type = lib.types.lines;
          default = "";
          description = "Rules appended to 10-nixos.rules.";
        };
      };
    }
  );

  # nixos/modules/security/auditd.nix, nixos/modules/security/audit.nix
  "nixos/modules/security/auditd.nix" = (
    { lib, ... }:
    {
      options.security.auditd.enable = lib.mkEnableOption "the Linux Audit daemon";
      options.security.audit = {
        enable = lib.mkOption {
          type = lib.types.enum [
            false
            true
            "lock"
          ];
          default = false;
          description = "Whether to enable the kernel's audit subsystem.";
        };
        rules = lib.mkOption {
          type = lib.types.listOf lib.types.str;
          default = [ ];
          description = "audit.rules lines.";
        };
      };
    }
  );

  # nixos/modules/security/apparmor.nix, lock-kernel-modules.nix, misc.nix
  "nixos/modules/security/apparmor.nix" = (
    { lib, ... }:
    {
      options.security.apparmor.enable = lib.mkEnableOption "the AppArmor Mandatory Access Control system";
      options.security.lockKernelModules = lib.mkOption {
        type = lib.types.bool;
        default = false;
        description = "Disable kernel module loading once the system is up.";
      };
      options.security.protectKernelImage = lib.mkOption {
        type = lib.types.bool;
        default = false;
        description = "Prevent replacing the running kernel image.";
      };
    }
  );

  # nixos/modules/virtualisation/libvirtd.nix
  "nixos/modules/virtualisation/libvirtd.nix" = (
    { lib, config, ... }:
    let
      inherit (lib) mkOption types;
      cfg = config.virtualisation.libvirtd;
    in
    {
      options.virtualisation.libvirtd = {
        enable = mkOption {
          type = types.bool;
          default = false;
          description = "Whether to enable libvirtd.";
        };
        extraConfig = mkOption {
          type = types.lines;
          default = "";
          description = "libvirtd.conf lines.";
        };
        onBoot = mkOption {
          type = types.enum [
            "start"
            "ignore"
          ];
          default = "start";
          description = "What libvirt-guests does at boot.";
        };
        onShutdown = mkOption {
          type = types.enum [
            "shutdown"
            "suspend"
          ];
          default = "suspend";
          description = "What libvirt-guests does at shutdown.";
        };
        shutdownTimeout = mkOption {
          type = types.ints.unsigned;
          default = 300;
          description = "Seconds to wait for guests to stop.";
        };
        allowedBridges = mkOption {
          type = types.listOf types.str;
          default = [ "virbr0" ];
          description = "Bridges qemu-bridge-helper may use.";
        };
        qemu = {
          runAsRoot = mkOption {
            type = types.bool;
            default = true;
            description = "Run QEMU as root.";
          };
          swtpm.enable = mkOption {
            type = types.bool;
            default = false;
            description = "Software TPMs for guests.";
          };
          vhostUserPackages = mkOption {
            type = types.listOf types.package;
            default = [ ];
            description = "Packages with vhost-user drivers.";
          };
        };
      };
      # libvirtd.nix itself turns polkit on and asserts it is on.
      config = lib.mkIf cfg.enable {
        boot.kernelModules = [ "tun" ];
        security.polkit.enable = true;
        assertions = [
          {
            assertion = config.security.polkit.enable;
            message = "The libvirtd module currently requires Polkit to be enabled ('security.polkit.enable = true').";
          }
        ];
      };
    }
  );

  # nixos/modules/virtualisation/vmware-guest.nix
  "nixos/modules/virtualisation/vmware-guest.nix" = (
    { lib, ... }:
    {
      options.virtualisation.vmware.guest = {
        enable = lib.mkEnableOption "VMWare Guest Support";
        headless = lib.mkOption {
          type = lib.types.bool;
          default = true;
          description = "Whether to disable X11-related features.";
        };
      };
    }
  );

  # nixos/modules/virtualisation/podman/default.nix
  "nixos/modules/virtualisation/podman/default.nix" = (
    { lib, ... }:
    let
      inherit (lib) mkOption types;
    in
    {
      options.virtualisation.podman = {
        enable = mkOption {
          type = types.bool;
          default = false;
          description = "Whether to enable Podman.";
        };
        dockerCompat = mkOption {
          type = types.bool;
          default = false;
          description = "Create a docker alias for podman.";
        };
        defaultNetwork.settings = mkOption {
          type = jsonValue lib;
          default = { };
          description = "Settings of podman's default network.";
        };
        autoPrune = {
          enable = mkOption {
            type = types.bool;
            default = false;
            description = "Prune podman resources periodically.";
          };
          dates = mkOption {
            type = types.str;
            default = "weekly";
            description = "When to prune.";
          };
          flags = mkOption {
            type = types.listOf types.str;
            default = [ ];
            description = "Flags of podman system prune.";
          };
        };
      };
    }
  );

  # nixos/modules/virtualisation/spice-usb-redirection.nix
  "nixos/modules/virtualisation/spice-usb-redirection.nix" = (
    { lib, ... }:
    {
      options.virtualisation.spiceUSBRedirection.enable = lib.mkOption {
        type = lib.types.bool;
        default = false;
        description = "Install the SPICE USB redirection helper with setuid.";
      };
    }
  );

  # nixos/modules/services/hardware/bluetooth.nix, tlp.nix, power-profiles-daemon.nix;
  # nixos/modules/hardware/ksm.nix
  "nixos/modules/services/hardware/bluetooth.nix" = (
    { lib, config, ... }:
    {
      options.hardware.bluetooth.enable = lib.mkEnableOption "support for Bluetooth";
      options.services.tlp.enable = lib.mkOption {
        type = lib.types.bool;
        default = false;
        description = "Whether to enable the TLP power management daemon.";
      };
      options.services.power-profiles-daemon.enable = lib.mkOption {
        type = lib.types.bool;
        default = false;
        description = "Whether to enable power-profiles-daemon.";
      };
      options.hardware.ksm.enable = lib.mkEnableOption "Linux kernel Same-Page Merging";
      config.assertions = [
        {
          assertion = !(config.services.power-profiles-daemon.enable && config.services.tlp.enable);
          message = "You have set services.power-profiles-daemon.enable = true; which conflicts with services.tlp.enable = true;";
        }
      ];
    }
  );

  # nixos/modules/tasks/auto-upgrade.nix
  "nixos/modules/tasks/auto-upgrade.nix" = (
    { lib, ... }:
    let
      inherit (lib) mkOption types;
    in
    {
      options.system.autoUpgrade = {
        enable = mkOption {
          type = types.bool;
          default = false;
          description = "Whether to upgrade NixOS periodically.";
        };
        flake = mkOption {
          type = types.nullOr types.str;
          default = null;
          description = "The flake to build.";
        };
        dates = mkOption {
          type = types.str;
          default = "04:40";
          description = "When to upgrade.";
        };
        allowReboot = mkOption {
          type = types.bool;
          default = false;
          description = "Reboot when the kernel or boot settings changed.";
        };
        randomizedDelaySec = mkOption {
          type = types.str;
          default = "0";
          description = "Random delay added to the time.";
        };
      };
    }
  );

  # nixos/modules/config/nix.nix
  "nixos/modules/config/nix.nix" = (
    { lib, ... }:
    {
      options.nix.settings = lib.mkOption {
        type = lib.types.submodule {
          freeformType =
            with lib.types;
            attrsOf (
              nullOr (oneOf [
                bool
                int
                float
                str
                path
                package
                (listOf (oneOf [
                  int
                  str
                  path
                  package
                ]))
              ])
            );
        };
        default = { };
        description = "nix.conf settings.";
      };
    }
  );

  # nixos/modules/programs/direnv.nix
  "nixos/modules/programs/direnv.nix" = (
    { lib, ... }:
    {
      options.programs.direnv.enable = lib.mkEnableOption "direnv integration";
    }
  );

  # nixos/modules/services/backup/restic.nix
  "nixos/modules/services/backup/restic.nix" = (
    { lib, config, ... }:
    let
      inherit (lib) mkOption types;
    in
    {
      options.services.restic.backups = mkOption {
        type = types.attrsOf (
          types.submodule {
            options = {
              repository = mkOption {
                type = types.nullOr types.str;
                default = null;
                description = "The repository.";
              };
              repositoryFile = mkOption {
                type = types.nullOr types.path;
                default = null;
                description = "A file holding the repository.";
              };
              passwordFile = mkOption {
                type = types.nullOr types.str;
                default = null;
                description = "A file holding the repository's password.";
              };
              paths = mkOption {
                type = types.nullOr (types.listOf types.str);
                default = [ ];
                description = "What is backed up.";
              };
              initialize = mkOption {
                type = types.bool;
                default = false;
                description = "Create the repository when missing.";
              };
              timerConfig = mkOption {
                type = types.nullOr (types.attrsOf (unitOption lib));
                default = {
                  OnCalendar = "daily";
                  Persistent = true;
                };
                description = "When the backup runs; null for never.";
              };
              pruneOpts = mkOption {
                type = types.listOf types.str;
                default = [ ];
                description = "restic forget options.";
              };
            };
          }
        );
        default = { };
        description = "restic backup jobs.";
      };
      config.assertions = lib.mapAttrsToList (name: backup: {
        assertion = (backup.repository == null) != (backup.repositoryFile == null);
        message = "services.restic.backups.${name}: exactly one of repository or repositoryFile should be set";
      }) config.services.restic.backups;
    }
  );

  # nixos/modules/services/backup/borgbackup.nix
  "nixos/modules/services/backup/borgbackup.nix" = (
    { lib, config, ... }:
    let
      inherit (lib) mkOption types;
    in
    {
      options.services.borgbackup.jobs = mkOption {
        type = types.attrsOf (
          types.submodule {
            options = {
              repo = mkOption {
                type = types.str;
                description = "The repository.";
              };
              paths = mkOption {
                type = with types; nullOr (coercedTo str lib.singleton (listOf str));
                default = null;
                description = "What is backed up.";
              };
              encryption.mode = mkOption {
                type = types.enum [
                  "repokey"
                  "keyfile"
                  "repokey-blake2"
                  "keyfile-blake2"
                  "authenticated"
                  "authenticated-blake2"
                  "none"
                ];
                description = "The encryption mode.";
              };
              encryption.passCommand = mkOption {
                type = types.nullOr types.str;
                default = null;
                description = "Command printing the passphrase.";
              };
              encryption.passphrase = mkOption {
                type = types.nullOr types.str;
                default = null;
                description = "The passphrase, in the store.";
              };
              environment = mkOption {
                type = with types; attrsOf str;
                default = { };
                description = "Environment of the job.";
              };
              compression = mkOption {
                type = types.strMatching "none|(auto,)?(lz4|zstd|zlib|lzma)(,[[:digit:]]{1,2})?";
                default = "lz4";
                description = "Compression of the archive.";
              };
              startAt = mkOption {
                type = with types; either str (listOf str);
                default = "daily";
                description = "When the job runs.";
              };
              persistentTimer = mkOption {
                type = types.bool;
                default = false;
                description = "Catch up on missed runs.";
              };
              prune.keep = mkOption {
                type = with types; attrsOf (either int (strMatching "[[:digit:]]+[Hdwmy]"));
                default = { };
                description = "Archives kept by borg prune.";
              };
              readWritePaths = mkOption {
                type = with types; listOf path;
                default = [ ];
                description = "Writable paths in the job's sandbox.";
              };
              postCreate = mkOption {
                type = types.lines;
                default = "";
                description = "Shell commands run after borg create.";
              };
            };
          }
        );
        default = { };
        description = "borg backup jobs.";
      };
      config.assertions = lib.mapAttrsToList (name: job: {
        assertion = job.encryption.mode == "none" || job.encryption.passCommand != null || job.encryption.passphrase != null;
        message = "passCommand, passphrase or an environment variable BORG_PASSPHRASE or BORG_PASSCOMMAND is required for borgbackup.jobs.${name} with encryption mode ${job.encryption.mode}";
      }) config.services.borgbackup.jobs;
    }
  );

  # nixos/modules/services/misc/snapper.nix
  "nixos/modules/services/misc/snapper.nix" = (
    { lib, ... }:
    let
      inherit (lib) mkOption types;
      limit =
        default:
        mkOption {
          type = types.int;
          inherit default;
          description = "Snapshots kept.";
        };
    in
    {
      options.services.snapper.configs = mkOption {
        type = types.attrsOf (
          types.submodule {
            freeformType = with types; attrsOf (oneOf [
              (listOf str)
              bool
              str
              number
            ]);
            options = {
              SUBVOLUME = mkOption {
                type = types.path;
                description = "The subvolume snapshotted.";
              };
              FSTYPE = mkOption {
                type = types.enum [
                  "btrfs"
                  "bcachefs"
                ];
                default = "btrfs";
                description = "Its file system.";
              };
              ALLOW_USERS = mkOption {
                type = types.listOf types.str;
                default = [ ];
                description = "Users allowed to work with the snapshots.";
              };
              ALLOW_GROUPS = mkOption {
                type = types.listOf types.str;
                default = [ ];
                description = "Groups allowed to work with the snapshots.";
              };
              TIMELINE_CREATE = mkOption {
                type = types.bool;
                default = false;
                description = "Take hourly snapshots.";
              };
              TIMELINE_CLEANUP = mkOption {
                type = types.bool;
                default = false;
                description = "Remove old snapshots.";
              };
              TIMELINE_LIMIT_HOURLY = limit 10;
              TIMELINE_LIMIT_DAILY = limit 10;
              TIMELINE_LIMIT_WEEKLY = limit 0;
              TIMELINE_LIMIT_MONTHLY = limit 10;
              TIMELINE_LIMIT_QUARTERLY = limit 0;
              TIMELINE_LIMIT_YEARLY = limit 10;
            };
          }
        );
        default = { };
        description = "snapper configurations.";
      };
    }
  );

  # nixos/modules/services/misc/bees.nix
  "nixos/modules/services/misc/bees.nix" = (
    { lib, ... }:
    let
      inherit (lib) mkOption types;
    in
    {
      options.services.beesd.filesystems = mkOption {
        type = types.attrsOf (
          types.submodule {
            options = {
              spec = mkOption {
                type = types.str;
                description = "The file system, as a path, LABEL= or UUID=.";
              };
              hashTableSizeMB = mkOption {
                type = types.addCheck types.int (n: lib.mod n 16 == 0);
                default = 1024;
                description = "Hash table size in MB; a multiple of 16.";
              };
            };
          }
        );
        default = { };
        description = "btrfs file systems bees deduplicates.";
      };
    }
  );

  # nixos/modules/services/networking/tailscale.nix
  "nixos/modules/services/networking/tailscale.nix" = (
    { lib, config, ... }:
    let
      inherit (lib) mkOption types;
      cfg = config.services.tailscale;
    in
    {
      options.services.tailscale = {
        port = mkOption {
          type = types.port;
          default = 41641;
          description = "The port to listen on for tunnel traffic.";
        };
        enable = lib.mkEnableOption "Tailscale client daemon";
        openFirewall = mkOption {
          type = types.bool;
          default = false;
          description = "Open the Tailscale port.";
        };
        useRoutingFeatures = mkOption {
          type = types.enum [
            "none"
            "client"
            "server"
            "both"
          ];
          default = "none";
          description = "Subnet routing and exit node support.";
        };
        authKeyFile = mkOption {
          type = types.nullOr types.path;
          default = null;
          description = "A file holding an auth key.";
        };
        interfaceName = mkOption {
          type = types.str;
          default = "tailscale0";
          description = "The tunnel interface.";
        };
      };
      # What tailscale.nix sets itself from these options.
      config = lib.mkIf cfg.enable {
        boot.kernel.sysctl = lib.mkIf (builtins.elem cfg.useRoutingFeatures [ "server" "both" ]) {
          "net.ipv4.conf.all.forwarding" = lib.mkOverride 97 true;
          "net.ipv6.conf.all.forwarding" = lib.mkOverride 97 true;
        };
        networking.firewall.allowedUDPPorts = lib.mkIf cfg.openFirewall [ cfg.port ];
        networking.firewall.checkReversePath = lib.mkIf (builtins.elem cfg.useRoutingFeatures [
          "client"
          "both"
        ]) "loose";
      };
    }
  );

  # nixos/modules/services/cluster/k3s/default.nix
  "nixos/modules/services/cluster/k3s/default.nix" = (
    { lib, ... }:
    let
      inherit (lib) mkOption types;
    in
    {
      options.services.k3s = {
        enable = lib.mkEnableOption "k3s";
        role = mkOption {
          type = types.enum [
            "server"
            "agent"
          ];
          default = "server";
          description = "Server or agent.";
        };
        serverAddr = mkOption {
          type = types.str;
          default = "";
          description = "The server to join.";
        };
        tokenFile = mkOption {
          type = types.nullOr types.path;
          default = null;
          description = "A file holding the cluster token.";
        };
      };
    }
  );

  # nixos/modules/services/continuous-integration/github-runners.nix (options.nix)
  "nixos/modules/services/continuous-integration/github-runners.nix" = (
    { lib, ... }:
    let
      inherit (lib) mkOption types;
    in
    {
      options.services.github-runners = mkOption {
        type = types.attrsOf (
          types.submodule {
            options = {
              enable = mkOption {
                type = types.bool;
                default = false;
                description = "Whether to enable this runner.";
              };
              url = mkOption {
                type = types.str;
                description = "The repository, organisation or enterprise URL.";
              };
              tokenFile = mkOption {
                type = types.path;
                description = "A file holding the registration or access token.";
              };
              replace = mkOption {
                type = types.bool;
                default = false;
                description = "Replace a runner of the same name.";
              };
              extraLabels = mkOption {
                type = types.listOf types.str;
                default = [ ];
                description = "Extra labels of the runner.";
              };
            };
          }
        );
        default = { };
        description = "GitHub Actions runners.";
      };
    }
  );

  # nixos/modules/services/monitoring/prometheus/default.nix
  "nixos/modules/services/monitoring/prometheus/default.nix" = (
    { lib, ... }:
    let
      inherit (lib) mkOption types;
      staticConfig = types.submodule {
        options.targets = mkOption {
          type = types.listOf types.str;
          description = "host:port targets.";
        };
        options.labels = mkOption {
          type = types.attrsOf types.str;
          default = { };
          description = "Labels of the targets.";
        };
      };
      scrapeConfig = types.submodule {
        options.job_name = mkOption {
          type = types.str;
          description = "The job's name.";
        };
        options.scrape_interval = mkOption {
          type = types.nullOr types.str;
          default = null;
          description = "How often to scrape.";
        };
        options.static_configs = mkOption {
          type = types.nullOr (types.listOf staticConfig);
          default = null;
          description = "Static targets.";
        };
      };
    in
    {
      options.services.prometheus = {
        enable = lib.mkEnableOption "Prometheus monitoring daemon";
        port = mkOption {
          type = types.port;
          default = 9090;
          description = "Port to listen on.";
        };
        listenAddress = mkOption {
          type = types.str;
          default = "0.0.0.0";
          description = "Address to listen on.";
        };
        retentionTime = mkOption {
          type = types.nullOr types.str;
          default = null;
          description = "How long to keep samples.";
        };
        globalConfig = mkOption {
          type = types.submodule {
            options.scrape_interval = mkOption {
              type = types.nullOr types.str;
              default = "1m";
              description = "Default scrape interval.";
            };
            options.evaluation_interval = mkOption {
              type = types.nullOr types.str;
              default = "1m";
              description = "Rule evaluation interval.";
            };
          };
          default = { };
          description = "Global parameters.";
        };
        scrapeConfigs = mkOption {
          type = types.listOf scrapeConfig;
          default = [ ];
          description = "Scrape jobs.";
        };
        rules = mkOption {
          type = types.listOf types.str;
          default = [ ];
          description = "Alerting and recording rules.";
        };
      };
    }
  );

  # nixos/modules/services/monitoring/prometheus/exporters.nix (mkExporterOpts) with
  # exporters/node.nix and exporters/libvirt.nix
  "nixos/modules/services/monitoring/prometheus/exporters.nix" = (
    { lib, ... }:
    let
      inherit (lib) mkOption types;
      exporter =
        name: port: extra:
        {
          enable = lib.mkEnableOption "the prometheus ${name} exporter";
          port = mkOption {
            type = types.port;
            default = port;
            description = "Port to listen on.";
          };
          listenAddress = mkOption {
            type = types.str;
            default = "0.0.0.0";
            description = "Address to listen on.";
          };
          openFirewall = mkOption {
            type = types.bool;
            default = false;
            description = "Open the port in the firewall.";
          };
          extraFlags = mkOption {
            type = types.listOf types.str;
            default = [ ];
            description = "Extra command-line flags.";
          };
          user = mkOption {
            type = types.str;
            default = "${name}-exporter";
            description = "The exporter's account.";
          };
          group = mkOption {
            type = types.str;
            default = "${name}-exporter";
            description = "The exporter's group.";
          };
        }
        // extra;
    in
    {
      options.services.prometheus.exporters = {
        node = exporter "node" 9100 {
          enabledCollectors = mkOption {
            type = types.listOf types.str;
            default = [ ];
            description = "Collectors enabled on top of the default ones.";
          };
          disabledCollectors = mkOption {
            type = types.listOf types.str;
            default = [ ];
            description = "Default collectors turned off.";
          };
        };
        libvirt = exporter "libvirt" 9177 {
          libvirtUri = mkOption {
            type = types.str;
            default = "qemu:///system";
            description = "The libvirt URI to read.";
          };
        };
      };
    }
  );

  # nixos/modules/services/monitoring/grafana.nix
  "nixos/modules/services/monitoring/grafana.nix" = (
    { lib, ... }:
    let
      inherit (lib) mkOption types;
      datasource = types.submodule {
        freeformType = jsonValue lib;
        options = {
          name = mkOption {
            type = types.str;
            description = "The data source's name.";
          };
          type = mkOption {
            type = types.str;
            description = "The data source's type.";
          };
          url = mkOption {
            type = types.str;
            default = "";
            description = "The data source's URL.";
          };
        };
      };
    in
    {
      options.services.grafana = {
        enable = lib.mkEnableOption "grafana";
        settings = mkOption {
          type = types.submodule {
            freeformType = iniType lib;
            options.server = {
              http_port = mkOption {
                type = types.port;
                default = 3000;
                description = "Port to listen on.";
              };
              http_addr = mkOption {
                type = types.str;
                default = "127.0.0.1";
                description = "Address to listen on.";
              };
            };
            options.security.secret_key = mkOption {
              type = types.nullOr types.str;
              default = null;
              description = "The key signing sessions and encrypting data source secrets.";
            };
          };
          default = { };
          description = "grafana.ini settings.";
        };
        provision = {
          enable = lib.mkEnableOption "provision";
          datasources.settings = mkOption {
            type = types.nullOr (
              types.submodule {
                options.apiVersion = mkOption {
                  type = types.int;
                  default = 1;
                  description = "Config file version.";
                };
                options.datasources = mkOption {
                  type = types.listOf datasource;
                  default = [ ];
                  description = "Data sources.";
                };
              }
            );
            default = null;
            description = "Data sources provisioned.";
          };
        };
      };
    }
  );

  # nixos/modules/services/monitoring/cockpit.nix
  "nixos/modules/services/monitoring/cockpit.nix" = (
    { lib, config, ... }:
    let
      inherit (lib) mkOption types;
      cfg = config.services.cockpit;
    in
    {
      options.services.cockpit = {
        enable = lib.mkEnableOption "Cockpit";
        port = mkOption {
          type = types.port;
          default = 9090;
          description = "Port where cockpit will listen.";
        };
        openFirewall = mkOption {
          type = types.bool;
          default = false;
          description = "Open port for cockpit.";
        };
        allowed-origins = mkOption {
          type = types.listOf types.str;
          description = "Allowed origins; maps to WebService.Origins and merges across modules.";
        };
        settings = mkOption {
          type = iniType lib;
          default = { };
          description = "cockpit.conf settings.";
        };
      };
      # As cockpit.nix does: localhost is always allowed, and Origins is set from the list
      # at normal priority (so a second plain definition of it conflicts).
      config = lib.mkIf cfg.enable {
        services.cockpit.allowed-origins = [ "https://localhost:${toString cfg.port}" ];
        services.cockpit.settings.WebService.Origins = builtins.concatStringsSep " " cfg.allowed-origins;
      };
    }
  );
}
