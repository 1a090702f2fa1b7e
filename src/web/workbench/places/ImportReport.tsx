import { Alert, Space, Table, Tag } from 'antd';
import { useTranslation } from 'react-i18next';
import type { ImportPreviewView } from '../../../modules/household-imports/household-imports.schemas.ts';

type Issue = ImportPreviewView['issues'][number];
type Change = ImportPreviewView['changes'][number];

/** The preview's report: every problem by row and column (marked as an error in words, not colour alone), and the updates. */
export function ImportReport({ preview }: { preview: ImportPreviewView }) {
  const { t } = useTranslation('places');
  const nobody = t('import.nobody');

  return (
    <Space orientation="vertical" style={{ width: '100%' }}>
      {preview.issueCount > 0 ? (
        <Alert
          type="error"
          showIcon
          title={t('import.issuesTitle', { count: preview.issueCount })}
          description={
            preview.issues.length < preview.issueCount
              ? t('import.issuesMore', { shown: preview.issues.length })
              : undefined
          }
        />
      ) : (
        <Alert type="success" showIcon title={t('import.noIssues')} />
      )}
      {preview.issues.length > 0 && (
        <Table<Issue>
          size="small"
          rowKey={(i) => `${i.row}-${i.field}-${i.message}`}
          dataSource={preview.issues}
          pagination={{ pageSize: 20, hideOnSinglePage: true }}
          columns={[
            { key: 'row', title: t('import.row'), dataIndex: 'row', width: 70 },
            {
              key: 'column',
              title: t('import.column'),
              render: (_, i) => (i.field === 'file' ? t('import.fileLevel') : i.column || i.field),
            },
            { key: 'value', title: t('import.value'), dataIndex: 'value' },
            {
              key: 'problem',
              title: t('import.problem'),
              render: (_, i) => (
                <span>
                  <Tag color="error">{t('import.error')}</Tag>
                  {i.message}
                </span>
              ),
            },
          ]}
        />
      )}
      {preview.changes.length > 0 && (
        <Table<Change>
          size="small"
          title={() => t('import.changesTitle')}
          rowKey="row"
          dataSource={preview.changes}
          pagination={{ pageSize: 20, hideOnSinglePage: true }}
          columns={[
            { key: 'row', title: t('import.row'), dataIndex: 'row', width: 70 },
            {
              key: 'where',
              title: t('households.room'),
              render: (_, c) => [c.building, c.entrance, c.room].filter(Boolean).join(' '),
            },
            {
              key: 'change',
              title: t('import.change'),
              render: (_, c) => (
                <Space orientation="vertical" size={0}>
                  {c.area && <span>{t('import.areaChange', c.area)}</span>}
                  {c.owners && (
                    <span>
                      {t('import.ownerChange', {
                        from: c.owners.from.join('、') || nobody,
                        to: c.owners.to || nobody,
                      })}
                    </span>
                  )}
                </Space>
              ),
            },
          ]}
        />
      )}
    </Space>
  );
}
