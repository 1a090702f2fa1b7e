import {
  Alert,
  App,
  Button,
  Card,
  Col,
  Descriptions,
  Flex,
  Input,
  Popconfirm,
  Row,
  Segmented,
  Spin,
  Table,
  Tag,
  Tooltip,
  Typography,
} from 'antd';
import { useCallback, useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate, useParams } from 'react-router-dom';
import type { QuestionDetail, VoterRow } from '../../../modules/votes/votes.schemas.ts';
import { api } from '../../api.ts';
import { formatDateTime } from '../../shared/format.ts';
import { Photos } from '../../shared/Photos.tsx';
import { problemText } from '../../shared/problem.ts';
import { HistoryButton } from '../../shared/RecordHistory.tsx';
import { isOwnersRule, m2, ruleText } from '../../votes/rule.ts';
import { TallyPanel } from '../../votes/TallyPanel.tsx';
import { CostPlanModal, RecordAnswerModal, SealedRoundModal } from './BallotModals.tsx';

type VoterQuery = { status: 'all' | 'answered' | 'pending'; label?: string; page: number; pageSize: number };

function Voters({ question, version }: { question: QuestionDetail; version: number }) {
  const { t } = useTranslation('votes');
  const [query, setQuery] = useState<VoterQuery>({ status: 'all', page: 1, pageSize: 20 });
  const [data, setData] = useState<{ items: VoterRow[]; total: number }>({ items: [], total: 0 });
  useEffect(() => {
    if (version < 0) return;
    const params = new URLSearchParams({
      status: query.status,
      page: String(query.page),
      pageSize: String(query.pageSize),
    });
    if (query.label) params.set('label', query.label);
    let current = true;
    api<{ items: VoterRow[]; total: number }>(`/api/workbench/votes/${question.id}/voters?${params}`)
      .then((page) => current && setData(page))
      .catch(() => current && setData({ items: [], total: 0 }));
    return () => {
      current = false;
    };
  }, [question.id, query, version]);
  const label = (k: string | null) => question.options.find((o) => o.key === k)?.label ?? '';
  return (
    <Card title={t('voters')}>
      <Flex gap={8} wrap style={{ marginBottom: 12 }}>
        <Segmented
          value={query.status}
          onChange={(status) => setQuery((q) => ({ ...q, status: status as VoterQuery['status'], page: 1 }))}
          options={(['all', 'answered', 'pending'] as const).map((s) => ({
            value: s,
            label: t(`votersFilter.${s}`),
          }))}
        />
        <Input.Search
          allowClear
          style={{ width: 220 }}
          aria-label={t('voterColumns.label')}
          placeholder={t('voterColumns.label')}
          onSearch={(l) => setQuery((q) => ({ ...q, label: l, page: 1 }))}
        />
      </Flex>
      <Table<VoterRow>
        rowKey="voterKey"
        size="small"
        dataSource={data.items}
        pagination={{
          current: query.page,
          pageSize: query.pageSize,
          total: data.total,
          onChange: (page, pageSize) => setQuery((q) => ({ ...q, page, pageSize })),
        }}
        columns={[
          { title: t('voterColumns.label'), dataIndex: 'label' },
          { title: t('voterColumns.area'), dataIndex: 'areaCentiM2', render: (a: number) => m2(a) },
          {
            title: t('voterColumns.status'),
            dataIndex: 'answered',
            render: (answered: boolean) => (
              <Tag color={answered ? '#237804' : 'default'}>
                {answered ? t('votersFilter.answered') : t('votersFilter.pending')}
              </Tag>
            ),
          },
          {
            title: t('voterColumns.channel'),
            dataIndex: 'channel',
            render: (c: VoterRow['channel'], v: VoterRow) =>
              c ? (
                <Tooltip
                  title={
                    [v.proxy ? `${v.proxy.name}（${v.proxy.authority}）` : '', v.evidence ?? '']
                      .filter(Boolean)
                      .join(' · ') || undefined
                  }
                >
                  <span>{t(`channels.${c}`)}</span>
                </Tooltip>
              ) : (
                ''
              ),
          },
          {
            title: t('voterColumns.photos'),
            dataIndex: 'photos',
            render: (photos: VoterRow['photos'], v: VoterRow) => (
              <Photos photos={photos} alt={`${v.label} ${t('photo')}`} size={40} />
            ),
          },
          ...(question.secret
            ? []
            : [
                {
                  title: t('voterColumns.choice'),
                  dataIndex: 'choice',
                  render: (c: string | null) => label(c),
                },
                { title: t('voterColumns.changes'), dataIndex: 'changes' },
              ]),
        ]}
      />
    </Card>
  );
}

export function VotePage() {
  const { t, i18n } = useTranslation('votes');
  const { message } = App.useApp();
  const { id = '' } = useParams();
  const navigate = useNavigate();
  const [question, setQuestion] = useState<QuestionDetail | null>(null);
  const [problem, setProblem] = useState<string | null>(null);
  const [version, setVersion] = useState(0);
  const [modal, setModal] = useState<'answer' | 'round' | 'plan' | null>(null);

  // The timer's refresh and the one after a recorded answer can cross on the wire: only the answer to
  // the latest request is shown, or an older tally would overwrite the newer one.
  const latest = useRef(0);
  const load = useCallback(async () => {
    const asked = ++latest.current;
    try {
      const answer = await api<QuestionDetail>(`/api/workbench/votes/${id}`);
      if (asked !== latest.current) return;
      setQuestion(answer);
      setProblem(null);
    } catch (error) {
      if (asked === latest.current) setProblem(problemText(error));
    }
  }, [id]);
  // A new version (after a recorded answer or round) asks the server again.
  useEffect(() => {
    if (version >= 0) void load();
  }, [load, version]);
  // The tally is live while answers come in: refresh it every few seconds.
  useEffect(() => {
    if (question?.phase !== 'open') return;
    const timer = setInterval(() => void load(), 4000);
    return () => clearInterval(timer);
  }, [question?.phase, load]);

  if (problem) return <Alert type="error" showIcon title={problem} />;
  if (!question) return <Spin />;
  const done = () => {
    setModal(null);
    setVersion((v) => v + 1);
  };
  const close = async () => {
    try {
      setQuestion(await api<QuestionDetail>(`/api/workbench/votes/${id}/close`, { method: 'POST' }));
      setVersion((v) => v + 1);
      void message.success(t('closed'));
    } catch (error) {
      void message.error(problemText(error));
    }
  };
  const open = question.phase === 'open';
  return (
    <Flex vertical gap={16}>
      <Button
        type="link"
        style={{ alignSelf: 'flex-start', padding: 0 }}
        onClick={() => navigate('/workbench/votes')}
      >
        {t('back')}
      </Button>
      <Typography.Title level={2} style={{ marginBottom: 0 }}>
        {question.title}
      </Typography.Title>
      <Flex gap={8} wrap>
        <Tag
          color={open ? '#0958d9' : question.phase === 'closed' ? '#237804' : 'default'}
          data-testid="phase"
        >
          {t(`phase.${question.phase}`)}
        </Tag>
        <Tag>{question.secret ? t('secret') : t('open')}</Tag>
        <Typography.Text type="secondary">
          {question.placeName} · {t('closesAt', { at: formatDateTime(question.closesAt, i18n.language) })}
        </Typography.Text>
      </Flex>
      <Typography.Paragraph style={{ whiteSpace: 'pre-wrap' }}>{question.body}</Typography.Paragraph>
      <Alert
        type="info"
        title={ruleText(question.rule, t)}
        description={`${question.secret ? t('secretNote') : t('openNote')} ${isOwnersRule(question.rule) ? t('ownersNote') : ''}`}
      />
      <Flex gap={8} wrap>
        {open && question.canRecord && !question.secret && (
          <Button onClick={() => setModal('answer')}>{t('record')}</Button>
        )}
        {open && question.canRecord && question.secret && (
          <Button onClick={() => setModal('round')}>{t('round')}</Button>
        )}
        {question.phase !== 'closed' && question.canManage && (
          <Popconfirm
            title={t('closeConfirm')}
            onConfirm={() => void close()}
            okText={t('confirmClose')}
            cancelText={t('cancel')}
          >
            <Button type="primary" danger>
              {t('close')}
            </Button>
          </Popconfirm>
        )}
        {question.phase === 'closed' && question.canManage && !question.costPlan && (
          <Button onClick={() => setModal('plan')}>{t('costPlan')}</Button>
        )}
        <Button onClick={() => void load()}>{t('refresh')}</Button>
        <HistoryButton
          record={{ entityType: 'vote_question', entityId: question.id }}
          name={question.title}
        />
      </Flex>
      <Row gutter={[16, 16]}>
        <Col xs={24} lg={12}>
          <Card title={t('tally')}>
            <TallyPanel tally={question.tally} byArea={isOwnersRule(question.rule)} />
          </Card>
        </Col>
        <Col xs={24} lg={12}>
          {question.certificate && (
            <Card title={t('certificate')} data-testid="certificate">
              <Descriptions column={1} size="small">
                <Descriptions.Item label={t('certificate')}>
                  <Tag color={question.certificate.passed ? '#237804' : 'default'}>
                    {question.certificate.passed ? t('passed') : t('failed')}
                  </Tag>
                  {question.certificate.winner && question.certificate.winner !== 'approve' && (
                    <Tag>
                      {t('winner', {
                        option:
                          question.options.find((o) => o.key === question.certificate?.winner)?.label ?? '',
                      })}
                    </Tag>
                  )}
                  {question.certificate.closedEarly && <Tag>{t('closedEarly')}</Tag>}
                </Descriptions.Item>
                <Descriptions.Item label={t('closedAt')}>
                  {formatDateTime(question.certificate.closedAt, i18n.language)}
                </Descriptions.Item>
                <Descriptions.Item label={t('digest')}>
                  <Typography.Text code copyable style={{ wordBreak: 'break-all' }}>
                    {question.certificate.digest}
                  </Typography.Text>
                </Descriptions.Item>
              </Descriptions>
            </Card>
          )}
          {question.costPlan && (
            <Card
              title={`${t('shares')} · ${t(`shareRules.${question.costPlan.rule}`)}`}
              style={{ marginTop: 16 }}
            >
              <Table
                rowKey="householdId"
                size="small"
                pagination={{ pageSize: 10 }}
                dataSource={question.costPlan.shares}
                columns={[
                  { title: t('household'), dataIndex: 'label' },
                  { title: t('amount'), dataIndex: 'amountFen', render: (f: number) => (f / 100).toFixed(2) },
                ]}
              />
            </Card>
          )}
        </Col>
      </Row>
      <Voters question={question} version={version} />
      <RecordAnswerModal
        question={question}
        open={modal === 'answer'}
        onClose={() => setModal(null)}
        onDone={done}
      />
      <SealedRoundModal
        question={question}
        open={modal === 'round'}
        onClose={() => setModal(null)}
        onDone={done}
      />
      <CostPlanModal
        question={question}
        open={modal === 'plan'}
        onClose={() => setModal(null)}
        onDone={done}
      />
    </Flex>
  );
}
