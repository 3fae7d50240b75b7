# The machine underneath: VMware guest support, IOMMU, guest TPM, memory sharing,
# automatic upgrades and Podman.
{
  config,
  lib,
  pkgs,
  ...
}:
with lib;
let
  cfg = config.hypervisor.platform;
in
{
  options.hypervisor.platform = {
    vmwareGuest = {
      enable = mkEnableOption "running as a VMware guest (open-vm-tools and VMware drivers)";
      headless = mkOption {
        type = types.bool;
        default = true;
        description = "Use open-vm-tools without desktop integration.";
      };
    };

    iommu = {
      enable = mkEnableOption "the IOMMU and VFIO drivers for device passthrough";
      passthroughMode = mkOption {
        type = types.bool;
        default = false;
        description = "Add iommu=pt: faster, but the host's own devices lose DMA protection.";
      };
    };

    guestTpm = {
      enable = mkEnableOption "software TPMs (swtpm) for VMs";
    };

    ksm = {
      enable = mkEnableOption "kernel same-page merging between VMs";
    };

    autoUpgrade = {
      enable = mkEnableOption "automatic NixOS upgrades";
      dates = mkOption {
        type = types.str;
        default = "04:40";
        description = "systemd calendar time of the upgrade.";
      };
      allowReboot = mkOption {
        type = types.bool;
        default = false;
        description = "Reboot when an upgrade changed the kernel or boot settings.";
      };
      flake = mkOption {
        type = types.nullOr types.str;
        default = null;
        description = "Flake reference to build, e.g. /etc/nixos#hv-01; null uses channels.";
      };
    };

    podman = {
      enable = mkEnableOption "Podman for containers";
      dnsEnabled = mkOption {
        type = types.bool;
        default = true;
        description = "Name resolution between containers on the default network.";
      };
      autoPrune = mkOption {
        type = types.bool;
        default = true;
        description = "Weekly podman system prune.";
      };
      dockerCompat = mkOption {
        type = types.bool;
        default = false;
        description = "Provide docker as an alias for podman.";
      };
    };
  };

  config = mkMerge [
    (mkIf cfg.vmwareGuest.enable {
      virtualisation.vmware.guest = {
        enable = true;
        inherit (cfg.vmwareGuest) headless;
      };
      boot.kernelModules = [
        "vmw_vsock_vmci_transport"
        "vmw_balloon"
        "vmwgfx"
      ];
      # A VMware VM has no Intel GPU; these drivers only slow the boot and can grab the display.
      boot.blacklistedKernelModules = [
        "i915"
        "intel_agp"
      ];
      # Forced: a desktop profile turning them on would waste resources in a VM.
      hardware.bluetooth.enable = mkForce false;
      services.tlp.enable = mkForce false;
      services.power-profiles-daemon.enable = mkForce false;
      # Wayland compositors draw no pointer on vmwgfx with hardware cursors.
      environment.sessionVariables = mkIf (!cfg.vmwareGuest.headless) {
        WLR_NO_HARDWARE_CURSORS = "1";
      };
    })

    (mkIf cfg.iommu.enable {
      # AMD-Vi is on by default; intel_iommu=on is harmless there.
      boot.kernelParams = [ "intel_iommu=on" ] ++ optional cfg.iommu.passthroughMode "iommu=pt";
      # Loaded at boot so libvirt can hand devices to VMs later (managed='yes').
      boot.kernelModules = [
        "vfio"
        "vfio_pci"
        "vfio_iommu_type1"
      ];
    })

    (mkIf cfg.guestTpm.enable {
      # No OVMF options: QEMU's bundled UEFI firmware is available to libvirt by default.
      virtualisation.libvirtd.qemu.swtpm.enable = true;
    })

    (mkIf cfg.ksm.enable {
      hardware.ksm.enable = true;
    })

    (mkIf cfg.autoUpgrade.enable {
      system.autoUpgrade = {
        enable = true;
        inherit (cfg.autoUpgrade) dates allowReboot;
        flake = mkIf (cfg.autoUpgrade.flake != null) cfg.autoUpgrade.flake;
        randomizedDelaySec = "30min";
      };
    })

    (mkIf cfg.podman.enable {
      virtualisation.podman = {
        enable = true;
        inherit (cfg.podman) dockerCompat;
        defaultNetwork.settings.dns_enabled = cfg.podman.dnsEnabled;
        autoPrune = {
          enable = cfg.podman.autoPrune;
          dates = "weekly";
        };
      };
    })
  ];
}
