import { workerData } from 'node:worker_threads';
import { runFileReader } from './file-reader-thread';
import { isFileReader } from './reader-thread';

/**
 * Worker-thread entry of a reader thread (reader-thread.ts): parses one user's file and nothing
 * else, so its bundle holds the parsers only and starts fast.
 */
if (isFileReader(workerData)) void runFileReader(workerData);
