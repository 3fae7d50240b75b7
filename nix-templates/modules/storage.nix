# Where VM disks live and how they are kept: encryption check, btrfs deduplication,
# NFS storage and host folders shared with VMs.
{
  config,
  lib,
  pkgs,
  ...
}:
with lib;
let
  cfg = config.hypervisor.storage;
in
{
  options.hypervisor.storage = {
    encryption = {
      enable = mkEnableOption "disk-encryption tools and a warning while no LUKS device is configured";
    };

    deduplication = {
      enable = mkEnableOption "bees deduplication of the btrfs root filesystem";
      hashTableMiB = mkOption {
        type = types.ints.between 128 16384;
        default = 1024;
        description = "RAM for bees' hash table in MiB, rounded down to a multiple of 16.";
      };
    };

    remoteStorage = {
      enable = mkEnableOption "an NFS share for VM disk images";
      nfsExport = mkOption {
        type = types.nullOr types.str;
        default = null;
        description = "The share to mount, as server:/path.";
      };
      mountPoint = mkOption {
        type = types.str;
        default = "/var/lib/libvirt/images/remote";
        description = "Where the share is mounted.";
      };
      nfsVersion = mkOption {
        type = types.enum [
          "4.2"
          "4.1"
          "3"
        ];
        default = "4.2";
        description = "NFS protocol version.";
      };
    };

    virtiofs = {
      enable = mkEnableOption "virtiofsd, for sharing host folders with VMs";
    };
  };

  config = mkMerge [
    (mkIf cfg.encryption.enable {
      environment.systemPackages = [ pkgs.cryptsetup ];
      # A check, not an action: encrypting an existing disk means reinstalling, which
      # a rebuild must never do by itself.
      warnings = optional (config.boot.initrd.luks.devices == { }) ''
        hypervisor.storage.encryption: no LUKS device is configured (boot.initrd.luks.devices is
        empty), so VM disk images under /var/lib/libvirt are stored unencrypted. Encrypt the disk
        when (re)installing the host.
      '';
    })

    (mkIf cfg.deduplication.enable {
      services.beesd.filesystems.root = {
        spec = "/";
        # bees rejects sizes that are not a multiple of 16; integer division rounds down.
        hashTableSizeMB = 16 * (cfg.deduplication.hashTableMiB / 16);
      };
    })

    (mkIf cfg.remoteStorage.enable (
      let
        inherit (cfg.remoteStorage) nfsExport mountPoint nfsVersion;
      in
      mkMerge [
        {
          boot.supportedFilesystems = [ "nfs" ];
          assertions = [
            {
              assertion = nfsExport != null;
              message = "hypervisor.storage.remoteStorage: set `nfsExport` to the share, as server:/path.";
            }
          ];
        }
        (mkIf (nfsExport != null) {
          fileSystems.${mountPoint} = {
            device = nfsExport;
            fsType = "nfs";
            # Mounted on first access, so an unreachable NAS does not hold up the boot.
            options = [
              "nfsvers=${nfsVersion}"
              "_netdev"
              "noauto"
              "x-systemd.automount"
              "x-systemd.mount-timeout=30"
            ];
          };
        })
      ]
    ))

    (mkIf cfg.virtiofs.enable {
      virtualisation.libvirtd.qemu.vhostUserPackages = [ pkgs.virtiofsd ];
    })
  ];
}
