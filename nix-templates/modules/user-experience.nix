# Ways to use the host: Cockpit in a browser, shell conveniences, a login message,
# USB devices for VMs and a serial console.
{
  config,
  lib,
  pkgs,
  ...
}:
with lib;
let
  cfg = config.hypervisor.userExperience;
in
{
  options.hypervisor.userExperience = {
    webDashboard = {
      enable = mkEnableOption "the Cockpit web console";
      port = mkOption {
        type = types.port;
        default = 9090;
        description = "Port of the web console.";
      };
      openFirewall = mkOption {
        type = types.bool;
        default = false;
        description = "Open the web console's port on all interfaces.";
      };
      origins = mkOption {
        type = types.listOf types.str;
        default = [ ];
        description = "Further https:// addresses the console is opened by.";
      };
    };

    cliEnhancements = {
      enable = mkEnableOption "virsh defaults, VM shell aliases and terminal tools";
    };

    interactiveWizards = {
      enable = mkEnableOption "a login message pointing to hv";
    };

    usbRedirection = {
      enable = mkEnableOption "passing USB devices into VMs through SPICE";
    };

    serialConsole = {
      enable = mkEnableOption "boot messages and a login prompt on a serial port";
      device = mkOption {
        type = types.str;
        default = "ttyS0";
        description = "Serial device name under /dev.";
      };
      baud = mkOption {
        type = types.enum [
          "9600"
          "19200"
          "38400"
          "57600"
          "115200"
        ];
        default = "115200";
        description = "Serial line speed.";
      };
    };
  };

  config = mkMerge [
    (mkIf cfg.webDashboard.enable (
      let
        c = cfg.webDashboard;
        port = toString c.port;
      in
      {
        assertions = [
          {
            assertion = !(config.services.prometheus.enable && config.services.prometheus.port == c.port);
            message = "hypervisor.userExperience.webDashboard: Cockpit and Prometheus cannot both use port ${port}.";
          }
        ];
        services.cockpit = {
          enable = true;
          inherit (c) port openFirewall;
          # Cockpit refuses browsers whose address is not listed (cross-site protection).
          # NixOS's list merges across modules and adds https://localhost:<port> itself;
          # forcing settings.WebService.Origins instead would drop everyone else's origins.
          allowed-origins = [ "https://${config.networking.hostName}:${port}" ] ++ c.origins;
        };
      }
    ))

    (mkIf cfg.cliEnhancements.enable {
      # Without this, virsh run by a user talks to that user's empty session instance.
      environment.variables.LIBVIRT_DEFAULT_URI = "qemu:///system";
      environment.shellAliases = {
        vms = "virsh list --all";
        vmstart = "virsh start";
        vmstop = "virsh shutdown";
        vmconsole = "virsh console";
      };
      environment.systemPackages = [
        pkgs.virt-top
        pkgs.htop
        pkgs.jq
        pkgs.tmux
      ];
    })

    (mkIf cfg.interactiveWizards.enable {
      users.motd = ''
        This host runs virtual machines managed with hv.
          hv              the console: VMs, setup and learning
          hv setup        change the host's features
          hv help         all commands
      '';
    })

    (mkIf cfg.usbRedirection.enable {
      virtualisation.spiceUSBRedirection.enable = true;
    })

    (mkIf cfg.serialConsole.enable {
      # The last console= becomes /dev/console: the screen stays primary, the serial
      # port gets kernel messages, and systemd starts a login prompt on both.
      boot.kernelParams = [
        "console=${cfg.serialConsole.device},${cfg.serialConsole.baud}"
        "console=tty0"
      ];
    })
  ];
}
