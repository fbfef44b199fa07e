import {
  EmptyState,
  Progress,
  ResponseErrorPanel,
  Table,
  TableColumn,
  TableOptions,
} from '@backstage/core-components';
import { couldNotLoad } from './describeError';

/** A plain list: no client-side paging, search, sorting or column dragging. */
export const LIST_TABLE_OPTIONS: TableOptions = {
  paging: false,
  search: false,
  sorting: false,
  draggable: false,
  padding: 'dense',
  // Headers on one line: a narrow column is not a column of single letters.
  headerStyle: { whiteSpace: 'nowrap' },
};

/**
 * One page of items from the backend as a table: an error panel when the
 * request failed, a progress bar before the first answer, an empty state when
 * there is nothing, else the rows.
 */
export function ListTable<T extends object>(props: {
  title: string;
  subtitle?: string;
  /** What is listed, for the error: "Could not load <what>. …". */
  what: string;
  columns: TableColumn<T>[];
  items?: T[];
  error?: Error;
  /** A request is under way. */
  loading: boolean;
  /** The view refreshes itself: a request under way does not cover the rows. */
  refreshingInBackground?: boolean;
  emptyTitle: string;
  emptyDescription: string;
  onRowClick?: (row: T) => void;
}) {
  const { items, error, loading, onRowClick } = props;
  if (error) {
    return (
      <ResponseErrorPanel
        error={error}
        title={couldNotLoad(props.what, error)}
      />
    );
  }
  if (!items) {
    return <Progress />;
  }
  if (items.length === 0 && !loading) {
    return (
      <EmptyState
        missing="data"
        title={props.emptyTitle}
        description={props.emptyDescription}
      />
    );
  }
  return (
    <Table<T>
      title={props.title}
      subtitle={props.subtitle}
      columns={props.columns}
      // material-table writes its own state into the rows it is given.
      data={items.map(item => ({ ...item }))}
      isLoading={loading && !props.refreshingInBackground}
      onRowClick={onRowClick && ((_event, row) => row && onRowClick(row))}
      options={LIST_TABLE_OPTIONS}
    />
  );
}
