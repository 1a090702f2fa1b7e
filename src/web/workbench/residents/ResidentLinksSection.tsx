import {
  Alert,
  App,
  Button,
  Flex,
  Popconfirm,
  Segmented,
  Space,
  Table,
  type TableProps,
  Typography,
} from 'antd';
import { useCallback, useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { LinkQueue, LinkStatus, QueueItem } from '../../../modules/residents/residents.schemas.ts';
import { ApiError, api } from '../../api.ts';
import { formatTime } from '../../resident/format.ts';
import { StatusTag } from '../../resident/readable.tsx';

type StatusFilter = LinkStatus | 'all';
type Query = {
  status: StatusFilter;
  sort: 'createdAt' | 'decidedAt';
  order: 'asc' | 'desc';
  page: number;
  pageSize: number;
};

function queuePath(query: Query) {
  const params = new URLSearchParams({
    sort: query.sort,
    order: query.order,
    page: String(query.page),
    pageSize: String(query.pageSize),
  });
  if (query.status !== 'all') params.set('status', query.status);
  return `/api/residents/household-links?${params}`;
}

function Contact({ name, phone }: { name: string | null; phone: string | null }) {
  return (
    <Space orientation="vertical" size={0}>
      <Typography.Text>{name ?? '—'}</Typography.Text>
      {phone && <Typography.Text type="secondary">{phone}</Typography.Text>}
    </Space>
  );
}

/** The queue of residents' household claims in the viewer's scope (workbench section "residents"). */
export function ResidentLinksSection() {
  const { t, i18n } = useTranslation('residents');
  const { message } = App.useApp();
  const [query, setQuery] = useState<Query>({
    status: 'pending',
    sort: 'createdAt',
    order: 'asc',
    page: 1,
    pageSize: 20,
  });
  const [data, setData] = useState<LinkQueue | null>(null);
  const [loading, setLoading] = useState(false);
  const [problem, setProblem] = useState<string | null>(null);
  const [deciding, setDeciding] = useState<string | null>(null);

  const failed = useCallback(
    (error: unknown) =>
      setProblem(error instanceof ApiError ? error.problem.title : t('translation:errors.unknown')),
    [t],
  );

  const load = useCallback(async () => {
    setLoading(true);
    try {
      setData(await api<LinkQueue>(queuePath(query)));
      setProblem(null);
    } catch (error) {
      failed(error);
    } finally {
      setLoading(false);
    }
  }, [query, failed]);
  useEffect(() => {
    void load();
  }, [load]);

  async function decide(item: QueueItem, decision: 'confirm' | 'refuse') {
    setDeciding(item.id);
    try {
      await api(`/api/residents/household-links/${item.id}/decision`, { body: { decision } });
      message.success(t(decision === 'confirm' ? 'confirmed' : 'refused'));
      await load();
    } catch (error) {
      failed(error);
    } finally {
      setDeciding(null);
    }
  }

  const sortOrder = (column: Query['sort']) =>
    query.sort === column ? (query.order === 'asc' ? 'ascend' : 'descend') : null;

  const columns: TableProps<QueueItem>['columns'] = [
    {
      key: 'createdAt',
      title: t('columns.createdAt'),
      dataIndex: 'createdAt',
      sorter: true,
      sortOrder: sortOrder('createdAt'),
      render: (value: string) => formatTime(value, i18n.language),
    },
    {
      key: 'resident',
      title: t('columns.resident'),
      render: (_, item) => <Contact {...item.resident} />,
    },
    { key: 'household', title: t('columns.household'), render: (_, item) => item.household.place },
    {
      key: 'owners',
      title: t('columns.owners'),
      render: (_, item) =>
        item.owners.length === 0 ? (
          <Typography.Text type="secondary">{t('noOwners')}</Typography.Text>
        ) : (
          <Space orientation="vertical" size={4}>
            {item.owners.map((owner, i) =>
              owner.kind === 'person' ? (
                // biome-ignore lint/suspicious/noArrayIndexKey: owners have no id of their own here
                <Contact key={i} name={owner.name} phone={owner.phone} />
              ) : (
                // biome-ignore lint/suspicious/noArrayIndexKey: owners have no id of their own here
                <Typography.Text key={i}>{owner.name}</Typography.Text>
              ),
            )}
          </Space>
        ),
    },
    {
      key: 'status',
      title: t('columns.status'),
      render: (_, item) => (
        <Space orientation="vertical" size={0}>
          <StatusTag status={item.status} label={t(`status.${item.status}`)} />
          {item.status !== 'pending' && (
            <Typography.Text type="secondary">{t(`via.${item.via}`)}</Typography.Text>
          )}
        </Space>
      ),
    },
    {
      key: 'decidedAt',
      title: t('columns.decidedAt'),
      dataIndex: 'decidedAt',
      sorter: true,
      sortOrder: sortOrder('decidedAt'),
      render: (value: string | null) => (value ? formatTime(value, i18n.language) : '—'),
    },
    {
      key: 'actions',
      title: t('columns.actions'),
      render: (_, item) =>
        item.canDecide && item.status === 'pending' ? (
          <Flex gap={8} wrap>
            <Button
              type="primary"
              size="small"
              autoInsertSpace={false}
              loading={deciding === item.id}
              aria-label={t('confirmLabel', { name: item.resident.name ?? '' })}
              onClick={() => void decide(item, 'confirm')}
            >
              {t('confirm')}
            </Button>
            <Popconfirm
              title={t('refuseQuestion')}
              okText={t('refuseOk')}
              cancelText={t('cancel')}
              okButtonProps={{ danger: true }}
              onConfirm={() => decide(item, 'refuse')}
            >
              <Button
                size="small"
                danger
                autoInsertSpace={false}
                aria-label={t('refuseLabel', { name: item.resident.name ?? '' })}
              >
                {t('refuse')}
              </Button>
            </Popconfirm>
          </Flex>
        ) : null,
    },
  ];

  const onChange: TableProps<QueueItem>['onChange'] = (pagination, _filters, sorter) => {
    const single = Array.isArray(sorter) ? sorter[0] : sorter;
    const sort = single?.columnKey === 'decidedAt' ? 'decidedAt' : 'createdAt';
    setQuery((q) => ({
      ...q,
      sort,
      order: single?.order === 'descend' ? 'desc' : 'asc',
      page: pagination.current ?? 1,
      pageSize: pagination.pageSize ?? q.pageSize,
    }));
  };

  const statuses: StatusFilter[] = ['pending', 'confirmed', 'rejected', 'all'];
  return (
    <>
      <Typography.Title level={2}>{t('title')}</Typography.Title>
      <Typography.Paragraph>{t('intro')}</Typography.Paragraph>
      {problem && <Alert type="error" title={problem} showIcon style={{ marginBottom: 16 }} />}
      {data?.items.some((item) => !item.unmasked) && (
        <Alert type="info" title={t('masked')} showIcon style={{ marginBottom: 16 }} />
      )}
      <Segmented
        aria-label={t('filter')}
        value={query.status}
        onChange={(status) => setQuery((q) => ({ ...q, status: status as StatusFilter, page: 1 }))}
        options={statuses.map((s) => ({ value: s, label: t(`status.${s}`) }))}
        style={{ marginBottom: 16 }}
      />
      <Table<QueueItem>
        rowKey="id"
        columns={columns}
        dataSource={data?.items ?? []}
        loading={loading}
        onChange={onChange}
        scroll={{ x: 900 }}
        pagination={{
          current: query.page,
          pageSize: query.pageSize,
          total: data?.total ?? 0,
          showSizeChanger: true,
          showTotal: (total) => t('total', { total }),
        }}
      />
    </>
  );
}
