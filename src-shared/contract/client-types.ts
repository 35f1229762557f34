import type { Envelope } from '../errors';
import type { KecardEvent } from './events';
import type { MethodInput, MethodName, MethodOutput } from './methods';

/** The single object the preload exposes and the HTTP client imitates. */
export interface KecardBridge {
  call(method: string, input: unknown): Promise<Envelope<unknown>>;
  onEvent(listener: (event: KecardEvent) => void): () => void;
}

type DomainOf<M extends string> = M extends `${infer D}.${string}` ? D : never;
type VerbOf<M extends string, D extends string> = M extends `${D}.${infer V}` ? V : never;

type Fn<M> = M extends MethodName ? (input: MethodInput<M>) => Promise<MethodOutput<M>> : never;

/** `api.customers.update(input)`: a typed view of the contract, derived, never written by hand. */
export type TypedApi = {
  [D in DomainOf<MethodName>]: {
    [V in VerbOf<MethodName, D>]: Fn<`${D}.${V}`>;
  };
};
