// How a Kecard workspace file identifies itself, so a foreign or future file is refused untouched.

/** `PRAGMA application_id`: ASCII "KCRD". Set on every file Kecard creates. */
export const KECARD_APPLICATION_ID = 0x4b435244;

export const SQLITE_HEADER = 'SQLite format 3\u0000';

export const WORKSPACE_EXTENSION = '.kecard';
