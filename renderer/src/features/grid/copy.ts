import type { CellKeyDownEvent, FullWidthCellKeyDownEvent } from 'ag-grid-community';

/** A cell's value as text for the clipboard: exact (not rounded), lists and structs as JSON, null as empty. */
export const clipboardText = (value: unknown) => (value === null || value === undefined ? '' : typeof value === 'object' ? JSON.stringify(value) : String(value));

/**
 * Ctrl/Cmd+C copies the focused cell; with Shift, the whole row as tab-separated header and values, which pastes into
 * Excel as two rows. (AG Grid's clipboard module is Enterprise-only.)
 */
export function copyFromGrid(event: CellKeyDownEvent | FullWidthCellKeyDownEvent, write: (text: string) => Promise<void>): string | null {
  const key = event.event as KeyboardEvent | null | undefined;
  if (!key || !(key.ctrlKey || key.metaKey) || key.key.toLowerCase() !== 'c' || !event.data) return null;
  // Text the analyst has selected with the mouse is theirs to copy; the grid stays out of the way.
  if (window.getSelection()?.toString()) return null;
  const row = event.data as Record<string, unknown>;
  let text: string;
  if (key.shiftKey) {
    const columns = event.api.getAllDisplayedColumns();
    text = `${columns.map((c) => c.getColDef().headerName ?? c.getColId()).join('\t')}\n${columns.map((c) => clipboardText(row[c.getColId()])).join('\t')}`;
  } else {
    if (!('column' in event) || !event.column) return null;
    text = clipboardText(row[event.column.getColId()]);
  }
  key.preventDefault();
  void write(text).catch(() => undefined);
  return text;
}

