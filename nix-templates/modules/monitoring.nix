# Metrics of the host and its VMs, their history in Prometheus, Grafana dashboards,
# and statistical anomaly alerts.
{
  config,
  lib,
  pkgs,
  ...
}:
with lib;
let
  cfg = config.hypervisor.monitoring;

  # Other hv features drop *.prom files here (e.g. replication times).
  metricsDir = "/var/lib/hypervisor/metrics";

  # An alert when a series strays more than three standard deviations from its own
  # last day: "unusual for this host", with no fixed threshold to tune.
  zScoreAlert = name: series: what: {
    alert = name;
    expr = "abs((${series}) - avg_over_time((${series})[1d:5m])) > 3 * stddev_over_time((${series})[1d:5m]) and stddev_over_time((${series})[1d:5m]) > 0";
    for = "15m";
    labels.severity = "warning";
    annotations.summary = "Unusual ${what} on {{ $labels.instance }}";
  };
in
{
  options.hypervisor.monitoring = {
    metrics = {
      enable = mkEnableOption "the Prometheus node exporter for host metrics";
      port = mkOption {
        type = types.port;
        default = 9100;
        description = "Port of the node exporter.";
      };
      exposeToNetwork = mkOption {
        type = types.bool;
        default = false;
        description = "Listen on all addresses and open the port, instead of 127.0.0.1 only.";
      };
    };

    prometheus = {
      enable = mkEnableOption "a Prometheus server collecting the host's and VMs' metrics";
      port = mkOption {
        type = types.port;
        default = 9091;
        description = "Port of the Prometheus server (on 127.0.0.1).";
      };
      retentionDays = mkOption {
        type = types.ints.between 1 3650;
        default = 30;
        description = "Days of metrics history kept.";
      };
    };

    grafana = {
      enable = mkEnableOption "Grafana dashboards with the local Prometheus as data source";
      httpPort = mkOption {
        type = types.port;
        default = 3000;
        description = "Port of Grafana's web page.";
      };
      httpAddr = mkOption {
        type = types.str;
        default = "127.0.0.1";
        description = "Address Grafana listens on.";
      };
    };

    libvirtExporter = {
      enable = mkEnableOption "the Prometheus libvirt exporter for per-VM metrics";
      port = mkOption {
        type = types.port;
        default = 9177;
        description = "Port of the libvirt exporter (on 127.0.0.1).";
      };
    };

    aiAnomalyDetection = {
      enable = mkEnableOption "statistical anomaly alerts and a daily audit anomaly report";
    };
  };

  config = mkMerge [
    (mkIf cfg.metrics.enable {
      services.prometheus.exporters.node = {
        enable = true;
        inherit (cfg.metrics) port;
        listenAddress = if cfg.metrics.exposeToNetwork then "0.0.0.0" else "127.0.0.1";
        openFirewall = cfg.metrics.exposeToNetwork;
        enabledCollectors = [ "systemd" ];
        extraFlags = [ "--collector.textfile.directory=${metricsDir}" ];
      };
      systemd.tmpfiles.rules = [ "d ${metricsDir} 0755 root root -" ];
    })

    (mkIf cfg.prometheus.enable {
      services.prometheus = {
        enable = true;
        inherit (cfg.prometheus) port;
        listenAddress = "127.0.0.1";
        retentionTime = "${toString cfg.prometheus.retentionDays}d";
        globalConfig.scrape_interval = "30s";
        # Scrape whichever exporters hv runs; their ports follow their own settings.
        scrapeConfigs =
          optional cfg.metrics.enable {
            job_name = "node";
            static_configs = [ { targets = [ "127.0.0.1:${toString cfg.metrics.port}" ]; } ];
          }
          ++ optional cfg.libvirtExporter.enable {
            job_name = "libvirt";
            static_configs = [ { targets = [ "127.0.0.1:${toString cfg.libvirtExporter.port}" ]; } ];
          };
      };
    })

    (mkIf cfg.grafana.enable (
      let
        c = cfg.grafana;
        local = elem c.httpAddr [
          "127.0.0.1"
          "::1"
        ];
      in
      {
        services.grafana = {
          enable = true;
          settings.server = {
            http_port = c.httpPort;
            http_addr = c.httpAddr;
          };
          # Read from a file Grafana creates on first start, so the key that signs
          # sessions never lands in the world-readable Nix store.
          settings.security.secret_key = "$__file{/var/lib/grafana/hv-secret-key}";
          provision = {
            enable = true;
            datasources.settings.datasources = [
              {
                name = "Prometheus";
                type = "prometheus";
                url = "http://127.0.0.1:${toString config.services.prometheus.port}";
                isDefault = true;
              }
            ];
          };
        };
        systemd.services.grafana.preStart = mkBefore ''
          if [ ! -s /var/lib/grafana/hv-secret-key ]; then
            (umask 077; head -c 32 /dev/urandom | base64 -w0 > /var/lib/grafana/hv-secret-key)
          fi
        '';
        networking.firewall.allowedTCPPorts = optional (!local) c.httpPort;
      }
    ))

    (mkIf cfg.libvirtExporter.enable {
      services.prometheus.exporters.libvirt = {
        enable = true;
        inherit (cfg.libvirtExporter) port;
        listenAddress = "127.0.0.1";
      };
      # The exporter unit uses DynamicUser, whose accounts cannot be in libvirtd (which
      # polkit checks). systemd uses a static account of the same name when one exists.
      users.users.libvirt-exporter = {
        isSystemUser = true;
        group = "libvirt-exporter";
        extraGroups = [ "libvirtd" ];
      };
      users.groups.libvirt-exporter = { };
    })

    (mkIf cfg.aiAnomalyDetection.enable {
      services.prometheus.rules = [
        (builtins.toJSON {
          groups = [
            {
              name = "hv-anomalies";
              rules = [
                (zScoreAlert "HostLoadAnomaly" "node_load5" "load")
                (zScoreAlert "HostNetworkAnomaly"
                  "sum by (instance) (rate(node_network_receive_bytes_total[5m]) + rate(node_network_transmit_bytes_total[5m]))"
                  "network traffic"
                )
                (zScoreAlert "HostDiskAnomaly"
                  "sum by (instance) (rate(node_disk_read_bytes_total[5m]) + rate(node_disk_written_bytes_total[5m]))"
                  "disk traffic"
                )
              ];
            }
          ];
        })
      ];
      # aureport --anomaly lists events the kernel and auditd flag themselves: crashed
      # programs, devices entering promiscuous mode, failed integrity checks.
      systemd.services.hv-audit-anomalies = {
        description = "Daily report of anomalous audit events";
        startAt = "daily";
        serviceConfig.Type = "oneshot";
        script = "${pkgs.audit}/bin/aureport --anomaly --summary -i --start yesterday 00:00:00 --end today 00:00:00";
      };
    })
  ];
}
