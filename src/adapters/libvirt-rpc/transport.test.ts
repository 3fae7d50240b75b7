import { describe, expect, it } from 'vitest';
import { daemonUri, parseUri, resolveTarget, shellQuote } from './transport.js';

const none = () => false;
const only =
  (...paths: string[]) =>
  (p: string) =>
    paths.includes(p);

describe('URI to socket, as libvirt maps it', () => {
  it('qemu:///system: the modular socket when present, else libvirtd, -ro when read-only', () => {
    expect(resolveTarget('qemu:///system', { exists: none })).toMatchObject({
      kind: 'unix',
      path: '/var/run/libvirt/libvirt-sock',
      name: 'qemu:///system',
    });
    expect(
      resolveTarget('qemu:///system', { exists: only('/var/run/libvirt/virtqemud-sock') }),
    ).toMatchObject({ path: '/var/run/libvirt/virtqemud-sock' });
    expect(resolveTarget('qemu:///system', { exists: none, readonly: true })).toMatchObject({
      path: '/var/run/libvirt/libvirt-sock-ro',
      readonly: true,
    });
  });

  it('qemu:///session: the per-user runtime folder', () => {
    const env = { XDG_RUNTIME_DIR: '/run/user/1000' };
    expect(resolveTarget('qemu:///session', { env, exists: none })).toMatchObject({
      path: '/run/user/1000/libvirt/libvirt-sock',
      name: 'qemu:///session',
    });
    expect(
      resolveTarget('qemu:///session', {
        env,
        exists: only('/run/user/1000/libvirt/virtqemud-sock'),
      }),
    ).toMatchObject({ path: '/run/user/1000/libvirt/virtqemud-sock' });
    expect(
      resolveTarget('qemu:///session', { env: { HOME: '/home/a' }, exists: none }),
    ).toMatchObject({ path: '/home/a/.cache/libvirt/libvirt-sock' });
  });

  it('?socket= overrides, and the daemon gets the URI without transport and client parameters', () => {
    const uri = 'test+unix:///default?socket=/tmp/hv%20demo/run/libvirt/libvirt-sock';
    expect(resolveTarget(uri, { exists: none })).toEqual({
      kind: 'unix',
      path: '/tmp/hv demo/run/libvirt/libvirt-sock',
      name: 'test:///default',
      readonly: false,
    });
    expect(daemonUri(parseUri('qemu+ssh://u@h:2222/system?keyfile=k&foo=b%20r'))).toBe(
      'qemu:///system?foo=b%20r',
    );
  });

  it('ssh: BatchMode ssh running virt-ssh-helper, or nc -U on a named socket', () => {
    expect(resolveTarget('qemu+ssh://admin@host.example:2222/system')).toEqual({
      kind: 'ssh',
      host: 'host.example',
      user: 'admin',
      port: 2222,
      remoteCommand: 'virt-ssh-helper qemu:///system',
      name: 'qemu:///system',
      readonly: false,
    });
    expect(
      resolveTarget('qemu+ssh://h/system?socket=/run/x%20y.sock', { readonly: true }),
    ).toMatchObject({ remoteCommand: "nc -U '/run/x y.sock'" });
  });

  it('refuses transports it does not speak, saying so', () => {
    expect(() => resolveTarget('qemu+tls://h/system')).toThrow(/tls transport is not supported/);
    expect(() => resolveTarget('not a uri')).toThrow(/not a libvirt URI/);
  });

  it('quotes words for the remote shell', () => {
    expect(shellQuote('qemu:///system')).toBe('qemu:///system');
    expect(shellQuote("it's")).toBe("'it'\\''s'");
  });
});
