import { Alert, App, Button, Card, Empty, Flex, Radio, Spin, Tag, Typography } from 'antd';
import { useCallback, useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { OwnAnswer, ResidentQuestion } from '../../../modules/votes/votes.schemas.ts';
import { api } from '../../api.ts';
import { formatDateTime } from '../../shared/format.ts';
import { problemText } from '../../shared/problem.ts';
import { isOwnersRule, m2, ruleText } from '../../votes/rule.ts';
import { TallyPanel } from '../../votes/TallyPanel.tsx';

function QuestionCard({ question, onAnswered }: { question: ResidentQuestion; onAnswered: () => void }) {
  const { t, i18n } = useTranslation('votes');
  const { message } = App.useApp();
  const [choice, setChoice] = useState<string | undefined>(question.myChoice ?? undefined);
  const [sending, setSending] = useState(false);
  const [problem, setProblem] = useState<string | null>(null);
  // One key per answer: a retry after a lost response sends the same key and gets the first response back.
  const key = useRef<string | null>(null);
  const label = (k: string | null) => question.options.find((o) => o.key === k)?.label ?? '';
  const canAnswer = question.phase === 'open' && !(question.secret && question.answered);

  const send = async () => {
    if (!choice) return;
    key.current ??= crypto.randomUUID();
    setSending(true);
    try {
      await api<OwnAnswer>(`/api/votes/${question.id}/answer`, {
        body: { choice },
        headers: { 'idempotency-key': key.current },
      });
      key.current = null;
      setProblem(null);
      void message.success(t('sent'));
      onAnswered();
    } catch (error) {
      setProblem(problemText(error));
    } finally {
      setSending(false);
    }
  };

  return (
    <Card
      title={<span style={{ whiteSpace: 'normal' }}>{question.title}</span>}
      data-testid={`vote-${question.id}`}
    >
      <Flex vertical gap={12}>
        <Flex gap={8} wrap>
          <Tag color={question.phase === 'open' ? '#0958d9' : 'default'}>{t(`phase.${question.phase}`)}</Tag>
          <Tag>{question.secret ? t('secret') : t('open')}</Tag>
          <Typography.Text type="secondary">
            {t('closesAt', { at: formatDateTime(question.closesAt, i18n.language) })}
          </Typography.Text>
        </Flex>
        <Typography.Paragraph style={{ whiteSpace: 'pre-wrap', marginBottom: 0 }}>
          {question.body}
        </Typography.Paragraph>
        <Alert
          type="info"
          title={ruleText(question.rule, t)}
          description={question.secret ? t('secretNote') : t('openNote')}
        />
        <Typography.Text>
          {t('yourVoice', { label: question.voter.label, m2: m2(question.voter.areaCentiM2) })}
        </Typography.Text>
        {question.answered && (
          <Alert
            type="success"
            showIcon
            title={question.secret ? t('secretCast') : t('youChose', { option: label(question.myChoice) })}
          />
        )}
        {canAnswer && (
          <>
            <Radio.Group
              value={choice}
              onChange={(e) => {
                setChoice(e.target.value as string);
                key.current = null;
              }}
              aria-label={t('choice')}
            >
              <Flex vertical gap={8}>
                {question.options.map((o) => (
                  <Radio key={o.key} value={o.key} style={{ fontSize: '1.1em' }}>
                    {o.label}
                  </Radio>
                ))}
              </Flex>
            </Radio.Group>
            {problem && <Alert type="error" showIcon title={problem} />}
            <Button
              type="primary"
              size="large"
              block
              disabled={!choice}
              loading={sending}
              onClick={() => void send()}
            >
              {question.answered ? t('change') : t('submit')}
            </Button>
          </>
        )}
        <TallyPanel tally={question.tally} byArea={isOwnersRule(question.rule)} />
        {question.certificate && (
          <Typography.Text type="secondary">
            {t('certificate')}: {question.certificate.passed ? t('passed') : t('failed')} ·{' '}
            {formatDateTime(question.certificate.closedAt, i18n.language)}
          </Typography.Text>
        )}
      </Flex>
    </Card>
  );
}

/** The questions put to the resident's households, newest closing first. */
export function MyVotes() {
  const { t } = useTranslation('votes');
  const [questions, setQuestions] = useState<ResidentQuestion[] | null>(null);
  const [problem, setProblem] = useState<string | null>(null);
  const load = useCallback(async () => {
    try {
      setQuestions(await api<ResidentQuestion[]>('/api/votes/mine'));
      setProblem(null);
    } catch (error) {
      setProblem(problemText(error));
    }
  }, []);
  useEffect(() => {
    void load();
  }, [load]);
  if (problem) return <Alert type="error" showIcon title={problem} />;
  if (!questions) return <Spin />;
  if (questions.length === 0) return <Empty description={t('noVotes')} />;
  return (
    <Flex vertical gap={16}>
      {questions.map((q) => (
        <QuestionCard
          key={`${q.id}:${q.answered}:${q.myChoice}`}
          question={q}
          onAnswered={() => void load()}
        />
      ))}
    </Flex>
  );
}
