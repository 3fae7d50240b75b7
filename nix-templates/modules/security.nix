# Host security: SSH, firewall, bans, confinement, kernel hardening, auditing and a
# root-only folder for secret files.
{
  config,
  lib,
  pkgs,
  ...
}:
with lib;
let
  cfg = config.hypervisor.security;
in
{
  options.hypervisor.security = {
    sshHardening = {
      enable = mkEnableOption "the SSH server with key-only login and no root login";
      port = mkOption {
        type = types.port;
        default = 22;
        description = "Port the SSH server listens on.";
      };
      allowUsers = mkOption {
        type = types.listOf types.str;
        default = [ ];
        description = "Accounts allowed to log in over SSH; empty allows every account with a key.";
      };
    };

    firewall = {
      enable = mkEnableOption "the default-deny firewall";
      logRefusedConnections = mkOption {
        type = types.bool;
        default = false;
        description = "Log every refused connection attempt to the journal.";
      };
      allowPing = mkOption {
        type = types.bool;
        default = true;
        description = "Answer ICMP echo requests.";
      };
      trustedInterfaces = mkOption {
        type = types.listOf types.str;
        default = [ ];
        description = "Interfaces whose traffic bypasses the firewall.";
      };
    };

    fail2ban = {
      enable = mkEnableOption "fail2ban bans of addresses with repeated login failures";
      maxretry = mkOption {
        type = types.ints.between 1 100;
        default = 5;
        description = "Failed logins tolerated before an address is banned.";
      };
      bantime = mkOption {
        type = types.str;
        default = "1h";
        description = "How long a ban lasts, e.g. 10m, 1h, 1d.";
      };
      ignoreIP = mkOption {
        type = types.listOf types.str;
        default = [ ];
        description = "Addresses or networks that are never banned.";
      };
    };

    apparmor = {
      enable = mkEnableOption "AppArmor mandatory access control";
    };

    kernelHardening = {
      enable = mkEnableOption "kernel hardening sysctls and kernel image protection";
    };

    lockKernelModules = {
      enable = mkEnableOption "locking kernel module loading after boot";
      extraModules = mkOption {
        type = types.listOf types.str;
        default = [ ];
        description = "Further kernel modules to load at boot, before the lock.";
      };
    };

    auditd = {
      enable = mkEnableOption "system audit rules for accounts, privileges, modules and time";
      logCommands = mkOption {
        type = types.bool;
        default = false;
        description = "Also record every program started (execve).";
      };
    };

    secretStore = {
      enable = mkEnableOption "a root-only folder for secret files";
      directory = mkOption {
        type = types.str;
        default = "/var/lib/hypervisor/secrets";
        description = "The folder, created with mode 0700 and owned by root.";
      };
    };
  };

  config = mkMerge [
    (mkIf cfg.sshHardening.enable {
      services.openssh = {
        enable = true;
        ports = [ cfg.sshHardening.port ];
        openFirewall = true;
        settings = {
          PasswordAuthentication = false;
          KbdInteractiveAuthentication = false;
          PermitRootLogin = "no";
          X11Forwarding = false;
          MaxAuthTries = 3;
          AllowUsers = if cfg.sshHardening.allowUsers == [ ] then null else cfg.sshHardening.allowUsers;
        };
      };
    })

    (mkIf cfg.firewall.enable {
      networking.firewall = {
        enable = true;
        # Set explicitly: NixOS changed this option's default from true to false.
        inherit (cfg.firewall) logRefusedConnections allowPing trustedInterfaces;
      };
    })

    (mkIf cfg.fail2ban.enable {
      services.fail2ban = {
        enable = true;
        inherit (cfg.fail2ban) maxretry bantime ignoreIP;
      };
    })

    (mkIf cfg.apparmor.enable {
      security.apparmor.enable = true;
    })

    (mkIf cfg.kernelHardening.enable {
      security.protectKernelImage = true;
      # Normal priority on purpose: NixOS sets some of these with mkDefault.
      boot.kernel.sysctl = {
        "kernel.kptr_restrict" = 2;
        "kernel.dmesg_restrict" = 1;
        "kernel.yama.ptrace_scope" = 1;
        "kernel.unprivileged_bpf_disabled" = 1;
        "net.core.bpf_jit_harden" = 2;
        "net.ipv4.conf.all.accept_redirects" = 0;
        "net.ipv4.conf.default.accept_redirects" = 0;
        "net.ipv4.conf.all.send_redirects" = 0;
        "net.ipv6.conf.all.accept_redirects" = 0;
        "net.ipv6.conf.default.accept_redirects" = 0;
      };
    })

    (mkIf cfg.lockKernelModules.enable {
      security.lockKernelModules = true;
      # libvirt loads these on demand when a VM or NAT network starts, which may be
      # after the lock; loading them at boot keeps VMs and their networks working.
      boot.kernelModules = [
        "tun"
        "vhost_net"
        "vhost_vsock"
        "bridge"
        "veth"
        "nf_conntrack"
        "nf_nat"
        "nft_chain_nat"
        "nft_masq"
        "iptable_nat"
        "xt_MASQUERADE"
      ]
      ++ cfg.lockKernelModules.extraModules;
    })

    (mkIf cfg.auditd.enable {
      security.auditd.enable = true;
      # mkDefault so the audit trail's "lock" setting wins when both are on.
      security.audit.enable = mkDefault true;
      security.audit.rules = [
        "-w /etc/passwd -p wa -k identity"
        "-w /etc/group -p wa -k identity"
        "-w /etc/shadow -p wa -k identity"
        "-w /etc/sudoers -p wa -k privileges"
        "-a always,exit -F arch=b64 -S init_module,finit_module,delete_module -k kernel-modules"
        "-a always,exit -F arch=b64 -S clock_settime,settimeofday,adjtimex -k time-change"
      ]
      ++ optional cfg.auditd.logCommands "-a always,exit -F arch=b64 -S execve -k commands";
    })

    (mkIf cfg.secretStore.enable {
      systemd.tmpfiles.rules = [ "d ${cfg.secretStore.directory} 0700 root root -" ];
    })
  ];
}
