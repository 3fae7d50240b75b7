# hv on the host: the package, libvirt, and the first-boot setup on a virtual terminal.
{
  config,
  lib,
  pkgs,
  ...
}:
with lib;
let
  cfg = config.hypervisor.console;
in
{
  options.hypervisor.console = {
    enable = mkEnableOption "the hv console and its tools";

    package = mkOption {
      type = types.package;
      defaultText = literalExpression "hv.packages.\${pkgs.stdenv.hostPlatform.system}.default";
      description = ''
        The hv package. nixpkgs has no hv, so this option has no default of its own:
        the hv flake's `nixosModules.default` sets it to the flake's package.
      '';
    };

    firstBoot = {
      enable = mkEnableOption "running `hv setup --first-boot` full-screen on tty1 until setup is complete";

      tty = mkOption {
        type = types.str;
        default = "tty1";
        example = "tty2";
        description = "The virtual terminal (a name under /dev) the first-boot setup takes over.";
      };
    };

    stateDir = mkOption {
      type = types.path;
      default = "/etc/hypervisor";
      description = ''
        Directory of hv's host state: the phase marker and the `.setup-complete` marker
        that ends the first-boot setup. hv reads it from `HV_ROOT_DIR`.
      '';
    };
  };

  config = mkIf cfg.enable (mkMerge [
    {
      environment.systemPackages = [ cfg.package ];
      virtualisation.libvirtd.enable = mkDefault true;
      systemd.tmpfiles.rules = [ "d ${cfg.stateDir} 0755 root root -" ];
    }

    (mkIf cfg.firstBoot.enable (
      let
        inherit (cfg.firstBoot) tty;
        # NixOS starts tty1's login prompt as autovt@tty1 (getty.target wants it);
        # getty@ is the same template under the name other tools start.
        gettys = [
          "getty@${tty}.service"
          "autovt@${tty}.service"
        ];
      in
      {
        # Modelled on nixpkgs' services.rogue and services.cage (a program owning a VT).
        systemd.services.hv-first-boot = {
          description = "hv first-boot setup on ${tty}";
          after = [
            "systemd-user-sessions.service"
            "plymouth-quit-wait.service"
          ]
          ++ gettys;
          conflicts = gettys;
          wantedBy = [ "multi-user.target" ];
          # However the setup ends, the terminal goes back to a login prompt.
          onSuccess = [ "autovt@${tty}.service" ];
          onFailure = [ "autovt@${tty}.service" ];
          # hv applies the configuration with nixos-rebuild, which is not on the unit's PATH.
          path = [ "/run/current-system/sw" ];
          environment = {
            TERM = "linux";
            HV_ROOT_DIR = cfg.stateDir;
          };
          # hv runs `nixos-rebuild switch` from inside this unit; that switch must not
          # restart or stop the unit (and with it the switch itself).
          restartIfChanged = false;
          unitConfig."X-StopOnRemoval" = false;
          serviceConfig = {
            # The marker is checked here, not with ConditionPathExists: a skipped unit has
            # already pushed the getty out of the boot transaction (conflicts), and a skip
            # triggers no onSuccess, so the terminal would be left without a login prompt.
            ExecStart = pkgs.writeShellScript "hv-first-boot" ''
              if [ -e ${escapeShellArg "${cfg.stateDir}/.setup-complete"} ]; then
                exit 0
              fi
              exec ${cfg.package}/bin/hv setup --first-boot
            '';
            StandardInput = "tty";
            StandardOutput = "tty";
            TTYPath = "/dev/${tty}";
            TTYReset = true;
            TTYVHangup = true;
            TTYVTDisallocate = true;
            Restart = "on-failure";
            # Restart in place: in the default mode every failed attempt fires onFailure,
            # whose getty would end the retries. Now only an exhausted start limit does.
            RestartMode = "direct";
          };
        };
      }
    ))
  ]);
}
