import { networkInterfaces } from 'node:os';

export interface HostAddress {
  address: string;
  family: 'IPv4' | 'IPv6';
  interface: string;
  internal: boolean;
}

/**
 * The IP addresses of this computer a manager may share on: loopback first (this computer only),
 * then LAN and VPN addresses, IPv4 before IPv6. Link-local IPv6 (fe80::) is left out: it needs a
 * zone index a colleague would have to type.
 */
export function hostAddresses(): HostAddress[] {
  const out: HostAddress[] = [];
  for (const [name, entries] of Object.entries(networkInterfaces())) {
    for (const entry of entries ?? []) {
      if (entry.family === 'IPv6' && entry.address.toLowerCase().startsWith('fe80:')) continue;
      out.push({ address: entry.address, family: entry.family, interface: name, internal: entry.internal });
    }
  }
  const rank = (a: HostAddress) => (a.internal ? 0 : 2) + (a.family === 'IPv4' ? 0 : 1);
  return out.sort((a, b) => rank(a) - rank(b) || a.address.localeCompare(b.address));
}
