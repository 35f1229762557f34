// The part of unzipper (exceljs's zip library) that the bounded xlsx reader uses: the central
// directory of a zip file on disk, and one entry's inflated bytes as a stream.
declare module 'unzipper' {
  import type { Readable } from 'node:stream';

  export interface CentralDirectoryFile {
    path: string;
    type: 'File' | 'Directory';
    compressionMethod: number;
    compressedSize: number;
    /** As the central directory declares it: a hostile file may lie, so the reader counts too. */
    uncompressedSize: number;
    stream(password?: string): Readable;
  }

  export interface CentralDirectory {
    files: CentralDirectoryFile[];
  }

  export const Open: {
    file(path: string, options?: { padding?: number }): Promise<CentralDirectory>;
  };
}
