# How VMs are connected: isolated virtual networks, SR-IOV functions, bridges to the
# local or a public network, and Tailscale for reaching the host.
{
  config,
  lib,
  pkgs,
  ...
}:
with lib;
let
  cfg = config.hypervisor.networking;
in
{
  options.hypervisor.networking = {
    microSegmentation = {
      enable = mkEnableOption "filtering of forwarded traffic between VM networks (nftables)";
      forwardFrom = mkOption {
        type = types.listOf types.str;
        default = [
          "virbr*"
          "podman*"
        ];
        description = "Interfaces (nftables wildcards allowed) whose traffic may be forwarded to other interfaces.";
      };
    };

    sriov = {
      enable = mkEnableOption "SR-IOV virtual functions on a network card";
      interface = mkOption {
        type = types.nullOr types.str;
        default = null;
        description = "The physical interface to create virtual functions on.";
      };
      numVfs = mkOption {
        type = types.ints.between 1 128;
        default = 4;
        description = "Number of virtual functions created at boot.";
      };
    };

    publicBridge = {
      enable = mkEnableOption "a bridge putting VMs directly on a public network";
      bridgeName = mkOption {
        type = types.str;
        default = "brpublic";
        description = "Name of the public bridge.";
      };
      interface = mkOption {
        type = types.nullOr types.str;
        default = null;
        description = "The network card connected to the public network.";
      };
    };

    bridgeNetworking = {
      enable = mkEnableOption "a bridge putting VMs on the local network";
      bridgeName = mkOption {
        type = types.str;
        default = "br0";
        description = "Name of the local-network bridge.";
      };
      interface = mkOption {
        type = types.nullOr types.str;
        default = null;
        description = "The network card connected to the local network.";
      };
      dhcp = mkOption {
        type = types.bool;
        default = true;
        description = "Whether the host gets its address on the bridge by DHCP.";
      };
    };

    tailscale = {
      enable = mkEnableOption "the Tailscale VPN";
      authKeyFile = mkOption {
        type = types.nullOr types.str;
        default = null;
        description = "Runtime path of a file holding a Tailscale auth key (never copied to the store).";
      };
      routingFeatures = mkOption {
        type = types.enum [
          "none"
          "client"
          "server"
          "both"
        ];
        default = "none";
        description = "Subnet routing and exit-node support (services.tailscale.useRoutingFeatures).";
      };
      trustTailnet = mkOption {
        type = types.bool;
        default = true;
        description = "Let all traffic from the Tailscale interface through the firewall.";
      };
    };
  };

  config = mkMerge [
    (mkIf cfg.microSegmentation.enable {
      networking.nftables.enable = true;
      networking.firewall.filterForward = true;
      # "virbr*" may leave through the uplink but not into another virbr: VM networks
      # reach the world, not each other. Replies and DNAT port forwards are accepted
      # by the NixOS forward chain itself.
      networking.firewall.extraForwardRules = concatMapStrings (i: ''
        iifname "${i}" oifname != "${i}" accept comment "hv: ${i} may leave its network"
      '') cfg.microSegmentation.forwardFrom;
    })

    (mkIf cfg.sriov.enable (
      let
        inherit (cfg.sriov) interface numVfs;
      in
      mkMerge [
        {
          assertions = [
            {
              assertion = interface != null;
              message = "hypervisor.networking.sriov: set `interface` to the card whose virtual functions should be created.";
            }
          ];
        }
        (mkIf (interface != null) {
          systemd.services.hv-sriov = {
            description = "Create ${toString numVfs} SR-IOV virtual functions on ${interface}";
            wantedBy = [ "multi-user.target" ];
            before = [ "libvirtd.service" ];
            serviceConfig = {
              Type = "oneshot";
              RemainAfterExit = true;
            };
            script = ''
              vfs=/sys/class/net/${interface}/device/sriov_numvfs
              # The card's driver may still be loading at this point of the boot.
              for _ in $(seq 30); do [ -e "$vfs" ] && break; sleep 1; done
              # The kernel only accepts a new count when the current one is 0.
              if [ "$(cat "$vfs")" != ${toString numVfs} ]; then
                echo 0 > "$vfs"
                echo ${toString numVfs} > "$vfs"
              fi
            '';
          };
        })
      ]
    ))

    (mkIf cfg.publicBridge.enable (
      let
        inherit (cfg.publicBridge) bridgeName interface;
      in
      mkMerge [
        {
          assertions = [
            {
              assertion = interface != null;
              message = "hypervisor.networking.publicBridge: set `interface` to the card on the public network.";
            }
          ];
        }
        (mkIf (interface != null) {
          networking.bridges.${bridgeName}.interfaces = [ interface ];
          # The host takes no address here: only the VMs are on the public network.
          networking.interfaces.${bridgeName}.useDHCP = false;
          networking.interfaces.${interface}.useDHCP = false;
          # Without this, IPv6 autoconfiguration would still give the host a public address.
          boot.kernel.sysctl."net.ipv6.conf.${bridgeName}.disable_ipv6" = 1;
          virtualisation.libvirtd.allowedBridges = [
            "virbr0"
            bridgeName
          ];
        })
      ]
    ))

    (mkIf cfg.bridgeNetworking.enable (
      let
        inherit (cfg.bridgeNetworking) bridgeName interface dhcp;
      in
      mkMerge [
        {
          assertions = [
            {
              assertion = interface != null;
              message = "hypervisor.networking.bridgeNetworking: set `interface` to the card on the local network.";
            }
            {
              assertion =
                !cfg.publicBridge.enable
                || (bridgeName != cfg.publicBridge.bridgeName && interface != cfg.publicBridge.interface);
              message = "hypervisor.networking: the local and the public bridge need different names and different cards.";
            }
          ];
        }
        (mkIf (interface != null) {
          networking.bridges.${bridgeName}.interfaces = [ interface ];
          networking.interfaces.${bridgeName}.useDHCP = dhcp;
          # The card becomes a bridge port; its address moves to the bridge.
          networking.interfaces.${interface}.useDHCP = false;
          # Listed for qemu:///session users (qemu-bridge-helper); the system instance
          # can use any bridge. virbr0 is repeated because setting the list drops its default.
          virtualisation.libvirtd.allowedBridges = [
            "virbr0"
            bridgeName
          ];
        })
      ]
    ))

    (mkIf cfg.tailscale.enable {
      services.tailscale = {
        enable = true;
        openFirewall = true;
        useRoutingFeatures = cfg.tailscale.routingFeatures;
        authKeyFile = mkIf (cfg.tailscale.authKeyFile != null) cfg.tailscale.authKeyFile;
      };
      networking.firewall.trustedInterfaces = mkIf cfg.tailscale.trustTailnet [
        config.services.tailscale.interfaceName
      ];
    })
  ];
}
