import type { IDatasource, IGetRowsParams } from 'ag-grid-community';
import type { Api, ColumnFilter, GridSource, SortItem } from '../../../../shared/api';
import type { ApiError } from '../../../../shared/result';

/**
 * AG Grid's infinite row model asks for blocks of rows; each block is one `grid.page` call, so sorting and filtering
 * run in DuckDB and the renderer only ever holds the blocks in the grid's small cache.
 */
export function createDatasource(api: Api, source: GridSource, onError: (error: ApiError) => void, onRowCount: (rows: number, filtered: boolean) => void = () => undefined): IDatasource {
  return {
    getRows(params: IGetRowsParams) {
      api['grid.page']({
        source,
        startRow: params.startRow,
        endRow: params.endRow,
        sortModel: params.sortModel as SortItem[],
        filterModel: params.filterModel as Record<string, ColumnFilter>,
      }).then((result) => {
        if (result.ok) {
          params.successCallback(result.value.rows, result.value.rowCount);
          onRowCount(result.value.rowCount, Object.keys(params.filterModel ?? {}).length > 0);
        }
        else {
          params.failCallback();
          onError(result.error);
        }
      });
    },
  };
}
