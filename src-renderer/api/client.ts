import type { TypedApi } from '../../src-shared/contract/client-types';
import type { MethodInput, MethodName, MethodOutput } from '../../src-shared/contract/methods';
import type { ApiError } from '../../src-shared/errors';
import { bridge } from './bridge';

/** A failed call, carrying the envelope's error so screens can show field messages by code. */
export class ApiCallError extends Error {
  constructor(readonly error: ApiError) {
    super(error.message);
    this.name = 'ApiCallError';
  }
  get code() {
    return this.error.code;
  }
  get fields(): Record<string, string> {
    return this.error.details?.fields ?? {};
  }
}

/** Told when main answers that nobody is signed in (a user disabled or signed out elsewhere): the sign-in screen comes back. */
let signInLost: () => void = () => {};
export function onSignInRequired(listener: () => void): void {
  signInLost = listener;
}

export async function call<M extends MethodName>(method: M, input: MethodInput<M>): Promise<MethodOutput<M>> {
  const envelope = await bridge.call(method, input);
  if (!envelope.ok && envelope.error.code === 'SIGN_IN_REQUIRED') signInLost();
  if (!envelope.ok) throw new ApiCallError(envelope.error);
  return envelope.value as MethodOutput<M>;
}

/** `api.customers.update({...})`, typed from the contract. */
export const api = new Proxy({} as TypedApi, {
  get: (_target, domain: string) =>
    new Proxy(
      {},
      {
        get: (_t, verb: string) => (input: unknown) => call(`${domain}.${verb}` as MethodName, input as never),
      },
    ),
});

export const onEvent = bridge.onEvent.bind(bridge);
