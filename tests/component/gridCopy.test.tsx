import type { CellKeyDownEvent } from 'ag-grid-community';
import { describe, expect, it } from 'vitest';
import { copyFromGrid } from '../../renderer/src/features/grid/copy';

/** Just enough of AG Grid's key-down event for the copy handler. */
function keyDown(key: Partial<KeyboardEvent>, column = 'ward_name') {
  let prevented = false;
  const event = {
    event: { key: 'c', ctrlKey: true, metaKey: false, shiftKey: false, preventDefault: () => (prevented = true), ...key },
    data: { id: '7', ward_name: 'Boney Hay & Central', rate: 58.812345, tags: ['a', 'b'], missing: null },
    column: { getColId: () => column },
    api: {
      getAllDisplayedColumns: () =>
        ['id', 'ward_name', 'rate', 'tags', 'missing'].map((id) => ({ getColId: () => id, getColDef: () => ({ headerName: id === 'rate' ? 'Rate per 1,000' : undefined }) })),
    },
  } as unknown as CellKeyDownEvent;
  return { event, prevented: () => prevented };
}

describe('copying from the grid', () => {
  it('copies the focused cell exactly on Ctrl+C', async () => {
    const written: string[] = [];
    const { event, prevented } = keyDown({}, 'rate');
    expect(copyFromGrid(event, async (t) => void written.push(t))).toBe('58.812345');
    expect(written).toEqual(['58.812345']);
    expect(prevented()).toBe(true);
  });

  it('copies the whole row with its headers on Ctrl+Shift+C, tab-separated for Excel', () => {
    const { event } = keyDown({ shiftKey: true });
    expect(copyFromGrid(event, async () => undefined)).toBe('id\tward_name\tRate per 1,000\ttags\tmissing\n7\tBoney Hay & Central\t58.812345\t["a","b"]\t');
  });

  it('leaves other keys alone', () => {
    const { event, prevented } = keyDown({ ctrlKey: false });
    expect(copyFromGrid(event, async () => undefined)).toBeNull();
    expect(prevented()).toBe(false);
  });
});
