export * from './meta';
export * from './customers';
export * from './organisation';
export * from './employees';
export * from './change-log';
export * from './queries';
