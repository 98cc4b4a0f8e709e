import type { CustomDateProps } from 'ag-grid-react';
import { UkDateInput } from '../../components/UkDateInput';

const isoOf = (date: Date | null) =>
  date ? `${date.getFullYear()}-${String(date.getMonth() + 1).padStart(2, '0')}-${String(date.getDate()).padStart(2, '0')}` : '';

/**
 * The app's own day-first date box inside AG Grid's date filter, in place of the browser's locale-following one, so
 * "01/04/2018" finds 1 April 2018 whatever the machine's locale. AG Grid hands dates over as local midnights.
 */
export function GridDateInput({ date, onDateChange }: CustomDateProps) {
  return (
    <UkDateInput
      aria-label="Filter date"
      value={isoOf(date)}
      onChange={(iso) => {
        if (!iso) return onDateChange(null);
        const [y, m, d] = iso.split('-').map(Number);
        onDateChange(new Date(y, m - 1, d));
      }}
    />
  );
}
