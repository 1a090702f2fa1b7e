import { CloseOutlined } from '@ant-design/icons';
import {
  Alert,
  Button,
  Card,
  Empty,
  Form,
  Input,
  List,
  message,
  Select,
  Space,
  Spin,
  Tag,
  Typography,
} from 'antd';
import { useCallback, useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { GridList } from '../../../modules/places/grids.schemas.ts';
import type { PlaceView } from '../../../modules/places/places.schemas.ts';
import { ApiError, api, showFieldErrors } from '../../api.ts';

type Grid = GridList['grids'][number];
type Building = GridList['unassigned'][number];

/** The grids 网格 of a community with their buildings; the community office creates grids and moves buildings. */
export function GridsPanel({ community, canManage }: { community: PlaceView; canManage: boolean }) {
  const { t } = useTranslation('places');
  const [grids, setGrids] = useState<GridList | null>(null);
  const [problem, setProblem] = useState<string | null>(null);
  const [form] = Form.useForm<{ name: string }>();

  const load = useCallback(async () => {
    setGrids(await api<GridList>(`/api/places/${community.id}/grids`));
  }, [community.id]);

  useEffect(() => {
    void load();
  }, [load]);

  async function act(work: () => Promise<unknown>, done: string) {
    setProblem(null);
    try {
      await work();
      void message.success(done);
      await load();
    } catch (error) {
      setProblem(error instanceof ApiError ? error.problem.title : String(error));
    }
  }

  async function create({ name }: { name: string }) {
    try {
      await api(`/api/places/${community.id}/grids`, { body: { name } });
      form.resetFields();
      void message.success(t('grids.created'));
      await load();
    } catch (error) {
      if (!showFieldErrors(form, error))
        setProblem(error instanceof ApiError ? error.problem.title : String(error));
    }
  }

  if (!grids) return <Spin />;
  const every: (Building & { gridName?: string })[] = [
    ...grids.unassigned,
    ...grids.grids.flatMap((g) => g.buildings.map((b) => ({ ...b, gridName: g.name }))),
  ];

  const assignSelect = (grid: Grid) => (
    <Select<string>
      aria-label={t('grids.assignTo', { grid: grid.name })}
      placeholder={t('grids.assign')}
      style={{ width: 220 }}
      showSearch={{ optionFilterProp: 'label' }}
      value={null}
      onChange={(buildingId) =>
        void act(
          () => api(`/api/grids/${grid.id}/buildings/${buildingId}`, { method: 'PUT' }),
          t('grids.assigned'),
        )
      }
      options={every
        .filter((b) => !grid.buildings.some((own) => own.id === b.id))
        .map((b) => ({
          value: b.id,
          label: `${b.compoundName} ${b.name}${b.gridName ? `（${b.gridName}）` : ''}`,
        }))}
    />
  );

  return (
    <Space orientation="vertical" style={{ width: '100%' }}>
      {problem && <Alert type="error" title={problem} showIcon closable onClose={() => setProblem(null)} />}
      {canManage && (
        <Form form={form} layout="inline" onFinish={create}>
          <Form.Item name="name" label={t('grids.newGrid')} rules={[{ required: true, whitespace: true }]}>
            <Input maxLength={100} />
          </Form.Item>
          <Button type="primary" htmlType="submit">
            {t('grids.create')}
          </Button>
        </Form>
      )}
      {grids.grids.length === 0 && <Empty description={t('grids.empty')} />}
      {grids.grids.map((grid) => (
        <Card key={grid.id} size="small" title={grid.name} extra={canManage && assignSelect(grid)}>
          {grid.buildings.length === 0 ? (
            <Typography.Text type="secondary">{t('grids.noBuildings')}</Typography.Text>
          ) : (
            <Space wrap>
              {grid.buildings.map((b) => (
                <Tag key={b.id}>
                  {b.compoundName} {b.name}
                  {canManage && (
                    <Button
                      type="text"
                      size="small"
                      icon={<CloseOutlined />}
                      aria-label={t('grids.removeBuilding', { building: b.name })}
                      title={t('grids.removeBuilding', { building: b.name })}
                      onClick={() =>
                        void act(
                          () => api(`/api/grids/${grid.id}/buildings/${b.id}`, { method: 'DELETE' }),
                          t('grids.removed'),
                        )
                      }
                    />
                  )}
                </Tag>
              ))}
            </Space>
          )}
        </Card>
      ))}
      <Card size="small" title={t('grids.unassigned')}>
        {grids.unassigned.length === 0 ? (
          <Typography.Text type="secondary">{t('grids.allAssigned')}</Typography.Text>
        ) : (
          <List
            size="small"
            dataSource={grids.unassigned}
            renderItem={(b) => <List.Item key={b.id}>{`${b.compoundName} ${b.name}`}</List.Item>}
          />
        )}
      </Card>
    </Space>
  );
}
