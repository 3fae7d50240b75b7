import type { Feature } from '../types.js';

export const monitoringFeatures: Feature[] = [
  {
    id: 'metrics',
    title: 'Host metrics (Prometheus node exporter)',
    description:
      "Collects the host's CPU, memory, disk, network and systemd service figures and serves them in Prometheus format, for the local Prometheus or one elsewhere. hv's own figures (such as replication times) are published through it too.",
    category: 'monitoring',
    risk: 'minimal',
    impacts: [
      'A small always-running service; by default it answers only on this host (127.0.0.1).',
      "Shared with the network, anyone who can reach the port can read the host's load, disk usage and service states.",
    ],
    mitigations: [
      'Kept local unless you share it; to share it with one monitoring server, reach it over Tailscale instead of opening the port.',
    ],
    requires: [],
    depends: [],
    conflicts: [],
    minLevel: 'beginner',
    hardenedMutable: false,
    option: 'hypervisor.monitoring.metrics',
    params: {
      port: {
        type: 'port',
        default: 9100,
        title: 'Port',
        help: 'The port the node exporter answers on; 9100 is the usual one.',
      },
      exposeToNetwork: {
        type: 'bool',
        default: false,
        title: 'Share with the network',
        help: 'Listen on all addresses and open the port in the firewall, for a Prometheus server on another machine.',
      },
    },
    profiles: ['balanced', 'full'],
  },
  {
    id: 'prometheus',
    title: 'Prometheus (metrics history)',
    description:
      'Runs a Prometheus server on this host that collects the host and VM metrics every 30 seconds and keeps their history, for graphs and alert rules.',
    category: 'monitoring',
    risk: 'low',
    impacts: [
      'Uses disk space for the history (usually a few hundred MiB per week for one host) and some memory.',
      'Its web page and API have no login; anyone who reaches the port can read all metrics.',
    ],
    mitigations: [
      'It listens only on 127.0.0.1; reach it through Grafana or an SSH tunnel.',
      'Old data is deleted after the retention period.',
    ],
    requires: [],
    depends: [],
    conflicts: [],
    minLevel: 'intermediate',
    hardenedMutable: false,
    option: 'hypervisor.monitoring.prometheus',
    params: {
      port: {
        type: 'port',
        default: 9091,
        title: 'Port',
        help: "Prometheus' usual 9090 is left to the web console (Cockpit); Grafana finds Prometheus on whichever port you choose.",
      },
      retentionDays: {
        type: 'int',
        default: 30,
        min: 1,
        max: 3650,
        unit: 'days',
        title: 'Keep history for',
        help: 'Metrics older than this are deleted.',
      },
    },
    profiles: ['full'],
  },
  {
    id: 'grafana',
    title: 'Grafana dashboards',
    description:
      'Runs Grafana with the local Prometheus already connected, for graphs of the host and its VMs in a browser.',
    category: 'monitoring',
    risk: 'low',
    impacts: [
      'Grafana has its own accounts; the first login is admin / admin and asks for a new password at once.',
      'Bound to an address other than 127.0.0.1, its login page is reachable from the network and the port is opened.',
    ],
    mitigations: [
      'By default it listens only on 127.0.0.1; open it through an SSH tunnel (ssh -L 3000:127.0.0.1:3000 host) or over Tailscale.',
      'Its session-signing key is generated on the host and never stored in the Nix store.',
    ],
    requires: [],
    depends: ['prometheus'],
    conflicts: [],
    minLevel: 'intermediate',
    hardenedMutable: false,
    option: 'hypervisor.monitoring.grafana',
    params: {
      httpPort: {
        type: 'port',
        default: 3000,
        title: 'Port',
        help: "The port Grafana's web page is served on.",
      },
      httpAddr: {
        type: 'string',
        default: '127.0.0.1',
        pattern: /^[0-9A-Fa-f.:]+$/,
        patternMessage: 'expected an IP address such as 127.0.0.1 or 0.0.0.0',
        title: 'Listen address',
        help: '127.0.0.1 keeps it on this host; 0.0.0.0 makes it reachable from every network the host is on.',
      },
    },
    profiles: ['full'],
  },
  {
    id: 'libvirtExporter',
    title: 'VM metrics (libvirt exporter)',
    description:
      'Serves per-VM figures (CPU time, memory, disk and network traffic) from libvirt in Prometheus format, so Prometheus and Grafana can show each VM.',
    category: 'monitoring',
    risk: 'low',
    impacts: [
      "The exporter's account is in the libvirtd group, which is the same as full control of the VMs; the exporter itself only reads.",
      'Anyone who can reach its port sees VM names and their resource use.',
    ],
    mitigations: ['It listens only on 127.0.0.1.'],
    requires: [],
    depends: [],
    conflicts: [],
    minLevel: 'intermediate',
    hardenedMutable: false,
    option: 'hypervisor.monitoring.libvirtExporter',
    params: {
      port: {
        type: 'port',
        default: 9177,
        title: 'Port',
        help: 'The port the libvirt exporter answers on; 9177 is the usual one.',
      },
    },
    profiles: ['full'],
  },
  {
    id: 'aiAnomalyDetection',
    title: 'Anomaly detection (statistical)',
    description:
      'Flags unusual behaviour: Prometheus alert rules fire when load, network or disk traffic stray far (three standard deviations) from their own last day, and a daily audit report lists anomalous events such as crashed programs or devices switched to promiscuous mode. It is statistics, not a machine-learning model.',
    category: 'monitoring',
    risk: 'moderate',
    impacts: [
      'Alerts appear in Prometheus and Grafana; nothing is sent anywhere unless you connect an alert manager or notifications.',
      "A changed but normal workload (a new VM, a backup) can raise alerts until it becomes part of the last day's pattern.",
      'The daily audit report writes summaries of audit records, which can include user and program names, to the system journal.',
    ],
    mitigations: [
      'Alerts wait 15 minutes before firing, so short spikes do not raise them.',
      'Everything is computed on this host; no data leaves it.',
    ],
    requires: [],
    // Deliberate addition: the alert rules are evaluated by the Prometheus server.
    depends: ['metrics', 'auditLogging', 'prometheus'],
    conflicts: [],
    minLevel: 'intermediate',
    hardenedMutable: false,
    option: 'hypervisor.monitoring.aiAnomalyDetection',
    params: {},
    profiles: ['full'],
  },
];
