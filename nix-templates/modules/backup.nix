# Backups and snapshots: restic on this host, borg copies and frequent replicas on
# another machine, snapper snapshots on btrfs.
{
  config,
  lib,
  pkgs,
  ...
}:
with lib;
let
  cfg = config.hypervisor.backup;

  # Used when no password file is given: created once, random, readable by root only.
  generatedResticPassword = "/var/lib/hypervisor/secrets/restic-password";
  metricsDir = "/var/lib/hypervisor/metrics";

  # Trust the backup machine's host key on first contact, check it afterwards.
  borgRsh =
    keyFile:
    "ssh -o StrictHostKeyChecking=accept-new"
    + optionalString (keyFile != null) " -i ${escapeShellArg keyFile}";
in
{
  options.hypervisor.backup = {
    localBackup = {
      enable = mkEnableOption "encrypted restic backups on this host";
      repository = mkOption {
        type = types.str;
        default = "/var/backup/hypervisor";
        description = "Folder of the restic repository.";
      };
      passwordFile = mkOption {
        type = types.nullOr types.str;
        default = null;
        description = "Runtime path of the repository password file; null creates a random one.";
      };
      retentionDays = mkOption {
        type = types.ints.between 1 3650;
        default = 14;
        description = "Days for which one backup per day is kept.";
      };
      schedule = mkOption {
        type = types.str;
        default = "daily";
        description = "systemd calendar time of the backup.";
      };
      paths = mkOption {
        type = types.listOf types.str;
        default = [
          "/etc/nixos"
          "/etc/hypervisor"
          "/var/lib/libvirt"
        ];
        description = "Folders backed up.";
      };
    };

    remoteBackup = {
      enable = mkEnableOption "borg copies of the local backup on another machine";
      target = mkOption {
        type = types.nullOr types.str;
        default = null;
        description = "The borg repository, as ssh://user@host[:port]/path.";
      };
      passphraseFile = mkOption {
        type = types.nullOr types.str;
        default = null;
        description = "Runtime path of the borg passphrase file.";
      };
      sshKeyFile = mkOption {
        type = types.nullOr types.str;
        default = null;
        description = "Runtime path of the SSH private key for the backup machine; null uses root's default key.";
      };
      retentionDays = mkOption {
        type = types.ints.between 1 3650;
        default = 30;
        description = "Days for which one copy per day is kept remotely.";
      };
      schedule = mkOption {
        type = types.str;
        default = "daily";
        description = "systemd calendar time of the copy.";
      };
    };

    continuousReplication = {
      enable = mkEnableOption "frequent borg replicas of VM disks on another machine";
      target = mkOption {
        type = types.nullOr types.str;
        default = null;
        description = "The replica borg repository, as ssh://user@host[:port]/path.";
      };
      intervalMinutes = mkOption {
        type = types.ints.between 5 1440;
        default = 15;
        description = "Minutes between the starts of two replication runs.";
      };
      keepHours = mkOption {
        type = types.ints.between 1 720;
        default = 48;
        description = "Hours replicas are kept.";
      };
    };

    btrfsSnapshots = {
      enable = mkEnableOption "hourly snapper snapshots of a btrfs subvolume";
      subvolume = mkOption {
        type = types.str;
        default = "/";
        description = "Mounted btrfs subvolume to snapshot.";
      };
      keepHourly = mkOption {
        type = types.ints.between 0 1000;
        default = 24;
        description = "Hourly snapshots kept.";
      };
      keepDaily = mkOption {
        type = types.ints.between 0 1000;
        default = 7;
        description = "Daily snapshots kept.";
      };
      keepWeekly = mkOption {
        type = types.ints.between 0 1000;
        default = 4;
        description = "Weekly snapshots kept.";
      };
      keepMonthly = mkOption {
        type = types.ints.between 0 1000;
        default = 12;
        description = "Monthly snapshots kept.";
      };
    };
  };

  config = mkMerge [
    (mkIf cfg.localBackup.enable (
      let
        c = cfg.localBackup;
        passwordFile = if c.passwordFile != null then c.passwordFile else generatedResticPassword;
      in
      mkMerge [
        {
          services.restic.backups.hv-local = {
            inherit (c) repository paths;
            inherit passwordFile;
            initialize = true;
            timerConfig = {
              OnCalendar = c.schedule;
              Persistent = true;
            };
            pruneOpts = [ "--keep-daily ${toString c.retentionDays}" ];
          };
          # hv's state folder may not exist yet on a fresh host; restic fails on missing paths.
          systemd.tmpfiles.rules = [ "d /etc/hypervisor 0755 root root -" ];
        }
        (mkIf (c.passwordFile == null) {
          systemd.tmpfiles.rules = [ "d ${dirOf generatedResticPassword} 0700 root root -" ];
          systemd.services.hv-restic-password = {
            description = "Create the random password of hv's local backup repository";
            before = [ "restic-backups-hv-local.service" ];
            requiredBy = [ "restic-backups-hv-local.service" ];
            # Never replace an existing password: that would lock you out of every backup.
            unitConfig.ConditionPathExists = "!${generatedResticPassword}";
            serviceConfig.Type = "oneshot";
            script = ''
              umask 077
              mkdir -p ${dirOf generatedResticPassword}
              head -c 48 /dev/urandom | base64 -w0 > ${generatedResticPassword}
            '';
          };
        })
      ]
    ))

    (mkIf cfg.remoteBackup.enable (
      let
        c = cfg.remoteBackup;
      in
      mkMerge [
        {
          assertions = [
            {
              assertion = c.target != null;
              message = "hypervisor.backup.remoteBackup: set `target` to the ssh:// URL of the borg repository.";
            }
            {
              assertion = c.passphraseFile != null;
              message = "hypervisor.backup.remoteBackup: set `passphraseFile` to a file holding the borg passphrase.";
            }
          ];
        }
        (mkIf (c.target != null && c.passphraseFile != null) {
          services.borgbackup.jobs.hv-remote = {
            repo = c.target;
            # The restic repository, not the raw data: it is already encrypted, so the
            # other machine never holds anything readable.
            paths = [ cfg.localBackup.repository ];
            encryption = {
              mode = "repokey-blake2";
              passCommand = "cat ${escapeShellArg c.passphraseFile}";
            };
            environment.BORG_RSH = borgRsh c.sshKeyFile;
            # restic's packs are compressed and encrypted already.
            compression = "none";
            startAt = c.schedule;
            persistentTimer = true;
            prune.keep.daily = c.retentionDays;
          };
        })
      ]
    ))

    (mkIf cfg.continuousReplication.enable (
      let
        c = cfg.continuousReplication;
        r = cfg.remoteBackup;
      in
      mkMerge [
        {
          assertions = [
            {
              assertion = c.target != null;
              message = "hypervisor.backup.continuousReplication: set `target` to the ssh:// URL of the replica repository.";
            }
          ];
          systemd.tmpfiles.rules = [ "d ${metricsDir} 0755 root root -" ];
        }
        (mkIf (c.target != null && r.passphraseFile != null) {
          services.borgbackup.jobs.hv-replica = {
            repo = c.target;
            paths = [
              "/var/lib/libvirt/images"
              "/var/lib/libvirt/qemu"
            ];
            encryption = {
              mode = "repokey-blake2";
              passCommand = "cat ${escapeShellArg r.passphraseFile}";
            };
            environment.BORG_RSH = borgRsh r.sshKeyFile;
            compression = "auto,lz4";
            # Timed below from the previous start, not by the calendar.
            startAt = [ ];
            prune.keep.within = "${toString c.keepHours}H";
            # The job's sandbox is read-only except for the folders listed here.
            readWritePaths = [ metricsDir ];
            # Picked up by the node exporter's textfile collector (the metrics feature).
            postCreate = ''
              printf 'hv_replication_last_success_seconds %s\n' "$(date +%s)" > ${metricsDir}/replication.prom.tmp
              mv ${metricsDir}/replication.prom.tmp ${metricsDir}/replication.prom
            '';
          };
          systemd.timers.borgbackup-job-hv-replica = {
            description = "Replicate VM disks every ${toString c.intervalMinutes} minutes";
            wantedBy = [ "timers.target" ];
            timerConfig = {
              OnBootSec = "5min";
              OnUnitActiveSec = "${toString c.intervalMinutes}min";
            };
          };
        })
      ]
    ))

    (mkIf cfg.btrfsSnapshots.enable (
      let
        c = cfg.btrfsSnapshots;
      in
      {
        services.snapper.configs.hv = {
          SUBVOLUME = c.subvolume;
          ALLOW_GROUPS = [ "wheel" ];
          TIMELINE_CREATE = true;
          TIMELINE_CLEANUP = true;
          TIMELINE_LIMIT_HOURLY = c.keepHourly;
          TIMELINE_LIMIT_DAILY = c.keepDaily;
          TIMELINE_LIMIT_WEEKLY = c.keepWeekly;
          TIMELINE_LIMIT_MONTHLY = c.keepMonthly;
          TIMELINE_LIMIT_YEARLY = 0;
        };
        # snapper needs a .snapshots subvolume inside the one it snapshots; "v" creates it
        # as a subvolume (NixOS does not run `snapper create-config`).
        systemd.tmpfiles.rules = [ "v ${removeSuffix "/" c.subvolume}/.snapshots 0750 root root -" ];
      }
    ))
  ];
}
