# Features with sharp edges: live migration, PCI/GPU passthrough and nested KVM.
{
  config,
  lib,
  pkgs,
  ...
}:
with lib;
let
  cfg = config.hypervisor.experimental;
in
{
  options.hypervisor.experimental = {
    liveMigration = {
      enable = mkEnableOption "live migration of running VMs between hosts";
      peers = mkOption {
        type = types.listOf types.str;
        default = [ ];
        description = "IPv4 addresses or networks allowed to send VMs to this host.";
      };
    };

    gpuPassthrough = {
      enable = mkEnableOption "reserving PCI devices (graphics cards) for VMs with vfio-pci";
      pciIds = mkOption {
        type = types.listOf types.str;
        default = [ ];
        description = "vendor:device IDs bound to vfio-pci at boot.";
      };
      blacklistDrivers = mkOption {
        type = types.listOf types.str;
        default = [ ];
        description = "Host drivers that must never claim the reserved devices.";
      };
    };

    nestedVirt = {
      enable = mkEnableOption "nested virtualization (KVM inside KVM)";
    };
  };

  config = mkMerge [
    (mkIf cfg.liveMigration.enable (
      let
        inherit (cfg.liveMigration) peers;
      in
      {
        # QEMU streams memory on libvirt's migration ports; control runs over SSH.
        # Only the nftables firewall (from microSegmentation) takes per-source rules.
        networking.firewall.extraInputRules = optionalString (peers != [ ]) ''
          ip saddr { ${concatStringsSep ", " peers} } tcp dport 49152-49215 accept comment "hv: live migration"
        '';
        # The iptables firewall ignores extraInputRules: the peers would be refused.
        assertions = [
          {
            assertion = peers == [ ] || !config.networking.firewall.enable || config.networking.nftables.enable;
            message = "hypervisor.experimental.liveMigration: the peers' rule needs the nftables firewall; enable hypervisor.networking.microSegmentation (or networking.nftables.enable).";
          }
        ];
        warnings = optional (peers == [ ]) ''
          hypervisor.experimental.liveMigration: no peers are listed, so this host can send VMs
          to others but refuses incoming migrations.
        '';
      }
    ))

    (mkIf cfg.gpuPassthrough.enable (
      let
        inherit (cfg.gpuPassthrough) pciIds blacklistDrivers;
      in
      {
        # In the initrd, so vfio-pci claims the devices before any graphics driver can.
        boot.initrd.kernelModules = [
          "vfio_pci"
          "vfio"
          "vfio_iommu_type1"
        ];
        boot.kernelParams = optional (pciIds != [ ]) "vfio-pci.ids=${concatStringsSep "," pciIds}";
        boot.blacklistedKernelModules = blacklistDrivers;
        # Should a listed driver still be loaded (by another device), vfio-pci goes first.
        boot.extraModprobeConfig = concatMapStrings (d: "softdep ${d} pre: vfio-pci\n") blacklistDrivers;
      }
    ))

    (mkIf cfg.nestedVirt.enable {
      # Both lines are safe: the module for the other CPU vendor is never loaded.
      boot.extraModprobeConfig = ''
        options kvm_intel nested=1
        options kvm_amd nested=1
      '';
    })
  ];
}
