import {
  CellStyleModule,
  ColumnApiModule,
  ColumnAutoSizeModule,
  DateFilterModule,
  InfiniteRowModelModule,
  ModuleRegistry,
  NumberFilterModule,
  RowApiModule,
  ScrollApiModule,
  TextFilterModule,
  TooltipModule,
} from 'ag-grid-community';

/* AG Grid 36 is modular: register exactly what the grids use (unregistered features show error #200 in the page). */
ModuleRegistry.registerModules([
  InfiniteRowModelModule,
  TextFilterModule,
  NumberFilterModule,
  DateFilterModule,
  RowApiModule,
  // Ctrl+Shift+C reads the displayed columns (getAllDisplayedColumns) to copy a row with its headers.
  ColumnApiModule,
  ScrollApiModule,
  TooltipModule,
  CellStyleModule,
  ColumnAutoSizeModule,
]);
