// Injected by the bundler from package.json; "dev" when running from sources (tests).
declare const __KECARD_VERSION__: string | undefined;
export const APP_VERSION: string = typeof __KECARD_VERSION__ === 'string' ? __KECARD_VERSION__ : 'dev';
