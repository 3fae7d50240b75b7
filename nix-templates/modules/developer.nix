# For programs and developers: libvirt's TLS API, a GitHub Actions runner, and
# per-project development shells.
{
  config,
  lib,
  pkgs,
  ...
}:
with lib;
let
  cfg = config.hypervisor.developer;
in
{
  options.hypervisor.developer = {
    api = {
      enable = mkEnableOption "libvirt's TLS remote API (port 16514, client certificates)";
      certificateDir = mkOption {
        type = types.str;
        default = "/var/lib/hypervisor/pki";
        description = "Folder holding cacert.pem, servercert.pem and serverkey.pem.";
      };
      allowedClients = mkOption {
        type = types.listOf types.str;
        default = [ ];
        description = "Client certificate subjects allowed to connect; empty allows any certificate signed by the CA.";
      };
      openFirewall = mkOption {
        type = types.bool;
        default = false;
        description = "Open TCP 16514 on all interfaces.";
      };
    };

    cicd = {
      enable = mkEnableOption "a self-hosted GitHub Actions runner";
      url = mkOption {
        type = types.nullOr types.str;
        default = null;
        description = "GitHub repository or organisation URL the runner registers with.";
      };
      tokenFile = mkOption {
        type = types.nullOr types.str;
        default = null;
        description = "Runtime path of the file holding the runner's token.";
      };
    };

    devEnvironments = {
      enable = mkEnableOption "Nix flakes, direnv and git for per-project development shells";
    };
  };

  config = mkMerge [
    (mkIf cfg.api.enable (
      let
        c = cfg.api;
        quoted = map builtins.toJSON c.allowedClients;
      in
      {
        # libvirt ships this socket unit; NixOS only has to enable it.
        systemd.sockets.libvirtd-tls.wantedBy = [ "sockets.target" ];
        virtualisation.libvirtd.extraConfig = ''
          key_file = "${c.certificateDir}/serverkey.pem"
          cert_file = "${c.certificateDir}/servercert.pem"
          ca_file = "${c.certificateDir}/cacert.pem"
          ${optionalString (quoted != [ ]) "tls_allowed_dn_list = [ ${concatStringsSep ", " quoted} ]"}
        '';
        systemd.tmpfiles.rules = [ "d ${c.certificateDir} 0700 root root -" ];
        networking.firewall.allowedTCPPorts = optional c.openFirewall 16514;
      }
    ))

    (mkIf cfg.cicd.enable (
      let
        c = cfg.cicd;
      in
      mkMerge [
        {
          assertions = [
            {
              assertion = c.url != null && c.tokenFile != null;
              message = "hypervisor.developer.cicd: set `url` and `tokenFile` for the GitHub runner.";
            }
          ];
        }
        (mkIf (c.url != null && c.tokenFile != null) {
          # No user set: the runner gets a dynamic account with no access to libvirt.
          services.github-runners.hv = {
            enable = true;
            inherit (c) url tokenFile;
            replace = true;
            extraLabels = [ "hv" ];
          };
        })
      ]
    ))

    (mkIf cfg.devEnvironments.enable {
      nix.settings.experimental-features = [
        "nix-command"
        "flakes"
      ];
      programs.direnv.enable = true;
      environment.systemPackages = [
        pkgs.git
      ]
      ++ optional config.virtualisation.podman.enable pkgs.distrobox;
    })
  ];
}
