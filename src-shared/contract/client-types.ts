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

/** `api.customers.update(input)`: a typed view of the contract, derived, never written by hand. */
export type TypedApi = {
  [D in DomainOf<MethodName>]: {
    [V in VerbOf<MethodName, D>]: `${D}.${V}` extends MethodName
      ? (input: MethodInput<`${D}.${V}`>) => Promise<MethodOutput<`${D}.${V}`>>
      : never;
  };
};
