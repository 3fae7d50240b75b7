import type { Feature } from '../types.js';
import { absolutePath, absolutePathMessage } from './patterns.js';

export const developerFeatures: Feature[] = [
  {
    id: 'api',
    title: 'Remote API (libvirt over TLS)',
    description:
      "Opens libvirt's TLS socket (port 16514) so programs on other machines (virt-manager, Terraform, Ansible, scripts) can manage the VMs with qemu+tls://host/system, authenticated by client certificates.",
    category: 'developer',
    risk: 'high',
    impacts: [
      'Any client holding a certificate signed by your CA has full control of every VM on this host, without a login.',
      'The certificates must be created by you (for example with certtool or easy-rsa) and placed in the certificate folder before the API works.',
    ],
    mitigations: [
      'List the allowed client certificate names, so a certificate from the same CA is not enough on its own.',
      'The port stays closed in the firewall unless you open it; reach it over Tailscale or another VPN instead.',
      'Every VM change is recorded in the audit trail, which this feature switches on.',
    ],
    requires: [],
    depends: ['auditLogging'],
    conflicts: [],
    minLevel: 'expert',
    hardenedMutable: false,
    option: 'hypervisor.developer.api',
    params: {
      certificateDir: {
        type: 'string',
        default: '/var/lib/hypervisor/pki',
        pattern: absolutePath,
        patternMessage: absolutePathMessage,
        title: 'Certificate folder',
        help: 'Holds cacert.pem, servercert.pem and serverkey.pem; created readable by root only.',
      },
      allowedClients: {
        type: 'string-list',
        default: [],
        itemPattern: /^[^"\\]+$/,
        patternMessage:
          'expected a certificate subject such as C=GB,O=Example,CN=terraform (no quotes)',
        title: 'Allowed client certificates',
        help: 'Subjects (distinguished names) of the client certificates that may connect; "*" wildcards allowed. Empty means any certificate signed by your CA.',
      },
      openFirewall: {
        type: 'bool',
        default: false,
        title: 'Open the port to the network',
        help: 'Opens TCP 16514 on all interfaces. Leave off to allow only trusted interfaces such as Tailscale.',
      },
    },
    profiles: [],
  },
  {
    id: 'cicd',
    title: 'CI runner (GitHub Actions)',
    description:
      'Registers this host as a self-hosted GitHub Actions runner for one repository or organisation, so pipelines can build and test on it.',
    category: 'developer',
    risk: 'moderate',
    impacts: [
      "Code from the repository's workflows runs on this host; anyone who can change a workflow can run commands here.",
      'Jobs compete with the VMs for CPU, memory and disk.',
    ],
    mitigations: [
      'The runner uses a throwaway account with no access to the VMs, and its work folder is wiped between starts.',
      'Use it only for private repositories: GitHub warns that pull requests from forks can run code on self-hosted runners.',
      'The registration token is read from a file at runtime and never stored in the Nix store.',
    ],
    requires: [],
    depends: [],
    conflicts: [],
    minLevel: 'intermediate',
    hardenedMutable: false,
    option: 'hypervisor.developer.cicd',
    params: {
      url: {
        type: 'string',
        pattern: /^https:\/\/github\.com\/[A-Za-z0-9_.-]+(\/[A-Za-z0-9_.-]+)?\/?$/,
        patternMessage: 'expected https://github.com/owner or https://github.com/owner/repository',
        example: 'https://github.com/example/infra',
        title: 'Repository or organisation',
        help: 'Where the runner registers. An organisation-wide token needs the organisation URL.',
      },
      tokenFile: {
        type: 'secret-file',
        example: '/var/lib/hypervisor/secrets/github-runner-token',
        title: 'Token file',
        help: 'A file holding a fine-grained personal access token (or a registration token, which expires after an hour).',
      },
    },
    profiles: [],
  },
  {
    id: 'devEnvironments',
    title: 'Development environments (direnv and Nix flakes)',
    description:
      "Sets the host up for per-project development shells: Nix flakes and the nix command are enabled, direnv loads a project's environment when you enter its folder, and git is installed. With containers on, distrobox is added for throwaway Linux userlands.",
    category: 'developer',
    risk: 'low',
    impacts: [
      'direnv runs a project\'s .envrc when you enter its folder, once you have approved it with "direnv allow".',
      'Flakes fetch code from the internet when a project asks for it.',
    ],
    mitigations: [
      'direnv asks again whenever an .envrc changes.',
      'Development shells change nothing outside the project; the host configuration is untouched.',
    ],
    requires: [],
    depends: [],
    conflicts: [],
    minLevel: 'intermediate',
    hardenedMutable: false,
    option: 'hypervisor.developer.devEnvironments',
    params: {},
    profiles: ['full'],
    roles: { lab: 'on', server: 'off' },
  },
];
