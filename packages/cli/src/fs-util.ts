import { writeFileAtomicSync } from '@credlint/dotenv/write';

/**
 * Writes a report, baseline or config file with credlint's one atomic writer (@credlint/dotenv/write):
 * through symbolic links, never replacing a device (`-o /dev/stdout`), keeping owner and mode, refusing
 * read-only and hard-linked files; missing parent directories are created.
 */
export function writeFileAtomic(file: string, data: string): void {
  writeFileAtomicSync(file, data, { mkdir: true });
}
