# Connections to other systems: k3s, Terraform/OpenTofu, Slack notifications and
# LDAP logins.
{
  config,
  lib,
  pkgs,
  ...
}:
with lib;
let
  cfg = config.hypervisor.integration;
in
{
  options.hypervisor.integration = {
    kubernetes = {
      enable = mkEnableOption "a k3s Kubernetes server or agent";
      role = mkOption {
        type = types.enum [
          "server"
          "agent"
        ];
        default = "server";
        description = "Run a cluster here (server) or join one (agent).";
      };
      serverAddr = mkOption {
        type = types.nullOr types.str;
        default = null;
        description = "URL of the k3s server to join.";
      };
      tokenFile = mkOption {
        type = types.nullOr types.str;
        default = null;
        description = "Runtime path of the cluster join token file.";
      };
    };

    terraform = {
      enable = mkEnableOption "Terraform/OpenTofu access to the VMs through the remote API";
      installCli = mkOption {
        type = types.bool;
        default = true;
        description = "Install OpenTofu on the host.";
      };
    };

    slack = {
      enable = mkEnableOption "Slack messages when watched services fail";
      webhookUrlFile = mkOption {
        type = types.nullOr types.str;
        default = null;
        description = "Runtime path of the file holding the Slack incoming-webhook URL.";
      };
      watchUnits = mkOption {
        type = types.listOf types.str;
        default = [ "libvirtd" ];
        description = "systemd services (without .service) whose failure is reported.";
      };
    };

    ldap = {
      enable = mkEnableOption "logins from an LDAP directory";
      server = mkOption {
        type = types.nullOr types.str;
        default = null;
        description = "URL of the LDAP server (ldap:// or ldaps://).";
      };
      baseDn = mkOption {
        type = types.nullOr types.str;
        default = null;
        description = "Search base for accounts and groups.";
      };
      bindDn = mkOption {
        type = types.nullOr types.str;
        default = null;
        description = "Account used to read the directory; null binds anonymously.";
      };
      bindPasswordFile = mkOption {
        type = types.nullOr types.str;
        default = null;
        description = "Runtime path of the service account's password file.";
      };
      vmGroup = mkOption {
        type = types.str;
        default = "hypervisor-admins";
        description = "Directory group whose members may manage the VMs.";
      };
    };
  };

  config = mkMerge [
    (mkIf cfg.kubernetes.enable (
      let
        c = cfg.kubernetes;
      in
      {
        assertions = [
          {
            assertion = c.role == "server" || (c.serverAddr != null && c.tokenFile != null);
            message = "hypervisor.integration.kubernetes: an agent needs `serverAddr` and `tokenFile`.";
          }
        ];
        services.k3s = {
          enable = true;
          inherit (c) role;
          serverAddr = mkIf (c.serverAddr != null) c.serverAddr;
          tokenFile = mkIf (c.tokenFile != null) c.tokenFile;
        };
        networking.firewall.allowedTCPPorts = optional (c.role == "server") 6443;
      }
    ))

    (mkIf (cfg.terraform.enable && cfg.terraform.installCli) {
      # OpenTofu rather than Terraform: nixpkgs marks Terraform unfree (BSL), which
      # would make the build fail without allowUnfree.
      environment.systemPackages = [ pkgs.opentofu ];
    })

    (mkIf cfg.slack.enable (
      let
        c = cfg.slack;
        notifier = "hv-slack-notify@%n.service";
        # hv's own jobs are watched whenever they exist, so failed backups are never silent.
        backupUnits =
          optional config.hypervisor.backup.localBackup.enable "restic-backups-hv-local"
          ++ optional config.hypervisor.backup.remoteBackup.enable "borgbackup-job-hv-remote";
      in
      mkMerge [
        {
          assertions = [
            {
              assertion = c.webhookUrlFile != null;
              message = "hypervisor.integration.slack: set `webhookUrlFile` to a file holding the webhook URL.";
            }
          ];
        }
        (mkIf (c.webhookUrlFile != null) {
          systemd.services = {
            "hv-slack-notify@" = {
              description = "Tell Slack that %i failed";
              scriptArgs = "%i";
              serviceConfig = {
                Type = "oneshot";
                # A throwaway account that can read nothing but the webhook credential.
                DynamicUser = true;
                LoadCredential = "webhook:${c.webhookUrlFile}";
              };
              script = ''
                ${pkgs.curl}/bin/curl -fsS --max-time 20 \
                  -H 'Content-Type: application/json' \
                  --data "{\"text\": \"${config.networking.hostName}: $1 failed\"}" \
                  "$(cat "$CREDENTIALS_DIRECTORY/webhook")"
              '';
            };
          }
          // genAttrs (unique (c.watchUnits ++ backupUnits)) (_: {
            onFailure = [ notifier ];
          });
        })
      ]
    ))

    (mkIf cfg.ldap.enable (
      let
        c = cfg.ldap;
      in
      mkMerge [
        {
          assertions = [
            {
              assertion = c.server != null && c.baseDn != null;
              message = "hypervisor.integration.ldap: set `server` and `baseDn`.";
            }
          ];
        }
        (mkIf (c.server != null && c.baseDn != null) {
          users.ldap = {
            enable = true;
            server = c.server;
            base = c.baseDn;
            # Plain ldap:// is upgraded with StartTLS so passwords never cross the wire in clear.
            useTLS = hasPrefix "ldap://" c.server;
            daemon.enable = true;
            bind = mkIf (c.bindDn != null) (
              {
                distinguishedName = c.bindDn;
              }
              // optionalAttrs (c.bindPasswordFile != null) { passwordFile = c.bindPasswordFile; }
            );
          };
          # The same right the local libvirtd group has, for the directory group.
          security.polkit.extraConfig = ''
            polkit.addRule(function(action, subject) {
              if (action.id == "org.libvirt.unix.manage" && subject.isInGroup(${builtins.toJSON c.vmGroup})) {
                return polkit.Result.YES;
              }
            });
          '';
        })
      ]
    ))
  ];
}
