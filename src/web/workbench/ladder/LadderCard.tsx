import {
  Button,
  Card,
  DatePicker,
  Descriptions,
  Form,
  Input,
  List,
  Modal,
  Space,
  Tag,
  Typography,
} from 'antd';
import type { Dayjs } from 'dayjs';
import { useCallback, useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api, showFieldErrors } from '../../api.ts';
import { PartySelect } from '../parties/PartySelect.tsx';
import { shanghaiTime } from '../problems/types.ts';
import { DeadlineCell } from './DeadlineCell.tsx';
import type { LadderView, Summons } from './types.ts';

/** The problem on the ladder: level, deadline and time left, escalation 上报 and the whistle 吹哨报到. */
export function LadderCard({ problemId, onChange }: { problemId: string; onChange(): void }) {
  const { t } = useTranslation('ladder');
  const [view, setView] = useState<LadderView | null>(null);
  const [dialog, setDialog] = useState<'escalate' | 'whistle' | null>(null);
  const load = useCallback(async () => {
    setView(await api<LadderView>(`/api/workbench/problems/${problemId}/ladder`));
  }, [problemId]);
  useEffect(() => {
    void load();
  }, [load]);
  if (!view) return null;
  const changed = (next: LadderView) => {
    setView(next);
    setDialog(null);
    onChange();
  };
  async function reportIn(summons: Summons) {
    await api(`/api/workbench/summons/${summons.id}/report-in`, { method: 'POST' });
    await load();
    onChange();
  }
  return (
    <Card size="small" title={t('title')} style={{ marginTop: 16 }} data-testid="ladder-card">
      <Descriptions size="small" column={1} bordered>
        <Descriptions.Item label={t('level')}>
          <Tag color="blue" data-testid="ladder-level">
            {t(`levels.${view.level}`)}
          </Tag>
        </Descriptions.Item>
        <Descriptions.Item label={t('deadline')}>
          <DeadlineCell deadlineAt={view.deadlineAt} provisional={view.deadlineProvisional} />
        </Descriptions.Item>
        {view.deadlineRule && (
          <Descriptions.Item label={t('timeLeft')}>
            {t('rule', { amount: view.deadlineRule.amount, unit: t(`ruleUnits.${view.deadlineRule.unit}`) })}
          </Descriptions.Item>
        )}
      </Descriptions>
      <Typography.Paragraph type="secondary" style={{ marginTop: 8 }}>
        {view.next
          ? `${t('next', { level: t(`levels.${view.next.level}`) })}${
              view.next.handlerName ? t('nextHandler', { name: view.next.handlerName }) : ''
            }`
          : t('top')}
      </Typography.Paragraph>
      <Space>
        {view.canEscalate && <Button onClick={() => setDialog('escalate')}>{t('escalate')}</Button>}
        {view.canWhistle && (
          <Button type="primary" danger onClick={() => setDialog('whistle')}>
            {t('whistle')}
          </Button>
        )}
      </Space>
      {view.whistles.map((w) => (
        <div key={w.id} style={{ marginTop: 12 }} data-testid="whistle">
          <Typography.Text strong>{t('whistles')}</Typography.Text>{' '}
          <Typography.Text type="secondary">
            {t('blownBy', {
              name: w.blownByName ?? '',
              at: shanghaiTime(w.blownAt),
              by: shanghaiTime(w.arriveBy),
            })}
          </Typography.Text>
          {w.note && <div>{w.note}</div>}
          <List
            size="small"
            dataSource={w.summons}
            renderItem={(s) => (
              <List.Item
                data-testid="summons"
                actions={
                  s.canReportIn
                    ? [
                        <Button key="in" size="small" onClick={() => void reportIn(s)}>
                          {t('reportIn')}
                        </Button>,
                      ]
                    : []
                }
              >
                <Space wrap>
                  <span>{s.partyName}</span>
                  {s.reportedInAt ? (
                    <>
                      <span>{t('reportedIn', { at: shanghaiTime(s.reportedInAt) })}</span>
                      <Tag color={s.onTime ? 'success' : 'red'}>{t(s.onTime ? 'onTime' : 'late')}</Tag>
                    </>
                  ) : (
                    <Tag>{t('waiting')}</Tag>
                  )}
                </Space>
              </List.Item>
            )}
          />
        </div>
      ))}
      <EscalateDialog
        open={dialog === 'escalate'}
        problemId={problemId}
        onCancel={() => setDialog(null)}
        onDone={changed}
      />
      <WhistleDialog
        open={dialog === 'whistle'}
        problemId={problemId}
        onCancel={() => setDialog(null)}
        onDone={changed}
      />
    </Card>
  );
}

type DialogProps = { open: boolean; problemId: string; onCancel(): void; onDone(view: LadderView): void };

function EscalateDialog({ open, problemId, onCancel, onDone }: DialogProps) {
  const { t } = useTranslation('ladder');
  const [form] = Form.useForm<{ reason: string }>();
  async function submit(values: { reason: string }) {
    try {
      onDone(await api<LadderView>(`/api/workbench/problems/${problemId}/escalate`, { body: values }));
      form.resetFields();
    } catch (error) {
      if (!showFieldErrors(form, error)) throw error;
    }
  }
  return (
    <Modal
      open={open}
      title={t('escalateTitle')}
      okText={t('confirm')}
      cancelText={t('cancel')}
      onOk={() => form.submit()}
      onCancel={onCancel}
      forceRender
    >
      <Form form={form} name="escalate" layout="vertical" onFinish={submit}>
        <Form.Item name="reason" label={t('reason')} rules={[{ required: true, message: t('reason') }]}>
          <Input.TextArea rows={3} maxLength={500} />
        </Form.Item>
      </Form>
    </Modal>
  );
}

function WhistleDialog({ open, problemId, onCancel, onDone }: DialogProps) {
  const { t } = useTranslation('ladder');
  const [form] = Form.useForm<{ partyIds: string[]; arriveBy: Dayjs; note?: string }>();
  async function submit(values: { partyIds: string[]; arriveBy: Dayjs; note?: string }) {
    try {
      const body = { ...values, arriveBy: values.arriveBy.toDate().toISOString() };
      onDone(await api<LadderView>(`/api/workbench/problems/${problemId}/whistle`, { body }));
      form.resetFields();
    } catch (error) {
      if (!showFieldErrors(form, error)) throw error;
    }
  }
  return (
    <Modal
      open={open}
      title={t('whistleTitle')}
      okText={t('confirm')}
      cancelText={t('cancel')}
      onOk={() => form.submit()}
      onCancel={onCancel}
      forceRender
    >
      <Form form={form} name="whistle" layout="vertical" onFinish={submit}>
        <Form.Item
          name="partyIds"
          label={t('departments')}
          rules={[{ required: true, message: t('departments') }]}
        >
          <PartySelect data-testid="whistle-parties" />
        </Form.Item>
        <Form.Item name="arriveBy" label={t('arriveBy')} rules={[{ required: true, message: t('arriveBy') }]}>
          <DatePicker showTime format="YYYY-MM-DD HH:mm" style={{ width: '100%' }} />
        </Form.Item>
        <Form.Item name="note" label={t('note')}>
          <Input maxLength={500} />
        </Form.Item>
      </Form>
    </Modal>
  );
}
