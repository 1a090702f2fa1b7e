import type { TableProps } from 'antd';
import { useState } from 'react';
import { useFetched } from './useFetched.ts';

/** What every server-paged list asks besides its filters. */
export type ListQuery = { sort: string; order: 'asc' | 'desc'; page: number; pageSize: number };

type Page<Item> = { items: Item[]; total: number };

function queryString(query: ListQuery) {
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(query))
    if (value !== undefined && value !== '') params.set(key, String(value));
  return params.toString();
}

/**
 * A list the server filters, sorts and pages: the query as the screen sets it, the page the server
 * answers, and the table's props. A column's sort cleared goes back to the list's first order.
 */
export function useServerList<Q extends ListQuery, Item>(
  path: string,
  first: Q,
  rowKey: keyof Item & string = 'id' as keyof Item & string,
) {
  const [query, setQuery] = useState<Q>(first);
  const { data, loading, problem, reload } = useFetched<Page<Item>>(`${path}?${queryString(query)}`, {
    items: [],
    total: 0,
  });

  const onChange: TableProps<Item>['onChange'] = (pagination, _filters, sorter) => {
    const one = Array.isArray(sorter) ? sorter[0] : sorter;
    setQuery((q) => ({
      ...q,
      page: pagination.current ?? 1,
      pageSize: pagination.pageSize ?? first.pageSize,
      sort: one?.order ? String(one.field) : first.sort,
      order: one?.order ? (one.order === 'descend' ? 'desc' : 'asc') : first.order,
    }));
  };

  const tableProps = {
    rowKey,
    loading,
    dataSource: data.items,
    onChange,
    pagination: { current: query.page, pageSize: query.pageSize, total: data.total, showSizeChanger: true },
  } satisfies TableProps<Item>;

  return { query, setQuery, problem, reload, tableProps };
}
