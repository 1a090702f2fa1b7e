import { Alert, Empty, Spin, Tree, Typography } from 'antd';
import type { DataNode } from 'antd/es/tree';
import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import type { PlaceView } from '../../../modules/places/places.schemas.ts';
import type { usePlaceTree } from './usePlaceTree.ts';

type Props = {
  tree: ReturnType<typeof usePlaceTree>;
  selected: string | null;
  onSelect: (id: string) => void;
};

/** The places the user may see, their children loaded when a node is opened. Households are in the table. */
export function PlaceTree({ tree, selected, onSelect }: Props) {
  const { t } = useTranslation('places');

  const data = useMemo(() => {
    const toNode = (place: PlaceView): DataNode => {
      const loaded = tree.children[place.id];
      return {
        key: place.id,
        isLeaf: place.childCount === 0,
        title: (
          <span>
            {place.name}{' '}
            <Typography.Text type="secondary" style={{ fontSize: '0.85em' }}>
              {t(`kind.${place.kind}`)}
            </Typography.Text>
          </span>
        ),
        children: loaded?.map(toNode),
      };
    };
    return tree.roots?.map(toNode);
  }, [tree.roots, tree.children, t]);

  if (tree.failed && !data) return <Alert type="error" title={t('tree.loadFailed')} showIcon />;
  if (!data) return <Spin />;
  if (data.length === 0) return <Empty description={t('tree.empty')} />;
  return (
    <nav aria-label={t('tree.title')}>
      <Tree
        treeData={data}
        selectedKeys={selected ? [selected] : []}
        expandedKeys={tree.expanded}
        onExpand={(keys) => tree.setExpanded(keys.map(String))}
        loadData={async (node) => {
          if (!tree.children[String(node.key)]) await tree.load(String(node.key));
        }}
        onSelect={(keys) => {
          const [key] = keys;
          if (key !== undefined) onSelect(String(key));
        }}
        blockNode
      />
    </nav>
  );
}
