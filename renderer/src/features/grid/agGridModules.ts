import {
  CellStyleModule,
  ColumnAutoSizeModule,
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
  RowApiModule,
  ScrollApiModule,
  TooltipModule,
  CellStyleModule,
  ColumnAutoSizeModule,
]);
