import { contextBridge } from 'electron';
import type { KecardEvent } from '../../src-shared/contract/events';
import { contract } from '../../src-shared/contract/methods';
import { readFileSync } from 'node:fs';
import { isMethodName } from './ipc-channels';
import { Worker } from 'node:worker_threads';
// @ts-ignore
export const a: unknown[] = [contextBridge, contract, readFileSync, isMethodName, Worker];
export type K = KecardEvent;
