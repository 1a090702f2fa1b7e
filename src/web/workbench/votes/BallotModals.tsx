import { Alert, App, Checkbox, Flex, Form, Input, InputNumber, Modal, Radio, type UploadFile } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { QuestionDetail } from '../../../modules/votes/votes.schemas.ts';
import { api, showFieldErrors } from '../../api.ts';
import { MAX_PHOTOS, PhotoPicker, uploadChosen } from '../../shared/PhotoPicker.tsx';
import { problemText } from '../../shared/problem.ts';
import { isOwnersRule } from '../../votes/rule.ts';
import { VoterSelect } from './VoterSelect.tsx';

type Props = { question: QuestionDetail; open: boolean; onClose: () => void; onDone: () => void };

/**
 * Sends a form's request, built once its photos are uploaded; keeps what was typed and chosen, and puts the
 * server's field errors beside the fields (a refused photo beside the photos).
 */
function useSend<V>(onDone: () => void) {
  const { message } = App.useApp();
  const { t } = useTranslation('votes');
  const [form] = Form.useForm<V>();
  const [saving, setSaving] = useState(false);
  const [problem, setProblem] = useState<string | null>(null);
  const send = async (path: string, body: () => Promise<unknown>, headers?: Record<string, string>) => {
    setSaving(true);
    try {
      await api(path, { body: await body(), headers });
      void message.success(t('recorded'));
      form.resetFields();
      setProblem(null);
      onDone();
    } catch (error) {
      if (!showFieldErrors(form as never, error)) setProblem(problemText(error));
    } finally {
      setSaving(false);
    }
  };
  return { form, saving, problem, send };
}

/** The evidence's photos, uploaded one by one when the form is sent: the server strips their EXIF and GPS. */
function EvidencePhotos() {
  const { t } = useTranslation('votes');
  return (
    <Form.Item name="photoIds" label={t('photos', { max: MAX_PHOTOS })} initialValue={[]}>
      <PhotoPicker testId="evidence-photos" />
    </Form.Item>
  );
}

const evidenceOf = async (v: { evidence: { note: string }; photoIds?: UploadFile[] }) => ({
  note: v.evidence.note,
  photoIds: await uploadChosen(v.photoIds ?? []),
});

type AnswerValues = {
  householdId: string;
  choice: string;
  evidence: { note: string };
  /** The chosen photos; the server's refusal of one (field photoIds) shows beside them. */
  photoIds?: UploadFile[];
  byProxy?: boolean;
  proxyName?: string;
  proxyAuthority?: string;
};

export function RecordAnswerModal({ question, open, onClose, onDone }: Props) {
  const { t } = useTranslation('votes');
  const { form, saving, problem, send } = useSend<AnswerValues>(onDone);
  const byProxy = Form.useWatch('byProxy', form);
  return (
    <Modal
      open={open}
      title={t('recordTitle')}
      onCancel={onClose}
      onOk={() => form.submit()}
      okText={t('save')}
      cancelText={t('cancel')}
      confirmLoading={saving}
      forceRender
    >
      {problem && <Alert type="error" showIcon title={problem} style={{ marginBottom: 16 }} />}
      <Form<AnswerValues>
        form={form}
        layout="vertical"
        onFinish={(v) =>
          void send(`/api/workbench/votes/${question.id}/answers`, async () => ({
            householdId: v.householdId,
            choice: v.choice,
            evidence: await evidenceOf(v),
            ...(v.byProxy ? { proxy: { name: v.proxyName, authority: v.proxyAuthority } } : {}),
          }))
        }
      >
        <Form.Item
          name="householdId"
          label={t('household')}
          rules={[{ required: true, message: t('required') }]}
        >
          <VoterSelect questionId={question.id} status="all" />
        </Form.Item>
        <Form.Item name="choice" label={t('choice')} rules={[{ required: true, message: t('required') }]}>
          <Radio.Group options={question.options.map((o) => ({ value: o.key, label: o.label }))} />
        </Form.Item>
        <Form.Item
          name={['evidence', 'note']}
          label={t('note')}
          rules={[{ required: true, message: t('required') }]}
        >
          <Input.TextArea rows={2} maxLength={1000} />
        </Form.Item>
        <EvidencePhotos />
        <Form.Item name="byProxy" valuePropName="checked">
          <Checkbox>{t('proxy')}</Checkbox>
        </Form.Item>
        {byProxy && (
          <>
            <Form.Item
              name="proxyName"
              label={t('proxyName')}
              rules={[{ required: true, message: t('required') }]}
            >
              <Input maxLength={50} />
            </Form.Item>
            <Form.Item
              name="proxyAuthority"
              label={t('proxyAuthority')}
              rules={[{ required: true, message: t('required') }]}
            >
              <Input maxLength={200} />
            </Form.Item>
          </>
        )}
      </Form>
    </Modal>
  );
}

type RoundValues = {
  householdIds: string[];
  evidence: { note: string };
  photoIds?: UploadFile[];
} & Record<string, unknown>;

export function SealedRoundModal({ question, open, onClose, onDone }: Props) {
  const { t } = useTranslation('votes');
  const { form, saving, problem, send } = useSend<RoundValues>(onDone);
  const byArea = isOwnersRule(question.rule);
  return (
    <Modal
      open={open}
      title={t('roundTitle')}
      onCancel={onClose}
      onOk={() => form.submit()}
      okText={t('save')}
      cancelText={t('cancel')}
      confirmLoading={saving}
      width={640}
      forceRender
    >
      {problem && <Alert type="error" showIcon title={problem} style={{ marginBottom: 16 }} />}
      <Form<RoundValues>
        form={form}
        layout="vertical"
        onFinish={(v) =>
          void send(`/api/workbench/votes/${question.id}/rounds`, async () => ({
            householdIds: v.householdIds,
            totals: question.options.map((o) => ({
              key: o.key,
              heads: Number(v[`heads_${o.key}`] ?? 0),
              ...(byArea ? { areaCentiM2: Math.round(Number(v[`area_${o.key}`] ?? 0) * 100) } : {}),
            })),
            evidence: await evidenceOf(v),
          }))
        }
      >
        <Form.Item
          name="householdIds"
          label={t('roundHouseholds')}
          rules={[{ required: true, message: t('required') }]}
        >
          <VoterSelect questionId={question.id} status="pending" multiple />
        </Form.Item>
        <Form.Item name="totals" label={t('roundTotals')}>
          <Flex vertical gap={8}>
            {question.options.map((o) => (
              <Flex key={o.key} gap={8} align="center" wrap>
                <span style={{ width: 80 }}>{o.label}</span>
                <Form.Item name={`heads_${o.key}`} noStyle>
                  <InputNumber
                    min={0}
                    placeholder={t('roundHeads')}
                    aria-label={`${o.label} ${t('roundHeads')}`}
                  />
                </Form.Item>
                {byArea && (
                  <Form.Item name={`area_${o.key}`} noStyle>
                    <InputNumber
                      min={0}
                      precision={2}
                      placeholder={t('roundArea')}
                      aria-label={`${o.label} ${t('roundArea')}`}
                    />
                  </Form.Item>
                )}
              </Flex>
            ))}
          </Flex>
        </Form.Item>
        <Form.Item
          name={['evidence', 'note']}
          label={t('note')}
          rules={[{ required: true, message: t('required') }]}
        >
          <Input.TextArea rows={2} maxLength={1000} />
        </Form.Item>
        <EvidencePhotos />
      </Form>
    </Modal>
  );
}

type PlanValues = { totalYuan: number; rule: 'equal' | 'floorArea' };

export function CostPlanModal({ question, open, onClose, onDone }: Props) {
  const { t } = useTranslation('votes');
  const { form, saving, problem, send } = useSend<PlanValues>(onDone);
  return (
    <Modal
      open={open}
      title={t('costPlanTitle')}
      onCancel={onClose}
      onOk={() => form.submit()}
      okText={t('save')}
      cancelText={t('cancel')}
      confirmLoading={saving}
      forceRender
    >
      {problem && <Alert type="error" showIcon title={problem} style={{ marginBottom: 16 }} />}
      <Form<PlanValues>
        form={form}
        layout="vertical"
        initialValues={{ rule: 'floorArea' }}
        onFinish={(v) =>
          void send(`/api/workbench/votes/${question.id}/cost-plan`, async () => ({
            totalFen: Math.round(v.totalYuan * 100),
            rule: v.rule,
          }))
        }
      >
        <Form.Item
          name="totalYuan"
          label={t('totalYuan')}
          rules={[{ required: true, message: t('required') }]}
        >
          <InputNumber min={0.01} precision={2} style={{ width: 200 }} />
        </Form.Item>
        <Form.Item name="rule" label={t('shareRule')}>
          <Radio.Group
            options={(['equal', 'floorArea'] as const).map((r) => ({
              value: r,
              label: t(`shareRules.${r}`),
            }))}
          />
        </Form.Item>
      </Form>
    </Modal>
  );
}
