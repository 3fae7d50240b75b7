# Core of every hv host: libvirt for the VMs, VM access through a group instead of
# sudo, and an audit trail of VM and configuration changes.
{
  config,
  lib,
  pkgs,
  ...
}:
with lib;
let
  cfg = config.hypervisor.core;
in
{
  options.hypervisor.core = {
    vmManagement = {
      enable = mkEnableOption "libvirt with QEMU/KVM for running virtual machines";
      onBoot = mkOption {
        type = types.enum [
          "start"
          "ignore"
        ];
        default = "start";
        description = "What libvirt-guests does with VMs that were running when the host went down.";
      };
      onShutdown = mkOption {
        type = types.enum [
          "shutdown"
          "suspend"
        ];
        default = "shutdown";
        description = "Whether VMs are shut down cleanly or suspended to disk when the host shuts down.";
      };
      shutdownTimeout = mkOption {
        type = types.ints.between 10 3600;
        default = 300;
        description = "Seconds the host waits for VMs to stop before powering off.";
      };
    };

    privilegeSeparation = {
      enable = mkEnableOption "VM management through the libvirtd group instead of sudo";
      vmUsers = mkOption {
        type = types.listOf types.str;
        default = [ ];
        description = "Accounts added to the libvirtd group, which controls every VM.";
      };
    };

    auditLogging = {
      enable = mkEnableOption "an audit trail of VM and configuration changes";
      lockRules = mkOption {
        type = types.bool;
        default = false;
        description = "Make the audit rules immutable until the next reboot.";
      };
    };
  };

  config = mkMerge [
    (mkIf cfg.vmManagement.enable {
      virtualisation.libvirtd = {
        enable = true;
        inherit (cfg.vmManagement) onBoot onShutdown shutdownTimeout;
        # A guest that escapes QEMU lands in the qemu-libvirtd account, not in root.
        qemu.runAsRoot = false;
      };
    })

    (mkIf cfg.privilegeSeparation.enable {
      # libvirtd's polkit rule already grants this group full VM control; no sudo needed.
      users.groups.libvirtd.members = cfg.privilegeSeparation.vmUsers;
      security.sudo.execWheelOnly = true;

      # hv's three access levels (src/security/privilege.ts). Add people with
      # users.users.<name>.extraGroups; a new group takes effect at their next login.
      users.groups.hypervisor-users = { };
      users.groups.hypervisor-operators = { };
      users.groups.hypervisor-admins = { };
      # Per-call checks, so operators can run VMs without being able to delete them and
      # the hardened phase holds for virsh and virt-manager too, not only for hv.
      virtualisation.libvirtd.extraConfig = ''
        access_drivers = [ "polkit" ]
      '';
      security.polkit.enable = true;
      security.polkit.extraConfig = import ../lib/polkit-libvirt.nix {
        testProgram = "${pkgs.coreutils}/bin/test";
        hardenedMarker = "${config.hypervisor.console.stateDir}/.phase-hardened";
      };
    })

    (mkIf cfg.auditLogging.enable {
      security.auditd.enable = true;
      security.audit.enable = if cfg.auditLogging.lockRules then "lock" else true;
      # Directory watches are recursive and only need the parent to exist, so they load
      # even before libvirt or hv have created their folders.
      security.audit.rules = [
        "-w /var/lib/libvirt -p wa -k hv-libvirt"
        "-w /etc/hypervisor -p wa -k hv-state"
        "-w /etc/nixos -p wa -k hv-nixos-config"
      ];
      # audit_level 1: report VM lifecycle and device changes to auditd when it runs,
      # without refusing to start VMs if it does not.
      virtualisation.libvirtd.extraConfig = ''
        audit_level = 1
        audit_logging = 1
      '';
    })
  ];
}
