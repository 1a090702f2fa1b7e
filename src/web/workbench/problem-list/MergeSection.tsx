import { Alert, Button, Card, Empty, Form, Input, List, Radio, Space, Table, Tag, Typography } from 'antd';
import { useCallback, useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router-dom';
import { categoryNames } from '../../../domain/matters/vocabulary.ts';
import { ApiError, api, showFieldErrors } from '../../api.ts';
import { usePreferences } from '../../shell/preferences.tsx';
import { shanghaiTime } from '../problems/types.ts';

type Member = {
  type: 'matter' | 'problem';
  id: string;
  title: string;
  text: string;
  category: keyof typeof categoryNames;
  state: string;
  placeName: string;
  voices: number;
  createdAt: string;
};
type Group = { place: string; kind: string | null; members: Member[]; reasons: string[] };
type Suggestions = { groups: Group[]; compared: { matters: number; problems: number } };

const keyOf = (m: Member) => `${m.type}:${m.id}`;

function GroupCard({ group, onMerged }: { group: Group; onMerged(problemId: string, told: number): void }) {
  const { t } = useTranslation('problemList');
  const { language } = usePreferences();
  const [form] = Form.useForm<{ target?: string; title?: string }>();
  const [selected, setSelected] = useState<string[]>(group.members.map(keyOf));
  const [error, setError] = useState<string | null>(null);
  const chosen = group.members.filter((m) => selected.includes(keyOf(m)));
  const problems = chosen.filter((m) => m.type === 'problem');
  const firstProblem = group.members.find((m) => m.type === 'problem');
  const firstMatter = group.members.find((m) => m.type === 'matter');

  async function merge(values: { target?: string; title?: string }) {
    setError(null);
    if (chosen.length < 2) {
      setError(t('chooseTwo'));
      return;
    }
    const target = problems.length > 0 ? (values.target ?? problems[0]!.id) : undefined;
    try {
      const result = await api<{ problemId: string; notified: number }>('/api/workbench/problem-list/merge', {
        body: {
          targetProblemId: target,
          title: target ? undefined : values.title,
          problemIds: problems.filter((p) => p.id !== target).map((p) => p.id),
          matterIds: chosen.filter((m) => m.type === 'matter').map((m) => m.id),
        },
      });
      onMerged(result.problemId, result.notified);
    } catch (e) {
      if (!showFieldErrors(form, e)) setError(e instanceof ApiError ? e.problem.title : String(e));
    }
  }

  return (
    <Card
      size="small"
      data-testid="merge-group"
      title={
        <Space wrap>
          <span>{group.place}</span>
          {group.kind && <Tag color="blue">{group.kind}</Tag>}
        </Space>
      }
      style={{ marginBottom: 16 }}
    >
      <List
        size="small"
        header={<Typography.Text strong>{t('why')}</Typography.Text>}
        dataSource={group.reasons}
        renderItem={(r) => <List.Item>{r}</List.Item>}
      />
      <Table<Member>
        size="small"
        rowKey={keyOf}
        pagination={false}
        dataSource={group.members}
        rowSelection={{ selectedRowKeys: selected, onChange: (keys) => setSelected(keys.map(String)) }}
        columns={[
          {
            title: t('type'),
            width: 90,
            render: (_, m) => <Tag>{m.type === 'problem' ? t('problems') : t('matters')}</Tag>,
          },
          {
            title: t('what'),
            render: (_, m) => (
              <Space direction="vertical" size={0}>
                {m.type === 'problem' ? <Link to={`/workbench/problems/${m.id}`}>{m.title}</Link> : m.title}
                <Typography.Text type="secondary">{m.text}</Typography.Text>
              </Space>
            ),
          },
          { title: t('place'), dataIndex: 'placeName', width: 140 },
          {
            title: t('category'),
            dataIndex: 'category',
            width: 100,
            render: (c: Member['category']) => categoryNames[c]?.[language],
          },
          { title: t('when'), dataIndex: 'createdAt', width: 160, render: shanghaiTime },
          { title: '', width: 90, render: (_, m) => t('voices', { count: m.voices }) },
        ]}
      />
      <Form
        form={form}
        layout="inline"
        style={{ marginTop: 12 }}
        onFinish={merge}
        initialValues={{ target: firstProblem?.id, title: firstMatter?.title }}
      >
        {problems.length > 0 ? (
          <Form.Item name="target" label={t('target')}>
            <Radio.Group options={problems.map((p) => ({ value: p.id, label: p.title }))} />
          </Form.Item>
        ) : (
          <Form.Item
            name="title"
            label={t('newTitle')}
            rules={[{ required: true, whitespace: true, message: t('newTitle') }]}
          >
            <Input maxLength={60} style={{ width: 260 }} />
          </Form.Item>
        )}
        <Form.Item>
          <Button type="primary" htmlType="submit">
            {t('merge')}
          </Button>
        </Form.Item>
      </Form>
      {error && <Alert type="error" title={error} showIcon style={{ marginTop: 8 }} />}
    </Card>
  );
}

/** Suggested merge groups over the open matters and problems of the worker's scope, with the reasons. */
export function MergeSection() {
  const { t } = useTranslation('problemList');
  const [data, setData] = useState<Suggestions | null>(null);
  const [done, setDone] = useState<{ problemId: string; told: number } | null>(null);
  const [refused, setRefused] = useState<string | null>(null);
  const load = useCallback(async () => {
    try {
      setData(await api<Suggestions>('/api/workbench/problem-list/suggestions'));
    } catch (e) {
      // Roles that do not triage (property staff, deputies) are told so instead of an empty page.
      setRefused(e instanceof ApiError ? e.problem.title : String(e));
    }
  }, []);
  useEffect(() => {
    void load();
  }, [load]);
  return (
    <>
      <Typography.Title level={2}>{t('mergeTitle')}</Typography.Title>
      <Typography.Paragraph type="secondary">{t('mergeIntro')}</Typography.Paragraph>
      {done && (
        <Alert
          type="success"
          showIcon
          closable
          style={{ marginBottom: 16 }}
          title={
            <Link to={`/workbench/problems/${done.problemId}`}>{t('merged', { count: done.told })}</Link>
          }
        />
      )}
      {refused && <Alert type="warning" showIcon title={refused} />}
      {data && (
        <Typography.Paragraph>
          {t('compared', { problems: data.compared.problems, matters: data.compared.matters })}
        </Typography.Paragraph>
      )}
      {data?.groups.length === 0 && <Empty description={t('noGroups')} />}
      {data?.groups.map((g) => (
        <GroupCard
          key={g.members.map(keyOf).join()}
          group={g}
          onMerged={(problemId, told) => {
            setDone({ problemId, told });
            void load();
          }}
        />
      ))}
    </>
  );
}
