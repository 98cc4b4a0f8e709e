import type { CustomInnerHeaderProps } from 'ag-grid-react';

/** The column's name with its DuckDB type beneath, inside AG Grid's own header (sorting, filter and keys kept). */
export function TypedHeader({ displayName, column }: CustomInnerHeaderProps) {
  const type = (column.getColDef().headerComponentParams as { duckdbType?: string } | undefined)?.duckdbType;
  return (
    <span className="typed-header">
      <span className="typed-header-name">{displayName}</span>
      {type && <span className="typed-header-type">{shortType(type)}</span>}
    </span>
  );
}

/** Long composite types read better shortened; the full type stays in the header's tooltip. */
const shortType = (type: string) => (type.length > 18 ? `${type.slice(0, 16)}…` : type);
