import { hostAddresses } from '../host/host-addresses';
import type { HostMode } from '../host/host-mode';
import type { RemoteConnection } from '../host/remote-connection';
import type { AppHost } from '../workspace/app-host';
import type { Handlers } from './handlers';

type HostHandlers = Pick<
  Handlers,
  'host.status' | 'host.start' | 'host.stop' | 'host.addresses' | 'remote.status' | 'remote.connect' | 'remote.disconnect'
>;

export function createHostHandlers(hostMode: HostMode, remote: RemoteConnection, host: AppHost): HostHandlers {
  return {
    'host.status': () => hostMode.status(),
    'host.start': ({ address, port }) => hostMode.start(address, port),
    'host.stop': () => hostMode.stop(),
    'host.addresses': () => hostAddresses(),
    'remote.status': () => remote.status(),
    // Once the host has accepted the sign-in, this computer's workspace closes (and stops being shared).
    'remote.connect': (input) =>
      remote.connect(input, async () => {
        await hostMode.stop();
        if (host.hasWorkspace) host.close();
      }),
    'remote.disconnect': () => remote.disconnect(),
  };
}
