import { Button, Popconfirm } from 'antd';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router-dom';
import { api } from '../../api.ts';

/** Splits one matter out of its problem into a problem of its own, then opens that problem. */
export function SplitButton({ matterId, disabled }: { matterId: string; disabled?: boolean }) {
  const { t } = useTranslation('problemList');
  const navigate = useNavigate();
  async function split() {
    const { problemId } = await api<{ problemId: string }>(
      `/api/workbench/problem-list/matters/${matterId}/split`,
      { method: 'POST' },
    );
    navigate(`/workbench/problems/${problemId}`);
  }
  return (
    <Popconfirm title={t('splitConfirm')} onConfirm={() => split()} okText={t('split')}>
      <Button size="small" disabled={disabled}>
        {t('split')}
      </Button>
    </Popconfirm>
  );
}
