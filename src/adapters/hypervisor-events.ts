// Domain events from the Hypervisor port's subscription (one `virsh event --all
// --loop`, see events.ts).
import type { HvError } from '../base/errors.js';

export type LifecycleEvent =
  | 'defined'
  | 'undefined'
  | 'started'
  | 'suspended'
  | 'resumed'
  | 'stopped'
  | 'shutdown'
  | 'pmsuspended'
  | 'crashed';

export type HvEvent =
  | {
      type: 'lifecycle';
      domain: string;
      event: LifecycleEvent;
      /** libvirt's detail word: Booted, Destroyed, Snapshot, ... */
      detail: string;
      raw: string;
    }
  | {
      /** Any other domain event (reboot, device-added, ...): the domain changed. */
      type: 'other';
      domain: string;
      event: string;
      raw: string;
    };

export interface EventSubscription {
  /** Stops the event stream; resolves when the virsh process has exited. */
  stop(): Promise<void>;
}

export interface EventHandlers {
  onEvent(e: HvEvent): void;
  /** The stream ended without stop(): the daemon went away (error) or virsh exited. */
  onEnd?(error: HvError | undefined): void;
}
