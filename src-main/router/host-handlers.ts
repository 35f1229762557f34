import type { HostMode } from '../host/host-mode';
import type { Handlers } from './handlers';

type HostHandlers = Pick<Handlers, 'host.status' | 'host.start' | 'host.stop'>;

export function createHostHandlers(hostMode: HostMode): HostHandlers {
  return {
    'host.status': () => hostMode.status(),
    'host.start': ({ address, port }) => hostMode.start(address, port),
    'host.stop': () => hostMode.stop(),
  };
}
