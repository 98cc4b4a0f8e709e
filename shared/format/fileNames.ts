/**
 * An export's file name, one rule for every export (tables, charts, board packs, from the app or the command line):
 * what it is (the analysis id, lower case as the library writes it; RAW in capitals when unsuppressed), then the
 * area as it is written ("Lichfield", "Cannock-Chase"), joined by hyphens. Anything but letters, digits, dots and
 * hyphens becomes a hyphen, so the name is safe on Windows, macOS and Linux alike.
 */
export function exportFileName(stem: string, area: string | undefined, extension: string): string {
  return `${[stem, area].filter(Boolean).join('-')}.${extension}`.replace(/[^\w.-]+/g, '-');
}
