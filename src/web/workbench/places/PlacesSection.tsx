import { Card, Col, Empty, Row, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { useSearchParams } from 'react-router-dom';
import { PlacePanel } from './PlacePanel.tsx';
import { PlaceTree } from './PlaceTree.tsx';
import { usePlaceTree } from './usePlaceTree.ts';

/** The place tree on the left; the chosen place (kept in the address, ?place=…) on the right. */
export function PlacesSection() {
  const { t } = useTranslation('places');
  const [params, setParams] = useSearchParams();
  const selected = params.get('place');
  const tree = usePlaceTree();
  const open = (id: string) => setParams({ place: id });

  return (
    <>
      <Typography.Title level={2}>{t('menu')}</Typography.Title>
      <Row gutter={[16, 16]} wrap={false}>
        <Col flex="300px">
          <Card title={t('tree.title')} size="small">
            <PlaceTree tree={tree} selected={selected} onSelect={open} />
          </Card>
        </Col>
        <Col flex="auto" style={{ minWidth: 0 }}>
          {selected ? (
            <PlacePanel
              key={selected}
              id={selected}
              onOpen={open}
              onTreeChanged={(id) => void tree.reload(id)}
              onAncestors={(ids) => void tree.expandTo(ids)}
            />
          ) : (
            <Card>
              <Empty description={t('detail.choose')} />
            </Card>
          )}
        </Col>
      </Row>
    </>
  );
}
