import { Alert, Breadcrumb, Button, Card, Descriptions, Space, Spin, Tabs, Typography } from 'antd';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { HistoryButton } from '../../shared/RecordHistory.tsx';
import { GridsPanel } from './GridsPanel.tsx';
import { HouseholdsTable } from './HouseholdsTable.tsx';
import { ImportWizard } from './ImportWizard.tsx';
import { PlaceFormModal } from './PlaceFormModal.tsx';
import { usePlaceDetail } from './usePlaceDetail.ts';

const householdKinds = ['community', 'compound', 'building', 'entrance'];

type Props = {
  id: string;
  onOpen(id: string): void;
  /** Something below this parent changed (null: the top places). */
  onTreeChanged(parentId: string | null): void;
  /** The visible ancestors of the place, root first, once known: the tree opens down to it. */
  onAncestors(ids: string[]): void;
};

/** The chosen place: where it sits, what it is, and its households, grids or import as its kind has them. */
export function PlacePanel({ id, onOpen, onTreeChanged, onAncestors }: Props) {
  const { t } = useTranslation('places');
  const { detail, error, reload } = usePlaceDetail(id);
  const [editing, setEditing] = useState<'create' | 'rename' | null>(null);
  const ancestorKey =
    detail?.ancestors
      .filter((a) => a.visible)
      .map((a) => a.id)
      .join() ?? '';

  // biome-ignore lint/correctness/useExhaustiveDependencies: once per place, not per render of the parent.
  useEffect(() => {
    if (ancestorKey) onAncestors(ancestorKey.split(','));
  }, [ancestorKey]);

  if (error) return <Alert type="error" title={error} showIcon />;
  if (!detail) return <Spin />;
  const { place, ancestors, allowed } = detail;

  const tabs = [];
  if (allowed.viewHouseholds && householdKinds.includes(place.kind))
    tabs.push({
      key: 'households',
      label: t('tabs.households'),
      children: <HouseholdsTable detail={detail} />,
    });
  if (place.kind === 'community')
    tabs.push({
      key: 'grids',
      label: t('tabs.grids'),
      children: <GridsPanel community={place} canManage={allowed.manageGrids} />,
    });
  if (place.kind === 'compound' && allowed.manage)
    tabs.push({
      key: 'import',
      label: t('tabs.import'),
      children: (
        <ImportWizard
          compound={place}
          onImported={() => {
            void reload();
            onTreeChanged(place.id);
          }}
        />
      ),
    });

  return (
    <Space orientation="vertical" size="middle" style={{ width: '100%' }}>
      <nav aria-label={t('detail.breadcrumb')}>
        <Breadcrumb
          items={[
            ...ancestors.map((a) => ({
              key: a.id,
              title: a.visible ? (
                <Typography.Link onClick={() => onOpen(a.id)}>{a.name}</Typography.Link>
              ) : (
                <span title={t('detail.notYours')}>{a.name}</span>
              ),
            })),
            { key: place.id, title: <span aria-current="page">{place.name}</span> },
          ]}
        />
      </nav>
      <Card
        title={
          <Typography.Title level={3} style={{ margin: 0 }}>
            {place.name}
          </Typography.Title>
        }
        extra={
          <Space>
            {detail.childKinds.length > 0 && (
              <Button type="primary" onClick={() => setEditing('create')}>
                {t('detail.addChild')}
              </Button>
            )}
            {allowed.manage && <Button onClick={() => setEditing('rename')}>{t('detail.rename')}</Button>}
            {allowed.manage && (
              <HistoryButton record={{ entityType: 'place', entityId: place.id }} name={place.name} />
            )}
          </Space>
        }
      >
        <Descriptions
          column={3}
          items={[
            { key: 'kind', label: t('detail.kind'), children: t(`kind.${place.kind}`) },
            { key: 'children', label: t('detail.children'), children: place.childCount },
          ]}
        />
      </Card>
      {tabs.length > 0 && (
        <Card>
          <Tabs items={tabs} destroyOnHidden />
        </Card>
      )}
      {editing === 'create' && (
        <PlaceFormModal
          mode="create"
          parent={place}
          kinds={detail.childKinds}
          onClose={() => setEditing(null)}
          onSaved={() => {
            setEditing(null);
            void reload();
            onTreeChanged(place.id);
          }}
        />
      )}
      {editing === 'rename' && (
        <PlaceFormModal
          mode="rename"
          place={place}
          onClose={() => setEditing(null)}
          onSaved={() => {
            setEditing(null);
            void reload();
            onTreeChanged(place.parentId);
          }}
        />
      )}
    </Space>
  );
}
