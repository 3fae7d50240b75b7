# polkit rules for libvirt that match hv's access levels (src/security/privilege.ts):
#   hypervisor-users      view VMs (read-only socket and read-only API calls)
#   hypervisor-operators  also start, stop, pause, consoles, snapshots and backups
#   hypervisor-admins     every VM operation (as does the libvirtd group)
# With libvirt's polkit access driver each API call is an action
# org.libvirt.api.<object>.<permission>; read-only ones are allowed by libvirt's own
# defaults, everything else is denied unless a rule says yes. While the host is in
# the hardened phase (the marker file exists) definitions may not be created,
# changed or deleted by anyone but root, whom polkit always allows.
# The rules are ES5 JavaScript, as polkit runs them.
{
  # The `test` program, by store path (polkit.spawn has no PATH).
  testProgram,
  # The hardened-phase marker, e.g. /etc/hypervisor/.phase-hardened.
  hardenedMarker,
}:
''
  // hv: libvirt access for hypervisor-users / hypervisor-operators / hypervisor-admins.
  polkit.addRule(function (action, subject) {
    var id = action.id;
    if (id.indexOf("org.libvirt.") !== 0) return polkit.Result.NOT_HANDLED;

    var admin = subject.isInGroup("hypervisor-admins") || subject.isInGroup("libvirtd");
    var operator = admin || subject.isInGroup("hypervisor-operators");
    var viewer = operator || subject.isInGroup("hypervisor-users");

    // Opening a connection: read-only socket for viewers, read-write for operators.
    if (id === "org.libvirt.unix.monitor") return viewer ? polkit.Result.YES : polkit.Result.NOT_HANDLED;
    if (id === "org.libvirt.unix.manage") return operator ? polkit.Result.YES : polkit.Result.NOT_HANDLED;

    var prefix = "org.libvirt.api.";
    if (id.indexOf(prefix) !== 0) return polkit.Result.NOT_HANDLED;
    var parts = id.substring(prefix.length).split(".");
    var object = parts[0];
    var permission = parts[1];

    // Reading is open to everyone who got a connection (libvirt's default too).
    var reads = ["getattr", "read", "search-domains", "search-networks", "search-storage-pools",
      "search-storage-vols", "search-node-devices", "search-interfaces", "search-nwfilters",
      "search-nwfilter-bindings", "search-ports"];
    if (reads.indexOf(permission) >= 0) return viewer ? polkit.Result.YES : polkit.Result.NOT_HANDLED;

    // Hardened phase: creating, changing and deleting definitions is refused.
    var changes = ["write", "save", "delete", "format", "create", "resize", "migrate"];
    if (changes.indexOf(permission) >= 0 && hardened()) return polkit.Result.NO;

    if (admin) return polkit.Result.YES;

    // Operators run VMs; they do not define, change or delete them.
    var operate = ["start", "stop", "reset", "suspend", "hibernate", "pm-control", "init-control",
      "open-device", "open-graphics", "screenshot", "send-input", "snapshot", "checkpoint",
      "block-read", "fs-freeze", "fs-trim", "inject-nmi"];
    if (operator && object === "domain" && operate.indexOf(permission) >= 0) return polkit.Result.YES;
    return polkit.Result.NOT_HANDLED;

    // Inside the rule, so the name cannot clash with other rules files.
    function hardened() {
      try {
        polkit.spawn(["${testProgram}", "-e", "${hardenedMarker}"]);
        return true;
      } catch (e) {
        return false;
      }
    }
  });
''
