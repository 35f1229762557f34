// drizzle-orm's better-sqlite3 driver imports the plain package by name. Kecard runs the
// encryption-capable build with the same API (docs/performance.md, "encryption at rest"), so any
// import of 'better-sqlite3' — a test's child process, a script run with tsx — gets that one.
module.exports = require('better-sqlite3-multiple-ciphers');
